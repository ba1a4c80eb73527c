import type { FastifyPluginAsync } from 'fastify';
import { programPages } from './program.pages.js';
import { programRepository as repo } from './program.repository.js';
import { programRoutes } from './program.routes.js';

/** The program module's root: the API for an event's people and rundown, and remote people's join links. */
export const programPlugin: FastifyPluginAsync = async (app) => {
  // The rundown is on the event's clock: moving the event moves it (events service, edit and duplicate).
  app.ctx.eventShifts.push({
    label: { id: 'susunan acara', en: 'rundown items' },
    count: repo.countAgenda,
    shift: repo.shiftAgenda,
  });
  await app.register(programRoutes);
  await app.register(programPages);
};
