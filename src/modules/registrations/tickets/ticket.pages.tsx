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
 * src/http/precompressed.ts). Two choices, both measured on a ~9.5 KB ticket page:
 * - one synchronous call: the page is over the 8 KB up to which @fastify/compress compresses synchronously on
 *   a two-core node, and above it every view took a brotli stream through the thread pool (0.46 ms against
 *   0.17 ms for one brotliCompressSync of the same bytes);
 * - gzip before brotli: gzip -6 makes 3.5 KB in ~0.1 ms, brotli at the app's quality 4 3.4 KB in ~0.15 ms; per
 *   view the whole page cost 0.91 ms gzipped against 1.02 ms with brotli. Brotli pays off where it runs once.
 */
const TICKET_COMPRESS = {
  encodings: ['gzip' as const, 'br' as const],
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  syncThreshold: 64 * 1024,
};

/** The participant's personal page at /t/:ticketCode, its calendar file and the copy of their data. */
export const ticketPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;
  const privacy = app.ctx.services.privacy;
  const { load, show } = ticketViews(app.ctx);
  app.addHook('onRequest', ticketPageHeaders);

  app.get(
    '/t/:code',
    { schema: { hide: true, params: CodeParam, querystring: DoneQuery }, compress: TICKET_COMPRESS },
    async (req, reply) => {
      const { r, event } = await load(req.params.code);
      return show(req, reply, r, { done: req.query.done, event });
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
