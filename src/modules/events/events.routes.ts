import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Precompressed, precompress, sendPrecompressed } from '../../http/precompressed.js';
import { requireRole, requireUser } from '../auth/index.js';
import { PublicListCache } from './events.list-cache.js';
import { loadEventFor } from './events.policy.js';
import { CreateEventBody, EventOut, IdParams, UpdateEventBody } from './events.schemas.js';

const tags = ['events'];

export const eventsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, bus } = app.ctx;
  const events = app.ctx.services.events;
  const publicList = new PublicListCache<Precompressed>();
  // The last list compressed: a refill with the same events keeps its bytes (and its ETag).
  let lastList: Precompressed | null = null;
  for (const name of ['event.updated', 'event.published', 'event.deleted'] as const) {
    bus.onEveryNodeAtOnce(name, () => publicList.invalidate());
  }

  app.post(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Create an event (draft)',
        body: CreateEventBody,
        response: { 201: EventOut },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const row = await events.create(req.body, user);
      return reply.status(201).send(await events.presentOne(row, user));
    },
  );

  app.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Published events; for a logged-in user also their own drafts',
        response: { 200: z.object({ events: z.array(EventOut) }) },
      },
    },
    async (req, reply) => {
      if (req.user) return { events: await events.present(await events.list(req.user), req.user) };
      // Serialized through the route's own schema once and compressed once, then sent as bytes (with
      // an ETag, 304 to `If-None-Match`) while cached.
      const list = await publicList.get(async () => {
        const json = reply.serialize({
          events: await events.present(await events.list(null), null),
        }) as string;
        lastList = precompress(json, 'application/json; charset=utf-8', lastList);
        return lastList;
      });
      return sendPrecompressed(req, reply, list);
    },
  );

  app.get(
    '/api/v1/events/:id',
    { schema: { tags, summary: 'One event by id or slug', params: IdParams, response: { 200: EventOut } } },
    async (req) => events.presentOne(await loadEventFor(req, db, req.params.id, 'view'), req.user),
  );

  app.patch(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary: 'Change an event',
        params: IdParams,
        body: UpdateEventBody,
        response: { 200: EventOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return events.presentOne(await events.update(event, req.body, user), user);
    },
  );

  app.delete(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary: "Delete the event and everything under it; `confirm` must be the event's slug",
        params: IdParams,
        querystring: z.object({ confirm: z.string().max(80).optional() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await events.remove(event, req.query.confirm, user);
      return reply.status(204).send(null);
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    app.post(
      `/api/v1/events/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish the event page' : 'Back to draft',
          params: IdParams,
          response: { 200: EventOut },
        },
      },
      async (req) => {
        const user = requireUser(req);
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        return events.presentOne(await events.setStatus(event, status, user), user);
      },
    );
  }
};
