import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Text } from '../../i18n/index.js';
import { FormFields } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { WhatsappBody } from './announcements.service.js';

const L = {
  console: { id: 'Umumkan ke peserta lalu', en: 'Announce to past attendees' },
  intro: {
    id: 'Kabari orang yang hadir di acara Anda sebelumnya dan bersedia menerima kabar acara berikutnya. Setiap orang menerima paling banyak satu pesan untuk acara ini.',
    en: 'Tell the people who attended your earlier events and agreed to hear about the next ones. Each person gets at most one message for this event.',
  },
  eligible: { id: 'Penerima yang memenuhi syarat', en: 'Eligible recipients' },
  sent: { id: 'Sudah dikirimi', en: 'Already sent' },
  pendingEmail: { id: 'Belum dikirimi, lewat e-mail', en: 'Not yet sent, by e-mail' },
  send: { id: 'Kirim e-mail sekarang', en: 'Send the e-mails now' },
  noMail: {
    id: 'E-mail belum disiapkan di server (SMTP_URL). Gunakan tautan WhatsApp di bawah.',
    en: 'E-mail is not set up on the server (SMTP_URL). Use the WhatsApp links below.',
  },
  phoneOnly: { id: 'Hanya punya nomor WhatsApp', en: 'WhatsApp number only' },
  openWa: { id: 'Buka WhatsApp', en: 'Open WhatsApp' },
  markSent: { id: 'Tandai terkirim', en: 'Mark as sent' },
  none: { id: 'Tidak ada.', en: 'None.' },
  draft: {
    id: 'Acara ini masih draf. Terbitkan dulu agar tautannya bisa dibuka.',
    en: 'This event is still a draft. Publish it first so its link opens.',
  },
  back: { id: 'Kembali ke konsol acara', en: 'Back to the event console' },
} satisfies Record<string, Text>;

const EmailedQuery = z.object({ emailed: z.string().max(20).optional() });

/** The organizer's announcement page: who would be told, the e-mail button, WhatsApp links to mark as sent. */
export const announcementsPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.announcements;
  app.ctx.ui.consoleLinks.push({ key: 'announce', order: 95, label: L.console, path: '/announce' });

  const consolePage = async (req: FastifyRequest, reply: FastifyReply, event: EventRow, notice?: string) => {
    const l = req.locale;
    const s = await svc.overview(event, requireUser(req));
    return page(
      req,
      reply,
      { title: `${L.console[l]} — ${event.title}`, nav: 'console' },
      <>
        <p class="muted" style="margin:0">
          <a href={`/console/events/${event.id}`}>← {L.back[l]}</a>
        </p>
        <h1>{L.console[l]}</h1>
        <p>{L.intro[l]}</p>
        {notice ? <Notice kind="ok">{notice}</Notice> : null}
        {event.status !== 'published' ? <Notice kind="error">{L.draft[l]}</Notice> : null}
        <div class="grid">
          <div class="card">
            <strong>{s.eligible}</strong> {L.eligible[l]}
          </div>
          <div class="card">
            <strong>{s.sent}</strong> {L.sent[l]}
          </div>
          <div class="card">
            <strong>{s.pendingEmail}</strong> {L.pendingEmail[l]}
          </div>
        </div>
        {s.mailEnabled ? (
          <form method="post" action={`/console/events/${event.id}/announce`}>
            <CsrfField req={req} />
            <button type="submit" disabled={event.status !== 'published' || s.pendingEmail === 0}>
              {L.send[l]}
            </button>
          </form>
        ) : (
          <Notice>{L.noMail[l]}</Notice>
        )}
        <h2>{L.phoneOnly[l]}</h2>
        {s.whatsapp.length === 0 ? <p class="muted">{L.none[l]}</p> : null}
        <ul>
          {s.whatsapp.map((w) => (
            <li class="row">
              <span>{w.contact.replace(/^phone:/, '')}</span>
              <a class="btn secondary" href={w.url} rel="noopener noreferrer" target="_blank">
                {L.openWa[l]}
              </a>
              <form method="post" action={`/console/events/${event.id}/announce/whatsapp`}>
                <CsrfField req={req} />
                <input type="hidden" name="contact" value={w.contact} />
                <button class="secondary" type="submit">
                  {L.markSent[l]}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </>,
    );
  };

  app.get(
    '/console/events/:id/announce',
    { schema: { hide: true, params: IdParam, querystring: EmailedQuery } },
    async (req, reply) => {
      requireUser(req);
      const { emailed } = req.query;
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const notice =
        emailed !== undefined
          ? req.locale === 'id'
            ? `${Number(emailed) || 0} e-mail terkirim.`
            : `${Number(emailed) || 0} e-mails sent.`
          : undefined;
      return consolePage(req, reply, event, notice);
    },
  );

  app.post(
    '/console/events/:id/announce',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await svc.sendEmails(event, user);
      return reply.redirect(`/console/events/${event.id}/announce?emailed=${r.emailed}`, 303);
    },
  );

  app.post(
    '/console/events/:id/announce/whatsapp',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const body = parseOrThrow(WhatsappBody.extend({ _csrf: z.string().optional() }).strict(), req.body);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await svc.markWhatsappSent(event, body.contact, user);
      return reply.redirect(`/console/events/${event.id}/announce`, 303);
    },
  );
};
