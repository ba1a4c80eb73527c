import type { Bus } from '../../bus/bus.js';
import type { Db } from '../../db/database.js';
import { type RegistrationRow, registrationsRepository as repo } from './registrations.repository.js';
import { WAITLIST_AHEAD_CAP } from './registrations.schemas.js';
import type { RegistrationMode } from './registrations.tables.js';

/**
 * What moves the (cap + 1)th place of a waitlist to an earlier arrival: someone among the first cap + 1 leaves it
 * (promoted, cancelled, switched, erased, or the event changed or went). New arrivals join at the end and never
 * move it earlier.
 */
const LEAVES = [
  'registration.cancelled',
  'registration.promoted',
  'registration.changed',
  'registration.anonymized',
  'event.updated',
  'event.deleted',
] as const;

/** Events and modes whose marker is kept; past this the map starts again. */
const MAX = 5_000;

/**
 * A ticket's 1-based place on the waitlist of its mode, exact up to WAITLIST_AHEAD_CAP + 1; a result above that
 * means only "more than WAITLIST_AHEAD_CAP ahead" (see waitlistCapped).
 *
 * Most of a long waitlist is past the cap: when the (cap + 1)th person arrived strictly earlier than this ticket,
 * at least cap + 1 are ahead, and that person's arrival time (the marker) answers for every ticket behind it. It
 * was one index walk of cap + 1 rows per waitlisted ticket view (~100 µs on SQLite amid a sign-up surge, a tenth of
 * the ticket page the form leads to); it is kept here per event and mode and dropped, on every node at once, by
 * any change that can move it earlier (LEAVES). A kept marker that is later than the truth (the 101st arrived
 * with a skewed clock on another node) only sends more tickets to the exact count; an earlier one cannot outlive
 * the announcement of the change that made it so. A tie, or a place near the front, is counted.
 */
export class WaitlistPositions {
  readonly #markers = new Map<string, number>();
  /** Bumped by every drop: a marker read while a change was announced is not kept (it may predate the change). */
  #generation = 0;

  constructor(
    private readonly db: Db,
    bus: Bus,
  ) {
    for (const name of LEAVES) bus.onEveryNodeAtOnce(name, (p) => this.#drop(p.eventId));
  }

  async of(r: RegistrationRow): Promise<number | null> {
    if (r.status !== 'waitlisted' || r.waitlist_at === null) return null;
    const waitlistAt = Number(r.waitlist_at);
    const marker = await this.#marker(r.event_id, r.mode);
    if (marker !== null && marker < waitlistAt) return WAITLIST_AHEAD_CAP + 2;
    return (await repo.waitlistAhead(this.db, { ...r, waitlist_at: waitlistAt })) + 1;
  }

  async #marker(eventId: string, mode: RegistrationMode): Promise<number | null> {
    const key = `${eventId} ${mode}`;
    const kept = this.#markers.get(key);
    // A missing marker (fewer than cap + 1 waiting) is not kept: the next arrival may make it.
    if (kept !== undefined) return kept;
    const generation = this.#generation;
    const marker = await repo.waitlistMarker(this.db, eventId, mode);
    if (marker !== null && generation === this.#generation) {
      if (this.#markers.size >= MAX) this.#markers.clear();
      this.#markers.set(key, marker);
    }
    return marker;
  }

  #drop(eventId: string): void {
    this.#generation++;
    this.#markers.delete(`${eventId} onsite`);
    this.#markers.delete(`${eventId} online`);
  }
}
