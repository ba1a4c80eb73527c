import type { FastifyPluginAsync } from 'fastify';
import { consolePages } from './console/console.pages.js';
import { consolePosts } from './console/console.posts.js';
import { importApiRoutes } from './import/import.routes.js';
import { privacyApiRoutes } from './privacy/privacy.routes.js';
import { startRetentionTimer } from './privacy/privacy.service.js';
import { createContactLimiter, registerRateLimit } from './register/rate-limit.js';
import { registerPages } from './register/register.pages.js';
import { registrationsMail } from './registrations.mail.js';
import { registrationsApiRoutes } from './registrations.routes.js';
import { settingsPages } from './settings/settings.pages.js';
import { settingsApiRoutes } from './settings/settings.routes.js';
import { ticketPages } from './tickets/ticket.pages.js';
import { ticketPosts } from './tickets/ticket.posts.js';
import { ticketsApiRoutes } from './tickets/tickets.routes.js';

/**
 * The registrations module: sign-up (API and form), tickets, the participant's privacy rights, the
 * organizer's console and settings, imports, and the mails and waitlist moves that follow domain events.
 */
export const registrationsModule: FastifyPluginAsync = async (app) => {
  const regs = app.ctx.services.registrations;

  // A capacity that grows (venue capacity edited, seat plan redrawn) lets the waitlist in.
  const refill = ({ eventId }: { eventId: string }) => regs.refill(eventId);
  app.ctx.bus.on('event.updated', refill);
  app.ctx.bus.on('seating.changed', refill);
  registrationsMail(app.ctx, regs);
  // Once a day on every node: erasing is idempotent, so nodes running it at the same time do no harm.
  const stopRetention = startRetentionTimer(app.ctx);
  app.addHook('onClose', async () => stopRetention());

  const contactLimiter = createContactLimiter(app);
  await app.register(registrationsApiRoutes, { contactLimiter });
  await app.register(ticketsApiRoutes);
  await app.register(settingsApiRoutes);
  await app.register(importApiRoutes);
  await app.register(privacyApiRoutes);
  await app.register(ticketPages);
  await app.register(ticketPosts);
  await app.register(registerPages, { rateLimit: registerRateLimit, contactLimiter });
  await app.register(consolePages);
  await app.register(consolePosts);
  await app.register(settingsPages);
  app.ctx.ui.consoleLinks.push(
    {
      key: 'registrations',
      order: 10,
      label: { id: 'Pendaftar', en: 'Registrations' },
      path: '/registrations',
    },
    {
      key: 'registration-settings',
      order: 11,
      label: { id: 'Pengaturan pendaftaran', en: 'Registration settings' },
      path: '/registration-settings',
    },
  );
};
