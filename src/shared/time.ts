import type { Locale } from '../i18n/index.js';
import { BoundedMemo } from './memo.js';

/**
 * Indonesian zone labels mapped in our own code (WIB/WITA/WIT) rather than trusting ICU's
 * `timeZoneName`, which varies between ICU builds (research/indonesia.md §6).
 */
const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/**
 * Building an Intl.DateTimeFormat costs tens of microseconds, formatting with one costs about one:
 * formatters are kept per zone and locale (a few dozen at most).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${key}|${locale}|${options.timeZone}`;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    if (formatters.size < 500) formatters.set(k, f);
  }
  return f;
}

/**
 * Formatted instants, kept: every ticket page of an event formats the same start and end (four to six
 * times per page, ~5 µs each with a kept formatter). Pure in (instant, zone, locale); bounded by clearing.
 * Kept per minute (see `minuteOf`): a registration's own time ("registered at" on its ticket) is new for
 * every registration, but a rush registers hundreds in the same minute, and a key per millisecond would
 * both miss every time and clear the events' entries out of the map every 5,000 registrations.
 */
const formatted = new BoundedMemo<string>(5000);
/**
 * The instant's minute: dates and times are shown to the minute, and every zone in use today is offset from
 * UTC by whole minutes, so all instants of one minute read the same.
 */
const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Indonesia's zones have kept one offset since Pontianak moved to WIB on 1 January 1988 (no daylight saving):
 * asking Intl (formatToParts, ~10–20 µs) was a fifth of a logged-in events list's time, for an answer known here.
 * Checked against Intl in time.test.ts.
 */
const FIXED_OFFSETS: Record<string, number> = {
  'Asia/Jakarta': 420,
  'Asia/Pontianak': 420,
  'Asia/Makassar': 480,
  'Asia/Ujung_Pandang': 480,
  'Asia/Jayapura': 540,
};
const FIXED_SINCE = Date.UTC(1988, 0, 1);

function utcOffsetMinutes(ms: number, tz: string): number {
  const fixed = FIXED_OFFSETS[tz];
  if (fixed !== undefined && ms >= FIXED_SINCE) return fixed;
  const parts = formatter('offset', 'en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

export function zoneLabel(tz: string, ms: number): string {
  const label = ZONE_LABELS[tz];
  if (label) return label;
  const minute = minuteOf(ms);
  return formatted.get(`z|${minute}|${tz}`, () => offsetLabel(tz, minute));
}

function offsetLabel(tz: string, ms: number): string {
  const off = utcOffsetMinutes(ms, tz);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** ISO 8601 with the event's own offset, e.g. 2021-12-30T09:00:00+07:00. */
export function isoInZone(ms: number, tz: string): string {
  const off = utcOffsetMinutes(ms, tz);
  const local = new Date(ms + off * 60000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Parses a `datetime-local` value ("2021-12-30T09:00") as wall-clock time in `tz`. */
export function parseLocalDateTime(value: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // Two passes settle the offset even around a DST change in non-Indonesian zones.
  let ms = guess - utcOffsetMinutes(guess, tz) * 60000;
  ms = guess - utcOffsetMinutes(ms, tz) * 60000;
  return ms;
}

/** The `datetime-local` form value of an instant in `tz`. */
export function toLocalInput(ms: number, tz: string): string {
  return isoInZone(ms, tz).slice(0, 16);
}

/** "Kamis, 30 Desember 2021" / "Thursday, 30 December 2021" (no zero-padded day: not dateStyle full). */
export function formatDate(ms: number, tz: string, locale: Locale): string {
  const minute = minuteOf(ms);
  return formatted.get(`d|${minute}|${tz}|${locale}`, () =>
    formatter('date', locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: tz,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(minute)),
  );
}

/** "09.00" in Indonesian, "09:00" in English. */
export function formatTime(ms: number, tz: string, locale: Locale): string {
  const minute = minuteOf(ms);
  return formatted.get(`t|${minute}|${tz}|${locale}`, () => formatTimeNow(minute, tz, locale));
}

function formatTimeNow(ms: number, tz: string, locale: Locale): string {
  const parts = formatter('time', 'en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const h = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const m = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return locale === 'id' ? `${h}.${m}` : `${h}:${m}`;
}

/** "Kamis, 30 Desember 2021, pukul 09.00 WIB" / "Thursday, 30 December 2021, 09:00 WIB". */
export function formatDateTime(ms: number, tz: string, locale: Locale): string {
  const at = locale === 'id' ? 'pukul ' : '';
  return `${formatDate(ms, tz, locale)}, ${at}${formatTime(ms, tz, locale)} ${zoneLabel(tz, ms)}`;
}

/** "09.00–12.00 WIB" */
export function formatTimeRange(start: number, end: number | null, tz: string, locale: Locale): string {
  const a = formatTime(start, tz, locale);
  return end ? `${a}–${formatTime(end, tz, locale)} ${zoneLabel(tz, start)}` : `${a} ${zoneLabel(tz, start)}`;
}

export function sameLocalDay(a: number, b: number, tz: string): boolean {
  return isoInZone(a, tz).slice(0, 10) === isoInZone(b, tz).slice(0, 10);
}
