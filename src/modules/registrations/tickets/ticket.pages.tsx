import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors, what } from '../../../errors.js';
import { renderSections, type TicketView } from '../../../web/extensions.js';
import { FormFields, formBody, str } from '../../../web/forms.js';
import { Notice } from '../../../web/layout.js';
import { asPage, page } from '../../../web/page.js';
import { ErasedTicket, MyDataSection, PT } from '../privacy/privacy.view.js';
import { printedName, ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { eventIcs } from './ics.js';
import { TicketBody, TT } from './ticket.view.js';

const CODE = /^[0-9a-z]{20,80}$/;
/** Lenient on purpose: a malformed code is a "ticket not found" page, not a validation error. */
const CodeParam = z.object({ code: z.string() });
const DoneQuery = z.object({ done: z.string().optional() });
const ModeChoice = z.enum(['onsite', 'online']);

/**
 * The participant's personal page at /t/:ticketCode. The code is the only key, so the page is never
 * cached and never sends a Referer (the join link and the map must not learn the ticket URL).
 */
export const ticketPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, ui } = app.ctx;
  const regs = app.ctx.services.registrations;
  const privacy = app.ctx.services.privacy;
  app.addHook('onRequest', async (req, reply) => {
    asPage(req);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex');
  });

  async function load(code: string) {
    const r = CODE.test(code) ? await regs.findByTicketCode(code) : undefined;
    if (!r) throw errors.notFound(what.ticket);
    const event = await app.ctx.services.events.find(r.event_id);
    if (!event) throw errors.notFound(what.event);
    return { r, event };
  }

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    r: RegistrationRow,
    opts: { done?: string; error?: string; status?: number; openData?: boolean } = {},
  ) {
    const event = (await app.ctx.services.events.find(r.event_id))!;
    if (r.anonymized_at !== null) {
      // Nothing personal is left to show, and no other module's part (join, code box, certificate) applies.
      return page(
        req,
        reply,
        { title: `${TT.ticket[req.locale]} — ${event.title}` },
        <ErasedTicket l={req.locale} event={event} />,
      );
    }
    const s = await regs.settings(event);
    const view: TicketView = {
      id: r.id,
      event_id: r.event_id,
      ticket_code: r.ticket_code,
      mode: r.mode,
      status: r.status,
      name: r.name,
    };
    const sections = await renderSections(ui.ticketSections, req, event, view);
    return page(
      req,
      reply,
      { title: `${TT.ticket[req.locale]} — ${event.title}`, status: opts.status ?? 200 },
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <TicketBody
          req={req}
          event={event}
          r={r}
          url={ticketUrl(config, r.ticket_code)}
          printedName={printedName(r)}
          waitlistPosition={await regs.waitlistPosition(r)}
          room={await regs.room(event)}
          modes={s.modes}
          seatMode={s.seatMode}
          done={opts.done}
          sections={sections}
          myData={
            <MyDataSection
              l={req.locale}
              event={event}
              r={r}
              questions={s.questions}
              retentionDays={s.retentionDays}
              erasedAfter={await privacy.erasedAfter(r, req.locale)}
              open={opts.openData}
            />
          }
        />
      </>,
    );
  }

  app.get(
    '/t/:code',
    { schema: { hide: true, params: CodeParam, querystring: DoneQuery } },
    async (req, reply) => {
      const { r } = await load(req.params.code);
      return show(req, reply, r, { done: req.query.done });
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

  app.post('/t/:code/cancel', { schema: { hide: true, params: CodeParam } }, async (req, reply) => {
    const { r } = await load(req.params.code);
    await regs.cancelRow(r);
    return reply.redirect(`/t/${r.ticket_code}?done=cancelled`, 303);
  });

  app.post(
    '/t/:code/mode',
    { schema: { hide: true, params: CodeParam, body: FormFields } },
    async (req, reply) => {
      const { r } = await load(req.params.code);
      const choice = ModeChoice.safeParse(str(formBody(req), 'mode'));
      if (!choice.success)
        return show(req, reply, r, {
          error: errors.validation({ id: 'Pilih luring atau daring.', en: 'Choose hall or online.' }).text[
            req.locale
          ],
          status: 400,
        });
      try {
        await regs.switchRow(r, choice.data);
      } catch (err) {
        if (err instanceof AppError)
          return show(req, reply, (await regs.findById(r.id))!, {
            error: err.text[req.locale],
            status: err.status,
          });
        throw err;
      }
      return reply.redirect(`/t/${r.ticket_code}?done=switched`, 303);
    },
  );

  // Right of access: the same JSON as GET /api/v1/tickets/:code/data, as a file to keep.
  app.get('/t/:code/data-saya.json', { schema: { hide: true, params: CodeParam } }, async (req, reply) => {
    const { r, event } = await load(req.params.code);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="data-saya-${event.slug}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(await privacy.myData(r), null, 2));
  });

  // Right to erasure, behind a ticked confirmation box (the form works without JavaScript).
  app.post(
    '/t/:code/hapus',
    { schema: { hide: true, params: CodeParam, body: FormFields } },
    async (req, reply) => {
      const { r } = await load(req.params.code);
      if (str(formBody(req), 'confirm') !== 'yes')
        return show(req, reply, r, {
          error: PT.eraseNeedsConfirm[req.locale],
          status: 400,
          openData: true,
        });
      await privacy.erase(r);
      return reply.redirect(`/t/${r.ticket_code}`, 303);
    },
  );
};
