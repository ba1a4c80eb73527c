import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/auth.plugin.js';
import { loadEventFor } from './events.policy.js';
import { CreateEventBody, EventOut, IdParams, UpdateEventBody } from './events.schemas.js';
import { createEventsService } from './events.service.js';

const tags = ['events'];

export const eventsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const events = createEventsService(app.ctx);

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
    async (req) => ({ events: await events.present(await events.list(req.user), req.user) }),
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
