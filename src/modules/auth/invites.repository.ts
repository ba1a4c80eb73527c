import type { Db } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';

export const invitesRepository = {
  /** The account and its invitation together: never an account nobody can reach. */
  insertInvitedUser: (
    db: Db,
    user: UsersTable,
    invite: { token_hash: string; created_by: string; created_at: number; expires_at: number },
  ) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(user).execute();
      await trx
        .insertInto('user_invites')
        .values({ ...invite, user_id: user.id, used_at: null })
        .execute();
    }),

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
