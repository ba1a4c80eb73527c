import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type {
  AttendanceCodesTable,
  AttendanceImportRowsTable,
  AttendanceImportsTable,
  AttendanceOverride,
  AttendanceSettingsTable,
  CheckinScansTable,
} from './attendance.tables.js';

/** The registration fields attendance needs (never the consent or answers). */
const REG_COLUMNS = [
  'registrations.id',
  'registrations.event_id',
  'registrations.ticket_code',
  'registrations.front_titles',
  'registrations.name',
  'registrations.back_titles',
  'registrations.institution',
  'registrations.email',
  'registrations.phone',
  'registrations.mode',
  'registrations.status',
  'registrations.source',
  'registrations.seat_id',
] as const;

export interface CheckInWrite {
  registrationId: string;
  eventId: string;
  at: number;
  userId: string | null;
  userName: string | null;
  device: string | null;
  method: string;
}

export const attendanceRepository = {
  registrationByTicket: (db: Db, ticketCode: string) =>
    db
      .selectFrom('registrations')
      .select(REG_COLUMNS)
      .where('ticket_code', '=', ticketCode)
      .executeTakeFirst(),

  registrationById: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('registrations')
      .select(REG_COLUMNS)
      .where('registrations.event_id', '=', eventId)
      .where('registrations.id', '=', id)
      .executeTakeFirst(),

  registrationsByTickets: (db: Db, codes: string[]) =>
    codes.length
      ? db.selectFrom('registrations').select(REG_COLUMNS).where('ticket_code', 'in', codes).execute()
      : Promise.resolve([]),

  registrationsByIds: (db: Db, eventId: string, ids: string[]) =>
    ids.length
      ? db
          .selectFrom('registrations')
          .select(REG_COLUMNS)
          .where('registrations.event_id', '=', eventId)
          .where('registrations.id', 'in', ids)
          .execute()
      : Promise.resolve([]),

  /**
   * The one arrival: inserts the attendance record, or fills in the hall arrival of an existing one,
   * only while the ticket is confirmed and not yet checked in. One statement, so two devices scanning
   * at the same instant get exactly one `true` on either engine (the row's primary key serializes them).
   */
  checkIn: async (db: Db, w: CheckInWrite): Promise<boolean> => {
    const now = Date.now();
    const r = await sql<{ registration_id: string }>`
      insert into attendance
        (registration_id, event_id, checked_in_at, checked_in_by, checked_in_by_name, checkin_device, checkin_method, join_count, updated_at)
      select r.id, r.event_id, cast(${w.at} as bigint), cast(${w.userId} as text), cast(${w.userName} as text),
             cast(${w.device} as text), cast(${w.method} as text), 0, cast(${now} as bigint)
      from registrations r
      where r.id = ${w.registrationId} and r.event_id = ${w.eventId} and r.status = 'confirmed'
      on conflict (registration_id) do update set
        checked_in_at = excluded.checked_in_at,
        checked_in_by = excluded.checked_in_by,
        checked_in_by_name = excluded.checked_in_by_name,
        checkin_device = excluded.checkin_device,
        checkin_method = excluded.checkin_method,
        override = null,
        updated_at = excluded.updated_at
      where attendance.checked_in_at is null
      returning registration_id`.execute(db);
    return r.rows.length === 1;
  },

  attendanceOf: (db: Db, registrationId: string) =>
    db.selectFrom('attendance').selectAll().where('registration_id', '=', registrationId).executeTakeFirst(),

  attendanceOfMany: (db: Db, ids: string[]) =>
    ids.length
      ? db.selectFrom('attendance').selectAll().where('registration_id', 'in', ids).execute()
      : Promise.resolve([]),

  findScan: (db: Db, eventId: string, scanId: string) =>
    db
      .selectFrom('checkin_scans')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('scan_id', '=', scanId)
      .executeTakeFirst(),

  findScans: (db: Db, eventId: string, scanIds: string[]) =>
    scanIds.length
      ? db
          .selectFrom('checkin_scans')
          .selectAll()
          .where('event_id', '=', eventId)
          .where('scan_id', 'in', scanIds)
          .execute()
      : Promise.resolve([]),

  /** A replayed scan id keeps its first answer: the first insert wins, later ones change nothing. */
  insertScan: (db: Db, row: Insertable<CheckinScansTable>) =>
    db
      .insertInto('checkin_scans')
      .values(row)
      .onConflict((oc) => oc.columns(['event_id', 'scan_id']).doNothing())
      .execute(),

  /** What a door device keeps offline: every ticket of the event with its state, nothing more. */
  roster: (db: Db, eventId: string) =>
    db
      .selectFrom('registrations')
      .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select([
        'registrations.id',
        'registrations.ticket_code',
        'registrations.front_titles',
        'registrations.name',
        'registrations.back_titles',
        'registrations.institution',
        'registrations.phone',
        'registrations.mode',
        'registrations.status',
        'registrations.seat_id',
        'attendance.checked_in_at',
        'attendance.checked_in_by_name',
      ])
      .where('registrations.event_id', '=', eventId)
      .orderBy('registrations.name')
      .execute(),

  search: (db: Db, eventId: string, q: { text: string; digits: string | null }) =>
    db
      .selectFrom('registrations')
      .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select([...REG_COLUMNS, 'attendance.checked_in_at', 'attendance.checked_in_by_name'])
      .where('registrations.event_id', '=', eventId)
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['registrations.name']), 'like', `%${q.text.toLowerCase()}%`),
          ...(q.digits ? [eb('registrations.phone', 'like', `%${q.digits}%`)] : []),
          eb(eb.fn('lower', ['registrations.email']), '=', q.text.toLowerCase()),
        ]),
      )
      .orderBy('registrations.name')
      .limit(20)
      .execute(),

  /** Records a join through the personal link: the first join time stays, the count grows. */
  recordJoin: async (db: Db, registrationId: string, eventId: string, at: number) => {
    await db
      .insertInto('attendance')
      .values({
        registration_id: registrationId,
        event_id: eventId,
        joined_at: at,
        last_joined_at: at,
        join_count: 1,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('registration_id').doUpdateSet((eb) => ({
          joined_at: eb.fn.coalesce('attendance.joined_at', eb.ref('excluded.joined_at')),
          last_joined_at: eb.ref('excluded.last_joined_at'),
          join_count: eb('attendance.join_count', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  },

  setReportMinutes: async (db: Db, eventId: string, registrationId: string, minutes: number) => {
    const now = Date.now();
    await db
      .insertInto('attendance')
      .values({
        registration_id: registrationId,
        event_id: eventId,
        report_minutes: minutes,
        join_count: 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('registration_id').doUpdateSet({ report_minutes: minutes, updated_at: now }),
      )
      .execute();
  },

  setOverride: async (
    db: Db,
    eventId: string,
    registrationId: string,
    override: AttendanceOverride | null,
  ) => {
    const now = Date.now();
    await db
      .insertInto('attendance')
      .values({
        registration_id: registrationId,
        event_id: eventId,
        override,
        join_count: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('registration_id').doUpdateSet({ override, updated_at: now }))
      .execute();
  },

  clearCheckIn: (db: Db, registrationId: string) =>
    db
      .updateTable('attendance')
      .set({
        checked_in_at: null,
        checked_in_by: null,
        checked_in_by_name: null,
        checkin_device: null,
        checkin_method: null,
        updated_at: Date.now(),
      })
      .where('registration_id', '=', registrationId)
      .execute(),

  audit: (
    db: Db,
    row: {
      id: string;
      eventId: string;
      actorId: string | null;
      action: string;
      target: string;
      reason: string | null;
      data: unknown;
    },
  ) =>
    db
      .insertInto('audit_log')
      .values({
        id: row.id,
        event_id: row.eventId,
        actor_user_id: row.actorId,
        action: row.action,
        target: row.target,
        reason: row.reason,
        data: JSON.stringify(row.data),
        at: Date.now(),
      })
      .execute(),

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

  // Settings ------------------------------------------------------------------------------------
  settings: (db: Db, eventId: string) =>
    db.selectFrom('attendance_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  saveSettings: (db: Db, row: AttendanceSettingsTable) =>
    db
      .insertInto('attendance_settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('event_id').doUpdateSet({
          online_rule: row.online_rule,
          min_codes: row.min_codes,
          min_percent: row.min_percent,
          code_window_minutes: row.code_window_minutes,
          updated_at: row.updated_at,
        }),
      )
      .execute(),

  // Attendance codes -----------------------------------------------------------------------------
  insertCode: (db: Db, row: Insertable<AttendanceCodesTable>) =>
    db.insertInto('attendance_codes').values(row).execute(),

  codes: (db: Db, eventId: string) =>
    db
      .selectFrom('attendance_codes')
      .leftJoin('attendance_code_entries', (j) =>
        j
          .onRef('attendance_code_entries.code_id', '=', 'attendance_codes.id')
          .onRef('attendance_code_entries.entered_at', '<=', 'attendance_codes.closes_at'),
      )
      .select((eb) => [
        'attendance_codes.id',
        'attendance_codes.code',
        'attendance_codes.label',
        'attendance_codes.agenda_item_id',
        'attendance_codes.opens_at',
        'attendance_codes.closes_at',
        'attendance_codes.created_at',
        eb.fn.count<number>('attendance_code_entries.registration_id').as('entries'),
      ])
      .where('attendance_codes.event_id', '=', eventId)
      .groupBy([
        'attendance_codes.id',
        'attendance_codes.code',
        'attendance_codes.label',
        'attendance_codes.agenda_item_id',
        'attendance_codes.opens_at',
        'attendance_codes.closes_at',
        'attendance_codes.created_at',
      ])
      .orderBy('attendance_codes.opens_at', 'desc')
      .execute(),

  codeById: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('attendance_codes')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),

  codeByValue: (db: Db, eventId: string, code: string) =>
    db
      .selectFrom('attendance_codes')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('code', '=', code)
      .executeTakeFirst(),

  closeCode: (db: Db, id: string, at: number) =>
    db
      .updateTable('attendance_codes')
      .set({ closes_at: at })
      .where('id', '=', id)
      .where('closes_at', '>', at)
      .execute(),

  /**
   * Records the entry only while the code's window is open and the ticket confirmed, in the same
   * statement: an entry that arrives after the window closes never counts, whatever the app checked before.
   */
  enterCode: async (db: Db, codeId: string, registrationId: string, at: number): Promise<boolean> => {
    const r = await sql<{ code_id: string }>`
      insert into attendance_code_entries (code_id, registration_id, event_id, entered_at)
      select c.id, r.id, c.event_id, cast(${at} as bigint)
      from attendance_codes c
      join registrations r on r.event_id = c.event_id
      where c.id = ${codeId} and r.id = ${registrationId} and r.status = 'confirmed'
        and c.opens_at <= ${at} and c.closes_at >= ${at}
      on conflict (code_id, registration_id) do nothing
      returning code_id`.execute(db);
    return r.rows.length === 1;
  },

  hasEntered: async (db: Db, codeId: string, registrationId: string) =>
    !!(await db
      .selectFrom('attendance_code_entries')
      .select('code_id')
      .where('code_id', '=', codeId)
      .where('registration_id', '=', registrationId)
      .executeTakeFirst()),

  codeEntriesOf: (db: Db, registrationId: string) =>
    db
      .selectFrom('attendance_code_entries')
      .innerJoin('attendance_codes', 'attendance_codes.id', 'attendance_code_entries.code_id')
      .select(['attendance_codes.code', 'attendance_codes.label', 'attendance_code_entries.entered_at'])
      .where('attendance_code_entries.registration_id', '=', registrationId)
      .whereRef('attendance_code_entries.entered_at', '<=', 'attendance_codes.closes_at')
      .orderBy('attendance_code_entries.entered_at')
      .execute(),

  openCodes: (db: Db, eventId: string, at: number) =>
    db
      .selectFrom('attendance_codes')
      .select(['id', 'label', 'opens_at', 'closes_at'])
      .where('event_id', '=', eventId)
      .where('opens_at', '<=', at)
      .where('closes_at', '>=', at)
      .execute(),

  // Presence --------------------------------------------------------------------------------------
  /** Every confirmed registration with what the presence rule needs. */
  presenceFacts: (db: Db, eventId: string) =>
    db
      .selectFrom('registrations')
      .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select((eb) => [
        'registrations.id',
        'registrations.mode',
        'attendance.checked_in_at',
        'attendance.joined_at',
        'attendance.report_minutes',
        'attendance.override',
        // An entry racing the close of its code is stored but never counted (entered after the window).
        eb
          .selectFrom('attendance_code_entries')
          .innerJoin('attendance_codes', 'attendance_codes.id', 'attendance_code_entries.code_id')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('attendance_code_entries.registration_id', '=', 'registrations.id')
          .whereRef('attendance_code_entries.entered_at', '<=', 'attendance_codes.closes_at')
          .as('codes'),
      ])
      .where('registrations.event_id', '=', eventId)
      .where('registrations.status', '=', 'confirmed')
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
    db
      .selectFrom('registrations')
      .select(['mode', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .groupBy('mode')
      .execute(),

  /** Everything the attendance table and the lists show, one row per registration. */
  attendanceList: (db: Db, eventId: string) =>
    db
      .selectFrom('registrations')
      .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select([
        ...REG_COLUMNS,
        'attendance.checked_in_at',
        'attendance.checked_in_by_name',
        'attendance.checkin_method',
        'attendance.joined_at',
        'attendance.join_count',
        'attendance.report_minutes',
        'attendance.override',
      ])
      .where('registrations.event_id', '=', eventId)
      .where('registrations.status', '=', 'confirmed')
      .orderBy('registrations.name')
      .execute(),

  eventPeople: (db: Db, eventId: string) =>
    db
      .selectFrom('people')
      .select(['id', 'front_titles', 'name', 'back_titles', 'position', 'institution', 'role', 'presence'])
      .where('event_id', '=', eventId)
      .orderBy('sort')
      .orderBy('created_at')
      .execute(),

  // Imports ---------------------------------------------------------------------------------------
  emailIndex: (db: Db, eventId: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'email', 'front_titles', 'name', 'back_titles', 'status', 'mode'])
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .execute(),

  saveImport: (
    db: Db,
    head: Insertable<AttendanceImportsTable>,
    rows: Insertable<AttendanceImportRowsTable>[],
  ) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto('attendance_imports').values(head).execute();
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('attendance_import_rows')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      // The person's minutes are the sum of their matched rows in this report (rejoins included).
      const totals = new Map<string, number>();
      for (const r of rows)
        if (r.registration_id)
          totals.set(r.registration_id, (totals.get(r.registration_id) ?? 0) + r.minutes);
      const now = Date.now();
      for (const [registrationId, minutes] of totals) {
        await trx
          .insertInto('attendance')
          .values({
            registration_id: registrationId,
            event_id: head.event_id,
            report_minutes: minutes,
            join_count: 0,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.column('registration_id').doUpdateSet({ report_minutes: minutes, updated_at: now }),
          )
          .execute();
      }
    }),

  imports: (db: Db, eventId: string) =>
    db
      .selectFrom('attendance_imports')
      .leftJoin('attendance_import_rows', 'attendance_import_rows.import_id', 'attendance_imports.id')
      .select((eb) => [
        'attendance_imports.id',
        'attendance_imports.source',
        'attendance_imports.filename',
        'attendance_imports.rows_total',
        'attendance_imports.created_at',
        eb.fn
          .sum<number>(
            eb.case().when('attendance_import_rows.status', '=', 'unmatched').then(1).else(0).end(),
          )
          .as('unmatched'),
      ])
      .where('attendance_imports.event_id', '=', eventId)
      .groupBy([
        'attendance_imports.id',
        'attendance_imports.source',
        'attendance_imports.filename',
        'attendance_imports.rows_total',
        'attendance_imports.created_at',
      ])
      .orderBy('attendance_imports.created_at', 'desc')
      .execute(),

  importById: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('attendance_imports')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),

  importRows: (db: Db, importId: string) =>
    db
      .selectFrom('attendance_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('row_no')
      .execute(),

  importRow: (db: Db, importId: string, rowId: string) =>
    db
      .selectFrom('attendance_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .where('id', '=', rowId)
      .executeTakeFirst(),

  /** Assigns (or ignores) one reviewed row and recomputes that person's minutes from every assigned row. */
  resolveImportRow: (
    db: Db,
    eventId: string,
    importId: string,
    rowId: string,
    registrationId: string | null,
    previous: string | null,
  ) =>
    db.transaction().execute(async (trx) => {
      await trx
        .updateTable('attendance_import_rows')
        .set({ registration_id: registrationId, status: registrationId ? 'assigned' : 'ignored' })
        .where('id', '=', rowId)
        .execute();
      const now = Date.now();
      for (const reg of [registrationId, previous]) {
        if (!reg) continue;
        const sum = await trx
          .selectFrom('attendance_import_rows')
          .select((eb) => eb.fn.sum<number>('minutes').as('m'))
          .where('import_id', '=', importId)
          .where('registration_id', '=', reg)
          .executeTakeFirst();
        const minutes = Number(sum?.m ?? 0);
        await trx
          .insertInto('attendance')
          .values({
            registration_id: reg,
            event_id: eventId,
            report_minutes: minutes,
            join_count: 0,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.column('registration_id').doUpdateSet({ report_minutes: minutes, updated_at: now }),
          )
          .execute();
      }
    }),
};

export type RegistrationLite = NonNullable<Awaited<ReturnType<typeof attendanceRepository.registrationById>>>;
