import type { Db } from '../../db/database.js';
import type { EventRow } from '../events/index.js';
import { attendanceRepository as repo } from './attendance.repository.js';
import type { AttendanceOverride, AttendanceSettingsTable, OnlineRule } from './attendance.tables.js';

export interface PresenceSettings {
  onlineRule: OnlineRule;
  minCodes: number;
  minPercent: number;
  codeWindowMinutes: number;
  /** Door scans count from this many minutes before the start (0–1440). */
  doorsOpenMinutes: number;
  /** Personal joins and attendance codes count from this many minutes before the start (0–1440). */
  onlineOpenMinutes: number;
  /** Both count until this many minutes after the end (0–1440). */
  graceMinutes: number;
}

/** "Joined and entered at least one code" is the default: what organizers already ask for with two forms. */
const DEFAULT_SETTINGS: PresenceSettings = {
  onlineRule: 'join_and_code',
  minCodes: 1,
  minPercent: 70,
  codeWindowMinutes: 15,
  doorsOpenMinutes: 60,
  onlineOpenMinutes: 30,
  graceMinutes: 60,
};

/** When presence can be recorded: a scan, a join or a code outside this counts for nothing. */
export interface PresenceWindow {
  doorsOpen: number;
  onlineOpen: number;
  closes: number;
}

export function presenceWindow(
  event: Pick<EventRow, 'starts_at' | 'ends_at'>,
  s: Pick<PresenceSettings, 'doorsOpenMinutes' | 'onlineOpenMinutes' | 'graceMinutes'>,
): PresenceWindow {
  const start = Number(event.starts_at);
  return {
    doorsOpen: start - s.doorsOpenMinutes * 60000,
    onlineOpen: start - s.onlineOpenMinutes * 60000,
    closes: Number(event.ends_at) + s.graceMinutes * 60000,
  };
}

/** Where an instant falls against the window of one channel. */
export function windowState(w: PresenceWindow, channel: 'door' | 'online', at: number) {
  if (at < (channel === 'door' ? w.doorsOpen : w.onlineOpen)) return 'before' as const;
  if (at > w.closes) return 'after' as const;
  return 'open' as const;
}

function settingsFrom(row: AttendanceSettingsTable | undefined): PresenceSettings {
  if (!row) return DEFAULT_SETTINGS;
  return {
    onlineRule: row.online_rule,
    minCodes: row.min_codes,
    minPercent: row.min_percent,
    codeWindowMinutes: row.code_window_minutes,
    doorsOpenMinutes: row.doors_open_minutes,
    onlineOpenMinutes: row.online_open_minutes,
    graceMinutes: row.grace_minutes,
  };
}

export async function loadSettings(db: Db, eventId: string): Promise<PresenceSettings> {
  return settingsFrom(await repo.settings(db, eventId));
}

interface PresenceFacts {
  mode: 'onsite' | 'online';
  checked_in_at: number | null;
  joined_at: number | null;
  report_minutes: number | null;
  override: AttendanceOverride | null;
  codes: number | string | null;
}

/** Minutes the event lasts, so "attended ≥ 70%" has something to be 70% of. */
const eventMinutes = (event: Pick<EventRow, 'starts_at' | 'ends_at'>) =>
  Math.max(1, Math.round((Number(event.ends_at) - Number(event.starts_at)) / 60000));

function onlineRuleMet(f: PresenceFacts, s: PresenceSettings, minutesTotal: number): boolean {
  // Showing up in the meeting's own report is a join too, even without the personal link.
  const joined = f.joined_at != null || (f.report_minutes ?? 0) > 0;
  const codesOk = Number(f.codes ?? 0) >= s.minCodes;
  const durationOk = f.report_minutes != null && (f.report_minutes * 100) / minutesTotal >= s.minPercent;
  switch (s.onlineRule) {
    case 'join':
      return joined;
    case 'code':
      return codesOk;
    case 'join_and_code':
      return joined && codesOk;
    case 'duration':
      return durationOk;
    case 'code_or_duration':
      return codesOk || durationOk;
  }
}

