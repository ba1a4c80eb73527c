import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, IdParams, loadEventFor } from '../events/index.js';
import { personJoinLink } from './program.links.js';
import {
  AgendaBody,
  AgendaOut,
  AgendaPatch,
  ItemParams,
  PersonBody,
  PersonOut,
  PersonPatch,
} from './program.schemas.js';

export const programRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const program = app.ctx.services.program;

  app.get(
    '/api/v1/events/:id/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Speakers, officials, moderator, MC, committee',
        params: IdParams,
        response: { 200: z.object({ people: z.array(PersonOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const people = await program.listPeople(event);
      if (!(await can(db, event, req.user, 'organize'))) return { people };
      const attended = await program.attended(event);
      return {
        people: people.map((p) => {
          const a = attended.get(p.id);
          return {
            ...p,
            joinLink:
              p.presence === 'online' ? personJoinLink(app, app.ctx.config.publicUrl, event, p.id) : null,
            attended: a ? { mode: a.mode, at: a.at } : null,
          };
        }),
      };
    },
  );
  app.post(
    '/api/v1/events/:id/people/:itemId/checkin',
    {
      schema: {
        tags: ['people'],
        summary: 'Record a speaker, official or committee member as present in the hall (door staff)',
        params: ItemParams,
        response: {
          200: z.object({
            id: z.string(),
            attended: z.object({ mode: z.literal('onsite'), at: z.string() }),
          }),
        },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const p = await program.recordPresence(event, req.params.itemId, 'onsite');
      const a = (await program.attended(event)).get(p.id);
      return { id: p.id, attended: { mode: 'onsite' as const, at: a?.at ?? '' } };
    },
  );
  app.post(
    '/api/v1/events/:id/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person (titles kept exactly as typed)',
        params: IdParams,
        body: PersonBody,
        response: { 201: PersonOut },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await program.addPerson(await loadEventFor(req, db, req.params.id, 'organize'), req.body)),
  );
  app.patch(
    '/api/v1/events/:id/people/:itemId',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person',
        params: ItemParams,
        body: PersonPatch,
        response: { 200: PersonOut },
      },
    },
    async (req) =>
      program.updatePerson(
        await loadEventFor(req, db, req.params.id, 'organize'),
        req.params.itemId,
        req.body,
      ),
  );
  app.delete(
    '/api/v1/events/:id/people/:itemId',
    {
      schema: {
        tags: ['people'],
        summary: 'Remove a person',
        params: ItemParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await program.removePerson(await loadEventFor(req, db, req.params.id, 'organize'), req.params.itemId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/events/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The rundown (susunan acara)',
        params: IdParams,
        response: { 200: z.object({ agenda: z.array(AgendaOut) }) },
      },
    },
    async (req) => ({ agenda: await program.listAgenda(await loadEventFor(req, db, req.params.id, 'view')) }),
  );
  app.post(
    '/api/v1/events/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add a rundown item',
        params: IdParams,
        body: AgendaBody,
        response: { 201: AgendaOut },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await program.addAgendaItem(await loadEventFor(req, db, req.params.id, 'organize'), req.body)),
  );
  app.patch(
    '/api/v1/events/:id/agenda/:itemId',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Change a rundown item',
        params: ItemParams,
        body: AgendaPatch,
        response: { 200: AgendaOut },
      },
    },
    async (req) =>
      program.updateAgendaItem(
        await loadEventFor(req, db, req.params.id, 'organize'),
        req.params.itemId,
        req.body,
      ),
  );
  app.delete(
    '/api/v1/events/:id/agenda/:itemId',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Remove a rundown item',
        params: ItemParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await program.removeAgendaItem(
        await loadEventFor(req, db, req.params.id, 'organize'),
        req.params.itemId,
      );
      return reply.status(204).send(null);
    },
  );
};
