export { certificatesPersonalData } from './certificates.personal.js';
export { certificatesPlugin } from './certificates.plugin.js';
export { CERT_ROLES, type CertRole, ROLE_LABELS } from './certificates.schemas.js';
export { type CertificatesService, createCertificatesService } from './certificates.service.js';
export { drawWith, type Face, face } from './pdf/face.js';
