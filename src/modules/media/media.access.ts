import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { type EventRow, loadEventFor } from '../events/index.js';

/** Staff at the event (organizers, check-in staff and moderators) may upload photos. */
export async function loadForStaff(req: FastifyRequest, db: Db, id: string): Promise<EventRow> {
  try {
    return await loadEventFor(req, db, id, 'checkin');
  } catch (err) {
    if ((err as { status?: number }).status !== 403) throw err;
    return loadEventFor(req, db, id, 'moderate');
  }
}
