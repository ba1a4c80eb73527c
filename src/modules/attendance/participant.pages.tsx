import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Text } from '../../i18n/index.js';
import { formatTime } from '../../shared/time.js';
import type { TicketView } from '../../web/extensions.js';
import { Notice } from '../../web/layout.js';
import { asPage } from '../../web/page.js';
import type { EventRow } from '../events/index.js';
import { AttendanceCodeBody, TicketCode } from './attendance.schemas.js';
import { createOnlineService } from './online.service.js';

const TicketParams = z.object({ code: TicketCode });

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
} satisfies Record<string, Text>;

/** The participant's side, reached from the ticket: the personal join link and the attendance-code box. */
export const participantPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const online = createOnlineService(app.ctx);

  app.ctx.ui.ticketSections.push({
    key: 'attendance-code',
    order: 20,
    async render(req: FastifyRequest, event: EventRow, ticket: TicketView) {
      if (ticket.status !== 'confirmed' || ticket.mode !== 'online') return null;
      const l = req.locale;
      const state = await online.ticketState(event, ticket.id);
      const q = req.query as { presensi?: string; presensi_err?: string };
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
          {q.presensi === 'ok' ? <Notice kind="ok">{T.ok[l]}</Notice> : null}
          {typeof q.presensi_err === 'string' ? (
            <Notice kind="error">{q.presensi_err.slice(0, 300)}</Notice>
          ) : null}
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
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      asPage(req);
      const { url } = await online.join(req.params.code);
      reply.header('cache-control', 'no-store');
      return reply.redirect(url, 302);
    },
  );

  // The form on the ticket page (works without JavaScript): back to the ticket with the outcome.
  app.post<{ Params: { code: string }; Body: { code?: string } }>(
    '/t/:code/presensi',
    { schema: { hide: true }, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
    async (req, reply) => {
      asPage(req);
      const ticket = req.params.code;
      const back = (q: string) => reply.redirect(`/t/${encodeURIComponent(ticket)}?${q}#presensi`, 303);
      try {
        const body = AttendanceCodeBody.parse({ ticketCode: ticket, code: String(req.body?.code ?? '') });
        await online.enterCode(await online.eventOfTicket(body.ticketCode), body.ticketCode, body.code);
        return back('presensi=ok');
      } catch (err) {
        const msg =
          err instanceof AppError
            ? err.text[req.locale]
            : err instanceof z.ZodError
              ? req.locale === 'id'
                ? 'Kode presensi berisi 4–12 huruf/angka.'
                : 'An attendance code has 4–12 letters/digits.'
              : null;
        if (!msg) throw err;
        return back(`presensi_err=${encodeURIComponent(msg)}`);
      }
    },
  );
};
