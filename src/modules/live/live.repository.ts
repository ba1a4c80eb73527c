import type { Db } from '../../db/database.js';

/**
 * SQL of the stage pointer and the Q&A settings (rows of live_state, created by the realtime layer),
 * and the rundown as the stage reads it. The stage is rendered inside the live update's transaction
 * (so a later number never carries an older stage), hence its own reads here rather than the program
 * service's, which cannot join that transaction.
 */
export const liveRepository = {
  /** 1 when a stage timer is set, else 0 (for the preview of a moved event). */
  countStageTimer: async (db: Db, eventId: string) =>
    (await db
      .selectFrom('live_state')
      .select('stage_started_at')
      .where('event_id', '=', eventId)
      .where('stage_started_at', 'is not', null)
      .executeTakeFirst())
      ? 1
      : 0,
  shiftStageTimer: (db: Db, eventId: string, ms: number) =>
    db
      .updateTable('live_state')
      .set((eb) => ({
        stage_started_at: eb('stage_started_at', '+', ms),
        stage_ends_at: eb('stage_ends_at', '+', ms),
      }))
      .where('event_id', '=', eventId)
      .execute(),

  state: (db: Db, eventId: string) =>
    db
      .selectFrom('live_state')
      .select(['agenda_item_id', 'stage_started_at', 'stage_ends_at', 'moderation', 'qa_open', 'open_voting'])
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

  setSettings: (
    db: Db,
    eventId: string,
    patch: { moderation?: 'pre' | 'auto'; qa_open?: number; open_voting?: number },
  ) =>
    db
      .updateTable('live_state')
      .set({ ...patch, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .execute(),

  eventZone: async (db: Db, eventId: string) =>
    (await db.selectFrom('events').select('timezone').where('id', '=', eventId).executeTakeFirst())
      ?.timezone ?? null,

  /** The rundown in order, with each item's people in their order. */
  rundown: async (db: Db, eventId: string) => {
    const [items, people] = await Promise.all([
      db
        .selectFrom('agenda_items')
        .select(['id', 'kind', 'title', 'starts_at', 'ends_at'])
        .where('event_id', '=', eventId)
        .orderBy('starts_at')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('people')
        .select(['id', 'front_titles', 'name', 'back_titles', 'position', 'institution', 'presence'])
        .where('event_id', '=', eventId)
        .execute(),
    ]);
    const links = items.length
      ? await db
          .selectFrom('agenda_people')
          .select(['agenda_item_id', 'person_id'])
          .where(
            'agenda_item_id',
            'in',
            items.map((i) => i.id),
          )
          .orderBy('position')
          .execute()
      : [];
    return { items, people, links };
  },
};
