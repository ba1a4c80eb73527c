import type { FastifyPluginAsync } from 'fastify';
import { beritaPages } from './reports.berita.pages.js';
import { beritaRoutes } from './reports.berita.routes.js';
import { reportsForms } from './reports.forms.js';
import { REPORT_CONSOLE_TITLE, reportsPages } from './reports.pages.js';
import { reportsRoutes } from './reports.routes.js';

/** The reports module's root: the JSON API, the console page and its form posts. */
export const reportsPlugin: FastifyPluginAsync = async (app) => {
  app.ctx.ui.consoleLinks.push({ key: 'report', order: 90, label: REPORT_CONSOLE_TITLE, path: '/report' });
  app.ctx.ui.consoleLinks.push({
    key: 'berita',
    order: 91,
    label: { id: 'Berita', en: 'News article' },
    path: '/berita',
  });
  await app.register(reportsRoutes);
  await app.register(beritaRoutes);
  await app.register(beritaPages);
  await app.register(reportsPages);
  await app.register(reportsForms);
};
