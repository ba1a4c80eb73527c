import type { AppContext } from '../../context.js';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { printedName, ticketUrl } from './registrations.presenter.js';
import type { RegistrationRow } from './registrations.repository.js';
import { MODE_TEXT, type RegistrationsService } from './registrations.service.js';
import { eventIcs } from './tickets/ics.js';
import { mapUrl } from './tickets/ticket.view.js';

type Kind = 'created' | 'promoted' | 'resend' | 'cancelled';

function ticketMail(ctx: AppContext, event: EventRow, r: RegistrationRow, kind: Kind) {
  const l: Locale = r.locale === 'en' ? 'en' : 'id';
  const url = ticketUrl(ctx.config, r.ticket_code);
  const when = formatDateTime(event.starts_at, event.timezone, l);
  const id = l === 'id';
  const subject =
    kind === 'cancelled'
      ? id
        ? `Pendaftaran dibatalkan: ${event.title}`
        : `Registration cancelled: ${event.title}`
      : kind === 'promoted'
        ? id
          ? `Anda mendapat tempat: ${event.title}`
          : `You got a place: ${event.title}`
        : r.status === 'waitlisted'
          ? id
            ? `Anda di daftar tunggu: ${event.title}`
            : `You are on the waitlist: ${event.title}`
          : r.status === 'pending'
            ? id
              ? `Pendaftaran diterima, menunggu persetujuan: ${event.title}`
              : `Registration received, awaiting approval: ${event.title}`
            : id
              ? `Tiket Anda: ${event.title}`
              : `Your ticket: ${event.title}`;
  const lines = [
    id ? `Halo ${printedName(r)},` : `Hello ${printedName(r)},`,
    '',
    kind === 'cancelled'
      ? id
        ? 'Pendaftaran Anda untuk acara ini sudah dibatalkan.'
        : 'Your registration for this event is cancelled.'
      : kind === 'promoted'
        ? id
          ? 'Ada tempat yang kosong dan kini menjadi milik Anda. Pendaftaran Anda terkonfirmasi.'
          : 'A place became free and is now yours. Your registration is confirmed.'
        : r.status === 'waitlisted'
          ? id
            ? 'Kuota sudah penuh; Anda masuk daftar tunggu. Bila ada yang batal, Anda otomatis mendapat tempat dan diberi tahu.'
            : 'The quota is full; you are on the waitlist. If someone cancels you get the place automatically and are told.'
          : id
            ? 'Terima kasih telah mendaftar.'
            : 'Thank you for registering.',
    '',
    event.title,
    when,
    `${id ? 'Kehadiran' : 'Attendance'}: ${MODE_TEXT[r.mode][l]}`,
    ...(r.mode === 'onsite' && event.venue_name
      ? [
          `${id ? 'Tempat' : 'Venue'}: ${[event.venue_name, event.venue_address].filter(Boolean).join(', ')}`,
          mapUrl(event) ?? '',
        ]
      : []),
    ...(r.seat_id ? [`${id ? 'Kursi' : 'Seat'}: ${r.seat_id}`] : []),
    '',
    kind === 'cancelled'
      ? ''
      : id
        ? `Tiket Anda (kode QR, tautan ruang daring, batal atau pindah mode): ${url}`
        : `Your ticket (QR code, online room link, cancel or switch mode): ${url}`,
    '',
    id ? 'Jangan bagikan tautan tiket ini kepada orang lain.' : 'Do not share this ticket link with anyone.',
  ];
  return {
    to: r.email!,
    subject,
    text: lines.filter((x, i, a) => !(x === '' && a[i - 1] === '')).join('\n'),
    attachments:
      kind === 'cancelled'
        ? []
        : [
            {
              filename: `${event.slug}.ics`,
              content: eventIcs(event, { ticketUrl: url, mode: r.mode, seat: r.seat_id }),
              contentType: 'text/calendar; charset=utf-8',
            },
          ],
  };
}

/**
 * Sends the confirmation, promotion and cancellation e-mails once in the cluster (bus `on`). Sending runs
 * after the response, so a slow SMTP server never slows registration; a failure is logged, not retried.
 */
export function registrationsMail(ctx: AppContext, regs: RegistrationsService) {
  if (!ctx.mailer.enabled) return;
  const send = (registrationId: string, kind: Kind) => {
    void (async () => {
      const r = await regs.findById(registrationId);
      if (!r?.email) return;
      const event = await ctx.services.events.find(r.event_id);
      if (!event) return;
      await ctx.mailer.send(ticketMail(ctx, event, r, kind));
    })().catch((err) => ctx.log.warn({ err, registrationId }, 'registration e-mail failed'));
  };
  ctx.bus.on('registration.created', (p) => send(p.registrationId, 'created'));
  ctx.bus.on('registration.promoted', (p) => send(p.registrationId, 'promoted'));
  ctx.bus.on('registration.cancelled', (p) => send(p.registrationId, 'cancelled'));
  ctx.bus.on('registration.changed', (p) => {
    if (p.change === 'resend') send(p.registrationId, 'resend');
  });
}
