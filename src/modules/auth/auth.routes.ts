import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from './auth.request.js';
import { GLOBAL_ROLES, LoginBody, loginRateLimit, NewUserSchema } from './auth.schemas.js';
import { endSession, startSession } from './auth.session.js';

const UserOut = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(GLOBAL_ROLES) });

/** The JSON API of accounts and sessions. */
export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const auth = app.ctx.services.auth;

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets a session cookie',
        body: LoginBody,
        response: { 200: z.object({ user: UserOut, csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const user = await auth.checkPassword(req.body.email, req.body.password);
      const s = await startSession(reply, user.id);
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
        csrfToken: s.csrf,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } },
    async (req, reply) => {
      await endSession(req, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user',
        response: { 200: z.object({ user: UserOut }) },
      },
    },
    async (req) => {
      const u = requireUser(req);
      return { user: { id: u.id, email: u.email, name: u.name, role: u.role } };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a user (admin only)',
        security: [{ bearer: [] }],
        body: NewUserSchema,
        response: { 201: z.object({ id: z.string(), email: z.string(), role: z.enum(GLOBAL_ROLES) }) },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin');
      return reply.status(201).send(await auth.createUser(req.body));
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'List users (admin and organizers, to build event teams)',
        response: { 200: z.object({ users: z.array(UserOut) }) },
      },
    },
    async (req) => {
      requireRole(req, 'organizer');
      const rows = await auth.listUsers();
      return { users: rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })) };
    },
  );
};
