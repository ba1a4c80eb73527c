import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors, what } from '../../../errors.js';
import { formatDateTime } from '../../../shared/time.js';
import { Notice } from '../../../web/layout.js';
import { CsrfField, page } from '../../../web/page.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationRow } from '../../registrations/index.js';

const T = {
  title: { id: 'Masih jadi datang?', en: 'Still coming?' },
  hall: (when: string, venue: string) => ({
    id: `Anda terdaftar hadir di aula: ${when}, ${venue}.`,
    en: `You are registered in the hall: ${when}, ${venue}.`,
  }),
  why: {
    id: 'Bila Anda tidak bisa datang, lepaskan kursi Anda sekarang: kursi itu langsung diberikan ke orang pertama di daftar tunggu.',
    en: 'If you cannot come, release your place now: it goes straight to the first person on the waitlist.',
  },
  coming: {
    id: 'Ya, saya datang — tidak ada yang perlu dilakukan.',
    en: 'Yes, I am coming — nothing to do.',
  },
  online: { id: 'Pindah ke daring', en: 'Switch to online' },
  cancel: { id: 'Batal hadir', en: 'Cancel my registration' },
  moved: {
    id: 'Anda kini terdaftar daring. Tautan ruang daring ada di tiket Anda.',
    en: 'You are now registered online. The online room link is on your ticket.',
  },
  cancelled: {
    id: 'Pendaftaran Anda dibatalkan. Terima kasih telah memberi tahu.',
    en: 'Your registration is cancelled. Thank you for letting us know.',
  },
  notHall: {
    id: 'Tiket ini tidak untuk aula (lagi).',
    en: 'This ticket is not (or no longer) for the hall.',
  },
  ticket: { id: 'Buka tiket', en: 'Open the ticket' },
} as const;

const Choice = z.object({
  pilih: z.enum(['daring', 'batal']).optional(),
  done: z.enum(['daring', 'batal']).optional(),
});
const CodeParam = z.object({
  code: z
    .string()
    .trim()
    .min(10)
    .max(80)
    .regex(/^[\w-]+$/),
});

/**
 * "Masih jadi datang?": the day-before hall reminder links here. A link only shows the choice (mail scanners
 * open links); the button posts it. Switching to online or cancelling frees the hall place, and the
 * registrations module promotes the hall waitlist at once, with its own notice.
 */
export const stillComingPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;
  const regs = app.ctx.services.registrations;
  app.ctx.services.reminders.offerStillComing((code) => ({
    online: `${config.publicUrl}/t/${code}/masih?pilih=daring`,
    cancel: `${config.publicUrl}/t/${code}/masih?pilih=batal`,
  }));

  async function load(code: string) {
    const r = await regs.findByTicketCode(code);
    const event = r ? await app.ctx.services.events.find(r.event_id) : undefined;
    if (!r || !event) throw errors.notFound(what.ticket);
    return { r, event };
  }

  function show(
    req: FastifyRequest,
    reply: FastifyReply,
    r: RegistrationRow,
    event: EventRow,
    o: { pick?: string; done?: string; error?: string; status?: number },
  ) {
    const l = req.locale;
    reply
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .header('cache-control', 'no-store');
    const action = (to: string) => `/t/${r.ticket_code}/masih/${to}`;
    const hall = r.mode === 'onsite' && (r.status === 'confirmed' || r.status === 'waitlisted');
    return page(
      req,
      reply,
      { title: `${T.title[l]} — ${event.title}`, ...(o.status ? { status: o.status } : {}) },
      <>
        <h1>{T.title[l]}</h1>
        <p>
          <strong>{event.title}</strong>
        </p>
        {o.error ? <Notice kind="error">{o.error}</Notice> : null}
        {o.done === 'daring' ? <Notice kind="ok">{T.moved[l]}</Notice> : null}
        {o.done === 'batal' ? <Notice kind="ok">{T.cancelled[l]}</Notice> : null}
        {!o.done && !hall ? <Notice>{T.notHall[l]}</Notice> : null}
        {!o.done && hall ? (
          <>
            <p>
              {
                T.hall(
                  formatDateTime(event.starts_at, event.timezone, l),
                  [event.venue_name, event.venue_address].filter(Boolean).join(', '),
                )[l]
              }
            </p>
            <p>{T.why[l]}</p>
            <p class="muted">{T.coming[l]}</p>
            {(['daring', 'batal'] as const)
              .filter((c) => !o.pick || o.pick === c)
              .map((c) => (
                <form method="post" action={action(c)}>
                  <CsrfField req={req} />
                  <button
                    type="submit"
                    class={c === 'batal' ? 'danger' : ''}
                    style="width:100%;margin:.5rem 0"
                  >
                    {c === 'daring' ? T.online[l] : T.cancel[l]}
                  </button>
                </form>
              ))}
          </>
        ) : null}
        <p>
          <a href={`/t/${r.ticket_code}`}>{T.ticket[l]}</a>
        </p>
      </>,
    );
  }

  app.get(
    '/t/:code/masih',
    { schema: { hide: true, params: CodeParam, querystring: Choice } },
    async (req, reply) => {
      const { r, event } = await load(req.params.code);
      return show(req, reply, r, event, { pick: req.query.pilih, done: req.query.done });
    },
  );

  for (const choice of ['daring', 'batal'] as const) {
    app.post(
      `/t/:code/masih/${choice}`,
      { schema: { hide: true, params: CodeParam } },
      async (req, reply) => {
        const { r, event } = await load(req.params.code);
        try {
          if (choice === 'daring') await regs.switchMode(r.ticket_code, 'online');
          else await regs.cancel(r.ticket_code);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          return show(req, reply, r, event, { error: err.text[req.locale], status: err.status });
        }
        return reply.redirect(`/t/${r.ticket_code}/masih?done=${choice}`, 303);
      },
    );
  }
};
