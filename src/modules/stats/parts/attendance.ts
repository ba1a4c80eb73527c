import type { Db } from '../../../db/database.js';

// Replaced by the attendance module: people present in the hall, online, and in all (each counted once).
export async function attendanceStats(_db: Db, _eventId: string) {
  return { onsite: 0, online: 0, total: 0 };
}
