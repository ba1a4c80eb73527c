import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { InvitationStatus } from './invitations.schemas.js';
import type { InvitationsTable } from './invitations.tables.js';

export type InvitationRow = Selectable<InvitationsTable>;

export const invitationsRepository = {
  insert: (db: Db, row: Insertable<InvitationsTable>) => db.insertInto('invitations').values(row).execute(),
  findById: (db: Db, id: string) =>
    db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst(),
  findByToken: (db: Db, token: string) =>
    db.selectFrom('invitations').selectAll().where('token', '=', token).executeTakeFirst(),
  list: (db: Db, eventId: string) =>
    db
      .selectFrom('invitations')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  /** Changes the answer only if it is still what the caller saw: a double tap never makes two tickets. */
  async updateIf(db: Db, id: string, expected: InvitationStatus, patch: Updateable<InvitationsTable>) {
    const r = await db
      .updateTable('invitations')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },
  update: (db: Db, id: string, patch: Updateable<InvitationsTable>) =>
    db.updateTable('invitations').set(patch).where('id', '=', id).execute(),
  delete: (db: Db, id: string) => db.deleteFrom('invitations').where('id', '=', id).execute(),
  counts: (db: Db, eventId: string) =>
    db
      .selectFrom('invitations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .groupBy('status')
      .execute(),
};
