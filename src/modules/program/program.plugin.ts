import type { FastifyPluginAsync } from 'fastify';
import { programPages } from './program.pages.js';
import { programRoutes } from './program.routes.js';

/** The program module's root: the API for an event's people and rundown, and remote people's join links. */
export const programPlugin: FastifyPluginAsync = async (app) => {
  await app.register(programRoutes);
  await app.register(programPages);
};
