import type { Db } from '../../../db/database.js';

// Replaced by the registrations module: counts of confirmed onsite/online, waitlisted and cancelled.
export async function registrationStats(_db: Db, _eventId: string) {
  return { onsite: 0, online: 0, waitlisted: 0, cancelled: 0 };
}
