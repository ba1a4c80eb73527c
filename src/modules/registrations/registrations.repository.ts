import type { Insertable, Selectable, Transaction, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema.js';
import { upsert } from '../../db/upsert.js';
import { WAITLIST_AHEAD_CAP } from './registrations.schemas.js';
import type {
  RegistrationMode,
  RegistrationSettingsTable,
  RegistrationStatus,
  RegistrationsTable,
} from './registrations.tables.js';

export type Tx = Db | Transaction<DB>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type SettingsRow = Selectable<RegistrationSettingsTable>;

export interface ListFilter {
  q?: string;
  mode?: RegistrationMode;
  status?: RegistrationStatus;
}

// The ticket page's lookups (every view of every ticket), compiled once (src/db/prepared.ts).
const byTicketCode = prepared((db, code: string) =>
  db.selectFrom('registrations').selectAll().where('ticket_code', '=', code),
);
const counterOf = prepared((db, eventId: string, mode: RegistrationMode) =>
  db
    .selectFrom('registration_counters')
    .select('taken')
    .where('event_id', '=', eventId)
    .where('mode', '=', mode),
);
const waitlistAhead = prepared(
  (db, eventId: string, mode: RegistrationMode, waitlistAt: number, id: string) =>
    db
      .selectFrom(
        db
          .selectFrom('registrations')
          .select((eb) => eb.lit(1).as('one'))
          .where('event_id', '=', eventId)
          .where('mode', '=', mode)
          .where('status', '=', 'waitlisted')
          .where('waitlist_at', '<=', waitlistAt)
          .where((eb) =>
            eb.or([
              eb('waitlist_at', '<', waitlistAt),
              eb.and([eb('waitlist_at', '=', waitlistAt), eb('id', '<', id)]),
            ]),
          )
          .orderBy('waitlist_at')
          .limit(WAITLIST_AHEAD_CAP + 1)
          .as('ahead'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n')),
);

/** The arrival time of the waitlist's (WAITLIST_AHEAD_CAP + 1)th person in a mode, if that many wait. */
const waitlistMarker = prepared((db, eventId: string, mode: RegistrationMode) =>
  db
    .selectFrom('registrations')
    .select('waitlist_at')
    .where('event_id', '=', eventId)
    .where('mode', '=', mode)
    .where('status', '=', 'waitlisted')
    .where('waitlist_at', 'is not', null)
    .orderBy('waitlist_at')
    .limit(1)
    .offset(WAITLIST_AHEAD_CAP),
);

export const registrationsRepository = {
  /** Confirmed per mode, waitlisted and cancelled (the stats), from the grouped `counts` query below. */
  async statsCounts(db: Db, eventId: string) {
    const rows = await registrationsRepository.counts(db, eventId);
    const sum = (f: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(f).reduce((a, r) => a + Number(r.n), 0);
    return {
      onsite: sum((r) => r.mode === 'onsite' && r.status === 'confirmed'),
      online: sum((r) => r.mode === 'online' && r.status === 'confirmed'),
      waitlisted: sum((r) => r.status === 'waitlisted'),
      cancelled: sum((r) => r.status === 'cancelled'),
    };
  },
  getSettings: (db: Tx, eventId: string) =>
    db.selectFrom('registration_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  upsertSettings: (db: Tx, row: SettingsRow) => upsert(db, 'registration_settings', row, ['event_id']),

  ensureCounter: (db: Tx, eventId: string, mode: RegistrationMode) =>
    db
      .insertInto('registration_counters')
      .values({ event_id: eventId, mode, taken: 0 })
      .onConflict((oc) => oc.columns(['event_id', 'mode']).doNothing())
      .execute(),

  /**
   * Takes one place if there is room, creating the counter row on first use — one statement. The conditional
   * upsert is the capacity invariant: on PostgreSQL a concurrent taker waits for the row lock and re-checks
   * `taken < capacity` against the committed value; SQLite runs one writer at a time.
   */
  async upsertTakePlace(
    db: Tx,
    eventId: string,
    mode: RegistrationMode,
    capacity: number | null,
  ): Promise<boolean> {
    if (capacity !== null && capacity < 1) return false;
    const r = await db
      .insertInto('registration_counters')
      .values({ event_id: eventId, mode, taken: 1 })
      .onConflict((oc) => {
        const upd = oc
          .columns(['event_id', 'mode'])
          .doUpdateSet((eb) => ({ taken: eb('registration_counters.taken', '+', 1) }));
        return capacity === null ? upd : upd.where('registration_counters.taken', '<', capacity);
      })
      .returning('taken')
      .executeTakeFirst();
    return !!r;
  },

  /**
   * Takes one place if there is room: the conditional update is the capacity invariant. On PostgreSQL a
   * concurrent taker waits for the row lock and re-checks `taken < capacity` against the committed value.
   */
  async takePlace(
    db: Tx,
    eventId: string,
    mode: RegistrationMode,
    capacity: number | null,
  ): Promise<boolean> {
    const r = await db
      .updateTable('registration_counters')
      .set((eb) => ({ taken: eb('taken', '+', 1) }))
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .$if(capacity !== null, (q) => q.where('taken', '<', capacity!))
      .returning('taken')
      .executeTakeFirst();
    return !!r;
  },

  releasePlace: (db: Tx, eventId: string, mode: RegistrationMode) =>
    db
      .updateTable('registration_counters')
      .set((eb) => ({ taken: eb('taken', '-', 1) }))
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .where('taken', '>', 0)
      .execute(),

  /** Locks the counter row without changing it: serializes every change of one mode of one event. */
  lockCounter: (db: Tx, eventId: string, mode: RegistrationMode) =>
    db
      .updateTable('registration_counters')
      .set((eb) => ({ taken: eb.ref('taken') }))
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .execute(),

  /**
   * Sets the counter of one mode to the places its confirmed registrations hold (invitations hold none), for
   * rows that were written outside sign-up. The caller holds the counter row.
   */
  async recount(db: Tx, eventId: string, mode: RegistrationMode) {
    const held = await db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .where('status', '=', 'confirmed')
      .where('source', '!=', 'invitation')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('registration_counters')
      .set({ taken: Number(held.n) })
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .execute();
  },

  counter: async (db: Tx, eventId: string, mode: RegistrationMode) =>
    (await counterOf.first(db, eventId, mode))?.taken ?? 0,

  insert: (db: Tx, row: Insertable<RegistrationsTable>) =>
    db.insertInto('registrations').values(row).execute(),

  findById: (db: Tx, id: string) =>
    db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst(),

  findByTicketCode: (db: Tx, code: string) => byTicketCode.first(db, code),

  findByClientRef: (db: Tx, eventId: string, clientRef: string) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('client_ref', '=', clientRef)
      .executeTakeFirst(),

  findByContact: (db: Tx, eventId: string, email: string | null, phone: string | null) =>
    email || phone
      ? db
          .selectFrom('registrations')
          .selectAll()
          .where('event_id', '=', eventId)
          .where((eb) => {
            const ors = [];
            if (email) ors.push(eb('email', '=', email));
            if (phone) ors.push(eb('phone', '=', phone));
            return eb.or(ors);
          })
          .execute()
      : Promise.resolve([]),

  /**
   * Claims the right to send the ticket link again: true for at most one caller per registration per `gapMs`
   * (a conditional update, so two nodes or two quick repeats never both send).
   */
  async claimResend(db: Tx, id: string, now: number, gapMs: number): Promise<boolean> {
    const r = await db
      .updateTable('registrations')
      .set({ resent_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('resent_at', 'is', null), eb('resent_at', '<', now - gapMs)]))
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  /** Changes a registration only if it is still in the status the caller saw (no lost update). */
  async updateIf(db: Tx, id: string, expected: RegistrationStatus, patch: Updateable<RegistrationsTable>) {
    const r = await db
      .updateTable('registrations')
      .set({ ...patch, updated_at: Date.now() })
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  update: (db: Tx, id: string, patch: Updateable<RegistrationsTable>) =>
    db
      .updateTable('registrations')
      .set({ ...patch, updated_at: Date.now() })
      .where('id', '=', id)
      .execute(),

  firstWaitlisted: (db: Tx, eventId: string, mode: RegistrationMode) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .where('status', '=', 'waitlisted')
      .orderBy('waitlist_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),

  /**
   * How many wait ahead of `r` in its mode, counted over at most WAITLIST_AHEAD_CAP + 1 rows (walked in the waitlist
   * index's order), so a ticket view costs the same with 20 or 20,000 waiting. The inner query selects a constant,
   * not `id`: then the rows ahead are counted in the waitlist index alone (the table row is read only for a tie on
   * `waitlist_at`), which halves the query on SQLite (~75 → ~40 µs for 101 rows ahead).
   */
  waitlistAhead: async (db: Tx, r: RegistrationRow & { waitlist_at: number }) =>
    Number((await waitlistAhead.first(db, r.event_id, r.mode, r.waitlist_at, r.id))!.n),

  /** The arrival time of the (WAITLIST_AHEAD_CAP + 1)th person waiting in a mode, or null when fewer wait. */
  waitlistMarker: async (db: Tx, eventId: string, mode: RegistrationMode) => {
    const marker = await waitlistMarker.first(db, eventId, mode);
    return marker?.waitlist_at == null ? null : Number(marker.waitlist_at);
  },

  list: (db: Tx, eventId: string, f: ListFilter = {}, limit = 5000) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .$if(!!f.mode, (q) => q.where('mode', '=', f.mode!))
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .$if(!!f.q, (q) => {
        // Wildcards typed by the organizer are dropped rather than escaped: LIKE escaping differs per engine.
        const like = `%${f.q!.toLowerCase().replace(/[\\%_]/g, '')}%`;
        return q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['name']), 'like', like),
            eb(eb.fn('lower', ['institution']), 'like', like),
            eb('email', 'like', like),
            eb('phone', 'like', like),
            eb(eb.fn('lower', ['seat_id']), 'like', like),
          ]),
        );
      })
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute(),

  /** Counts per (mode, status): the numbers of the stats and of the console. */
  counts: (db: Tx, eventId: string) =>
    db
      .selectFrom('registrations')
      .select(['mode', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .groupBy(['mode', 'status'])
      .execute(),

  countCounted: async (db: Tx, eventId: string, mode: RegistrationMode) =>
    Number(
      (
        await db
          .selectFrom('registrations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .where('mode', '=', mode)
          .where('status', '=', 'confirmed')
          .where('source', '!=', 'invitation')
          .executeTakeFirstOrThrow()
      ).n,
    ),
};
