import type { Db } from '../../../db/database.js';
import { registrationStatsFor } from '../../registrations/index.js';

// Confirmed per mode, waitlisted and cancelled.
export async function registrationStats(db: Db, eventId: string) {
  return registrationStatsFor(db, eventId);
}
