import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, loadEventFor } from '../events/index.js';
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
    async (req) => ({ people: await program.listPeople(await loadEventFor(req, db, req.params.id, 'view')) }),
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
