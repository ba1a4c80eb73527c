import type { InvitationStatus } from './invitations.schemas.js';

export interface InvitationsTable {
  id: string;
  event_id: string;
  /** The personal invitation link secret (≥128 random bits). */
  token: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  position: string | null;
  institution: string | null;
  email: string | null;
  phone: string | null;
  /** A reserved seat of the plan, held for this guest. */
  seat_id: string | null;
  status: InvitationStatus;
  /** The registration (ticket) made when the guest accepted. */
  registration_id: string | null;
  note: string | null;
  created_at: number;
  responded_at: number | null;
}

export interface InvitationTables {
  invitations: InvitationsTable;
}
