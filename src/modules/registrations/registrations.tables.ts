export type RegistrationMode = 'onsite' | 'online';
export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'declined';

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
}

export interface RegistrationTables {
  registrations: RegistrationsTable;
}
