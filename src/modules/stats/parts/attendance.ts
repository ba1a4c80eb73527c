import type { Db } from '../../../db/database.js';
import { presenceCounts } from '../../attendance/index.js';
import { eventsRepository } from '../../events/index.js';

// People present in the hall, online, and in all, each counted once by the event's presence rule.
export async function attendanceStats(db: Db, eventId: string) {
  const event = await eventsRepository.findByIdOrSlug(db, eventId);
  if (!event) return { onsite: 0, online: 0, total: 0 };
  return presenceCounts(db, event);
}
