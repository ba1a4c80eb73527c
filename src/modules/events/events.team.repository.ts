import type { Db } from '../../db/database.js';

/** The few user columns the event team needs (the users table belongs to auth; this only reads it). */
export const teamUsersRepository = {
  byId: (db: Db, id: string) =>
    db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst(),
  byEmail: (db: Db, email: string) =>
    db
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst(),
};
