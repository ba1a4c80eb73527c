import type { Db } from '../../db/database.js';

export const demoRepository = {
  userByEmail: (db: Db, email: string) =>
    db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst(),
};
