import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { errors, what } from '../../../errors.js';
import { formatDateTime } from '../../../shared/time.js';
import { Notice } from '../../../web/layout.js';
import { CF, consoleFrame } from '../../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import type { ImportResult } from '../import/import.service.js';
import { ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { MODE_TEXT, type RegistrationsService } from '../registrations.service.js';
import { TT } from '../tickets/ticket.view.js';
import { AddForm, EditForm, type ImportCarry, ImportSection } from './console.forms.js';
import { CountCards, ListTools, RegistrationsTable } from './console.list.js';
import { RT } from './console.text.js';

/** The list's filters; lenient on purpose (an unknown mode or status just shows everything). */
export const ConsoleListQuery = z.object({
  q: z.string().optional(),
  mode: z.string().optional(),
  status: z.string().optional(),
  done: z.string().optional(),
});
type Q = z.infer<typeof ConsoleListQuery>;
const STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'];

/**
 * What the organizer's registrations pages and their form posts share: loading the event (organizers
 * only) and the registration, and rendering the list and the edit page (a post with a mistake shows
 * them again with the message).
 */
export function consoleViews(ctx: AppContext, regs: RegistrationsService) {
  const { db, config } = ctx;
  const base = (e: EventRow) => `/console/events/${e.id}/registrations`;
  const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');
  const loadReg = async (req: FastifyRequest, params: { id: string; regId: string }) => {
    const event = await load(req, params.id);
    const r = await regs.findById(params.regId);
    if (!r || r.event_id !== event.id) throw errors.notFound(what.registration);
    return { event, r };
  };

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: {
      error?: string;
      notice?: string;
      importResult?: ImportResult;
      carry?: ImportCarry | undefined;
      status?: number;
      /** The GET's filters; a form post shows the unfiltered list again. */
      query?: Q;
    } = {},
  ) {
    const l = req.locale;
    const q = opts.query ?? {};
    const mode = q.mode === 'onsite' || q.mode === 'online' ? q.mode : undefined;
    const status = STATUSES.includes(q.status ?? '') ? (q.status as RegistrationRow['status']) : undefined;
    const search = typeof q.q === 'string' ? q.q.slice(0, 100) : '';
    const [rows, counts, room, s, cap] = await Promise.all([
      regs.list(event, { q: search || undefined, mode, status }),
      regs.counts(event.id),
      regs.room(event),
      regs.settings(event),
      regs.capacities(event),
    ]);
    const eventUrl = `${config.publicUrl}/e/${event.slug}`;
    const share = `https://wa.me/?text=${encodeURIComponent(RT.shareText(event.title, formatDateTime(event.starts_at, event.timezone, l), eventUrl)[l])}`;
    return consoleFrame(
      req,
      reply,
      event,
      CF.registrations,
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        {opts.notice || q.done ? <Notice kind="ok">{opts.notice ?? RT.saved[l]}</Notice> : null}
        <CountCards l={l} modes={s.modes} counts={counts} cap={cap} room={room} />
        <ListTools l={l} event={event} base={base(event)} share={share} f={{ search, mode, status }} />
        <RegistrationsTable
          req={req}
          event={event}
          base={base(event)}
          rows={rows}
          ticketUrl={(code) => ticketUrl(config, code)}
        />
        <AddForm req={req} base={base(event)} modes={s.modes} />
        <ImportSection
          req={req}
          base={base(event)}
          modes={s.modes}
          result={opts.importResult}
          carry={opts.carry}
        />
      </>,
      opts.status,
    );
  }

  function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    r: RegistrationRow,
    error?: string,
    status = 200,
  ) {
    const l = req.locale;
    return consoleFrame(
      req,
      reply,
      event,
      CF.registrations,
      <>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <p>
          {TT.status[r.status][l]} · {MODE_TEXT[r.mode][l]} ·{' '}
          <a href={`/t/${r.ticket_code}`} rel="noopener">
            {TT.ticket[l]}
          </a>
        </p>
        <EditForm req={req} action={`${base(event)}/${r.id}`} r={r} />
      </>,
      status,
    );
  }

  return { base, load, loadReg, listPage, editPage };
}
