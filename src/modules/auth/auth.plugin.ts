import type { FastifyPluginAsync } from 'fastify';
import { authPages } from './auth.pages.js';
import { authRoutes } from './auth.routes.js';
import { invitesPages } from './invites.pages.js';
import { invitesRoutes } from './invites.routes.js';

/** The auth module's root: accounts and sessions (API and pages), staff accounts by one-time link. */
export const authModule: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(authPages);
  await app.register(invitesRoutes);
  await app.register(invitesPages);
};
