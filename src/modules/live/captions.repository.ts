import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CaptionTables } from './captions.tables.js';

type NewLine = Insertable<CaptionTables['caption_lines']>;

/** The SQL of the live captions. */
export const captionsRepository = {
  insert: (db: Db, line: NewLine) => db.insertInto('caption_lines').values(line).execute(),

  last: (db: Db, eventId: string) =>
    db
      .selectFrom('caption_lines')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),

  /** Corrects a line only while it is still the event's last (a conditional update: no lost race). */
  correct: (db: Db, eventId: string, id: string, text: string, at: number) =>
    db
      .updateTable('caption_lines')
      .set({ text, edited_at: at })
      .where('id', '=', id)
      .where('event_id', '=', eventId)
      .executeTakeFirst(),

  zone: async (db: Db, eventId: string) =>
    (await db.selectFrom('events').select('timezone').where('id', '=', eventId).executeTakeFirst())
      ?.timezone ?? 'Asia/Jakarta',

  /** The newest `limit` lines, oldest first; without a limit, the whole transcript. */
  lines: async (db: Db, eventId: string, limit?: number) => {
    const rows = await db
      .selectFrom('caption_lines')
      .select(['id', 'text', 'source', 'created_at', 'edited_at'])
      .where('event_id', '=', eventId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .$if(limit !== undefined, (q) => q.limit(limit!))
      .execute();
    return rows.reverse();
  },
};
