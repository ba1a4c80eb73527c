import type { FastifyPluginAsync } from 'fastify';
import { pollRoutes } from './qa.polls.routes.js';
import { qaRoutes } from './qa.routes.js';

/** The Q&A module's root: its JSON API (questions, polls). Erasure reaches Q&A through qa.personal.ts. */
export const qaPlugin: FastifyPluginAsync = async (app) => {
  await app.register(qaRoutes);
  await app.register(pollRoutes);
};
