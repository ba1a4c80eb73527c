export { certificatesRoutes } from './certificates.routes.js';
export { CERT_ROLES, ROLE_LABELS } from './certificates.schemas.js';
export { type CertificatesService, createCertificatesService } from './certificates.service.js';
export type { CertRole } from './certificates.tables.js';
export { drawWith, type Face, face } from './pdf/face.js';
export { type CertData, prepareTemplate, renderCertificate } from './pdf/render.js';

import type { Db } from '../../db/database.js';
import { certificatesRepository } from './certificates.repository.js';

/** The event's certificates, oldest first (for the activity report's appendix). */
export const issuedCertificates = (db: Db, eventId: string) => certificatesRepository.forEvent(db, eventId);
