import { scrubAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';

const ERASED = '—';

/** What attendance keeps about a person: presence, codes entered, meeting-report rows and the audit about them. */
export const attendancePersonalRepository = {
  async copy(db: Db, eventId: string, registrationId: string, email: string | null) {
    const presence = await db
      .selectFrom('attendance')
      .select([
        'checked_in_at',
        'checkin_method',
        'joined_at',
        'last_joined_at',
        'join_count',
        'report_minutes',
        'override',
      ])
      .where('registration_id', '=', registrationId)
      .executeTakeFirst();
    const codes = await db
      .selectFrom('attendance_code_entries')
      .innerJoin('attendance_codes', 'attendance_codes.id', 'attendance_code_entries.code_id')
      .select(['attendance_codes.label', 'attendance_code_entries.entered_at'])
      .where('attendance_code_entries.registration_id', '=', registrationId)
      .execute();
    const scans = await db
      .selectFrom('checkin_scans')
      .select(['at', 'first'])
      .where('event_id', '=', eventId)
      .where('registration_id', '=', registrationId)
      .execute();
    const reportRows = await importRowsOf(db, eventId, [registrationId], email ? [email] : [])
      .innerJoin('attendance_imports', 'attendance_imports.id', 'attendance_import_rows.import_id')
      .select([
        'attendance_import_rows.id',
        'attendance_imports.source',
        'attendance_import_rows.name',
        'attendance_import_rows.email',
        'attendance_import_rows.minutes',
        'attendance_import_rows.status',
      ])
      .execute();
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'data', 'at'])
      .where('event_id', '=', eventId)
      .where('target', 'in', [registrationId, ...reportRows.map((r) => r.id)])
      .execute();
    return { presence: presence ?? null, codes, scans, reportRows, audit };
  },

  /** Blanks names and e-mails in report rows (matched to the people, or carrying their e-mail) and the audit. */
  async erase(db: Db, eventId: string, registrationIds: string[], emails: string[]) {
    if (!registrationIds.length) return;
    const rows = await importRowsOf(db, eventId, registrationIds, emails)
      .select('attendance_import_rows.id')
      .execute();
    const rowIds = rows.map((r) => r.id);
    if (rowIds.length) {
      await db
        .updateTable('attendance_import_rows')
        .set({ name: ERASED, email: null })
        .where('id', 'in', rowIds)
        .execute();
    }
    await scrubAudit(db, eventId, [...registrationIds, ...rowIds], ['name']);
  },
};

/** An event's report rows matched to these registrations or carrying one of these e-mails. */
const importRowsOf = (db: Db, eventId: string, registrationIds: string[], emails: string[]) =>
  db
    .selectFrom('attendance_import_rows')
    .where('attendance_import_rows.event_id', '=', eventId)
    .where((eb) =>
      eb.or([
        eb('attendance_import_rows.registration_id', 'in', registrationIds),
        ...(emails.length ? [eb('attendance_import_rows.email', 'in', emails)] : []),
      ]),
    );
