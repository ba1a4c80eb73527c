import type { Db } from '../../../db/database.js';
import { errors } from '../../../errors.js';
import type { Text } from '../../../i18n/index.js';
import { formatDateTime, formatTime, sameLocalDay } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { loadSettings, type PresenceWindow, presenceWindow, windowState } from '../presence.js';

/** A device clock this far from the server's is flagged on the arrival (never used to move the time). */
export const CLOCK_SKEW_FLAG_MS = 5 * 60000;

/** An instant as people at the door need it: the time alone today, with the date on any other day. */
export function when(ms: number, tz: string, now = Date.now()): Text {
  return sameLocalDay(ms, now, tz)
    ? { id: `pukul ${formatTime(ms, tz, 'id')}`, en: `at ${formatTime(ms, tz, 'en')}` }
    : { id: formatDateTime(ms, tz, 'id'), en: formatDateTime(ms, tz, 'en') };
}

/**
 * The time the device saw and how far its clock was from ours. The device's time is kept as it is (never
 * clamped or invented); the skew comes from `sentAt` (the device clock when it sent the request) or, without
 * it, from a scan time in our future.
 */
export function deviceTime(
  scannedAt: number | string | undefined,
  sentAt: number | undefined,
  now = Date.now(),
): { at: number; skew: number | null } {
  const t =
    scannedAt === undefined ? Number.NaN : typeof scannedAt === 'number' ? scannedAt : Date.parse(scannedAt);
  if (!Number.isFinite(t)) return { at: now, skew: sentAt === undefined ? null : sentAt - now };
  const skew = sentAt !== undefined ? sentAt - now : t > now + CLOCK_SKEW_FLAG_MS ? t - now : null;
  return { at: t, skew };
}

/**
 * The event's presence window, read at most every few seconds per event: every scan asks, and the door of
 * a big event scans several people a second. Built once per service (src/services.ts).
 */
export function createWindowCache(db: Db) {
  const cache = new Map<string, { w: PresenceWindow; starts: number; ends: number; at: number }>();
  return async function windowOf(event: EventRow): Promise<PresenceWindow> {
    const hit = cache.get(event.id);
    const fresh =
      hit &&
      Date.now() - hit.at < 5000 &&
      hit.starts === Number(event.starts_at) &&
      hit.ends === Number(event.ends_at);
    if (fresh) return hit.w;
    const w = presenceWindow(event, await loadSettings(db, event.id));
    cache.set(event.id, { w, starts: Number(event.starts_at), ends: Number(event.ends_at), at: Date.now() });
    return w;
  };
}

/** Throws the door's answer when `at` (server time) is outside the window. */
export function assertDoorOpen(event: EventRow, w: PresenceWindow, at: number): void {
  const s = windowState(w, 'door', at);
  if (s === 'before') throw errors.checkinOutsideWindow('before', when(w.doorsOpen, event.timezone, at));
  if (s === 'after') throw errors.checkinOutsideWindow('after', when(w.closes, event.timezone, at));
}

/** Throws the participant's answer when a join or a code comes outside the online window. */
export function assertOnlineOpen(event: EventRow, w: PresenceWindow, at: number): void {
  const s = windowState(w, 'online', at);
  if (s === 'before') throw errors.onlineOutsideWindow('before', when(w.onlineOpen, event.timezone, at));
  if (s === 'after') throw errors.onlineOutsideWindow('after', when(w.closes, event.timezone, at));
}
