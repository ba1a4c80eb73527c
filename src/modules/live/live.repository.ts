import type { Db } from '../../db/database.js';

/** SQL of the stage pointer and the Q&A settings (rows of live_state, created by the realtime layer). */
export const liveRepository = {
  state: (db: Db, eventId: string) =>
    db
      .selectFrom('live_state')
      .select(['agenda_item_id', 'stage_started_at', 'stage_ends_at', 'moderation', 'qa_open'])
      .where('event_id', '=', eventId)
      .executeTakeFirst(),

  setStage: (
    db: Db,
    eventId: string,
    itemId: string | null,
    startedAt: number | null,
    endsAt: number | null,
  ) =>
    db
      .updateTable('live_state')
      .set({
        agenda_item_id: itemId,
        stage_started_at: startedAt,
        stage_ends_at: endsAt,
        updated_at: Date.now(),
      })
      .where('event_id', '=', eventId)
      .execute(),

  setSettings: (db: Db, eventId: string, patch: { moderation?: 'pre' | 'auto'; qa_open?: number }) =>
    db
      .updateTable('live_state')
      .set({ ...patch, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .execute(),
};
