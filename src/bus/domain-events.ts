import type { InvitationStatus } from '../modules/invitations/index.js';
import type {
  RegistrationMode,
  RegistrationSource,
  RegistrationStatus,
} from '../modules/registrations/index.js';
import type { Envelope } from '../realtime/hub.js';

/** What changed on a registration, for those who react to it (the e-mail goes out again on `resend`). */
type RegistrationChange = 'seat' | 'details' | 'waitlisted' | 'resend' | `mode:${RegistrationMode}`;

/**
 * The typed map of domain events. Services emit them; other modules subscribe instead of calling
 * each other's internals. Payloads are plain JSON (they cross Redis between nodes).
 * Modules add their events here.
 */
export interface DomainEvents {
  'event.created': { eventId: string; actorId: string | null };
  'event.updated': { eventId: string; actorId: string | null };
  'event.published': { eventId: string; actorId: string | null };
  /** The event and everything under it is gone (database cascades); caches drop it. */
  'event.deleted': { eventId: string; slug: string; actorId: string | null };
  /** Live-room traffic for every node's WebSocket clients: one numbered update, as staff and public see it. */
  'live.message': { eventId: string; message: Envelope };
  /** Someone's attendance changed (check-in, join, code, import, correction): dashboards refresh their counts. */
  'attendance.changed': { eventId: string; kind: 'checkin' | 'join' | 'code' | 'import' | 'correction' };
  /** Registrations (issue 3): a ticket was made, cancelled, promoted from the waitlist, or changed. */
  'registration.created': {
    eventId: string;
    registrationId: string;
    status: RegistrationStatus;
    mode: RegistrationMode;
    source: RegistrationSource;
  };
  'registration.cancelled': {
    eventId: string;
    registrationId: string;
    mode: RegistrationMode;
    wasStatus: RegistrationStatus;
  };
  'registration.promoted': { eventId: string; registrationId: string; mode: RegistrationMode };
  'registration.changed': { eventId: string; registrationId: string; change: RegistrationChange };
  /** A registration's personal fields were erased (UU PDP): on the person's request, or after the retention period. */
  'registration.anonymized': { eventId: string; registrationIds: string[]; reason: 'request' | 'retention' };
  'invitation.replied': {
    eventId: string;
    invitationId: string;
    status: Exclude<InvitationStatus, 'invited'>;
  };
  /** Issue 12 (webhooks): one person's first check-in at the door, and their online presence by the rule. */
  'attendance.checked_in': { eventId: string; registrationId: string };
  'attendance.online_present': { eventId: string; registrationId: string };
  'evaluation.submitted': { eventId: string; registrationId: string };
  /** A batch of certificates issued by rule (people without a registration, such as speakers, appear as null). */
  'certificate.issued': { eventId: string; role: string; registrationIds: (string | null)[] };
  /** The seat plan changed: the hall capacity may have grown, so the waitlist is looked at again. */
  'seating.changed': { eventId: string };
  /** An event's registration settings, presence rules or evaluation form were saved: per-event caches drop it. */
  'registration.settings_changed': { eventId: string };
  'attendance.settings_changed': { eventId: string };
  'evaluation.form_changed': { eventId: string };
  /**
   * An attendance code was made or closed early: the per-event list of code windows (every online ticket page
   * reads it) drops it. A moved event shifts its codes too, and says so with `event.updated`.
   */
  'attendance.codes_changed': { eventId: string };
}

export type DomainEventName = keyof DomainEvents;
