import type { FastifyPluginAsync } from 'fastify';
import { rememberLang } from '../site/index.js';
import { consoleDeleteRoutes } from './console.delete.js';
import { consoleDuplicateRoutes } from './console.duplicate.js';
import { consoleEventEditRoutes } from './console.event-edit.js';
import { consoleEventRoutes } from './console.events.js';
import { consoleHomeRoutes } from './console.home.js';
import { consoleOrgRoutes } from './console.orgs.js';
import { consolePeopleRoutes } from './console.people.js';
import { consoleRundownRoutes } from './console.rundown.js';
import { consoleTeamRoutes } from './console.team.js';

/**
 * The organizer console, the module's root plugin: server-rendered forms (POST, redirect after post,
 * errors shown in the form with the input kept). Every route checks the caller; a missing login
 * redirects to /login. Its pages are HTML, so they stay out of the OpenAPI document.
 */
export const consoleModule: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    rememberLang(req, reply);
  });
  app.addHook('onRoute', (route) => {
    route.schema = { ...(route.schema ?? {}), hide: true };
  });
  await consoleHomeRoutes(app);
  await consoleEventRoutes(app);
  await consoleEventEditRoutes(app);
  await consoleDuplicateRoutes(app);
  await consoleDeleteRoutes(app);
  await consolePeopleRoutes(app);
  await consoleRundownRoutes(app);
  await consoleTeamRoutes(app);
  await consoleOrgRoutes(app);
};
