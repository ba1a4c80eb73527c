/** How an online registrant comes to count as present (the hall rule is always a check-in). */
export const ONLINE_RULES = ['join', 'code', 'join_and_code', 'duration', 'code_or_duration'] as const;
export type OnlineRule = (typeof ONLINE_RULES)[number];

/** A manual correction that wins over the computed presence. */
export type AttendanceOverride = 'onsite' | 'online' | 'absent';

/**
 * One attendance record per registration (the primary key), whatever the mode: the hall arrival,
 * the online joins and the imported meeting duration all live on the same row, so a person can
 * never be counted twice.
 */
interface AttendanceTable {
  registration_id: string;
  event_id: string;
  checked_in_at: number | null;
  checked_in_by: string | null;
  /** Kept as text so "already checked in by Rina" survives the staff account being removed. */
  checked_in_by_name: string | null;
  checkin_device: string | null;
  /** qr | search | walkin | manual */
  checkin_method: string | null;
  joined_at: number | null;
  last_joined_at: number | null;
  join_count: number;
  /** Minutes in the meeting according to the last imported Zoom/Meet report. */
  report_minutes: number | null;
  override: AttendanceOverride | null;
  /** How far the scanning device's clock was from the server's (ms): kept, never used to move the time. */
  checkin_clock_skew: number | null;
  updated_at: number;
}

/** Every scan a device sent, keyed by the id the device generated: a replayed queue answers the same. */
export interface CheckinScansTable {
  event_id: string;
  scan_id: string;
  registration_id: string;
  first: number;
  at: number;
  user_id: string | null;
  device: string | null;
}

/** A walk-in keyed by the id its device gave it; `outcome` is `pending` until the request that claimed it is done. */
export interface CheckinWalkinsTable {
  event_id: string;
  walkin_id: string;
  registration_id: string | null;
  outcome: 'pending' | 'checked_in' | 'waitlisted' | 'refused';
  claimed_at: number;
  done_at: number | null;
}

export interface AttendanceCodesTable {
  id: string;
  event_id: string;
  code: string;
  label: string | null;
  agenda_item_id: string | null;
  opens_at: number;
  closes_at: number;
  created_by: string | null;
  created_at: number;
}

interface AttendanceCodeEntriesTable {
  code_id: string;
  registration_id: string;
  event_id: string;
  entered_at: number;
}

export interface AttendanceSettingsTable {
  event_id: string;
  online_rule: OnlineRule;
  min_codes: number;
  min_percent: number;
  code_window_minutes: number;
  /** Presence window: door scans count from this many minutes before the start… */
  doors_open_minutes: number;
  /** …joins and codes from this many… */
  online_open_minutes: number;
  /** …and both until this many minutes after the end. */
  grace_minutes: number;
  updated_at: number;
}

export interface AttendanceImportsTable {
  id: string;
  event_id: string;
  source: 'zoom' | 'meet';
  filename: string | null;
  rows_total: number;
  created_by: string | null;
  created_at: number;
}

export interface AttendanceImportRowsTable {
  id: string;
  import_id: string;
  event_id: string;
  row_no: number;
  name: string;
  email: string | null;
  minutes: number;
  registration_id: string | null;
  /** matched (automatically) | assigned (by the organizer) | unmatched | ignored */
  status: 'matched' | 'assigned' | 'unmatched' | 'ignored';
}

export interface AttendanceTables {
  attendance: AttendanceTable;
  checkin_scans: CheckinScansTable;
  checkin_walkins: CheckinWalkinsTable;
  attendance_codes: AttendanceCodesTable;
  attendance_code_entries: AttendanceCodeEntriesTable;
  attendance_settings: AttendanceSettingsTable;
  attendance_imports: AttendanceImportsTable;
  attendance_import_rows: AttendanceImportRowsTable;
}
