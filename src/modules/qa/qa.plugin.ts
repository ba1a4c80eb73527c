import type { FastifyPluginAsync } from 'fastify';
import { pollRoutes } from './qa.polls.routes.js';
import { qaRoutes } from './qa.routes.js';

/** The Q&A module's root: its JSON API (questions, polls), and forgetting askers' names when a registration is erased. */
export const qaPlugin: FastifyPluginAsync = async (app) => {
  const qa = app.ctx.services.qa;
  app.ctx.bus.on('registration.anonymized', async ({ registrationIds }) => {
    await qa.forgetAuthors(registrationIds);
  });
  await app.register(qaRoutes);
  await app.register(pollRoutes);
};
