import { type Insertable, sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { prepared } from '../../../db/prepared.js';
import { upsert } from '../../../db/upsert.js';
import type { AttendanceCodesTable, AttendanceSettingsTable } from '../attendance.tables.js';

/** What the console shows of a code, beside its count of entries (grouped by all of them). */
const CODE_COLUMNS = [
  'attendance_codes.id',
  'attendance_codes.code',
  'attendance_codes.label',
  'attendance_codes.agenda_item_id',
  'attendance_codes.opens_at',
  'attendance_codes.closes_at',
  'attendance_codes.created_at',
] as const;

// The two look-ups of every online ticket's page, compiled once (src/db/prepared.ts).
const codeEntries = prepared((db, registrationId: string) =>
  db
    .selectFrom('attendance_code_entries')
    .innerJoin('attendance_codes', 'attendance_codes.id', 'attendance_code_entries.code_id')
    .select(['attendance_codes.code', 'attendance_codes.label', 'attendance_code_entries.entered_at'])
    .where('attendance_code_entries.registration_id', '=', registrationId)
    .whereRef('attendance_code_entries.entered_at', '<=', 'attendance_codes.closes_at')
    .orderBy('attendance_code_entries.entered_at'),
);
const openCodesAt = prepared((db, eventId: string, at: number) =>
  db
    .selectFrom('attendance_codes')
    .select(['id', 'label', 'opens_at', 'closes_at'])
    .where('event_id', '=', eventId)
    .where('opens_at', '<=', at)
    .where('closes_at', '>=', at),
);

/** Online presence: joins through the personal link, the presence settings and attendance codes. */
export const onlineRepository = {
  countCodes: async (db: Db, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('attendance_codes')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** Every code's window by `ms`, when the event's start moves (codes planned for moments of its rundown). */
  shiftCodes: (db: Db, eventId: string, ms: number) =>
    db
      .updateTable('attendance_codes')
      .set((eb) => ({ opens_at: eb('opens_at', '+', ms), closes_at: eb('closes_at', '+', ms) }))
      .where('event_id', '=', eventId)
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

  // Settings ------------------------------------------------------------------------------------
  settings: (db: Db, eventId: string) =>
    db.selectFrom('attendance_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  saveSettings: (db: Db, row: AttendanceSettingsTable) =>
    upsert(db, 'attendance_settings', row, ['event_id']),

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
        ...CODE_COLUMNS,
        eb.fn.count<number>('attendance_code_entries.registration_id').as('entries'),
      ])
      .where('attendance_codes.event_id', '=', eventId)
      .groupBy(CODE_COLUMNS)
      .orderBy('attendance_codes.opens_at', 'desc')
      .execute(),

  /** One of the event's codes, by its id or by the value participants type. */
  code: (db: Db, eventId: string, by: { id: string } | { code: string }) =>
    db
      .selectFrom('attendance_codes')
      .selectAll()
      .where('event_id', '=', eventId)
      .where((eb) => eb.and(by))
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

  codeEntriesOf: (db: Db, registrationId: string) => codeEntries.all(db, registrationId),

  openCodes: (db: Db, eventId: string, at: number) => openCodesAt.all(db, eventId, at),

  /** Every code of an event with its window (a few dozen at most): kept per event by the service. */
  codeWindows: (db: Db, eventId: string) =>
    db
      .selectFrom('attendance_codes')
      .select(['id', 'label', 'opens_at', 'closes_at'])
      .where('event_id', '=', eventId)
      .execute(),
};
