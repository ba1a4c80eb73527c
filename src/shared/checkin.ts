/**
 * What the check-in API says of the person at the door, shared by the server (src/modules/attendance/checkin)
 * and the door page (client/checkin.ts), so the two cannot drift apart.
 */
export interface DoorPerson {
  id: string;
  name: string;
  institution: string | null;
  mode: 'onsite' | 'online';
  seat: string | null;
}
