import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { formatDateTime } from '../../shared/time.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { CF, consoleFrame } from '../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { displayPhone } from '../registrations/index.js';
import type { InvitationRow } from './invitations.repository.js';
import { invitationUrl, invitationWaLink } from './invitations.service.js';

const T = {
  title: { id: 'Undangan', en: 'Invitations' },
  youAreInvited: { id: 'Undangan', en: 'Invitation' },
  dear: { id: 'Kepada Yth.', en: 'Dear' },
  seat: { id: 'Kursi Anda', en: 'Your seat' },
  accept: { id: 'Saya akan hadir', en: 'I will attend' },
  decline: { id: 'Saya berhalangan', en: 'I cannot attend' },
  accepted: {
    id: 'Terima kasih, kehadiran Anda sudah kami catat.',
    en: 'Thank you, your attendance is noted.',
  },
  declined: {
    id: 'Terima kasih atas konfirmasinya. Anda tercatat berhalangan.',
    en: 'Thank you for letting us know. You are noted as not attending.',
  },
  ticket: { id: 'Buka tiket (kode QR untuk pintu masuk)', en: 'Open the ticket (QR code for the door)' },
  change: {
    id: 'Anda masih dapat mengubah jawaban sebelum acara dimulai.',
    en: 'You can still change your answer before the event.',
  },
  name: { id: 'Nama', en: 'Name' },
  frontTitles: { id: 'Gelar depan', en: 'Front titles' },
  backTitles: { id: 'Gelar belakang', en: 'Back titles' },
  position: { id: 'Jabatan', en: 'Position' },
  institution: { id: 'Instansi', en: 'Institution' },
  phone: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'E-mail', en: 'E-mail' },
  reservedSeat: {
    id: 'Kursi tamu (label kursi yang ditandai untuk tamu di denah, opsional)',
    en: 'Guest seat (a label marked for guests in the seat plan, optional)',
  },
  add: { id: 'Undang', en: 'Invite' },
  status: {
    invited: { id: 'Belum menjawab', en: 'No reply yet' },
    accepted: { id: 'Hadir', en: 'Attending' },
    declined: { id: 'Berhalangan', en: 'Not attending' },
  } satisfies Record<string, Text>,
  sendWa: { id: 'Kirim via WhatsApp', en: 'Send by WhatsApp' },
  link: { id: 'Tautan', en: 'Link' },
  withdraw: { id: 'Tarik undangan', en: 'Withdraw' },
  none: { id: 'Belum ada tamu undangan.', en: 'No invited guests yet.' },
  summary: (c: { invited: number; accepted: number; declined: number }): Text => ({
    id: `${c.accepted} hadir, ${c.declined} berhalangan, ${c.invited} belum menjawab.`,
    en: `${c.accepted} attending, ${c.declined} not attending, ${c.invited} without a reply.`,
  }),
  freeSeats: { id: 'Kursi tamu yang masih kosong', en: 'Guest seats still free' },
} as const;

/** The guest's link answers 404 for a malformed token, as for an unknown one (the handler checks it). */
const TokenParam = z.object({ token: z.string() });

