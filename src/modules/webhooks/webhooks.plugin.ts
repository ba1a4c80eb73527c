import type { FastifyPluginAsync } from 'fastify';
import { webhooksPages } from './webhooks.pages.js';
import { webhooksApiRoutes } from './webhooks.routes.js';

/**
 * Webhooks: the API, the console page, and the domain events they carry. The bus runs these handlers once in
 * the cluster, on the node that made the change, right after its transaction committed.
 */
export const webhooksModule: FastifyPluginAsync = async (app) => {
  const { bus, services } = app.ctx;
  const hooks = services.webhooks;
  bus.on('registration.created', (p) =>
    hooks.publish(
      'registration.created',
      p.eventId,
      { registrationId: p.registrationId, status: p.status, mode: p.mode, source: p.source },
      `registration.created:${p.registrationId}`,
    ),
  );
  // Repairs what a crash between a registration's commit and this handler lost (see webhooks.service.ts).
  let lastCatchUp = 0;
  services.jobs.every(async () => {
    if (Date.now() - lastCatchUp < 60_000) return;
    lastCatchUp = Date.now();
    await hooks.catchUp();
  });
  bus.on('registration.cancelled', (p) =>
    hooks.publish('registration.cancelled', p.eventId, {
      registrationId: p.registrationId,
      mode: p.mode,
      previousStatus: p.wasStatus,
    }),
  );
  bus.on('registration.promoted', (p) =>
    hooks.publish('registration.promoted', p.eventId, { registrationId: p.registrationId, mode: p.mode }),
  );
  bus.on('attendance.checked_in', (p) =>
    hooks.publish('attendance.checked_in', p.eventId, { registrationId: p.registrationId }),
  );
  bus.on('attendance.online_present', (p) =>
    hooks.publish('attendance.online_present', p.eventId, { registrationId: p.registrationId }),
  );
  bus.on('certificate.issued', (p) =>
    hooks.publish('certificate.issued', p.eventId, { role: p.role, registrationIds: p.registrationIds }),
  );
  bus.on('evaluation.submitted', (p) =>
    hooks.publish('evaluation.submitted', p.eventId, { registrationId: p.registrationId }),
  );
  await app.register(webhooksApiRoutes);
  await app.register(webhooksPages);
  app.ctx.ui.consoleLinks.push({
    key: 'webhooks',
    order: 96,
    label: { id: 'Webhook', en: 'Webhooks' },
    path: '/webhooks',
  });
};
