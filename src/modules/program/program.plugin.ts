import type { FastifyPluginAsync } from 'fastify';
import { programRoutes } from './program.routes.js';

/** The program module's root: the API for an event's people and rundown. */
export const programPlugin: FastifyPluginAsync = async (app) => {
  await app.register(programRoutes);
};
