import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, what } from '../../../errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import { formatDateTime } from '../../../shared/time.js';
import { Notice } from '../../../web/layout.js';
import { asPage } from '../../../web/page.js';
import { CF, consoleFrame } from '../../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { fileFrom, type ImportResult, runImport } from '../import/import.routes.js';
import { ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { UpdateRegistrationInput } from '../registrations.schemas.js';
import { MODE_TEXT } from '../registrations.service.js';
import { TT } from '../tickets/ticket.view.js';
import { AddForm, EditForm, type ImportCarry, ImportSection } from './console.forms.js';
import { CountCards, ListTools, RegistrationsTable } from './console.list.js';
import { RT } from './console.text.js';

export { RT, waTicketLink } from './console.text.js';

type Q = { q?: string; mode?: string; status?: string; done?: string };
const STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'];

/** The organizer's registrations pages: the list with its tools, add by hand, import, edit one. */
export const consolePages: FastifyPluginAsync = async (app) => {
  const { db, config } = app.ctx;
  const regs = app.ctx.services.registrations;
  const base = (e: EventRow) => `/console/events/${e.id}/registrations`;

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
    } = {},
  ) {
    const l = req.locale;
    const q = (req.query ?? {}) as Q;
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

  app.register(async (pages) => {
    pages.addHook('onRequest', async (req) => asPage(req));
    const load = (req: FastifyRequest) =>
      loadEventFor(req, db, (req.params as { id: string }).id, 'organize');
    const loadReg = async (req: FastifyRequest) => {
      const event = await load(req);
      const r = await regs.findById((req.params as { regId: string }).regId);
      if (!r || r.event_id !== event.id) throw errors.notFound(what.registration);
      return { event, r };
    };
    const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, string>;
    const fail = async (req: FastifyRequest, reply: FastifyReply, event: EventRow, err: unknown) => {
      if (err instanceof AppError && err.status < 500)
        return listPage(req, reply, event, { error: err.text[req.locale], status: err.status });
      throw err;
    };

    pages.get('/console/events/:id/registrations', async (req, reply) =>
      listPage(req, reply, await load(req)),
    );

    pages.post('/console/events/:id/registrations/add', async (req, reply) => {
      const event = await load(req);
      const b = body(req);
      try {
        await regs.register(
          event,
          {
            name: b.name ?? '',
            frontTitles: b.frontTitles,
            backTitles: b.backTitles,
            institution: b.institution,
            phone: b.phone,
            email: b.email,
            mode: b.mode as 'onsite',
            consent: b.consent === 'yes',
          },
          { source: 'manual' },
        );
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    pages.post('/console/events/:id/registrations/:regId/action', async (req, reply) => {
      const { event, r } = await loadReg(req);
      const a = body(req).action ?? '';
      try {
        if (a === 'confirm') await regs.approve(r);
        else if (a === 'cancel' || a === 'decline')
          await regs.cancelRow(r, a === 'cancel' ? 'cancelled' : 'declined');
        else if (a === 'mode:onsite' || a === 'mode:online') await regs.switchRow(r, a.slice(5) as 'onsite');
        else throw errors.validation({ id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    // Step 1: the upload is previewed (nothing written); a clean file comes back as a hidden field to confirm.
    pages.post('/console/events/:id/registrations/import', async (req, reply) => {
      const event = await load(req);
      try {
        const { data, fields, filename } = await fileFrom(req);
        const mode = fields.mode === 'onsite' || fields.mode === 'online' ? fields.mode : null;
        const result = await runImport(
          regs,
          event,
          { data, filename },
          { dryRun: true, consent: false, mode, locale: req.locale },
        );
        const bad = result.rows.filter((x) => !x.ok).length;
        return listPage(req, reply, event, {
          importResult: result,
          carry: bad ? undefined : { data: data.toString('base64'), filename, mode: mode ?? '' },
          ...(bad ? { error: RT.importErrors(bad)[req.locale], status: 400 } : {}),
        });
      } catch (err) {
        return fail(req, reply, event, err);
      }
    });

    // Step 2: the organizer confirms (and vouches for consent); every row is checked again before writing.
    pages.post('/console/events/:id/registrations/import/confirm', async (req, reply) => {
      const event = await load(req);
      const b = body(req);
      try {
        const mode = b.mode === 'onsite' || b.mode === 'online' ? b.mode : null;
        const data = Buffer.from(b.data ?? '', 'base64');
        const result = await runImport(
          regs,
          event,
          { data, filename: b.filename ?? 'import.csv' },
          { dryRun: false, consent: b.consent === 'yes', mode, locale: req.locale },
        );
        if (result.dryRun)
          return listPage(req, reply, event, {
            importResult: result,
            error: RT.importErrors(result.rows.filter((x) => !x.ok).length)[req.locale],
            status: 400,
          });
        return listPage(req, reply, event, {
          notice: RT.imported(result.created, result.existing)[req.locale],
        });
      } catch (err) {
        return fail(req, reply, event, err);
      }
    });

    pages.get('/console/events/:id/registrations/:regId', async (req, reply) => {
      const { event, r } = await loadReg(req);
      return editPage(req, reply, event, r);
    });

    pages.post('/console/events/:id/registrations/:regId', async (req, reply) => {
      const { event, r } = await loadReg(req);
      const b = body(req);
      try {
        const p = parseOrThrow(UpdateRegistrationInput, {
          name: b.name,
          frontTitles: b.frontTitles,
          backTitles: b.backTitles,
          institution: b.institution,
          phone: b.phone ?? '',
          email: b.email ?? '',
          seat: b.seat ?? null,
        });
        let cur = await regs.editDetails(r, {
          name: p.name ?? r.name,
          front_titles: p.frontTitles ?? null,
          back_titles: p.backTitles ?? null,
          institution: p.institution ?? null,
          phone: p.phone ?? null,
          email: p.email ?? null,
        });
        if (r.mode === 'onsite' && (p.seat ?? null) !== (r.seat_id ?? null))
          cur = await regs.moveSeat(cur, p.seat ?? null);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return editPage(req, reply, event, r, err.text[req.locale], err.status);
        throw err;
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });
  });
};
