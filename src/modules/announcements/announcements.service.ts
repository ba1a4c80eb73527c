import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime } from '../../shared/time.js';
import { presentRegistrations } from '../attendance/index.js';
import type { EventRow } from '../events/index.js';
import { announcementsRepository as repo } from './announcements.repository.js';

export interface Recipient {
  contact: string;
  email: string | null;
  phone: string | null;
  ticketCode: string;
  locale: Locale;
}

const contactKey = (email: string | null, phone: string | null) =>
  email ? `email:${email.toLowerCase()}` : phone ? `phone:${phone}` : null;

function consentedToNews(consents: string | null): boolean {
  if (!consents) return false;
  try {
    const c = JSON.parse(consents) as Record<string, { given?: boolean } | undefined>;
    return c.news?.given === true;
  } catch {
    return false;
  }
}

/** The organizer marks one WhatsApp contact as told (API body and console form). */
export const WhatsappBody = z.object({ contact: z.string().min(1).max(200) }).strict();

const T = {
  subject: (title: string) => ({ id: `Acara berikutnya: ${title}`, en: `Next event: ${title}` }),
  body: (title: string, when: string, venue: string, url: string, stop: string) => ({
    id: `Halo,\n\nAnda pernah hadir di acara kami dan bersedia menerima kabar acara berikutnya. Kami mengundang Anda ke:\n\n${title}\n${when}${venue ? `\n${venue}` : ''}\n\nInformasi dan pendaftaran (luring atau daring): ${url}\n\nTidak ingin menerima kabar lagi? ${stop}\n`,
    en: `Hello,\n\nYou attended one of our events and agreed to hear about the next ones. You are invited to:\n\n${title}\n${when}${venue ? `\n${venue}` : ''}\n\nDetails and registration (in the hall or online): ${url}\n\nNo more news? ${stop}\n`,
  }),
  whatsapp: (title: string, when: string, url: string) => ({
    id: `Undangan acara berikutnya: ${title} — ${when}. Daftar (luring/daring): ${url}`,
    en: `Invitation to our next event: ${title} — ${when}. Register (hall/online): ${url}`,
  }),
};

/**
 * "Nantikan webinar selanjutnya": tell the people who attended an organizer's earlier events about
 * the next one — only those present by the attendance rule who ticked the "news" consent, never
 * someone who opted out, never twice for the same event, never someone already registered.
 */
