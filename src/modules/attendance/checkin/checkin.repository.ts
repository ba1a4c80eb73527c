import { type Insertable, sql } from 'kysely';
import { writeAudit } from '../../../db/audit.js';
import type { Db } from '../../../db/database.js';
import { prepared } from '../../../db/prepared.js';
import type { CheckinScansTable, CheckinWalkinsTable } from '../attendance.tables.js';

// Every online ticket's page reads its attendance row: compiled once (src/db/prepared.ts).
const attendanceByRegistration = prepared((db, registrationId: string) =>
  db.selectFrom('attendance').selectAll().where('registration_id', '=', registrationId),
);

// The door: ticket lookups, the one arrival, scans a device sent, walk-ins by their device id, and what
// the door device keeps offline.

/** The registration fields attendance needs (never the consent or answers). */
export const REG_COLUMNS = [
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
  /** Device clock minus server clock when it sent the scan (ms), or null when unknown. */
  clockSkew: number | null;
}

export const checkinRepository = {
  /** An arrival recorded outside the window, with the staff member's reason. */
  audit: writeAudit,

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

  /** A walk-in's ticket, for the door to hand over as a QR code (source and age decide whether it may). */
  walkInTicket: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('registrations')
      .select(['ticket_code', 'source', 'status', 'created_at'])
      .where('event_id', '=', eventId)
      .where('id', '=', id)
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
        (registration_id, event_id, checked_in_at, checked_in_by, checked_in_by_name, checkin_device, checkin_method,
         checkin_clock_skew, join_count, updated_at)
      select r.id, r.event_id, cast(${w.at} as bigint), cast(${w.userId} as text), cast(${w.userName} as text),
             cast(${w.device} as text), cast(${w.method} as text), cast(${w.clockSkew} as bigint), 0,
             cast(${now} as bigint)
      from registrations r
      where r.id = ${w.registrationId} and r.event_id = ${w.eventId} and r.status = 'confirmed'
      on conflict (registration_id) do update set
        checked_in_at = excluded.checked_in_at,
        checked_in_by = excluded.checked_in_by,
        checked_in_by_name = excluded.checked_in_by_name,
        checkin_device = excluded.checkin_device,
        checkin_method = excluded.checkin_method,
        checkin_clock_skew = excluded.checkin_clock_skew,
        override = null,
        updated_at = excluded.updated_at
      where attendance.checked_in_at is null
      returning registration_id`.execute(db);
    return r.rows.length === 1;
  },

  attendanceOf: (db: Db, registrationId: string) => attendanceByRegistration.first(db, registrationId),

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

  /** What door search matches against, for every registration of the event (kept a few seconds in memory). */
  searchIndex: (db: Db, eventId: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'name', 'front_titles', 'back_titles', 'phone', 'email', 'ticket_code'])
      .where('event_id', '=', eventId)
      .execute(),

  /** The people a search found, as the door shows them (with their arrival, if any). */
  searchRows: (db: Db, eventId: string, ids: string[]) =>
    ids.length
      ? db
          .selectFrom('registrations')
          .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
          .select([...REG_COLUMNS, 'attendance.checked_in_at', 'attendance.checked_in_by_name'])
          .where('registrations.event_id', '=', eventId)
          .where('registrations.id', 'in', ids)
          .execute()
      : Promise.resolve([]),

  clearCheckIn: (db: Db, registrationId: string) =>
    db
      .updateTable('attendance')
      .set({
        checked_in_at: null,
        checked_in_by: null,
        checked_in_by_name: null,
        checkin_device: null,
        checkin_method: null,
        checkin_clock_skew: null,
        updated_at: Date.now(),
      })
      .where('registration_id', '=', registrationId)
      .execute(),

  /**
   * Claims a walk-in id for this request: exactly one of any number of racing or replayed requests gets
   * `true` (the primary key decides), and only that one registers the person.
   */
  claimWalkIn: async (db: Db, eventId: string, walkinId: string, at: number): Promise<boolean> => {
    const r = await db
      .insertInto('checkin_walkins')
      .values({ event_id: eventId, walkin_id: walkinId, outcome: 'pending', claimed_at: at })
      .onConflict((oc) => oc.columns(['event_id', 'walkin_id']).doNothing())
      .returning('walkin_id')
      .execute();
    return r.length === 1;
  },

  /** Takes over a claim whose request died before finishing (only if nobody else took it since). */
  reclaimWalkIn: async (db: Db, eventId: string, walkinId: string, staleAt: number, at: number) =>
    (
      await db
        .updateTable('checkin_walkins')
        .set({ claimed_at: at })
        .where('event_id', '=', eventId)
        .where('walkin_id', '=', walkinId)
        .where('outcome', '=', 'pending')
        .where('claimed_at', '=', staleAt)
        .returning('walkin_id')
        .execute()
    ).length === 1,

  findWalkIn: (db: Db, eventId: string, walkinId: string) =>
    db
      .selectFrom('checkin_walkins')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('walkin_id', '=', walkinId)
      .executeTakeFirst(),

  finishWalkIn: (
    db: Db,
    eventId: string,
    walkinId: string,
    done: { outcome: Exclude<CheckinWalkinsTable['outcome'], 'pending'>; registrationId: string | null },
  ) =>
    db
      .updateTable('checkin_walkins')
      .set({ outcome: done.outcome, registration_id: done.registrationId, done_at: Date.now() })
      .where('event_id', '=', eventId)
      .where('walkin_id', '=', walkinId)
      .execute(),

  /** A claim whose request failed on bad input: freed, so a corrected retry with the same id can go. */
  releaseWalkIn: (db: Db, eventId: string, walkinId: string) =>
    db
      .deleteFrom('checkin_walkins')
      .where('event_id', '=', eventId)
      .where('walkin_id', '=', walkinId)
      .where('outcome', '=', 'pending')
      .execute(),
};

export type RegistrationLite = NonNullable<Awaited<ReturnType<typeof checkinRepository.registrationById>>>;
