import type { Db } from '../../db/database.js';
import type { Tx } from '../../db/transaction.js';
import type { MessageKind } from './messages.tables.js';

interface NewMessage {
  id: string;
  event_id: string;
  kind: MessageKind;
  subject: string;
  body: string;
  body_absent: string | null;
  audience: string;
  channels: string;
  idempotency_key: string | null;
  created_by: string | null;
  created_at: number;
  recipients: number;
}

/** Messages and the registrants they may go to (the registrations table is read, never written, here). */
export const messagesRepository = {
  /** Registrants of one event by mode and status, with what a message needs to reach them. */
  audience: (db: Db | Tx, eventId: string, modes: string[], statuses: string[]) =>
    db
      .selectFrom('registrations')
      .select(['id', 'mode', 'status', 'email', 'phone', 'created_at'])
      .where('event_id', '=', eventId)
      .where('mode', 'in', modes as ('onsite' | 'online')[])
      .where('status', 'in', statuses as ('confirmed' | 'waitlisted')[])
      .where('anonymized_at', 'is', null)
      .orderBy('id')
      .execute(),

  insert: (trx: Tx, row: NewMessage) => trx.insertInto('messages').values(row).execute(),

  setRecipients: (trx: Tx, id: string, n: number) =>
    trx.updateTable('messages').set({ recipients: n }).where('id', '=', id).execute(),

  byKey: (db: Db, eventId: string, key: string) =>
    db
      .selectFrom('messages')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst(),

  find: (db: Db, id: string) => db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst(),

  list: (db: Db, eventId: string) =>
    db
      .selectFrom('messages')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
};
