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
  const sweep = async (...a: Parameters<typeof hooks.sweep>) => void (await hooks.sweep(...a));
  // The rest are read back from the rows that record them, so this handler and the sweep build the same
  // delivery with the same key (whichever comes first queues it).
  bus.on('registration.cancelled', (p) =>
    sweep('registration.cancelled', {
      eventId: p.eventId,
      registrationIds: [p.registrationId],
      extra: { previousStatus: p.wasStatus },
    }),
  );
  bus.on('registration.promoted', (p) =>
    sweep('registration.promoted', { eventId: p.eventId, registrationIds: [p.registrationId] }),
  );
  bus.on('attendance.checked_in', (p) =>
    sweep('attendance.checked_in', { eventId: p.eventId, registrationIds: [p.registrationId] }),
  );
  bus.on('attendance.online_present', (p) =>
    sweep('attendance.online_present', { eventId: p.eventId, registrationIds: [p.registrationId] }),
  );
  // Speakers' certificates have no registration: the whole event's unsent ones (at most a batch) go.
  bus.on('certificate.issued', (p) => sweep('certificate.issued', { eventId: p.eventId }));
  bus.on('evaluation.submitted', (p) =>
    sweep('evaluation.submitted', { eventId: p.eventId, registrationIds: [p.registrationId] }),
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
