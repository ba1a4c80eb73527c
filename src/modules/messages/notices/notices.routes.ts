import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../http/params.js';
import { requireUser } from '../../auth/index.js';
import { loadEventFor } from '../../events/index.js';

const Text = z.object({ subject: z.string(), body: z.string() });
const OfferOut = z.object({
  pending: z.boolean(),
  changes: z.array(z.object({ field: z.enum(['time', 'venue', 'link']) })),
  audience: z.object({ modes: z.array(z.string()), statuses: z.array(z.string()) }).nullable(),
  count: z.number(),
  text: z.object({ id: Text, en: Text }).nullable(),
});

/** The change notice an event's organizers are offered after its time, venue or link changed. */
export const noticesApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.notices;
  const tags = ['messages'];

  app.get(
    '/api/v1/events/:id/change-notice',
    {
      schema: {
        tags,
        summary: 'What changed since registrants were told, and who a notice would reach',
        params: IdParam,
        response: { 200: OfferOut },
      },
    },
    async (req) => {
      const o = await svc.offer(await loadEventFor(req, db, req.params.id, 'organize'));
      return o
        ? {
            pending: true,
            changes: o.changes.map((c) => ({ field: c.field })),
            audience: o.audience,
            count: o.count,
            text: o.text,
          }
        : { pending: false, changes: [], audience: null, count: 0, text: null };
    },
  );

  app.post(
    '/api/v1/events/:id/change-notice',
    {
      schema: {
        tags,
        summary: 'Send the change notice to the registrants it affects',
        params: IdParam,
        body: z
          .object({ idempotencyKey: z.string().trim().min(1).max(100).optional() })
          .strict()
          .optional(),
        response: {
          200: z.object({ sent: z.boolean(), messageId: z.string().nullable(), recipients: z.number() }),
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await svc.send(event, user, req.body?.idempotencyKey);
      return r
        ? { sent: true, messageId: r.message.id, recipients: r.message.recipients }
        : { sent: false, messageId: null, recipients: 0 };
    },
  );

  app.post(
    '/api/v1/events/:id/change-notice/dismiss',
    { schema: { tags, summary: 'The change needs no notice', params: IdParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.dismiss(await loadEventFor(req, db, req.params.id, 'organize'));
      return reply.code(204).send(null);
    },
  );
};