export const invitationsPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const { invitations, seating } = app.ctx.services;
  app.ctx.ui.consoleLinks.push({ key: 'invitations', order: 13, label: T.title, path: '/invitations' });
  app.addHook('onRequest', async (req, reply) => {
    asPage(req);
    if (req.url.startsWith('/i/'))
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
  });

  const byToken = async (token: string) => {
    const inv = /^[0-9a-z]{20,80}$/.test(token) ? await invitations.findByToken(token) : undefined;
    if (!inv) throw errors.notFound(what.invitation);
    return inv;
  };

  async function guestPage(
    req: FastifyRequest,
    reply: FastifyReply,
    inv: InvitationRow,
    opts: { error?: string; status?: number } = {},
  ) {
    const l = req.locale;
    const event = await invitations.eventOf(inv);
    const reg = await invitations.registrationOf(inv);
    return page(
      req,
      reply,
      { title: `${T.youAreInvited[l]} — ${event.title}`, status: opts.status ?? 200 },
      <article>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <p class="muted">{T.youAreInvited[l]}</p>
        <p>
          {T.dear[l]}{' '}
          <strong>
            {fullName({ frontTitles: inv.front_titles, name: inv.name, backTitles: inv.back_titles })}
          </strong>
          {inv.position ? <>, {inv.position}</> : null}
        </p>
        <h1>{event.title}</h1>
        <p>{formatDateTime(event.starts_at, event.timezone, l)}</p>
        {event.venue_name ? (
          <p>
            {event.venue_name}
            {event.venue_address ? `, ${event.venue_address}` : ''}
          </p>
        ) : null}
        {inv.seat_id && inv.status !== 'declined' ? (
          <p>
            {T.seat[l]}: <strong>{inv.seat_id}</strong>
          </p>
        ) : null}
        {inv.status === 'accepted' ? <Notice kind="ok">{T.accepted[l]}</Notice> : null}
        {inv.status === 'declined' ? <Notice kind="ok">{T.declined[l]}</Notice> : null}
        {reg && inv.status === 'accepted' ? (
          <p>
            <a class="btn" href={`/t/${reg.ticket_code}`}>
              {T.ticket[l]}
            </a>
          </p>
        ) : null}
        {Date.now() < event.ends_at ? (
          <>
            {inv.status !== 'invited' ? <p class="muted">{T.change[l]}</p> : null}
            <div class="row">
              {inv.status !== 'accepted' ? (
                <form method="post" action={`/i/${inv.token}/accept`}>
                  <button type="submit">{T.accept[l]}</button>
                </form>
              ) : null}
              {inv.status !== 'declined' ? (
                <form method="post" action={`/i/${inv.token}/decline`}>
                  <button type="submit" class="secondary">
                    {T.decline[l]}
                  </button>
                </form>
              ) : null}
            </div>
          </>
        ) : null}
      </article>,
    );
  }

  app.get('/i/:token', { schema: { hide: true, params: TokenParam } }, async (req, reply) =>
    guestPage(req, reply, await byToken(req.params.token)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(`/i/:token/${answer}`, { schema: { hide: true, params: TokenParam } }, async (req, reply) => {
      const inv = await byToken(req.params.token);
      try {
        await invitations.reply(inv, answer);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return guestPage(req, reply, (await invitations.findById(inv.id))!, {
            error: err.text[req.locale],
            status: err.status,
          });
        throw err;
      }
      return reply.redirect(`/i/${inv.token}`, 303);
    });
  }

  const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');

  async function consolePage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { error?: string; values?: Record<string, string>; status?: number } = {},
  ) {
    const l = req.locale;
    const list = await invitations.list(event);
    const counts = await invitations.counts(event.id);
    const base = `/console/events/${event.id}`;
    const v = opts.values ?? {};
    const held = new Set(list.filter((i) => i.status !== 'declined' && i.seat_id).map((i) => i.seat_id));
    const plan = await seating.view(event.id);
    const free = plan ? plan.computed.reserved.map((c) => c.label).filter((s) => !held.has(s)) : [];
    const field = (name: string, label: Text, type: 'text' | 'tel' | 'email' = 'text', required = false) => (
      <>
        <label for={`inv-${name}`}>{label[l]}</label>
        <input
          id={`inv-${name}`}
          name={name}
          type={type as 'text'}
          required={required}
          value={v[name] ?? ''}
        />
      </>
    );
    return consoleFrame(
      req,
      reply,
      event,
      CF.invitations,
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <p>{T.summary(counts)[l]}</p>
        {list.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{T.name[l]}</th>
                  <th>{T.seat[l]}</th>
                  <th>Status</th>
                  <th>{T.link[l]}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((i) => {
                  const url = invitationUrl(config.publicUrl, i.token);
                  return (
                    <tr>
                      <td>
                        {fullName({ frontTitles: i.front_titles, name: i.name, backTitles: i.back_titles })}
                        {i.position ? <div class="muted">{i.position}</div> : null}
                        {i.phone ? <div class="muted">{displayPhone(i.phone)}</div> : null}
                      </td>
                      <td>{i.seat_id ?? ''}</td>
                      <td>
                        <span
                          class={`badge ${i.status === 'accepted' ? 'ok' : i.status === 'declined' ? 'bad' : 'warn'}`}
                        >
                          {T.status[i.status][l]}
                        </span>
                      </td>
                      <td>
                        <div class="row">
                          <a href={invitationWaLink(event, i, url, l)} rel="noopener">
                            {T.sendWa[l]}
                          </a>
                          <a href={url}>{T.link[l]}</a>
                          <form method="post" action={`${base}/invitations/${i.id}/delete`}>
                            <CsrfField req={req} />
                            <button type="submit" class="danger">
                              {T.withdraw[l]}
                            </button>
                          </form>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{T.none[l]}</p>
        )}
        <form method="post" action={`${base}/invitations`} class="card">
          <CsrfField req={req} />
          {field('name', T.name, 'text', true)}
          <div class="grid">
            <div>{field('frontTitles', T.frontTitles)}</div>
            <div>{field('backTitles', T.backTitles)}</div>
          </div>
          {field('position', T.position)}
          {field('institution', T.institution)}
          {field('phone', T.phone, 'tel')}
          {field('email', T.email, 'email')}
          {field('seat', T.reservedSeat)}
          {free.length ? (
            <p class="muted">
              {T.freeSeats[l]}: {free.join(', ')}
            </p>
          ) : null}
          <p>
            <button type="submit">{T.add[l]}</button>
          </p>
        </form>
      </>,
      opts.status ?? 200,
    );
  }

  app.get(
    '/console/events/:id/invitations',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => consolePage(req, reply, await load(req, req.params.id)),
  );

  app.post(
    '/console/events/:id/invitations',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      const posted = formBody(req);
      const b: Record<string, string> = Object.fromEntries(
        Object.keys(posted).map((k) => [k, str(posted, k)]),
      );
      try {
        await invitations.create(event, {
          name: b.name ?? '',
          frontTitles: b.frontTitles,
          backTitles: b.backTitles,
          position: b.position,
          institution: b.institution,
          phone: b.phone,
          email: b.email,
          seat: b.seat,
        });
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return consolePage(req, reply, event, {
            error: err.text[req.locale],
            values: b,
            status: err.status,
          });
        throw err;
      }
      return reply.redirect(`/console/events/${event.id}/invitations`, 303);
    },
  );

  app.post(
    '/console/events/:id/invitations/:invId/delete',
    { schema: { hide: true, params: routeParams('id', 'invId') } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      const inv = await invitations.findById(req.params.invId);
      if (!inv || inv.event_id !== event.id) throw errors.notFound(what.invitation);
      await invitations.remove(inv);
      return reply.redirect(`/console/events/${event.id}/invitations`, 303);
    },
  );
};
