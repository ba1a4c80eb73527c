import type { Db } from '../../../db/database.js';

// Replaced by the Q&A module: questions in all, by origin, and answered (dismissed and merged ones excluded).
export async function questionStats(_db: Db, _eventId: string) {
  return { total: 0, onsite: 0, online: 0, answered: 0 };
}
