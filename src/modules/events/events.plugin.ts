import type { FastifyPluginAsync } from 'fastify';
import { eventsManageRoutes } from './events.manage.routes.js';
import { eventsRoutes } from './events.routes.js';

/** The events module's root: the event API and the API for what an organizer manages around an event. */
export const eventsPlugin: FastifyPluginAsync = async (app) => {
  await app.register(eventsRoutes);
  await app.register(eventsManageRoutes);
};
