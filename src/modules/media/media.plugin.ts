import type { FastifyPluginAsync } from 'fastify';
import { mediaApiRoutes } from './media.api.routes.js';
import { mediaForms } from './media.forms.js';
import { sweepIncoming } from './media.multipart.js';
import { MEDIA_CONSOLE_TITLE, mediaPages } from './media.pages.js';
import { gallerySection } from './media.section.js';

/** The media module's root: its routes, the event page's gallery, the console link and its files. */
export const mediaPlugin: FastifyPluginAsync = async (app) => {
  const svc = app.ctx.services.media;
  app.ctx.ui.eventSections.push(gallerySection(svc));
  app.ctx.ui.consoleLinks.push({ key: 'media', order: 65, label: MEDIA_CONSOLE_TITLE, path: '/media' });
  app.ctx.eventFiles.push((_db, eventId) => svc.filesOfEvent(eventId));
  const swept = await sweepIncoming(app.ctx.config.dataDir);
  if (swept) app.log.info({ swept }, 'removed staged uploads an interrupted request left behind');
  await app.register(mediaApiRoutes);
  await app.register(mediaPages);
  await app.register(mediaForms);
};
