import type { FastifyPluginAsync } from 'fastify';
import { messagesApiRoutes } from './messages.routes.js';

/** Messages to registrants, reminders, change notices and the thank-you, on the outbox and the job queue. */
export const messagesModule: FastifyPluginAsync = async (app) => {
  await app.register(messagesApiRoutes);
};
