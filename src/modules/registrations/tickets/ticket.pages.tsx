import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketUrl } from '../registrations.presenter.js';
import { eventIcs } from './ics.js';
import { TICKET_COMPRESS } from './ticket.shell.js';
import { ticketPageHeaders, ticketViews } from './ticket.views.js';

/** Lenient on purpose: a malformed code is a "ticket not found" page, not a validation error. */
export const CodeParam = z.object({ code: z.string() });
const DoneQuery = z.object({ done: z.string().optional() });

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
