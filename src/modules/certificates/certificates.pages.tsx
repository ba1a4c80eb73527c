import type { FastifyPluginAsync } from 'fastify';
import { certificateConsoleActions } from './certificates.console.actions.js';
import { certificateConsolePage } from './certificates.console.js';
import { certificatePublicPages } from './certificates.public.pages.js';
import type { CertificatesService } from './certificates.service.js';

/** Server-rendered certificate pages: the public ones, the console page and its form posts. */
export const certificatePages =
  (svc: CertificatesService): FastifyPluginAsync =>
  async (app) => {
    await app.register(certificatePublicPages(svc));
    await app.register(certificateConsolePage(svc));
    await app.register(certificateConsoleActions(svc));
  };
