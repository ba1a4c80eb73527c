import type { Db } from '../../db/database.js';

export const messagesPersonalRepository = {
  /** What was sent to this registration: organizers' messages by subject, reminders by rule, with their state. */
  copy: (db: Db, eventId: string, registrationId: string) =>
    db
      .selectFrom('deliveries')
      .leftJoin('messages', (j) =>
        j.onRef('messages.id', '=', 'deliveries.source_id').on('deliveries.source', '=', 'message'),
      )
      .select([
        'deliveries.source',
        'messages.subject',
        'deliveries.channel',
        'deliveries.status',
        'deliveries.created_at',
        'deliveries.sent_at',
      ])
      .where('deliveries.event_id', '=', eventId)
      .where('deliveries.registration_id', '=', registrationId)
      .execute(),

  /**
   * The outbox keeps its rows (an organizer's counts of sent and failed) but no error text, which can quote the
   * address a mail server refused; what was still waiting is skipped, since there is no one left to write to.
   */
  forget: async (db: Db, eventId: string, registrationIds: string[]) => {
    await db
      .updateTable('deliveries')
      .set({ error: null })
      .where('event_id', '=', eventId)
      .where('registration_id', 'in', registrationIds)
      .execute();
    await db
      .updateTable('deliveries')
      .set({ status: 'skipped', updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .where('registration_id', 'in', registrationIds)
      .where('status', '=', 'pending')
      .execute();
  },
};
