import { constants as zlib } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketUrl } from '../registrations.presenter.js';
import { eventIcs } from './ics.js';
import { ticketPageHeaders, ticketViews } from './ticket.views.js';

/** Lenient on purpose: a malformed code is a "ticket not found" page, not a validation error. */
export const CodeParam = z.object({ code: z.string() });
const DoneQuery = z.object({ done: z.string().optional() });

/**
 * The ticket page is personal, so it is compressed for every view (the cached public pages are compressed once,
 * src/http/precompressed.ts). Measured on the ~9.6 KB ticket page, best of 5 × 2,000 calls on this machine:
 * - brotli at quality 1 takes ~40 µs for 4.1 KB, gzip takes ~175 µs at any level up to 4 (3.9–3.7 KB: for a
 *   page this small zlib's set-up dominates) and ~300 µs at its default 6 (3.65 KB); brotli at the app's
 *   quality 4 ~650 µs (3.6 KB). Half a kilobyte more on the wire costs a phone less than a server that serves
 *   a crowd opening their tickets at once, so brotli's fastest level first, gzip at 4 for the rest;
 * - one synchronous call: over 8 KB @fastify/compress would stream through the thread pool (0.46 ms against
 *   0.17 ms for one synchronous call of the same bytes on a two-core node);
 * - since the stylesheet left the page (5.4 KB for an online ticket, 2026-12-07): brotli quality 1 ~32–37 µs for
 *   2,401 bytes, quality 0 with a 64 KB window (as large as a page compressed in one call) ~27 µs for
 *   2,489 bytes, two runs of 15,000 calls. 88 bytes more for a fifth less CPU on the page every sign-up opens.
 */
const TICKET_COMPRESS = {
  encodings: ['br' as const, 'gzip' as const],
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 0, [zlib.BROTLI_PARAM_LGWIN]: 16 } },
  zlibOptions: { level: 4 },
  syncThreshold: 64 * 1024,
};

/** The participant's personal page at /t/:ticketCode, its calendar file and the copy of their data. */
export const ticketPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;
  const privacy = app.ctx.services.privacy;
  const regs = app.ctx.services.registrations;
  const { load, show } = ticketViews(app.ctx);
  app.addHook('onRequest', ticketPageHeaders);

  app.get(
    '/t/:code',
    { schema: { hide: true, params: CodeParam, querystring: DoneQuery }, compress: TICKET_COMPRESS },
    async (req, reply) => {
      // The view a sign-up's 303 leads to may take the rows the post just wrote instead of reading them again.
      const fresh = req.query.done === 'new' ? regs.fresh.take(req.params.code) : undefined;
      const { r, event } = fresh ?? (await load(req.params.code));
      return show(req, reply, r, { done: req.query.done, event, untouched: fresh !== undefined });
    },
  );

  app.get('/t/:code/acara.ics', { schema: { hide: true, params: CodeParam } }, async (req, reply) => {
    const { r, event } = await load(req.params.code);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
      .header('cache-control', 'no-store')
      .send(eventIcs(event, { ticketUrl: ticketUrl(config, r.ticket_code), mode: r.mode, seat: r.seat_id }));
  });

  // Right of access: the same JSON as GET /api/v1/tickets/:code/data, as a file to keep.
  app.get('/t/:code/data-saya.json', { schema: { hide: true, params: CodeParam } }, async (req, reply) => {
    const { r, event } = await load(req.params.code);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="data-saya-${event.slug}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(await privacy.myData(r), null, 2));
  });
};