/**
 * Where a person counts, once: a hall check-in wins over anything online (they were in the room),
 * a manual correction wins over both, and an online presence needs the event's rule.
 */
function presenceOf(f: PresenceFacts, s: PresenceSettings, minutesTotal: number): 'onsite' | 'online' | null {
  if (f.override === 'absent') return null;
  if (f.override === 'onsite' || f.override === 'online') return f.override;
  if (f.checked_in_at != null) return 'onsite';
  // A hall ticket never counts online: joins and codes are for online registrants (a hall registrant who
  // follows online switches mode first, under the online quota).
  if (f.mode !== 'online') return null;
  return onlineRuleMet(f, s, minutesTotal) ? 'online' : null;
}

/**
 * Where one registration counts, from its own rows: the participant's pages and the code box ask this
 * per request, so it must not grow with the event (`presentRegistrations` gives the same answer for all).
 */
export async function presenceOfRegistration(
  db: Db,
  event: EventRow,
  registrationId: string,
  settings?: PresenceSettings,
): Promise<'onsite' | 'online' | null> {
  const [facts, s] = await Promise.all([
    repo.presenceFactsOf(db, event.id, [registrationId]),
    settings ?? loadSettings(db, event.id),
  ]);
  return facts[0] ? presenceOf(facts[0], s, eventMinutes(event)) : null;
}

/**
 * The same answer as `presenceOfRegistration` for a confirmed registration whose code entries in time the
 * caller has read already (the ticket page's attendance section lists them): from its attendance row alone,
 * without counting the entries again in SQL.
 */
export function presenceOfConfirmed(
  event: EventRow,
  mode: 'onsite' | 'online',
  row: Omit<PresenceFacts, 'mode' | 'codes'> | undefined,
  codesInTime: number,
  s: PresenceSettings,
): 'onsite' | 'online' | null {
  const facts: PresenceFacts = {
    mode,
    checked_in_at: row?.checked_in_at ?? null,
    joined_at: row?.joined_at ?? null,
    report_minutes: row?.report_minutes ?? null,
    override: row?.override ?? null,
    codes: codesInTime,
  };
  return presenceOf(facts, s, eventMinutes(event));
}

/** Who counts as present by the event's presence rule (used by certificates and the report). */
export async function presentRegistrations(
  db: Db,
  event: EventRow,
): Promise<Map<string, 'onsite' | 'online'>> {
  const [facts, settings] = await Promise.all([repo.presenceFacts(db, event.id), loadSettings(db, event.id)]);
  const minutes = eventMinutes(event);
  const out = new Map<string, 'onsite' | 'online'>();
  for (const f of facts) {
    const p = presenceOf(f, settings, minutes);
    if (p) out.set(f.id, p);
  }
  return out;
}

/**
 * The attendance table's rows (one page of a name search with `page`), each with its codes entered in time
 * and where the person counts: one query, the codes counted per person through their index.
 */
export async function presenceRows(
  db: Db,
  event: EventRow,
  page?: { q: string; offset: number; limit: number },
) {
  const [rows, settings] = await Promise.all([
    repo.attendanceList(db, event.id, page),
    loadSettings(db, event.id),
  ]);
  const minutes = eventMinutes(event);
  return rows.map((r) => {
    const withCodes = { ...r, codes: Number(r.codes ?? 0) };
    return { ...withCodes, present: presenceOf(withCodes, settings, minutes) };
  });
}

export async function presenceCounts(db: Db, event: EventRow) {
  const present = await presentRegistrations(db, event);
  let onsite = 0;
  let online = 0;
  for (const m of present.values()) {
    if (m === 'onsite') onsite++;
    else online++;
  }
  return { onsite, online, total: onsite + online };
}
