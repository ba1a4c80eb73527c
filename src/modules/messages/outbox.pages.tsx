import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { ActionButton } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { eventToolPage } from '../../web/tool-page.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { waDigits } from '../registrations/index.js';
import { L } from './messages.text.js';
import { DeliveryTable, StatusCounts } from './messages.views.js';

const OutboxQuery = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']).optional(),
  retried: z.coerce.number().int().min(0).optional(),
});

/** The outbox of one event: every delivery by status, retry, and the WhatsApp send list. */
export const outboxPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { deliveries } = app.ctx.services;

  app.get(
    '/console/events/:id/outbox',
    { schema: { hide: true, params: IdParam, querystring: OutboxQuery } },
    async (req, reply) => {
      requireUser(req);
      const l = req.locale;
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const here = `/console/events/${event.id}/outbox`;
      const [counts, rows, manual] = await Promise.all([
        deliveries.counts({ eventId: event.id }),
        deliveries.list(event.id, { status: req.query.status }),
        deliveries.whatsappApi ? Promise.resolve([]) : deliveries.manualWhatsapp(event.id),
      ]);
      return eventToolPage(
        req,
        reply,
        event,
        L.outbox,
        <>
          {req.query.retried !== undefined ? (
            <Notice kind="ok">{L.retried(req.query.retried)[l]}</Notice>
          ) : null}
          <StatusCounts l={l} counts={counts} href={(s) => `${here}?status=${s}`} />
          {/* A div, not a p: the retry button is a form, and a parser closes an open <p> at <form>. */}
          <div class="row">
            <a href={here}>{L.all[l]}</a>
            {counts.failed ? <ActionButton req={req} action={`${here}/retry`} label={L.retryAll[l]} /> : null}
          </div>
          {manual.length ? (
            <>
              <h2>{L.waList[l]}</h2>
              <p class="muted">{L.waIntro[l]}</p>
              <DeliveryTable req={req} event={event} rows={manual} manualWa />
            </>
          ) : null}
          <h2>{req.query.status ? L.status[req.query.status]![l] : L.all[l]}</h2>
          <DeliveryTable req={req} event={event} rows={rows} manualWa={!deliveries.whatsappApi} />
        </>,
      );
    },
  );

  app.post(
    '/console/events/:id/outbox/retry',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const n = await deliveries.retry(event.id, 'all-failed');
      return reply.redirect(`/console/events/${event.id}/outbox?retried=${n}`, 303);
    },
  );

  app.post(
    '/console/events/:id/outbox/:deliveryId/retry',
    { schema: { hide: true, params: routeParams('id', 'deliveryId') } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const n = await deliveries.retry(event.id, [req.params.deliveryId]);
      return reply.redirect(`/console/events/${event.id}/outbox?retried=${n}`, 303);
    },
  );

  // One tap: marks the WhatsApp delivery sent and opens wa.me with the person's text filled in.
  app.post(
    '/console/events/:id/outbox/:deliveryId/wa',
    { schema: { hide: true, params: routeParams('id', 'deliveryId') } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const wa = await deliveries.whatsappText(event, req.params.deliveryId);
      if (!wa) throw errors.notFound(what.delivery);
      await deliveries.markSentByHand(event.id, req.params.deliveryId);
      return reply.redirect(`https://wa.me/${waDigits(wa.phone)}?text=${encodeURIComponent(wa.text)}`, 303);
    },
  );
};
