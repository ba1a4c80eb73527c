import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tx } from '../../db/transaction.js';
import type { Channel, DeliveryStatus } from './messages.tables.js';

export interface NewDelivery {
  key: string;
  event_id: string;
  registration_id: string;
  source: 'message' | 'reminder';
  source_id: string;
  channel: Channel;
}

/** The outbox's SQL: inserts that skip a key already there, and claims that are conditional updates. */
export const deliveriesRepository = {
  /** Inserts the new ones; returns those inserted (a key already present is someone's earlier decision). */
  insert: async (trx: Tx, rows: NewDelivery[], ids: () => string) => {
    const now = Date.now();
    const out: { id: string; channel: Channel }[] = [];
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400).map((r) => ({
        ...r,
        id: ids(),
        status: 'pending' as const,
        attempts: 0,
        created_at: now,
        updated_at: now,
      }));
      out.push(
        ...(await trx
          .insertInto('deliveries')
          .values(chunk)
          .onConflict((oc) => oc.column('key').doNothing())
          .returning(['id', 'channel'])
          .execute()),
      );
    }
    return out;
  },

  /**
   * Takes one delivery to send: pending, failed (a retry), or sending with a lapsed lease (its node died).
   * Exactly one caller wins; a delivery already sent is never taken again.
   */
  claim: (db: Db, id: string, now: number, leaseMs: number) =>
    db
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'sending',
        lease_until: now + leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['pending', 'failed']),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst(),

  finish: (db: Db, id: string, status: DeliveryStatus, error: string | null) =>
    db
      .updateTable('deliveries')
      .set({
        status,
        error: error?.slice(0, 500) ?? null,
        lease_until: null,
        updated_at: Date.now(),
        ...(status === 'sent' ? { sent_at: Date.now() } : {}),
      })
      .where('id', '=', id)
      .execute(),

  /** Counts per status of one message or reminder run (the progress bar), or of a whole event. */
  counts: async (db: Db, by: { sourceId?: string; eventId?: string }) => {
    const rows = await db
      .selectFrom('deliveries')
      .select(['status', sql<number>`count(*)`.as('n')])
      .$if(!!by.sourceId, (q) => q.where('source_id', '=', by.sourceId!))
      .$if(!!by.eventId, (q) => q.where('event_id', '=', by.eventId!))
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
      Record<DeliveryStatus, number>
    >;
  },

  /** The console's log: newest first, with the person's name and contact. */
  list: (
    db: Db,
    eventId: string,
    f: { status?: DeliveryStatus; sourceId?: string; channel?: 'email' | 'whatsapp'; limit: number },
  ) =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('registrations as r', 'r.id', 'd.registration_id')
      .select([
        'd.id',
        'd.source',
        'd.source_id',
        'd.channel',
        'd.status',
        'd.attempts',
        'd.error',
        'd.updated_at',
        'd.sent_at',
        'r.name',
        'r.email',
        'r.phone',
        'r.ticket_code',
        'r.locale',
      ])
      .where('d.event_id', '=', eventId)
      .$if(!!f.status, (q) => q.where('d.status', '=', f.status!))
      .$if(!!f.sourceId, (q) => q.where('d.source_id', '=', f.sourceId!))
      .$if(!!f.channel, (q) => q.where('d.channel', '=', f.channel!))
      .orderBy('d.updated_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(f.limit)
      .execute(),

  find: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('deliveries')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),

  /** Failed e-mails back to pending (the console's retry); returns those moved. */
  requeue: (trx: Tx, eventId: string, ids: string[] | 'all-failed') =>
    trx
      .updateTable('deliveries')
      .set({ status: 'pending', error: null, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .where('status', '=', 'failed')
      .$if(ids !== 'all-failed', (q) => q.where('id', 'in', ids as string[]))
      .returning(['id', 'channel'])
      .execute(),

  /** A WhatsApp delivery the organizer sent by hand through wa.me. */
  markSentByHand: (db: Db, eventId: string, id: string) =>
    db
      .updateTable('deliveries')
      .set({ status: 'sent', sent_at: Date.now(), updated_at: Date.now(), error: null })
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .where('channel', '=', 'whatsapp')
      .where('status', 'in', ['pending', 'failed'])
      .executeTakeFirst(),
};
