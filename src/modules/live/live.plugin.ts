import type { FastifyPluginAsync } from 'fastify';
import { captionPages } from './captions.pages.js';
import { captionRoutes } from './captions.routes.js';
import { consoleForms } from './live.console.forms.js';
import { consolePages } from './live.console.js';
import { liveForms } from './live.forms.js';
import { livePages } from './live.pages.js';
import { pollKindForms } from './live.poll-kinds.forms.js';
import { liveRepository } from './live.repository.js';
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
  // A stage timer set ahead (a rehearsal) moves with the event's start.
  app.ctx.eventShifts.push({
    label: { id: 'pengatur waktu panggung', en: 'stage timer' },
    count: liveRepository.countStageTimer,
    shift: liveRepository.shiftStageTimer,
  });
  await app.register(liveRoutes);
  await app.register(captionRoutes);
  await app.register(captionPages);
  for (const pages of [livePages, liveForms, screenPages, consolePages, consoleForms, pollKindForms])
    await app.register(pages);
};
