import { createHmac } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId, newSecretToken } from '../../shared/ids.js';
import { presentRegistrations } from '../attendance/index.js';
import type { JobQueue } from '../jobs/index.js';
import { pointsInside } from './webhooks.address.js';
import {
  type Cause,
  webhookCausesRepository as causesRepo,
  SWEPT,
  type SweptEvent,
} from './webhooks.causes.repository.js';
import { webhooksRepository as repo } from './webhooks.repository.js';
import type { WebhookEvent, WebhookInput } from './webhooks.schemas.js';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: receivers recompute it with their secret. */
export const signature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const parseEvents = (json: string): string[] => {
  try {
    return JSON.parse(json) as string[];
  } catch {
    return [];
  }
};

/**
 * Webhooks: domain events become signed POSTs to subscribers. Each POST is a delivery row and a job written
 * in one transaction; the job queue retries with doubling waits for about 24 hours; the log and a manual
 * redelivery are in the console. Bodies carry ids and states, never ticket codes or other bearer secrets.
 */
export function createWebhooksService(ctx: AppContext, deps: { jobs: JobQueue }) {
  const { db, config, log } = ctx;

  async function deliver(id: string, last: boolean) {
    const d = await repo.delivery(db, id);
    if (!d || d.status === 'sent') return;
    if (!config.webhooksAllowPrivate && (await pointsInside(d.url))) {
      // Refused for good: the address may have been re-pointed inside since the webhook was made.
      await repo.record(db, id, { status: 'failed', responseStatus: null, error: 'private address refused' });
      return;
    }
    let status: number | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Aula-Webhooks/1',
          'x-aula-event': d.type,
          'x-aula-delivery': d.id,
          'x-aula-signature': signature(d.secret, d.body),
        },
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      await repo.record(db, id, { status: 'sent', responseStatus: status, error: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await repo.record(db, id, {
        status: last ? 'failed' : 'pending',
        responseStatus: status,
        error: message,
      });
      if (last) log.warn({ deliveryId: id, err: message }, 'webhook delivery failed for good');
      throw err;
    }
  }
  deps.jobs.work('webhook', (data, attempt) => deliver(String(data.deliveryId), attempt.last));

  /** The deliveries and their jobs, in one transaction; a key already logged for a webhook is skipped. */
  async function queue(
    hookIds: string[],
    type: WebhookEvent,
    eventId: string,
    data: Record<string, unknown>,
    key: string | null,
    occurredAt: number,
  ): Promise<number> {
    const body = JSON.stringify({ type, eventId, occurredAt: new Date(occurredAt).toISOString(), data });
    const rows = hookIds.map((id) => ({
      id: newId(),
      webhook_id: id,
      type,
      event_id: eventId,
      body,
      dedupe_key: key,
    }));
    const ids = await inTransaction(db, async (trx) => {
      const inserted = await repo.insertDeliveries(trx, rows);
      await deps.jobs.enqueue(
        trx,
        inserted.map((id) => ({ queue: 'webhook' as const, data: { deliveryId: id } })),
      );
      return inserted;
    });
    if (ids.length) deps.jobs.poke();
    return ids.length;
  }

  /**
   * Queues one domain event for every webhook that wants it (its event's and the global ones). With a `key`,
   * the first delivery of that happening carries it, so the catch-up sweep knows it went; the same happening
   * again (a cancelled registration brought back) goes with a key of its own.
   */
  async function publish(
    type: WebhookEvent,
    eventId: string,
    data: Record<string, unknown>,
    key: string | null = null,
  ) {
    const hooks = (await repo.subscribers(db, eventId)).filter((h) => parseEvents(h.events).includes(type));
    if (!hooks.length) return;
    const ids = hooks.map((h) => h.id);
    const now = Date.now();
    if ((await queue(ids, type, eventId, data, key, now)) < ids.length && key)
      await queue(ids, type, eventId, data, `${key}:${now}`, now);
  }

  /** The body's `data` of a happening read back from its row; the bus may add what no row keeps. */
  const dataOf = (type: SweptEvent, c: Cause, extra: Record<string, unknown>): Record<string, unknown> => {
    if (type === 'certificate.issued')
      return { role: c.role, registrationIds: c.registration_id ? [c.registration_id] : [] };
    if (type === 'registration.cancelled')
      return { registrationId: c.registration_id, mode: c.mode, previousStatus: null, ...extra };
    if (type === 'registration.promoted') return { registrationId: c.registration_id, mode: c.mode };
    return { registrationId: c.registration_id };
  };

  /** Code entries count online only by the event's rule: keeps the candidates it counts. */
  async function onlinePresent(causes: Cause[]): Promise<Cause[]> {
    const out: Cause[] = [];
    for (const eventId of new Set(causes.map((c) => c.event_id))) {
      const event = await ctx.services.events.find(eventId);
      if (!event) continue;
      const present = await presentRegistrations(db, event);
      out.push(
        ...causes.filter((c) => c.event_id === eventId && present.get(c.registration_id!) === 'online'),
      );
    }
    return out;
  }

  /**
   * Queues every happening of `type` that a webhook wanting it has no delivery for, each read from the row
   * that records it with a key unique per webhook. The bus handlers call it right after the cause committed
   * (for their registrations); the minute's sweep calls it for what a crash in that instant kept off the bus.
   * Both may run at once: the unique key lets one delivery in.
   */
  async function sweep(
    type: SweptEvent,
    f: {
      eventId?: string;
      registrationIds?: string[];
      before?: number;
      extra?: Record<string, unknown>;
    } = {},
  ): Promise<number> {
    let n = 0;
    for (const hook of await repo.wanting(db, type)) {
      if (f.eventId && hook.event_id && hook.event_id !== f.eventId) continue;
      let causes = await causesRepo.missed(db, type, { ...f, hook, limit: 500 });
      if (type === 'attendance.online_present') causes = await onlinePresent(causes);
      for (const c of causes)
        n += await queue([hook.id], type, c.event_id, dataOf(type, c, f.extra ?? {}), c.key, c.at);
    }
    return n;
  }

  /**
   * The bus runs its handlers right after the cause committed; a node dying in between would lose that
   * webhook. This sweep finds causes a webhook has no delivery for (older than a minute, so the bus path goes
   * first) and queues them: registrations without `registration.created`, and every other event by `sweep`.
   */
  async function catchUp(now = Date.now()): Promise<number> {
    let n = 0;
    for (const type of SWEPT) n += await sweep(type, { before: now - 60_000 });
    for (const hook of await repo.wanting(db, 'registration.created')) {
      for (const r of await repo.missedRegistrations(db, hook, now - 60_000)) {
        const data = { registrationId: r.id, status: r.status, mode: r.mode, source: r.source };
        n += await queue(
          [hook.id],
          'registration.created',
          r.event_id,
          data,
          `registration.created:${r.id}`,
          Number(r.created_at),
        );
      }
    }
    return n;
  }

  const present = (h: NonNullable<Awaited<ReturnType<typeof repo.find>>>) => ({
    id: h.id,
    url: h.url,
    events: parseEvents(h.events),
    eventId: h.event_id,
    createdAt: Number(h.created_at),
  });

  return {
    publish,
    sweep,
    catchUp,
    present,

    /** Checks the address, stores the webhook and returns its secret (shown this once). */
    async create(user: AuthUser, input: WebhookInput, eventId: string | null) {
      if (!eventId && user.role !== 'admin') throw errors.webhookNeedsEvent();
      if (!config.webhooksAllowPrivate && (await pointsInside(input.url)))
        throw errors.webhookPrivateAddress();
      const row = {
        id: newId(),
        url: input.url,
        events: JSON.stringify([...new Set(input.events)]),
        event_id: eventId,
        secret: newSecretToken(),
        created_by: user.id,
      };
      await repo.insert(db, row);
      return { id: row.id, secret: row.secret };
    },

    find: (id: string) => repo.find(db, id),
    list: (f: { eventId?: string | null; all?: boolean }) => repo.list(db, f),
    remove: (id: string) => repo.remove(db, id),
    deliveries: (webhookId: string) => repo.deliveries(db, webhookId),

    /** Sends a logged delivery again, now. */
    async redeliver(webhookId: string, deliveryId: string): Promise<boolean> {
      const ok = await inTransaction(db, async (trx) => {
        const r = await repo.reset(trx, webhookId, deliveryId);
        if (!Number(r.numUpdatedRows)) return false;
        await deps.jobs.enqueue(trx, [{ queue: 'webhook', data: { deliveryId } }]);
        return true;
      });
      deps.jobs.poke();
      return ok;
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
