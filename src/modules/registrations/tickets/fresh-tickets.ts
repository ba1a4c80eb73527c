import type { Bus } from '../../../bus/bus.js';
import type { DomainEventName } from '../../../bus/domain-events.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationRow } from '../registrations.repository.js';

/** How long a form post's row waits for the ticket page its 303 points to (the browser follows at once). */
const FRESH_MS = 5_000;
/** A rush of 1,000 sign-ups a second whose redirects all went elsewhere still stays bounded. */
const MAX = 5_000;

/**
 * Every change to a registration row or an event row, and to what the ticket page's sections show of a
 * registration, is announced by one of these: a kept row goes as soon as this node hears of any of them, for
 * any event (they are rare beside sign-ups, which are not here).
 */
export const CHANGES: readonly DomainEventName[] = [
  'registration.cancelled',
  'registration.promoted',
  'registration.changed',
  'registration.anonymized',
  'invitation.replied',
  // What the ticket page's sections show of a ticket (TicketView.untouched): presence, certificates, evaluation.
  'attendance.changed',
  'attendance.checked_in',
  'attendance.online_present',
  'certificate.issued',
  'evaluation.submitted',
  'event.updated',
  'event.published',
  'event.deleted',
];

/**
 * The registration a form post has just written, with its event, handed to the ticket page that the post's
 * 303 points to: the page everyone opens right after signing up then reads neither row again (two of its four
 * to seven queries, ~10% of it). Only that one redirected view takes it (`?done=new`, once, within FRESH_MS,
 * on the node that wrote it); any other view, or that one on another node, reads the database. Kept rows are
 * dropped on every change this node hears of (on every node at once, as the per-event caches are), so the
 * page never shows a row older than the last change announced to it.
 */
export class FreshTickets {
  readonly #rows = new Map<string, { r: RegistrationRow; event: EventRow; at: number }>();

  constructor(bus: Bus) {
    for (const name of CHANGES) bus.onEveryNodeAtOnce(name, () => this.#rows.clear());
  }

  /** Keeps the row a sign-up just wrote, as written in its transaction. */
  put(r: RegistrationRow, event: EventRow): void {
    if (this.#rows.size >= MAX) this.#rows.delete(this.#rows.keys().next().value!);
    this.#rows.set(r.ticket_code, { r, event, at: Date.now() });
  }

  /** The kept row of this code, once: a second view reads the database. */
  take(code: string): { r: RegistrationRow; event: EventRow } | undefined {
    const kept = this.#rows.get(code);
    if (!kept) return undefined;
    this.#rows.delete(code);
    return Date.now() - kept.at <= FRESH_MS ? { r: kept.r, event: kept.event } : undefined;
  }
}
