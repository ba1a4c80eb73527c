import type { Db } from '../../../db/database.js';
import { questionStatsFor } from '../../qa/index.js';

// Questions in all, by origin (hall / online), and answered; dismissed and merged ones are not counted.
export async function questionStats(db: Db, eventId: string) {
  return questionStatsFor(db, eventId);
}
