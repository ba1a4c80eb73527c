import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authPages } from './auth.pages.js';
import { requireRole, requireUser } from './auth.plugin.js';
import { authService, GLOBAL_ROLES, NewUserSchema, SESSION_COOKIE } from './auth.service.js';
import { invitesRoutes } from './invites.routes.js';

const LoginBody = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});
const UserOut = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(GLOBAL_ROLES) });

/** Login is limited per address and e-mail: slow enough to stop guessing, never a crowd's problem. */
export const loginRateLimit = { max: 10, timeWindow: '1 minute' };

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;

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
      const user = await authService.checkPassword(db, req.body.email, req.body.password);
      const s = await authService.createSession(db, user.id);
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: s.maxAge,
      });
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
      const token = req.cookies[SESSION_COOKIE];
      if (token) await authService.endSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
      return reply.status(201).send(await authService.createUser(db, req.body));
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
      const rows = await authService.listUsers(db);
      return { users: rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })) };
    },
  );

  await app.register(authPages);
  await app.register(invitesRoutes);
};
