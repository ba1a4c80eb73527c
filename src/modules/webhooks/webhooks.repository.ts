import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tx } from '../../db/transaction.js';

interface NewWebhook {
  id: string;
  url: string;
  events: string;
  event_id: string | null;
  secret: string;
  created_by: string | null;
}

/** Webhooks and their delivery log. */
export const webhooksRepository = {
  insert: (db: Db, row: NewWebhook) =>
    db
      .insertInto('webhooks')
      .values({ ...row, created_at: Date.now() })
      .execute(),

  find: (db: Db, id: string) => db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst(),

  /** An event's webhooks, or (null) the global ones; `all` for an admin's list. */
  list: (db: Db, f: { eventId?: string | null; all?: boolean }) =>
    db
      .selectFrom('webhooks')
      .selectAll()
      .$if(!f.all, (q) => (f.eventId ? q.where('event_id', '=', f.eventId) : q.where('event_id', 'is', null)))
      .orderBy('created_at', 'desc')
      .execute(),

  /** Those a domain event of `eventId` goes to: the event's own and the global ones. */
  subscribers: (db: Db, eventId: string) =>
    db
      .selectFrom('webhooks')
      .select(['id', 'events'])
      .where((eb) => eb.or([eb('event_id', '=', eventId), eb('event_id', 'is', null)]))
      .execute(),

  remove: (db: Db, id: string) => db.deleteFrom('webhooks').where('id', '=', id).execute(),

  /** Inserts the deliveries not already there (same webhook and dedupe key); returns the ids inserted. */
  insertDeliveries: async (
    trx: Tx,
    rows: {
      id: string;
      webhook_id: string;
      type: string;
      event_id: string | null;
      body: string;
      dedupe_key: string | null;
    }[],
  ) => {
    const now = Date.now();
    const out = await trx
      .insertInto('webhook_deliveries')
      .values(
        rows.map((r) => ({
          ...r,
          status: 'pending' as const,
          attempts: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['webhook_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    return out.map((r) => r.id);
  },

  /** Webhooks that want `type`, with where they listen and since when. */
  wanting: (db: Db, type: string) =>
    db
      .selectFrom('webhooks')
      .select(['id', 'event_id', 'created_at'])
      .where('events', 'like', `%"${type}"%`)
      .execute(),

  /**
   * Registrations made after the webhook and before `before` that it has no delivery for: what a crash between
   * the registration's commit and the bus handler would have lost.
   */
  missedRegistrations: (
    db: Db,
    hook: { id: string; event_id: string | null; created_at: number },
    before: number,
  ) =>
    db
      .selectFrom('registrations as r')
      .leftJoin('webhook_deliveries as d', (j) =>
        j
          .on('d.webhook_id', '=', hook.id)
          .on('d.dedupe_key', '=', sql<string>`${'registration.created:'} || r.id`),
      )
      .select(['r.id', 'r.event_id', 'r.status', 'r.mode', 'r.source', 'r.created_at'])
      .where('d.id', 'is', null)
      .where('r.created_at', '>', Number(hook.created_at))
      .where('r.created_at', '<', before)
      .$if(!!hook.event_id, (q) => q.where('r.event_id', '=', hook.event_id!))
      .orderBy('r.created_at')
      .limit(500)
      .execute(),

  delivery: (db: Db, id: string) =>
    db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.body', 'd.type', 'd.status', 'd.webhook_id', 'w.url', 'w.secret', 'w.event_id'])
      .where('d.id', '=', id)
      .executeTakeFirst(),

  /** Counts the attempt and records its outcome. */
  record: (
    db: Db,
    id: string,
    r: { status: 'pending' | 'sent' | 'failed'; responseStatus: number | null; error: string | null },
  ) =>
    db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: r.status,
        attempts: eb('attempts', '+', 1),
        response_status: r.responseStatus,
        error: r.error?.slice(0, 500) ?? null,
        updated_at: Date.now(),
        ...(r.status === 'sent' ? { delivered_at: Date.now() } : {}),
      }))
      .where('id', '=', id)
      .execute(),

  deliveries: (db: Db, webhookId: string) =>
    db
      .selectFrom('webhook_deliveries')
      .select(['id', 'type', 'status', 'attempts', 'response_status', 'error', 'created_at', 'delivered_at'])
      .where('webhook_id', '=', webhookId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),

  /** The console's redelivery: back to pending (the job is queued in the same transaction). */
  reset: (trx: Tx, webhookId: string, id: string) =>
    trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', error: null, updated_at: Date.now() })
      .where('id', '=', id)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst(),
};
