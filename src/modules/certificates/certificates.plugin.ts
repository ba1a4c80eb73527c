import type { FastifyPluginAsync } from 'fastify';
import { certificateConsoleActions } from './certificates.console.actions.js';
import { certificateConsolePage } from './certificates.console.js';
import { registerCertificateDesignRoutes } from './certificates.design.routes.js';
import { registerCertificateRoutes } from './certificates.one.routes.js';
import { certificatePublicPages } from './certificates.public.pages.js';
import { registerIssueRoutes } from './certificates.routes.js';

/**
 * The certificates module's root: the API (issuing, design, one certificate), the public and console
 * pages and the event's files. A UU PDP erasure reaches certificates through certificates.personal.ts.
 */
export const certificatesPlugin: FastifyPluginAsync = async (app) => {
  const svc = app.ctx.services.certificates;
  app.ctx.eventFiles.push((_db, eventId) => svc.filesOfEvent(eventId));
  registerIssueRoutes(app, svc);
  registerCertificateDesignRoutes(app, svc);
  registerCertificateRoutes(app, svc);
  await app.register(certificatePublicPages(svc));
  await app.register(certificateConsolePage(svc));
  await app.register(certificateConsoleActions(svc));
};
