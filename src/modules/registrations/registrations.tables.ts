export type RegistrationMode = 'onsite' | 'online';
export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'declined';
export type RegistrationSource = 'self' | 'manual' | 'import' | 'walkin' | 'invitation';
export type SeatMode = 'registration' | 'checkin' | 'none';

export interface RegistrationsTable {
  id: string;
  event_id: string;
  /** The unguessable personal token (≥128 random bits) in the ticket URL and QR code. */
  ticket_code: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  institution: string | null;
  email: string | null;
  /** E.164, e.g. +6281234567890 */
  phone: string | null;
  mode: RegistrationMode;
  status: RegistrationStatus;
  /** self | manual | import | walkin | invitation */
  source: string;
  seat_id: string | null;
  /** When the person joined the waitlist (first in, first promoted). */
  waitlist_at: number | null;
  /** JSON: answers to the organizer's own questions. */
  answers: string | null;
  /** JSON: proof of consent per purpose (UU PDP), with time and notice version. */
  consents: string | null;
  locale: string;
  created_at: number;
  updated_at: number;
  confirmed_at: number | null;
  cancelled_at: number | null;
  /** When it last left the waitlist for a place (the durable mark the webhook sweep reads). */
  promoted_at: number | null;
  /** When the personal fields were erased (on request or after the retention period); null while kept. */
  anonymized_at: number | null;
  /**
   * The caller's own reference for this sign-up (a door device's walk-in id), unique per event when set: a
   * retry after a crash finds this row instead of registering the person twice.
   */
  client_ref: string | null;
  /** When "already registered" last sent the ticket link again (one send per registration per few minutes). */
  resent_at: number | null;
}

/** One row per event once the organizer touched the settings; absent means the defaults. */
export interface RegistrationSettingsTable {
  event_id: string;
  opens_at: number | null;
  closes_at: number | null;
  /** 1: registrations wait as `pending` until an organizer approves them. */
  approval: number;
  /** 1: a full mode puts people on its waitlist; 0: a full mode refuses. */
  waitlist: number;
  seat_mode: SeatMode;
  /** JSON: the organizer's extra questions (see registrations.schemas.ts `Question`). */
  questions: string | null;
  privacy_controller: string | null;
  privacy_contact: string | null;
  privacy_purpose: string | null;
  retention_days: number;
  updated_at: number;
}

/**
 * Confirmed places taken per (event, mode), invitations excluded. Every confirmation is a conditional
 * `taken = taken + 1 WHERE taken < capacity` on this row, which also serializes seat assignment.
 */
interface RegistrationCountersTable {
  event_id: string;
  mode: RegistrationMode;
  taken: number;
}

export interface RegistrationTables {
  registrations: RegistrationsTable;
  registration_settings: RegistrationSettingsTable;
  registration_counters: RegistrationCountersTable;
}
