import { sql } from 'kysely';
import type { Tx } from '../registrations.repository.js';

/** What stays of a person's name once the data is erased. */
const ERASED_NAME = '—';
const DAY = 86_400_000;

/**
 * The personal fields blanked. The row stays with its mode, status, source and times, so the counts per mode and
 * status hold; the institution stays only on confirmed rows, because the report counts attendees per institution.
 */
const erasedFields = (now: number) => ({
  name: ERASED_NAME,
  front_titles: null,
  back_titles: null,
  email: null,
  phone: null,
  answers: null,
  institution: sql<string | null>`case when status = 'confirmed' then institution else null end`,
  anonymized_at: now,
  updated_at: now,
});

export const privacyRepository = {
  /** Erases one registration; false when it was already erased. */
  async anonymizeOne(db: Tx, id: string, now: number): Promise<boolean> {
    const r = await db
      .updateTable('registrations')
      .set(erasedFields(now))
      .where('id', '=', id)
      .where('anonymized_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  /** The registrations of an event still holding personal data, with the contacts the parts match on. */
  stillHeld: (db: Tx, eventId: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'event_id', 'email', 'phone'])
      .where('event_id', '=', eventId)
      .where('anonymized_at', 'is', null)
      .execute(),

  /** Erases every registration of an event still holding personal data; returns their ids. */
  async anonymizeEvent(db: Tx, eventId: string, now: number): Promise<string[]> {
    const rows = await db
      .updateTable('registrations')
      .set(erasedFields(now))
      .where('event_id', '=', eventId)
      .where('anonymized_at', 'is', null)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },

  /**
   * Events whose retention period (per event, 365 days unless the organizer set another) ended before `now`
   * and that still hold personal data. The day arithmetic is done here rather than in SQL, where bigint
   * and integer arithmetic differ between the engines.
   */
  async dueForRetention(db: Tx, now: number): Promise<{ id: string; endsAt: number; days: number }[]> {
    const rows = await db
      .selectFrom('events')
      .leftJoin('registration_settings as s', 's.event_id', 'events.id')
      .select(['events.id as id', 'events.ends_at as endsAt', 's.retention_days as days'])
      .where('events.ends_at', '<', now)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('registrations')
            .select('registrations.id')
            .whereRef('registrations.event_id', '=', 'events.id')
            .where('registrations.anonymized_at', 'is', null),
        ),
      )
      .execute();
    return rows
      .map((r) => ({ id: r.id, endsAt: Number(r.endsAt), days: Number(r.days ?? 365) }))
      .filter((r) => r.endsAt + r.days * DAY < now);
  },
};
