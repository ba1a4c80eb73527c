import type { FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../../context.js';
import { errors, what } from '../../../errors.js';
import { renderSections, type TicketView } from '../../../web/extensions.js';
import { Notice } from '../../../web/layout.js';
import type { EventRow } from '../../events/index.js';
import { ErasedTicket } from '../privacy/privacy.view.js';
import { ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { ticketBodyHtml, ticketBodyNode } from './ticket.body.js';
import { ticketShell } from './ticket.shell.js';
import { otherMode, switchOffered, TT } from './ticket.view.js';

const CODE = /^[0-9a-z]{20,80}$/;

/**
 * The ticket page is reached by its code alone, so it is never cached and never sends a Referer (the
 * join link and the map must not learn the ticket URL). Every /t/ route adds this hook.
 */
export async function ticketPageHeaders(_req: FastifyRequest, reply: FastifyReply) {
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex');
}

/** Loading a ticket by its code and rendering the ticket page (a refused post shows it again with the message). */
export function ticketViews(ctx: AppContext) {
  const { config, ui } = ctx;
  const regs = ctx.services.registrations;
  const privacy = ctx.services.privacy;
  const ticketPage = ticketShell();

  async function load(code: string) {
    const r = CODE.test(code) ? await regs.findByTicketCode(code) : undefined;
    if (!r) throw errors.notFound(what.ticket);
    const event = await ctx.services.events.findById(r.event_id);
    if (!event) throw errors.notFound(what.event);
    return { r, event };
  }

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    r: RegistrationRow,
    opts: {
      done?: string;
      error?: string;
      status?: number;
      openData?: boolean;
      event?: EventRow;
      /** The row as the sign-up's post wrote it, nothing announced since (fresh-tickets.ts). */
      untouched?: boolean;
    } = {},
  ) {
    // The GET has just loaded the event with the ticket: one query fewer on the page everyone opens.
    const event = opts.event ?? (await ctx.services.events.findById(r.event_id))!;
    if (r.anonymized_at !== null) {
      // Nothing personal is left to show, and no other module's part (join, code box, certificate) applies.
      return ticketPage(
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
      untouched: opts.untouched === true,
    };
    const sections = await renderSections(ui.ticketSections, req, event, view);
    const body = ticketBodyHtml({
      l: req.locale,
      event,
      r,
      url: ticketUrl(config, r.ticket_code),
      waitlistPosition: await regs.waitlistPosition(r),
      otherRoom: switchOffered(r, s.modes) ? await regs.roomIn(event, otherMode(r)) : null,
      modes: s.modes,
      seatMode: s.seatMode,
      doorsOpenAt:
        r.status === 'confirmed' && r.mode === 'onsite'
          ? Number(event.starts_at) - (await ctx.services.online.settings(event)).doorsOpenMinutes * 60_000
          : null,
      toldAt: r.email && ctx.mailer.enabled ? r.email : null,
      done: opts.done,
      sections: renderToString(h(Fragment, null, sections)),
      questions: s.questions,
      retentionDays: s.retentionDays,
      erasedAfter: privacy.erasedAfter(event, s.retentionDays, req.locale),
      openData: opts.openData,
    });
    return ticketPage(
      req,
      reply,
      { title: `${TT.ticket[req.locale]} — ${event.title}`, status: opts.status ?? 200 },
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        {ticketBodyNode(body)}
      </>,
    );
  }

  return { load, show };
}
