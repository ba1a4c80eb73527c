import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

/**
 * The demo's reads, and the writes of its story: the seminar happened in 2021, so its registrations,
 * door check-ins, online joins and questions are stored as those modules store them (their services
 * refuse a past event, rightly); everything that has a service for it (seats, evaluation, certificates,
 * photos) goes through that service.
 */
export const demoRepository = {
  userByEmail: (db: Db, email: string) =>
    db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst(),
  /** Who the story is written by when the demo is loaded without an owner: the first staff account. */
  firstStaff: (db: Db) =>
    db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role'])
      .where('role', 'in', ['admin', 'organizer'])
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst(),
  hasRegistrations: async (db: Db, eventId: string) =>
    !!(await db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .limit(1)
      .executeTakeFirst()),
  people: (db: Db, eventId: string) =>
    db.selectFrom('people').select(['id', 'name']).where('event_id', '=', eventId).execute(),
  agenda: (db: Db, eventId: string) =>
    db.selectFrom('agenda_items').select(['id', 'title']).where('event_id', '=', eventId).execute(),
  async insertStory(
    db: Db,
    rows: {
      registrations: Insertable<DB['registrations']>[];
      attendance: Insertable<DB['attendance']>[];
      questions: Insertable<DB['questions']>[];
    },
  ) {
    await db.insertInto('registrations').values(rows.registrations).execute();
    await db.insertInto('attendance').values(rows.attendance).execute();
    await db.insertInto('questions').values(rows.questions).execute();
  },
  saveNarrative: (db: Db, eventId: string, data: string, userId: string) =>
    db
      .insertInto('report_narratives')
      .values({ event_id: eventId, data, updated_at: Date.now(), updated_by: userId })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute(),
};
