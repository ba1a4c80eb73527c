import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { requireRole, requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { DeliveryOut, WebhookInput, WebhookOut } from './webhooks.schemas.js';

/** Webhooks API: organizers for the events they organize, admins for all. */
export const webhooksApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.webhooks;
  const tags = ['webhooks'];

  /** The webhook, if the caller may manage it (its event's organizers, or an admin for a global one). */
  async function load(req: FastifyRequest, id: string) {
    requireUser(req);
    const hook = await svc.find(id);
    if (!hook) throw errors.notFound(what.webhook);
    if (hook.event_id) await loadEventFor(req, db, hook.event_id, 'organize');
    else requireRole(req);
    return hook;
  }

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to domain events; answers the HMAC secret once',
        body: WebhookInput,
        response: { 201: z.object({ id: z.string(), secret: z.string() }) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const eventId = req.body.eventId
        ? (await loadEventFor(req, db, req.body.eventId, 'organize')).id
        : null;
      reply.code(201);
      return svc.create(user, req.body, eventId);
    },
  );

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: "An event's webhooks (organizers), or every webhook (admins, without eventId)",
        querystring: z.object({ eventId: z.string().trim().min(1).max(80).optional() }),
        response: { 200: z.object({ items: z.array(WebhookOut) }) },
      },
    },
    async (req) => {
      requireUser(req);
      if (req.query.eventId) {
        const event = await loadEventFor(req, db, req.query.eventId, 'organize');
        return { items: (await svc.list({ eventId: event.id })).map(svc.present) };
      }
      requireRole(req);
      return { items: (await svc.list({ all: true })).map(svc.present) };
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: { tags, summary: 'Remove a webhook and its log', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await svc.remove((await load(req, req.params.id)).id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook's delivery log, newest first",
        params: IdParam,
        response: { 200: z.object({ items: z.array(DeliveryOut) }) },
      },
    },
    async (req) => {
      const hook = await load(req, req.params.id);
      const rows = await svc.deliveries(hook.id);
      return {
        items: rows.map((d) => ({
          id: d.id,
          type: d.type,
          status: d.status,
          attempts: d.attempts,
          responseStatus: d.response_status,
          error: d.error,
          createdAt: Number(d.created_at),
          deliveredAt: d.delivered_at === null ? null : Number(d.delivered_at),
        })),
      };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a logged delivery again',
        params: routeParams('id', 'deliveryId'),
        response: { 202: z.object({ queued: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const hook = await load(req, req.params.id);
      if (!(await svc.redeliver(hook.id, req.params.deliveryId))) throw errors.notFound(what.delivery);
      reply.code(202);
      return { queued: true };
    },
  );
};
