import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { AppError } from '../../../errors.js';
import { IdParam, routeParams } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import { FormFields, formBody, str } from '../../../web/forms.js';
import { page } from '../../../web/page.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { staffEvent } from '../attendance.console.js';
import { CheckinBody, normalizeTicketCode, SearchQuery } from '../attendance.schemas.js';
import { checkinServiceWorker } from './checkin.sw.js';
import { type CheckinBox, CheckinView, checkinPagePath, T } from './checkin.view.js';

export const checkinPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const checkins = app.ctx.services.checkins;
  const walkIns = app.ctx.services.walkIns;
  const version = Date.now().toString(36);

  async function render(req: FastifyRequest, reply: FastifyReply, event: EventRow, box: CheckinBox) {
    const l = req.locale;
    const counts = await checkins.counts(event);
    return page(
      req,
      reply,
      {
        title: `${T.title[l]} · ${event.title}`,
        nav: 'console',
        scripts: ['/assets/checkin.js'],
        status: box.error?.status ?? 200,
      },
      <CheckinView req={req} event={event} onsite={counts.onsite} box={box} />,
    );
  }

  app.get('/console/events/:id/checkin', { schema: { hide: true, params: IdParam } }, async (req, reply) => {
    const { event } = await staffEvent(req, db, req.params.id, 'checkin');
    return render(req, reply, event, {});
  });

  // Without JavaScript the same page still works: a code checks in, anything else searches.
  app.post(
    '/console/events/:id/checkin',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const { user, event } = await staffEvent(req, db, req.params.id, 'checkin');
      const body = formBody(req);
      const q = str(body, 'q').trim();
      const registrationId = typeof body.registrationId === 'string' ? body.registrationId : undefined;
      // Outside the doors' window the page offers the same scan again with a reason (the audit log keeps it).
      const reason = str(body, 'reason').trim();
      const override = 'reason' in body ? { override: { reason } } : {};
      const retry = { q, registrationId };
      try {
        if (registrationId) {
          const result = await checkins.checkIn(
            event,
            parseOrThrow(CheckinBody, { registrationId, method: 'search', ...override }),
            user,
          );
          return render(req, reply, event, { result });
        }
        const code = /\s/.test(q) ? null : normalizeTicketCode(q);
        if (code && code.length >= 16) {
          const result = await checkins.checkIn(
            event,
            parseOrThrow(CheckinBody, { ticketCode: code, method: 'manual', ...override }),
            user,
          );
          return render(req, reply, event, { result });
        }
        const { q: text } = parseOrThrow(SearchQuery, { q });
        return render(req, reply, event, { search: await checkins.search(event, text) });
      } catch (err) {
        if (err instanceof AppError) return render(req, reply, event, { error: err, retry });
        throw err;
      }
    },
  );

  app.post(
    '/console/events/:id/checkin/walkin',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const { user, event } = await staffEvent(req, db, req.params.id, 'checkin');
      const b = formBody(req);
      const text = (k: string) => str(b, k).trim() || undefined;
      try {
        const { walkIn } = parseOrThrow(CheckinBody, {
          walkIn: {
            name: text('name') ?? '',
            phone: text('phone'),
            email: text('email'),
            institution: text('institution'),
            consent: str(b, 'consent') === 'true',
          },
        });
        const result = await walkIns.walkIn(event, walkIn!, { device: 'web' }, user);
        return render(req, reply, event, { result });
      } catch (err) {
        if (err instanceof AppError) return render(req, reply, event, { error: err });
        throw err;
      }
    },
  );

  // A walk-in's ticket as a QR code on the door's screen: the person scans it and has their ticket (to vote
  // and answer polls in the live room) without an e-mail or a typed code.
  app.get(
    '/console/events/:id/checkin/walk-ins/:registrationId/ticket.svg',
    { schema: { hide: true, params: routeParams('id', 'registrationId') } },
    async (req, reply) => {
      const { event } = await staffEvent(req, db, req.params.id, 'checkin');
      const url = await walkIns.walkInTicketUrl(event, req.params.registrationId);
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
    },
  );

  app.get(
    '/console/events/:id/checkin/manifest.webmanifest',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const path = checkinPagePath(event);
      return reply.type('application/manifest+json').send({
        name: `Check-in · ${event.title}`.slice(0, 80),
        short_name: 'Check-in',
        lang: req.locale,
        start_url: path,
        scope: path,
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: [192, 512].map((s) => ({
          src: `/console/checkin-icon-${s}.png`,
          sizes: `${s}x${s}`,
          type: 'image/png',
          purpose: 'any maskable',
        })),
      });
    },
  );

  app.get(
    '/console/events/:id/checkin/sw.js',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const path = checkinPagePath(event);
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('service-worker-allowed', path)
        .send(checkinServiceWorker(path, version));
    },
  );

  const icons = new Map<number, Buffer>();
  for (const size of [192, 512] as const) {
    app.get(`/console/checkin-icon-${size}.png`, { schema: { hide: true } }, async (_req, reply) => {
      let png = icons.get(size);
      if (!png) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100"><rect width="100" height="100" fill="#0b5cad"/><path d="M27 52l15 15 32-34" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
        png = await sharp(Buffer.from(svg)).png().toBuffer();
        icons.set(size, png);
      }
      return reply.type('image/png').header('cache-control', 'public, max-age=604800').send(png);
    });
  }
};
