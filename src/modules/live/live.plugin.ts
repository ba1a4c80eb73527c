import type { FastifyPluginAsync } from 'fastify';
import { asPage } from '../../web/page.js';
import { consoleForms } from './live.console.forms.js';
import { consolePages } from './live.console.js';
import { liveForms } from './live.forms.js';
import { livePages } from './live.pages.js';
import { liveRoutes } from './live.routes.js';
import { screenPages } from './live.screens.js';
import { addLiveSections } from './live.sections.js';

/**
 * The live room's root: the stage follows program edits, the room closes with the app; then the API
 * and WebSocket, and the HTML routes (live page, speaker view, projector, overlay, console, forms).
 */
export const livePlugin: FastifyPluginAsync = async (app) => {
  const live = app.ctx.services.live;
  const unfollow = live.followProgramChanges();
  app.addHook('onClose', async () => {
    unfollow();
    await live.rt.close();
  });
  addLiveSections(app.ctx.ui);
  await app.register(liveRoutes);
  await app.register(async (html) => {
    // From the first hook on, an error (a bad parameter too) is shown as a page, not as JSON.
    html.addHook('onRequest', async (req) => asPage(req));
    await html.register(livePages);
    await html.register(liveForms);
    await html.register(screenPages);
    await html.register(consolePages);
    await html.register(consoleForms);
  });
};
