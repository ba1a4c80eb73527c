import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** All SQL of the realtime layer: the per-event sequence counter and the replay log. */
export const realtimeRepository = {
  /** Creates the event's live row if missing (idempotent under concurrency: conflicts do nothing). */
  ensureState: (db: Db, eventId: string) =>
    db
      .insertInto('live_state')
      .values({
        event_id: eventId,
        seq: 0,
        moderation: 'pre',
        qa_open: 1,
        open_voting: 0,
        updated_at: Date.now(),
      })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute(),

  /**
   * Hands out the next sequence number. The conditional update takes the row lock (PostgreSQL) or the
   * write lock (SQLite), so numbers are unique and every read later in the same transaction sees all
   * updates committed before it: a message's content is never older than a message with a lower number.
   */
  nextSeq: async (db: Db, eventId: string): Promise<number | null> => {
    const row = await db
      .updateTable('live_state')
      .set({ seq: sql`seq + 1`, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .returning('seq')
      .executeTakeFirst();
    return row ? Number(row.seq) : null;
  },

  currentSeq: async (db: Db, eventId: string): Promise<number> => {
    const row = await db
      .selectFrom('live_state')
      .select('seq')
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row ? Number(row.seq) : 0;
  },

  appendLog: (
    db: Db,
    row: { event_id: string; seq: number; staff: string; public: string | null; at: number },
  ) => db.insertInto('live_log').values(row).execute(),

  /** Log rows after `since` (at most `limit`), oldest first. */
  readLog: (db: Db, eventId: string, since: number, limit: number, until?: number) =>
    db
      .selectFrom('live_log')
      .select(['seq', 'staff', 'public'])
      .where('event_id', '=', eventId)
      .where('seq', '>', since)
      .$if(until !== undefined, (q) => q.where('seq', '<=', until!))
      .orderBy('seq')
      .limit(limit)
      .execute(),

  oldestSeq: async (db: Db, eventId: string): Promise<number | null> => {
    const row = await db
      .selectFrom('live_log')
      .select((eb) => eb.fn.min('seq').as('m'))
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row?.m == null ? null : Number(row.m);
  },

  prune: (db: Db, eventId: string, belowSeq: number) =>
    db.deleteFrom('live_log').where('event_id', '=', eventId).where('seq', '<', belowSeq).execute(),
};
