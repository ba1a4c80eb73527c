import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole, requireUser } from '../auth/index.js';
import { readImageUpload } from '../uploads/index.js';
import {
  DuplicateBody,
  PartnersBody,
  PartnersOut,
  TeamDeleteQuery,
  TeamOut,
  TeamPutBody,
} from './events.manage.schemas.js';
import { loadEventFor } from './events.policy.js';
import { EventOut, IdParams } from './events.schemas.js';

const tags = ['events'];
const security = [{ bearer: [] }];

export const eventsManageRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const events = app.ctx.services.events;
  const manage = app.ctx.services.eventsManage;

  app.put(
    '/api/v1/events/:id/partners',
    {
      schema: {
        tags,
        summary: 'Set the partner organizations, in display order (replaces the list)',
        security,
        params: IdParams,
        body: PartnersBody,
        response: { 200: PartnersOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { partners: await manage.setPartners(event, req.body.orgIds, user) };
    },
  );

  app.get(
    '/api/v1/events/:id/team',
    {
      schema: {
        tags,
        summary: 'Who may organize, moderate and check people in',
        security,
        params: IdParams,
        response: { 200: TeamOut },
      },
    },
    async (req) => {
      requireUser(req);
      return { team: await manage.team(await loadEventFor(req, db, req.params.id, 'organize')) };
    },
  );

  app.put(
    '/api/v1/events/:id/team',
    {
      schema: {
        tags,
        summary: 'Add a user to the team by e-mail, or change their role',
        security,
        params: IdParams,
        body: TeamPutBody,
        response: { 200: TeamOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { team: await manage.addTeamMember(event, req.body.email, req.body.role, user) };
    },
  );

  app.delete(
    '/api/v1/events/:id/team',
    {
      schema: {
        tags,
        summary: 'Remove a user from the team (?userId= or ?email=)',
        security,
        params: IdParams,
        querystring: TeamDeleteQuery,
        response: { 200: TeamOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { team: await manage.removeTeamMember(event, req.query, user) };
    },
  );

  app.post(
    '/api/v1/events/:id/duplicate',
    {
      schema: {
        tags,
        summary:
          'Copy an event for the next one in a series (details, people, rundown, partners, team) as a new draft',
        security,
        params: IdParams,
        body: DuplicateBody,
        response: { 201: EventOut },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const source = await loadEventFor(req, db, req.params.id, 'organize');
      const copy = await manage.duplicate(source, req.body, user);
      return reply.status(201).send(await events.presentOne(copy, user));
    },
  );

  app.post(
    '/api/v1/events/:id/banner',
    {
      schema: {
        tags,
        summary:
          'Upload the banner (multipart field "file"; JPEG, PNG or WebP up to 5 MB; re-encoded, metadata removed)',
        security,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: EventOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { file } = await readImageUpload(req);
      return events.presentOne(await manage.setBanner(event, file, user), user);
    },
  );
};
