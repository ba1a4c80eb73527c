import type { Db } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import type { Tx } from '../../db/transaction.js';

export const invitesRepository = {
  insertUser: (db: Db | Tx, user: UsersTable) => db.insertInto('users').values(user).execute(),

  insertInvite: (
    db: Db | Tx,
    invite: {
      user_id: string;
      token_hash: string;
      created_by: string;
      created_at: number;
      expires_at: number;
      used_at: null;
    },
  ) => db.insertInto('user_invites').values(invite).execute(),

  find: (db: Db, tokenHash: string) =>
    db
      .selectFrom('user_invites')
      .innerJoin('users', 'users.id', 'user_invites.user_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        'user_invites.used_at',
        'user_invites.expires_at',
      ])
      .where('user_invites.token_hash', '=', tokenHash)
      .executeTakeFirst(),

  /** Exactly one of two racing submissions claims the link. */
  claim: async (db: Db, tokenHash: string, now: number) =>
    Number(
      (
        await db
          .updateTable('user_invites')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>=', now)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,

  setPassword: (db: Db, userId: string, passwordHash: string) =>
    db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute(),
};
