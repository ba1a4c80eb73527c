import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { Text } from '../../../i18n/index.js';
import { formatTime } from '../../../shared/time.js';
import type { TicketView } from '../../../web/extensions.js';
import { FormFields, formBody, str } from '../../../web/forms.js';
import { Notice } from '../../../web/layout.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { AttendanceCodeBody, normalizeTicketCode, TicketCode } from '../attendance.schemas.js';
import { CODE_PER_ADDRESS, codeEntryLimiter } from './limits.js';

const TicketParams = z.object({ code: TicketCode });
/** The code box's ticket as typed in the URL: a malformed one is answered on the page, not with a 400. */
const CodeBoxParams = z.object({ code: z.string().max(300) });
const SlugParams = z.object({ slug: z.string().max(300) });
/** The outcome a code form left in the query (see withOutcome); anything else shows nothing. */
const OutcomeQuery = z.object({
  presensi: z.string().optional().catch(undefined),
  presensi_err: z.string().optional().catch(undefined),
  kode: z.string().max(40).optional().catch(undefined),
});

const T = {
  heading: { id: 'Presensi daring', en: 'Online attendance' },
  join: { id: 'Masuk ruang daring', en: 'Join the online room' },
  joinNote: {
    id: 'Masuk lewat tombol ini agar kehadiran Anda tercatat.',
    en: 'Join through this button so your attendance is recorded.',
  },
  intro: {
    id: 'Masukkan kode presensi yang diumumkan pembawa acara selama kegiatan.',
    en: 'Enter the attendance code announced by the host during the event.',
  },
  open: { id: 'Kode presensi sedang dibuka sekarang.', en: 'An attendance code is open now.' },
  code: { id: 'Kode presensi', en: 'Attendance code' },
  send: { id: 'Kirim kode', en: 'Send code' },
  entered: { id: 'Kode yang sudah Anda masukkan', en: 'Codes you entered' },
  present: { id: 'Anda tercatat hadir secara daring.', en: 'You are recorded as present online.' },
  ok: { id: 'Kode diterima. Terima kasih!', en: 'Code accepted. Thank you!' },
  again: {
    id: 'Kode ini sudah tercatat sebelumnya. Tidak perlu dikirim lagi.',
    en: 'This code was already recorded. No need to send it again.',
  },
  invalid: {
    id: 'Kode presensi berisi 4–12 huruf/angka.',
    en: 'An attendance code has 4–12 letters/digits.',
  },
} satisfies Record<string, Text>;

/** The participant's side, reached from the ticket: the personal join link and the attendance-code box. */
export const participantPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const online = app.ctx.services.online;
  const perTicket = codeEntryLimiter(app);

  app.ctx.ui.ticketSections.push({
    key: 'attendance-code',
    order: 20,
    async render(req: FastifyRequest, event: EventRow, ticket: TicketView) {
      if (ticket.status !== 'confirmed' || ticket.mode !== 'online') return null;
      const l = req.locale;
      const state = await online.ticketState(event, ticket);
      return (
        <section id="presensi" class="card">
          <h2>{T.heading[l]}</h2>
          {event.online_join_url ? (
            <p>
              <a class="btn" href={`/t/${ticket.ticket_code}/join`} rel="nofollow">
                {T.join[l]}
              </a>{' '}
              <span class="muted">{T.joinNote[l]}</span>
            </p>
          ) : null}
          <CodeResultNotice req={req} />
          {state.present === 'online' ? <Notice kind="ok">{T.present[l]}</Notice> : null}
          <p>{T.intro[l]}</p>
          {state.openCount > 0 ? <p class="badge ok">{T.open[l]}</p> : null}
          <form method="post" action={`/t/${ticket.ticket_code}/presensi`} class="row">
            <label for="kode-presensi" style="width:100%">
              {T.code[l]}
            </label>
            <input
              id="kode-presensi"
              name="code"
              value={typedCode(req)}
              required
              maxLength={12}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              style="flex:1;text-transform:uppercase;font-size:1.25rem;letter-spacing:.15em"
            />
            <button type="submit">{T.send[l]}</button>
          </form>
          {state.entries.length ? (
            <p class="muted">
              {T.entered[l]}:{' '}
              {state.entries
                .map((e) => `${e.label ?? e.code} (${formatTime(Number(e.entered_at), event.timezone, l)})`)
                .join(', ')}
            </p>
          ) : null}
        </section>
      );
    },
  });

  app.get(
    '/t/:code/join',
    {
      schema: { hide: true, params: TicketParams },
      config: { rateLimit: CODE_PER_ADDRESS },
    },
    async (req, reply) => {
      const { url } = await online.join(req.params.code);
      reply.header('cache-control', 'no-store');
      return reply.redirect(url, 302);
    },
  );

  /**
   * The code box without JavaScript, on the ticket page and the live page: a form POST that answers with a
   * redirect back to the page it came from, carrying the outcome (`presensi=ok|again` or `presensi_err`).
   */
  async function enterFromForm(
    req: FastifyRequest,
    ticketCode: string,
    code: string,
    event: EventRow | null,
  ): Promise<string> {
    try {
      await perTicket(req);
      const body = AttendanceCodeBody.parse({ ticketCode, code });
      const r = await online.enterCode(
        event ?? (await online.eventOfTicket(body.ticketCode)),
        body.ticketCode,
        body.code,
      );
      return `presensi=${r.first ? 'ok' : 'again'}`;
    } catch (err) {
      const msg =
        err instanceof AppError
          ? err.text[req.locale]
          : err instanceof z.ZodError
            ? T.invalid[req.locale]
            : null;
      if (!msg) throw err;
      // What was typed comes back in the box (the ticket page fills it in).
      return `presensi_err=${encodeURIComponent(msg)}&kode=${encodeURIComponent(code.slice(0, 40))}`;
    }
  }

  app.post(
    '/t/:code/presensi',
    {
      schema: { hide: true, params: CodeBoxParams, body: FormFields },
      config: { rateLimit: CODE_PER_ADDRESS },
    },
    async (req, reply) => {
      const ticket = req.params.code;
      const outcome = await enterFromForm(req, ticket, str(formBody(req), 'code'), null);
      return reply.redirect(`/t/${encodeURIComponent(ticket)}?${outcome}#presensi`, 303);
    },
  );

  // The live page's code box posts here (the JSON API keeps its contract for scripts and the island).
  app.post(
    '/e/:slug/presensi',
    {
      schema: { hide: true, params: SlugParams, body: FormFields },
      config: { rateLimit: CODE_PER_ADDRESS },
    },
    async (req, reply) => {
      const form = CodeForm.safeParse(formBody(req));
      const f = form.success ? form.data : { ticketCode: '', code: '', back: undefined };
      const event = await loadEventFor(req, app.ctx.db, req.params.slug, 'view');
      const outcome = await enterFromForm(req, f.ticketCode, f.code, event);
      const fallback = normalizeTicketCode(f.ticketCode)
        ? `/t/${encodeURIComponent(normalizeTicketCode(f.ticketCode)!)}#presensi`
        : `/e/${encodeURIComponent(event.slug)}`;
      return reply.redirect(withOutcome(safeBackPath(f.back) ?? fallback, outcome), 303);
    },
  );
};

