import type { EventRow } from '../events/index.js';

/**
 * The one place a question can come from when the event has a single mode: a webinar (no venue) is all
 * online, a seminar without an online room all in the hall. Null when the event offers both (or neither
 * is set yet, where registration offers both too). A question counted in the wrong place would be
 * counted so in the report ("3 pertanyaan dari aula" for a webinar).
 */
export function onlyChannel(
  event: Pick<EventRow, 'venue_name' | 'online_platform'>,
): 'onsite' | 'online' | null {
  const hall = !!event.venue_name;
  const online = !!event.online_platform;
  if (hall === online) return null;
  return hall ? 'onsite' : 'online';
}
