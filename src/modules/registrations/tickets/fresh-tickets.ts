import type { Bus } from '../../../bus/bus.js';
import type { DomainEventName } from '../../../bus/domain-events.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationRow } from '../registrations.repository.js';

/** How long a form post's row waits for the ticket page its 303 points to (the browser follows at once). */
const FRESH_MS = 5_000;
/** A rush of 1,000 sign-ups a second whose redirects all went elsewhere still stays bounded. */
const MAX = 5_000;

/** What a change names: its event always, and its registrations when it concerns only them. */
interface Scope {
  eventId: string;
  registrationId?: string;
  registrationIds?: readonly (string | null)[];
}

/**
 * Every change to a registration row or an event row, and to what the ticket page's sections show of a
 * registration, is announced by one of these. A change that names its registrations (a check-in, a cancellation,
 * certificates issued) drops those registrations' kept rows; one that names only its event (an edit of the event,
 * an attendance import) drops every kept row of that event. During an event day check-ins and presence come by
 * the second: dropping everything on each of them left the sign-ups' redirects nothing to take.
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
 * dropped by every change this node hears of that concerns them (on every node at once, as the per-event caches
 * are), so the page never shows a row older than the last change announced to it.
 */
export class FreshTickets {
  /** By ticket code; a Map keeps insertion order, so the first key is the oldest. */
  readonly #rows = new Map<string, { r: RegistrationRow; event: EventRow; at: number }>();
  /** Ticket code by registration id, for changes that name registrations. */
  readonly #codes = new Map<string, string>();

  constructor(bus: Bus) {
    for (const name of CHANGES) bus.onEveryNodeAtOnce(name, (p) => this.#drop(p as Scope));
  }

  /** Keeps the row a sign-up just wrote, as written in its transaction. */
  put(r: RegistrationRow, event: EventRow): void {
    if (this.#rows.size >= MAX) this.#forget(this.#rows.keys().next().value!);
    this.#rows.set(r.ticket_code, { r, event, at: Date.now() });
    this.#codes.set(r.id, r.ticket_code);
  }

  /** The kept row of this code, once: a second view reads the database. */
  take(code: string): { r: RegistrationRow; event: EventRow } | undefined {
    const kept = this.#rows.get(code);
    if (!kept) return undefined;
    this.#forget(code);
    return Date.now() - kept.at <= FRESH_MS ? { r: kept.r, event: kept.event } : undefined;
  }

  #forget(code: string): void {
    const kept = this.#rows.get(code);
    if (!kept) return;
    this.#rows.delete(code);
    this.#codes.delete(kept.r.id);
  }

  #drop(p: Scope): void {
    const ids = p.registrationId !== undefined ? [p.registrationId] : p.registrationIds;
    if (ids !== undefined) {
      for (const id of ids) {
        const code = id === null ? undefined : this.#codes.get(id);
        if (code !== undefined) this.#forget(code);
      }
      return;
    }
    for (const [code, kept] of this.#rows) if (kept.r.event_id === p.eventId) this.#forget(code);
  }
}
