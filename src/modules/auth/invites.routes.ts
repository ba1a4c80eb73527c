import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from './auth.request.js';
import { InviteBody } from './auth.schemas.js';

const InviteOut = z.object({ id: z.string(), email: z.string(), role: z.string(), inviteUrl: z.string() });

/** The JSON API of staff accounts made by one-time link. */
export const invitesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const invites = app.ctx.services.invites;

  app.post(
    '/api/v1/users/invitations',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Create a staff account with a one-time link to set its password (organizers: moderators and check-in staff)',
        body: InviteBody,
        response: { 201: InviteOut },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'organizer');
      const r = await invites.invite(req.body, actor);
      return reply
        .status(201)
        .send({ id: r.userId, email: req.body.email, role: req.body.role, inviteUrl: r.url });
    },
  );
};
