import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { MediaItemsTable, MediaKind } from './media.tables.js';

export type MediaRow = Selectable<MediaItemsTable>;

export const mediaRepository = {
  /** The stored files of an event's photos and materials (deleted with the event). */
  filesOfEvent: async (db: Db, eventId: string) =>
    (
      await db
        .selectFrom('media_items')
        .select(['path', 'thumb_path'])
        .where('event_id', '=', eventId)
        .execute()
    ).flatMap((r) => [r.path, r.thumb_path]),
  insert: (db: Db, rows: MediaItemsTable[]) =>
    rows.length ? db.insertInto('media_items').values(rows).execute() : Promise.resolve([]),
  list: (db: Db, eventId: string, kind?: MediaKind, onlyShared = false) =>
    db
      .selectFrom('media_items')
      .selectAll()
      .where('event_id', '=', eventId)
      .$if(!!kind, (q) => q.where('kind', '=', kind!))
      .$if(onlyShared, (q) => q.where('shared', '=', 1))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  find: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('media_items')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),
  update: (
    db: Db,
    id: string,
    patch: Partial<Pick<MediaItemsTable, 'caption' | 'agenda_item_id' | 'shared'>>,
  ) => db.updateTable('media_items').set(patch).where('id', '=', id).execute(),
  remove: (db: Db, id: string) => db.deleteFrom('media_items').where('id', '=', id).execute(),
};