export function createAnnouncementsService(ctx: AppContext) {
  const { db, config, mailer } = ctx;

  const eventUrl = (e: EventRow) => `${config.publicUrl}/e/${e.slug}`;
  const stopUrl = (ticketCode: string) => `${config.publicUrl}/berhenti/${ticketCode}`;

  /** The sender's audience: admins reach every earlier event of the organization, others only as members. */
  async function audience(event: EventRow, sender: AuthUser): Promise<Recipient[]> {
    const memberId = sender.role === 'admin' ? null : sender.id;
    const earlier = await repo.earlierEvents(db, event, Date.now(), memberId);
    const presentIds: string[] = [];
    for (const past of earlier) presentIds.push(...(await presentRegistrations(db, past)).keys());
    const rows = await repo.registrationsByIds(db, presentIds);
    const optedOut = await repo.optedOut(db);
    const already = new Set(
      (await repo.contactsOf(db, event.id)).flatMap((r) => [
        contactKey(r.email, null),
        contactKey(null, r.phone),
      ]),
    );
    const byContact = new Map<string, Recipient>();
    // Newest registration first, so the newest ticket (and language) represents the person.
    for (const r of rows.sort((a, b) => b.created_at - a.created_at)) {
      const key = contactKey(r.email, r.phone);
      if (!key || byContact.has(key) || !consentedToNews(r.consents)) continue;
      const keys = [contactKey(r.email, null), contactKey(null, r.phone)].filter((k): k is string => !!k);
      if (keys.some((k) => optedOut.has(k) || already.has(k))) continue;
      byContact.set(key, {
        contact: key,
        email: r.email,
        phone: r.phone,
        ticketCode: r.ticket_code,
        locale: r.locale === 'en' ? 'en' : 'id',
      });
    }
    return [...byContact.values()];
  }

  function whatsappLink(event: EventRow, r: Recipient): string {
    const text = T.whatsapp(
      event.title,
      formatDateTime(event.starts_at, event.timezone, r.locale),
      eventUrl(event),
    )[r.locale];
    return `https://wa.me/${r.phone ? r.phone.replace(/\D/g, '') : ''}?text=${encodeURIComponent(text)}`;
  }

  const service = {
    audience,
    whatsappLink,

    /** The counts and the WhatsApp links of the people who have only a phone number (API and console). */
    async overview(event: EventRow, sender: AuthUser) {
      const s = await service.summary(event, sender);
      return {
        eligible: s.eligible,
        pendingEmail: s.pendingEmail,
        sent: s.sent,
        mailEnabled: s.mailEnabled,
        whatsapp: s.phoneOnly.map((r) => ({ contact: r.contact, url: whatsappLink(event, r) })),
      };
    },

    async summary(event: EventRow, sender: AuthUser) {
      const [people, sent] = await Promise.all([audience(event, sender), repo.delivered(db, event.id)]);
      const pending = people.filter((p) => !sent.has(p.contact));
      return {
        eligible: people.length,
        pendingEmail: pending.filter((p) => p.email).length,
        phoneOnly: pending.filter((p) => !p.email && p.phone),
        sent: sent.size,
        mailEnabled: mailer.enabled,
      };
    },

    /**
     * Sends the e-mails. Each contact is claimed in the database before its message goes out, so
     * concurrent sends never double up; a failed send releases the claim for the next try.
     */
    async sendEmails(event: EventRow, actor: AuthUser) {
      if (event.status !== 'published') throw errors.announcementUnpublished();
      if (!mailer.enabled) return { emailed: 0, failed: 0, skipped: 0, mailEnabled: false };
      let emailed = 0;
      let failed = 0;
      let skipped = 0;
      for (const r of await audience(event, actor)) {
        if (!r.email) continue;
        if (
          !(await repo.claim(db, {
            event_id: event.id,
            contact: r.contact,
            channel: 'email',
            sent_by: actor.id,
          }))
        ) {
          skipped++;
          continue;
        }
        const l = r.locale;
        const when = formatDateTime(event.starts_at, event.timezone, l);
        try {
          await mailer.send({
            to: r.email,
            subject: T.subject(event.title)[l],
            text: T.body(event.title, when, event.venue_name ?? '', eventUrl(event), stopUrl(r.ticketCode))[
              l
            ],
          });
          emailed++;
        } catch (err) {
          ctx.log.warn({ err, eventId: event.id }, 'announcement e-mail failed');
          await repo.release(db, event.id, r.contact);
          failed++;
        }
      }
      return { emailed, failed, skipped, mailEnabled: true };
    },

    /** Marks a WhatsApp message as sent by the organizer (they send it from their own phone). */
    async markWhatsappSent(event: EventRow, contact: string, actor: AuthUser) {
      return repo.claim(db, { event_id: event.id, contact, channel: 'whatsapp', sent_by: actor.id });
    },

    async findOptOut(ticketCode: string) {
      return repo.findByTicket(db, ticketCode);
    },

    /** "No more news": recorded in the registration's consent ledger and for every contact of the person. */
    async optOut(ticketCode: string) {
      const r = await repo.findByTicket(db, ticketCode);
      if (!r) return false;
      let consents: Record<string, unknown> = {};
      try {
        consents = r.consents ? (JSON.parse(r.consents) as Record<string, unknown>) : {};
      } catch {
        consents = {};
      }
      consents.news = { given: false, at: Date.now(), withdrawn: true };
      await repo.setConsents(db, r.id, JSON.stringify(consents));
      await repo.optOut(
        db,
        [contactKey(r.email, null), contactKey(null, r.phone)].filter((k): k is string => !!k),
      );
      return true;
    },
  };
  return service;
}

export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;
