import type { FastifyPluginAsync } from 'fastify';
import { announcementsOptOut } from './announcements.optout.js';
import { announcementsPages } from './announcements.pages.js';
import { announcementsApiRoutes } from './announcements.routes.js';

/** The announcements module: tell past attendees about the next event (API and console), and opt-out. */
export const announcementsModule: FastifyPluginAsync = async (app) => {
  await app.register(announcementsApiRoutes);
  await app.register(announcementsPages);
  await app.register(announcementsOptOut);
};
