import type { FastifyPluginAsync } from 'fastify';
import { seatingPages } from './seating.pages.js';
import { seatingApiRoutes } from './seating.routes.js';

/** The seating module: the seat-plan API and the console's seat-plan page with its printable map. */
export const seatingModule: FastifyPluginAsync = async (app) => {
  await app.register(seatingApiRoutes);
  await app.register(seatingPages);
};
