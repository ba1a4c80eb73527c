import type { Db } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';

export const authRepository = {
  countUsers: async (db: Db) => {
    const r = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  findUserByEmail: (db: Db, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
  findUserById: (db: Db, id: string) =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  listUsers: (db: Db) =>
    db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at']).orderBy('email').execute(),
  insertUser: (db: Db, user: UsersTable) => db.insertInto('users').values(user).execute(),
  insertSession: (
    db: Db,
    s: { id_hash: string; user_id: string; csrf_token: string; created_at: number; expires_at: number },
  ) => db.insertInto('sessions').values(s).execute(),
  findSession: (db: Db, idHash: string, now: number) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.csrf_token'])
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst(),
  /** Expired sessions are removed as new ones are made, so the table does not grow without end. */
  deleteExpiredSessions: (db: Db, now: number) =>
    db.deleteFrom('sessions').where('expires_at', '<=', now).execute(),
  deleteSession: (db: Db, idHash: string) =>
    db.deleteFrom('sessions').where('id_hash', '=', idHash).execute(),
  insertToken: (
    db: Db,
    t: { id: string; user_id: string; token_hash: string; name: string; created_at: number },
  ) =>
    db
      .insertInto('api_tokens')
      .values({ ...t, last_used_at: null })
      .execute(),
  findToken: (db: Db, hash: string) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['users.id', 'users.email', 'users.name', 'users.role', 'api_tokens.id as token_id'])
      .where('api_tokens.token_hash', '=', hash)
      .executeTakeFirst(),
  getSetting: async (db: Db, key: string) =>
    (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ??
    null,
  setSetting: (db: Db, key: string, value: string) =>
    db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute(),
  deleteSetting: (db: Db, key: string) => db.deleteFrom('settings').where('key', '=', key).execute(),
};
