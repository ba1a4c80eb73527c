import type { ExpressionBuilder } from 'kysely';
import { writeAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';
import type { AttendanceOverride } from './attendance.tables.js';
import { REG_COLUMNS } from './checkin/checkin.repository.js';

/** The event's confirmed registrations: the people attendance is about. */
export const confirmedRegistrations = (db: Db, eventId: string) =>
  db.selectFrom('registrations').where('event_id', '=', eventId).where('status', '=', 'confirmed');

/** A name search that ignores case on both engines (LIKE does on SQLite only); LIKE wildcards typed are dropped. */
const nameContains = (q: string) => (eb: ExpressionBuilder<DB, 'registrations'>) =>
  eb(eb.fn('lower', ['registrations.name']), 'like', `%${q.toLowerCase().replace(/[\\%_]/g, '')}%`);

/**
 * How many of the person's codes count, indexed by registration (one lookup per person): an entry racing
 * the close of its code is stored but never counted (entered after the window).
 */
const codesInTime = (eb: ExpressionBuilder<DB, 'registrations' | 'attendance'>) =>
  eb
    .selectFrom('attendance_code_entries')
    .innerJoin('attendance_codes', 'attendance_codes.id', 'attendance_code_entries.code_id')
    .select((e2) => e2.fn.countAll<number>().as('n'))
    .whereRef('attendance_code_entries.registration_id', '=', 'registrations.id')
    .whereRef('attendance_code_entries.entered_at', '<=', 'attendance_codes.closes_at')
    .as('codes');

/** The same people beside their attendance row, if they have one yet. */
const confirmedWithAttendance = (db: Db, eventId: string) =>
  db
    .selectFrom('registrations')
    .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
    .where('registrations.event_id', '=', eventId)
    .where('registrations.status', '=', 'confirmed');

/**
 * Sets some of a person's attendance fields: creates their row (no join yet) or, when it exists,
 * changes only those fields, so a report import and an organizer's correction never undo each other.
 */
export const writeRecord = (
  db: Db | Tx,
  eventId: string,
  registrationId: string,
  fields: { report_minutes: number } | { override: AttendanceOverride | null },
  at = Date.now(),
) =>
  db
    .insertInto('attendance')
    .values({ registration_id: registrationId, event_id: eventId, join_count: 0, ...fields, updated_at: at })
    .onConflict((oc) => oc.column('registration_id').doUpdateSet({ ...fields, updated_at: at }))
    .execute();

/** The per-person record as organizers see it: report minutes, corrections and their audit log, presence. */
export const recordsRepository = {
  setOverride: (db: Db | Tx, eventId: string, registrationId: string, override: AttendanceOverride | null) =>
    writeRecord(db, eventId, registrationId, { override }),

  audit: writeAudit,

  auditFor: (db: Db, eventId: string, limit = 100) =>
    db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select([
        'audit_log.id',
        'audit_log.action',
        'audit_log.target',
        'audit_log.reason',
        'audit_log.data',
        'audit_log.at',
        'users.name as actor_name',
      ])
      .where('audit_log.event_id', '=', eventId)
      .where('audit_log.action', 'like', 'attendance.%')
      .orderBy('audit_log.at', 'desc')
      .limit(limit)
      .execute(),

  // Presence --------------------------------------------------------------------------------------
  /** Every confirmed registration with what the presence rule needs. */
  presenceFacts: (db: Db, eventId: string) =>
    confirmedWithAttendance(db, eventId)
      .select((eb) => [
        'registrations.id',
        'registrations.mode',
        'attendance.checked_in_at',
        'attendance.joined_at',
        'attendance.report_minutes',
        'attendance.override',
        codesInTime(eb),
      ])
      .execute(),

  /**
   * Some registrations' presence facts, from their own rows only (the attendance primary key and the code
   * entries by registration, indexed): a participant's request, or one page of the organizer's table, costs
   * the same in an event of 100 or of 20,000. Only confirmed registrations of this event, as in `presenceFacts`.
   */
  presenceFactsOf: (db: Db, eventId: string, registrationIds: string[]) =>
    registrationIds.length === 0
      ? Promise.resolve([])
      : confirmedWithAttendance(db, eventId)
          .where('registrations.id', 'in', registrationIds)
          .select((eb) => [
            'registrations.id',
            'registrations.mode',
            'attendance.checked_in_at',
            'attendance.joined_at',
            'attendance.report_minutes',
            'attendance.override',
            codesInTime(eb),
          ])
          .execute(),

  arrivals: (db: Db, eventId: string) =>
    db
      .selectFrom('attendance')
      .innerJoin('registrations', 'registrations.id', 'attendance.registration_id')
      .select('attendance.checked_in_at')
      .where('attendance.event_id', '=', eventId)
      .where('attendance.checked_in_at', 'is not', null)
      .where('registrations.status', '=', 'confirmed')
      .orderBy('attendance.checked_in_at')
      .execute(),

  expected: (db: Db, eventId: string) =>
    confirmedRegistrations(db, eventId)
      .select(['mode', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('mode')
      .execute(),

  /**
   * Everything the attendance table and the lists show, one row per registration; with `page`, only the
   * people whose name contains `q` (any case), `limit` of them from `offset`, in the same order.
   */
  attendanceList: (db: Db, eventId: string, page?: { q: string; offset: number; limit: number }) =>
    confirmedWithAttendance(db, eventId)
      .$if(!!page?.q, (qb) => qb.where(nameContains(page!.q)))
      .$if(!!page, (qb) => qb.limit(page!.limit).offset(page!.offset))
      .select((eb) => [
        ...REG_COLUMNS,
        codesInTime(eb),
        'attendance.checked_in_at',
        'attendance.checked_in_by_name',
        'attendance.checkin_method',
        'attendance.checkin_clock_skew',
        'attendance.joined_at',
        'attendance.join_count',
        'attendance.report_minutes',
        'attendance.override',
      ])
      .orderBy('registrations.name')
      .orderBy('registrations.id')
      .execute(),

  /** How many rows `attendanceList` has in all for this search. */
  attendanceCount: async (db: Db, eventId: string, q: string) =>
    Number(
      (
        await confirmedRegistrations(db, eventId)
          .$if(!!q, (qb) => qb.where(nameContains(q)))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),

  eventPeople: (db: Db, eventId: string) =>
    db
      .selectFrom('people')
      .select(['id', 'front_titles', 'name', 'back_titles', 'position', 'institution', 'role', 'presence'])
      .where('event_id', '=', eventId)
      .orderBy('sort')
      .orderBy('created_at')
      .execute(),
};