const CodeForm = z.object({
  ticketCode: z.string().max(300).default(''),
  code: z.string().max(40).default(''),
  back: z.string().max(500).optional(),
});

/**
 * Only a path on this site: one leading slash, not `//host` or `/\host` (browsers read both as another
 * origin), no scheme, only printable ASCII without spaces. Anything else falls back to the ticket page.
 */
export function safeBackPath(back: string | undefined): string | null {
  // Printable ASCII without space or backslash: `!`–`[` and `]`–`~`.
  if (!back || !/^\/(?![/\\])[!-[\]-~]*$/.test(back)) return null;
  const base = 'http://aula.invalid';
  const u = new URL(back, base);
  return u.origin === base ? `${u.pathname}${u.search}${u.hash}` : null;
}

/** The back path with this outcome in its query (an earlier outcome replaced), its #fragment kept. */
export function withOutcome(back: string, outcome: string): string {
  const u = new URL(back, 'http://aula.invalid');
  u.searchParams.delete('presensi');
  u.searchParams.delete('presensi_err');
  u.searchParams.delete('kode');
  const q = u.searchParams.toString();
  return `${u.pathname}?${q ? `${q}&` : ''}${outcome}${u.hash}`;
}

/**
 * Whether the request's query may hold `key`: only when it names it, or percent-encodes something (a key
 * written encoded). Nearly every view of a ticket has neither, and then the URL need not be parsed (twice).
 */
const mayHold = (url: string, key: string) => url.includes(key) || url.includes('%');

/** The code the participant typed, when the form came back refused (read like the outcome, below). */
function typedCode(req: FastifyRequest): string | undefined {
  if (!mayHold(req.raw.url ?? '', 'kode')) return undefined;
  const q = OutcomeQuery.safeParse({
    kode: new URL(req.raw.url ?? '/', 'http://aula.invalid').searchParams.get('kode') ?? undefined,
  });
  return q.success ? q.data.kode : undefined;
}

/**
 * The outcome of a code sent as a form, for the page it came back to (ticket or live page). Those pages
 * belong to other modules whose querystring schemas keep only their own keys, so the outcome is read
 * from the request's own URL (and checked here) rather than from their parsed `req.query`.
 */
export function CodeResultNotice(props: { req: FastifyRequest }) {
  const l = props.req.locale;
  if (!mayHold(props.req.raw.url ?? '', 'presensi')) return null;
  const search = new URL(props.req.raw.url ?? '/', 'http://aula.invalid').searchParams;
  const q = OutcomeQuery.safeParse({
    presensi: search.get('presensi') ?? undefined,
    presensi_err: search.get('presensi_err') ?? undefined,
  });
  const { presensi, presensi_err } = q.success ? q.data : {};
  if (presensi === 'ok') return <Notice kind="ok">{T.ok[l]}</Notice>;
  if (presensi === 'again') return <Notice kind="ok">{T.again[l]}</Notice>;
  if (presensi_err !== undefined) return <Notice kind="error">{presensi_err.slice(0, 300)}</Notice>;
  return null;
}
