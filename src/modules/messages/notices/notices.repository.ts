import type { Db } from '../../../db/database.js';
import type { EventRow } from '../../events/index.js';

/** The baseline a change notice compares the event with, and the recording's link. */
export const noticesRepository = {
  baseline: (db: Db, eventId: string) =>
    db.selectFrom('notice_baselines').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  /** Records what registrants now know (at publishing, or after a notice went out or was dismissed). */
  setBaseline: (db: Db, e: EventRow, onlyIfMissing = false) => {
    const row = {
      starts_at: e.starts_at,
      ends_at: e.ends_at,
      venue_name: e.venue_name,
      venue_address: e.venue_address,
      online_join_url: e.online_join_url,
      updated_at: Date.now(),
    };
    return db
      .insertInto('notice_baselines')
      .values({ event_id: e.id, ...row })
      .onConflict((oc) =>
        onlyIfMissing ? oc.column('event_id').doNothing() : oc.column('event_id').doUpdateSet(row),
      )
      .execute();
  },

  recording: async (db: Db, eventId: string) =>
    (
      await db
        .selectFrom('event_followups')
        .select('recording_url')
        .where('event_id', '=', eventId)
        .executeTakeFirst()
    )?.recording_url ?? null,

  setRecording: (db: Db, eventId: string, url: string | null) =>
    db
      .insertInto('event_followups')
      .values({ event_id: eventId, recording_url: url, updated_at: Date.now() })
      .onConflict((oc) => oc.column('event_id').doUpdateSet({ recording_url: url, updated_at: Date.now() }))
      .execute(),
};
