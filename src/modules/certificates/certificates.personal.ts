import type { PersonalDataPart } from '../registrations/index.js';
import { certificatesRepository as repo } from './certificates.repository.js';
import { certificatesPersonalRepository as personal } from './personal.repository.js';

/**
 * Certificates' part of "Data saya" and erasure: the number stays taken (numbers are never reused), but the
 * certificate no longer names anyone and no longer verifies as valid.
 */
export const certificatesPersonalData: PersonalDataPart = {
  key: 'certificates',
  tables: {
    certificates: ['registration_id', 'front_titles', 'name', 'back_titles', 'email'],
    audit_log: ['data'],
  },
  copy: (db, who) => personal.copy(db, who.eventId, who.registrationId),
  async erase(db, who, now) {
    const ids = who.map((p) => p.registrationId);
    const eventId = who[0]?.eventId;
    if (!eventId) return;
    await personal.forgetAudit(db, eventId, ids);
    await repo.forgetRecipients(db, ids, now);
  },
};
