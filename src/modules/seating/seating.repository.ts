import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tx as Transaction } from '../../db/transaction.js';
import { upsert } from '../../db/upsert.js';
import type { SeatPlansTable, SeatsTable } from './seating.tables.js';

type Tx = Db | Transaction;
export type SeatPlanRow = Selectable<SeatPlansTable>;
export type SeatRow = Selectable<SeatsTable>;

/** Active registrations hold their seat; cancelled ones give it back (their seat_id is cleared). */
const ACTIVE = ['confirmed', 'pending', 'waitlisted'] as const;

export const seatingRepository = {
  getPlan: (db: Tx, eventId: string) =>
    db.selectFrom('seat_plans').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  listSeats: (db: Tx, eventId: string) =>
    db
      .selectFrom('seats')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('row_no')
      .orderBy('col_no')
      .execute(),

  findSeat: (db: Tx, eventId: string, label: string) =>
    db
      .selectFrom('seats')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('label', '=', label)
      .executeTakeFirst(),

  async replacePlan(db: Tx, plan: SeatPlanRow, seats: SeatRow[]) {
    await db.deleteFrom('seats').where('event_id', '=', plan.event_id).execute();
    for (let i = 0; i < seats.length; i += 200) {
      await db
        .insertInto('seats')
        .values(seats.slice(i, i + 200))
        .execute();
    }
    await upsert(db, 'seat_plans', plan, ['event_id']);
  },

  async deletePlan(db: Tx, eventId: string) {
    await db.updateTable('registrations').set({ seat_id: null }).where('event_id', '=', eventId).execute();
    await db.updateTable('invitations').set({ seat_id: null }).where('event_id', '=', eventId).execute();
    await db.deleteFrom('seats').where('event_id', '=', eventId).execute();
    await db.deleteFrom('seat_plans').where('event_id', '=', eventId).execute();
  },

  /**
   * Takes the hall's counter row lock (creating the row if needed). Every change of who sits where and
   * every hall confirmation goes through this row first, so on PostgreSQL they run one after another.
   */
  async lockHall(db: Tx, eventId: string) {
    await db
      .insertInto('registration_counters')
      .values({ event_id: eventId, mode: 'onsite', taken: 0 })
      .onConflict((oc) => oc.columns(['event_id', 'mode']).doNothing())
      .execute();
    await db
      .updateTable('registration_counters')
      .set((eb) => ({ taken: eb.ref('taken') }))
      .where('event_id', '=', eventId)
      .where('mode', '=', 'onsite')
      .execute();
  },

  /** Seats held by active registrations, with the holder's name for the map. */
  occupants: (db: Tx, eventId: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'seat_id', 'front_titles', 'name', 'back_titles', 'source', 'status'])
      .where('event_id', '=', eventId)
      .where('seat_id', 'is not', null)
      .where('status', 'in', ACTIVE)
      .execute(),

  invitationSeats: (db: Tx, eventId: string) =>
    db
      .selectFrom('invitations')
      .select(['id', 'seat_id', 'front_titles', 'name', 'back_titles', 'status'])
      .where('event_id', '=', eventId)
      .where('seat_id', 'is not', null)
      .where('status', '!=', 'declined')
      .execute(),

  countHallConfirmed: async (db: Tx, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('registrations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .where('mode', '=', 'onsite')
          .where('status', '=', 'confirmed')
          .where('source', '!=', 'invitation')
          .executeTakeFirstOrThrow()
      ).n,
    ),

  /** The first public seat (front to back, left to right) that nobody holds. */
  firstFreeSeat: async (db: Tx, eventId: string) =>
    (
      await db
        .selectFrom('seats as s')
        .select('s.label')
        .where('s.event_id', '=', eventId)
        .where('s.reserved', '=', 0)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('registrations as r')
                .select('r.id')
                .whereRef('r.event_id', '=', 's.event_id')
                .whereRef('r.seat_id', '=', 's.label'),
            ),
          ),
        )
        .orderBy('s.row_no')
        .orderBy('s.col_no')
        .limit(1)
        .executeTakeFirst()
    )?.label ?? null,

  seatHolder: (db: Tx, eventId: string, label: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'status'])
      .where('event_id', '=', eventId)
      .where('seat_id', '=', label)
      .executeTakeFirst(),

  registrationSeat: (db: Tx, registrationId: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'event_id', 'seat_id', 'mode', 'status', 'source'])
      .where('id', '=', registrationId)
      .executeTakeFirst(),

  setSeat: async (db: Tx, registrationId: string, label: string | null) =>
    (
      await db
        .updateTable('registrations')
        .set({ seat_id: label, updated_at: Date.now() })
        .where('id', '=', registrationId)
        .executeTakeFirst()
    ).numUpdatedRows > 0n,
};
