import type { Db } from '../../db/database.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { presenceRepository as repo } from './program.presence.repository.js';

/**
 * When a person's join counts as attendance: from half an hour before the start (a sound check
 * counts) until an hour after the end: the attendance module's default online window. A join a
 * week ahead is kept but proves nothing.
 */
const OPENS_BEFORE_MS = 30 * 60_000;
const CLOSES_AFTER_MS = 60 * 60_000;

export interface Attended {
  mode: 'online' | 'onsite';
  /** ISO time in the event's zone. */
  at: string;
}

/** What was recorded of each programme person inside the event's window (earliest first; the hall wins a tie). */
export async function recordedPresence(
  db: Db,
  event: EventRow,
): Promise<Map<string, Attended & { ms: number }>> {
  const rows = await repo.firstWithin(
    db,
    event.id,
    Number(event.starts_at) - OPENS_BEFORE_MS,
    Number(event.ends_at) + CLOSES_AFTER_MS,
  );
  const out = new Map<string, Attended & { ms: number }>();
  for (const r of rows) {
    const ms = Number(r.at);
    const seen = out.get(r.person_id);
    if (seen && (seen.ms < ms || (seen.ms === ms && seen.mode === 'onsite'))) continue;
    out.set(r.person_id, { mode: r.mode, at: isoInZone(ms, event.timezone), ms });
  }
  return out;
}

/** The signed part of a person's join link: only the organizer's people list hands it out. */
export const joinKeyPayload = (eventId: string, personId: string) => `join.${eventId}.${personId}`;
