import type { FastifyPluginAsync } from 'fastify';
import { messagesPages } from './messages.pages.js';
import { messagesApiRoutes } from './messages.routes.js';
import { L } from './messages.text.js';
import { noticesApiRoutes } from './notices/notices.routes.js';
import { outboxPages } from './outbox.pages.js';
import { remindersPages } from './reminders/reminders.pages.js';
import { remindersApiRoutes } from './reminders/reminders.routes.js';
import { stillComingPages } from './stillcoming/stillcoming.pages.js';
import { thanksPages } from './thanks/thanks.pages.js';
import { thanksApiRoutes } from './thanks/thanks.routes.js';

/** Messages to registrants, reminders, change notices and the thank-you, on the outbox and the job queue. */
export const messagesModule: FastifyPluginAsync = async (app) => {
  const { jobs, reminders, notices } = app.ctx.services;
  // What registrants were told: at publishing; for events published before notices existed, at their next edit.
  app.ctx.bus.on('event.published', (p) => notices.remember(p.eventId, false));
  app.ctx.bus.on('event.updated', (p) => notices.remember(p.eventId, true));
  // Reminders come due by the clock: every node sweeps now and then (the run row makes each fire once).
  let last = 0;
  jobs.every(async () => {
    if (Date.now() - last < app.ctx.config.jobs.pollMs * 10) return;
    last = Date.now();
    await reminders.sweep();
  });
  await app.register(messagesApiRoutes);
  await app.register(remindersApiRoutes);
  await app.register(noticesApiRoutes);
  await app.register(thanksApiRoutes);
  await app.register(messagesPages);
  await app.register(outboxPages);
  await app.register(remindersPages);
  await app.register(stillComingPages);
  await app.register(thanksPages);
  app.ctx.ui.consoleLinks.push(
    { key: 'messages', order: 20, label: L.messages, path: '/messages' },
    { key: 'reminders', order: 21, label: L.reminders, path: '/reminders' },
    { key: 'outbox', order: 22, label: L.outbox, path: '/outbox' },
  );
};
