import type { Db } from '../../db/database.js';

export const reportsRepository = {
  narrative: (db: Db, eventId: string) =>
    db.selectFrom('report_narratives').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
  saveNarrative: (db: Db, eventId: string, data: string, userId: string | null) =>
    db
      .insertInto('report_narratives')
      .values({ event_id: eventId, data, updated_at: Date.now(), updated_by: userId })
      .onConflict((oc) =>
        oc.column('event_id').doUpdateSet({ data, updated_at: Date.now(), updated_by: userId }),
      )
      .execute(),
  certificates: (db: Db, eventId: string) =>
    db
      .selectFrom('certificates')
      .select(['number', 'front_titles', 'name', 'back_titles', 'role', 'status'])
      .where('event_id', '=', eventId)
      .orderBy('issued_at')
      .orderBy('number')
      .execute(),
};
