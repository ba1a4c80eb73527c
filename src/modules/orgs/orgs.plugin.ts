import type { FastifyPluginAsync } from 'fastify';
import { orgsRoutes } from './orgs.routes.js';

/** The organizations module's root: its API. */
export const orgsPlugin: FastifyPluginAsync = async (app) => {
  await app.register(orgsRoutes);
};
