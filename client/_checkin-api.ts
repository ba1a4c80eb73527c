// The check-in API's answers as the door page reads them (src/modules/attendance/checkin is the server side).
import type { DoorPerson } from '../src/shared/checkin.js';

export interface ServerResult {
  /** `waitlisted`: a walk-in the full hall could only put on its waitlist (not checked in). */
  result: 'checked_in' | 'already_checked_in' | 'waitlisted';
  first: boolean;
  message: string;
  registration: DoorPerson;
  checkedInAt: string;
  checkedInBy: string | null;
  clockFlagged?: boolean;
  /** Registered here as a walk-in (the door shows their ticket as a QR code). */
  walkIn?: boolean;
}

export interface ServerError {
  error: { code: string; message: string; registrationId?: string; overridable?: boolean };
}

/** One answer of `POST …/checkins/sync`, per scan sent. */
export type SyncAnswer =
  | (ServerResult & { scanId: string })
  | (ServerError & { scanId: string; result: 'error' });
