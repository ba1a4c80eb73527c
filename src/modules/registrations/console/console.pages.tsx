import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors, what } from '../../../errors.js';
import { IdParam, routeParams } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import { formatDateTime } from '../../../shared/time.js';
import { FormFields, type FormValues, formBody } from '../../../web/forms.js';
import { Notice } from '../../../web/layout.js';
import { asPage } from '../../../web/page.js';
import { CF, consoleFrame } from '../../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { fileFrom, type ImportResult, runImport } from '../import/import.routes.js';
import { ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { RegisterInput, UpdateRegistrationInput } from '../registrations.schemas.js';
import { MODE_TEXT, markParsed } from '../registrations.service.js';
import { TT } from '../tickets/ticket.view.js';
import { AddForm, EditForm, type ImportCarry, ImportSection } from './console.forms.js';
import { CountCards, ListTools, RegistrationsTable } from './console.list.js';
import { RT } from './console.text.js';

export { RT, waTicketLink } from './console.text.js';

/** The list's filters; lenient on purpose (an unknown mode or status just shows everything). */
const ListQuery = z.object({
  q: z.string().optional(),
  mode: z.string().optional(),
  status: z.string().optional(),
  done: z.string().optional(),
});
type Q = z.infer<typeof ListQuery>;
const STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'];
const RegParam = routeParams('id', 'regId');
const Action = z.enum(['confirm', 'cancel', 'decline', 'mode:onsite', 'mode:online']);

/** A posted field as typed, or undefined when the form did not send it (the first of repeated ones). */
const field = (v: FormValues, k: string): string | undefined => {
  const x = v[k];
  return Array.isArray(x) ? x[0] : x;
};

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

  app.register(async (plain) => {
    const pages = plain.withTypeProvider<ZodTypeProvider>();
    pages.addHook('onRequest', async (req) => asPage(req));
    const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');
    const loadReg = async (req: FastifyRequest, params: { id: string; regId: string }) => {
      const event = await load(req, params.id);
      const r = await regs.findById(params.regId);
      if (!r || r.event_id !== event.id) throw errors.notFound(what.registration);
      return { event, r };
    };
    const fail = async (req: FastifyRequest, reply: FastifyReply, event: EventRow, err: unknown) => {
      if (err instanceof AppError && err.status < 500)
        return listPage(req, reply, event, { error: err.text[req.locale], status: err.status });
      throw err;
    };

    pages.get(
      '/console/events/:id/registrations',
      { schema: { hide: true, params: IdParam, querystring: ListQuery } },
      async (req, reply) => listPage(req, reply, await load(req, req.params.id), { query: req.query }),
    );

    const withBody = { schema: { hide: true, params: IdParam, body: FormFields } };
    const withRegBody = { schema: { hide: true, params: RegParam, body: FormFields } };

    pages.post('/console/events/:id/registrations/add', withBody, async (req, reply) => {
      const event = await load(req, req.params.id);
      const b = formBody(req);
      try {
        const input = parseOrThrow(RegisterInput, {
          name: field(b, 'name') ?? '',
          frontTitles: field(b, 'frontTitles'),
          backTitles: field(b, 'backTitles'),
          institution: field(b, 'institution'),
          phone: field(b, 'phone'),
          email: field(b, 'email'),
          mode: field(b, 'mode'),
          consent: field(b, 'consent') === 'yes',
        });
        await regs.register(event, markParsed(input), { source: 'manual' });
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    pages.post('/console/events/:id/registrations/:regId/action', withRegBody, async (req, reply) => {
      const { event, r } = await loadReg(req, req.params);
      const action = Action.safeParse(field(formBody(req), 'action'));
      try {
        if (!action.success)
          throw errors.validation({ id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
        const a = action.data;
        if (a === 'confirm') await regs.approve(r);
        else if (a === 'cancel' || a === 'decline')
          await regs.cancelRow(r, a === 'cancel' ? 'cancelled' : 'declined');
        else await regs.switchRow(r, a === 'mode:onsite' ? 'onsite' : 'online');
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    // Step 1: the upload is previewed (nothing written); a clean file comes back as a hidden field to confirm.
    // The body is multipart, read by `fileFrom` (the form's fields come with the file).
    pages.post(
      '/console/events/:id/registrations/import',
      { schema: { hide: true, params: IdParam } },
      async (req, reply) => {
        const event = await load(req, req.params.id);
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
      },
    );

    // Step 2: the organizer confirms (and vouches for consent); every row is checked again before writing.
    pages.post('/console/events/:id/registrations/import/confirm', withBody, async (req, reply) => {
      const event = await load(req, req.params.id);
      const b = formBody(req);
      try {
        const m = field(b, 'mode');
        const mode = m === 'onsite' || m === 'online' ? m : null;
        const data = Buffer.from(field(b, 'data') ?? '', 'base64');
        const result = await runImport(
          regs,
          event,
          { data, filename: field(b, 'filename') ?? 'import.csv' },
          { dryRun: false, consent: field(b, 'consent') === 'yes', mode, locale: req.locale },
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

    pages.get(
      '/console/events/:id/registrations/:regId',
      { schema: { hide: true, params: RegParam } },
      async (req, reply) => {
        const { event, r } = await loadReg(req, req.params);
        return editPage(req, reply, event, r);
      },
    );

    pages.post('/console/events/:id/registrations/:regId', withRegBody, async (req, reply) => {
      const { event, r } = await loadReg(req, req.params);
      const b = formBody(req);
      try {
        const p = parseOrThrow(UpdateRegistrationInput, {
          name: field(b, 'name'),
          frontTitles: field(b, 'frontTitles'),
          backTitles: field(b, 'backTitles'),
          institution: field(b, 'institution'),
          phone: field(b, 'phone') ?? '',
          email: field(b, 'email') ?? '',
          seat: field(b, 'seat') ?? null,
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
