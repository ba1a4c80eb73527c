/**
 * The typed map of domain events. Services emit them; other modules subscribe instead of calling
 * each other's internals. Payloads are plain JSON (they cross Redis between nodes).
 * Modules add their events here.
 */
export interface DomainEvents {
  'event.created': { eventId: string; actorId: string | null };
  'event.updated': { eventId: string; actorId: string | null };
  'event.published': { eventId: string; actorId: string | null };
  /** Live-room traffic for every node's WebSocket clients; `message` is a typed realtime message. */
  'live.message': { eventId: string; message: unknown };
  /** Someone's attendance changed (check-in, join, code, import, correction): dashboards refresh their counts. */
  'attendance.changed': { eventId: string; kind: 'checkin' | 'join' | 'code' | 'import' | 'correction' };
}

export type DomainEventName = keyof DomainEvents;
