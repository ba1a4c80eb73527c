import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { Audience, CHANNELS, MessageInput, MessageOut, PreviewOut } from './messages.schemas.js';

const DeliveryOut = z.object({
  id: z.string(),
  source: z.string(),
  sourceId: z.string(),
  channel: z.string(),
  status: z.string(),
  attempts: z.number(),
  error: z.string().nullable(),
  name: z.string(),
  updatedAt: z.number(),
  sentAt: z.number().nullable(),
});
const STATUS = z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']);

/** Messages to registrants and the outbox's log (organizers of the event, admins). */
export const messagesApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { messages, deliveries } = app.ctx.services;
  const tags = ['messages'];

  app.post(
    '/api/v1/events/:id/messages/preview',
    {
      schema: {
        tags,
        summary: 'How many registrants an audience selects, per channel',
        params: IdParam,
        body: z.object({ audience: Audience, channels: z.array(z.enum(CHANNELS)).min(1).default(['email']) }),
        response: { 200: PreviewOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return messages.preview(event, req.body.audience, req.body.channels);
    },
  );

  app.post(
    '/api/v1/events/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Send a message to registrants (e-mail and/or WhatsApp); the same idempotency key sends once',
        params: IdParam,
        headers: z.object({ 'idempotency-key': z.string().trim().min(1).max(100).optional() }).passthrough(),
        body: MessageInput,
        response: { 201: MessageOut, 200: MessageOut },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const idempotencyKey = req.body.idempotencyKey ?? req.headers['idempotency-key'];
      const r = await messages.send(event, user, { ...req.body, idempotencyKey });
      reply.code(r.created ? 201 : 200);
      return { id: r.message.id, recipients: r.message.recipients, created: r.created, progress: r.progress };
    },
  );

  app.get(
    '/api/v1/events/:id/messages/:messageId',
    {
      schema: {
        tags,
        summary: 'One message and how far its sending is',
        params: routeParams('id', 'messageId'),
        response: { 200: MessageOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const m = await messages.find(event, req.params.messageId);
      if (!m) throw errors.notFound(what.message);
      return { id: m.id, recipients: m.recipients, created: false, progress: await messages.progress(m.id) };
    },
  );

  app.get(
    '/api/v1/events/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The per-recipient log of messages and reminders (newest first)',
        params: IdParam,
        querystring: z.object({ status: STATUS.optional(), source: z.string().max(80).optional() }),
        response: { 200: z.object({ items: z.array(DeliveryOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const rows = await deliveries.list(event.id, { status: req.query.status, sourceId: req.query.source });
      return {
        items: rows.map((d) => ({
          id: d.id,
          source: d.source,
          sourceId: d.source_id,
          channel: d.channel,
          status: d.status,
          attempts: d.attempts,
          error: d.error,
          name: d.name,
          updatedAt: Number(d.updated_at),
          sentAt: d.sent_at === null ? null : Number(d.sent_at),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/deliveries/retry',
    {
      schema: {
        tags,
        summary: 'Send failed deliveries again (the listed ones, or all failed ones of the event)',
        params: IdParam,
        body: z.object({ ids: z.array(z.string().min(1).max(80)).min(1).max(1000).optional() }).strict(),
        response: { 200: z.object({ retried: z.number() }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { retried: await deliveries.retry(event.id, req.body.ids ?? 'all-failed') };
    },
  );
};
