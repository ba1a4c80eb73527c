import type { FastifyInstance } from 'fastify';
import type { EventRow } from '../events/index.js';
import { joinKeyPayload } from './program.presence.js';

/** A remote person's own join link: signed with the app's cookie secret, so it cannot be guessed. */
export function personJoinLink(
  app: Pick<FastifyInstance, 'signCookie'>,
  publicUrl: string,
  event: Pick<EventRow, 'id' | 'slug'>,
  personId: string,
): string {
  const signed = app.signCookie(joinKeyPayload(event.id, personId));
  const k = signed.slice(signed.lastIndexOf('.') + 1);
  return `${publicUrl}/e/${event.slug}/people/${personId}/join?k=${encodeURIComponent(k)}`;
}

/** Whether `k` is the signature of this person's join link. */
export function joinKeyValid(
  app: Pick<FastifyInstance, 'unsignCookie'>,
  eventId: string,
  personId: string,
  k: string,
): boolean {
  const u = app.unsignCookie(`${joinKeyPayload(eventId, personId)}.${k}`);
  return u.valid && u.value === joinKeyPayload(eventId, personId);
}
