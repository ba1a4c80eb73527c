import type { PersonalDataPart } from '../registrations/index.js';
import { attendancePersonalRepository as repo } from './personal.repository.js';

/**
 * Attendance's part of "Data saya" and erasure: presence stays counted (the row is keyed by a registration that
 * no longer names anyone), while meeting-report rows and audit lines lose the names and e-mails they copied.
 */
export const attendancePersonalData: PersonalDataPart = {
  key: 'attendance',
  tables: {
    attendance: ['registration_id'],
    checkin_scans: ['registration_id'],
    checkin_walkins: ['registration_id'],
    attendance_code_entries: ['registration_id'],
    attendance_import_rows: ['registration_id', 'name', 'email'],
    audit_log: ['data'],
  },
  copy: (db, who) => repo.copy(db, who.eventId, who.registrationId, who.email),
  async erase(db, who) {
    const eventId = who[0]?.eventId;
    if (!eventId) return;
    await repo.erase(
      db,
      eventId,
      who.map((p) => p.registrationId),
      who.flatMap((p) => (p.email ? [p.email] : [])),
    );
  },
};
