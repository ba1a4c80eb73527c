import type { EventRow } from '../events/index.js';
import type { CertificateRow } from './certificates.repository.js';
import type { CertificatesService } from './certificates.service.js';

/** A certificate as the organizer's API shows it: the public view plus links and bookkeeping. */
export function presentCertificate(
  svc: CertificatesService,
  c: CertificateRow,
  event: EventRow,
  locale: 'id' | 'en',
) {
  return {
    ...svc.present(c, event, locale),
    id: c.id,
    registrationId: c.registration_id,
    personId: c.person_id,
    override: c.override === 1,
    version: c.version,
    pdfUrl: `/api/v1/certificates/${c.code}/pdf?key=${c.download_key}`,
  };
}
