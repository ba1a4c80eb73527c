import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/index.js';
import { readImageUpload } from '../uploads/index.js';
import { MemberParams, MemberPut, MembersOut, OrgBody, OrgOut, OrgParams, OrgPatch } from './orgs.schemas.js';

const tags = ['organizations'];

export const orgsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const orgs = app.ctx.services.orgs;

  app.get(
    '/api/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Organizations (owners and partners of events)',
        response: { 200: z.object({ organizations: z.array(OrgOut) }) },
      },
    },
    async () => ({ organizations: (await orgs.list()).map(orgs.present) }),
  );

  app.post(
    '/api/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organization (organizers and admins)',
        security: [{ bearer: [] }],
        body: OrgBody,
        response: { 201: OrgOut },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      return reply.status(201).send(orgs.present(await orgs.create(req.body, user)));
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organization by id or slug',
        params: OrgParams,
        response: { 200: OrgOut },
      },
    },
    async (req) => orgs.present(await orgs.get(req.params.id)),
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organization (its members or an admin)',
        security: [{ bearer: [] }],
        params: OrgParams,
        body: OrgPatch,
        response: { 200: OrgOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return orgs.present(await orgs.update(await orgs.get(req.params.id), req.body, user));
    },
  );

  app.post(
    '/api/v1/organizations/:id/logo',
    {
      schema: {
        tags,
        summary:
          'Upload the logo (multipart field "file"; JPEG, PNG or WebP up to 5 MB; re-encoded as PNG without metadata)',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        params: OrgParams,
        response: { 200: OrgOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const org = await orgs.get(req.params.id);
      await orgs.assertCanEdit(org, user);
      const { file } = await readImageUpload(req);
      return orgs.present(await orgs.setLogo(org, file, user));
    },
  );

  app.get(
    '/api/v1/organizations/:id/members',
    {
      schema: {
        tags,
        summary: 'Members of an organization (owners manage them; members put events under it)',
        security: [{ bearer: [] }],
        params: OrgParams,
        response: { 200: MembersOut },
      },
    },
    async (req) => {
      const user = requireRole(req, 'organizer');
      return { members: await orgs.members(await orgs.get(req.params.id), user) };
    },
  );

  app.put(
    '/api/v1/organizations/:id/members',
    {
      schema: {
        tags,
        summary: 'Add an organizer account as a member, or change a member’s role (owners and admins)',
        security: [{ bearer: [] }],
        params: OrgParams,
        body: MemberPut,
        response: { 200: MembersOut },
      },
    },
    async (req) => {
      const user = requireRole(req, 'organizer');
      const org = await orgs.get(req.params.id);
      return { members: await orgs.putMember(org, req.body.email, req.body.role, user) };
    },
  );

  app.delete(
    '/api/v1/organizations/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member (owners and admins; anyone may leave); the last owner stays',
        security: [{ bearer: [] }],
        params: MemberParams,
        response: { 200: MembersOut },
      },
    },
    async (req) => {
      const user = requireRole(req, 'organizer');
      const org = await orgs.get(req.params.id);
      return { members: await orgs.removeMember(org, req.params.userId, user) };
    },
  );
};
