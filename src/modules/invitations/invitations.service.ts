import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { optText, parseOrThrow } from '../../http/validation.js';
import type { Locale } from '../../i18n/index.js';
import { newId, newSecretToken } from '../../shared/ids.js';
import { formatDateTime } from '../../shared/time.js';
import type { EventRow, EventsService } from '../events/index.js';
import { Email, Phone, type RegistrationsService, waDigits } from '../registrations/index.js';
import type { SeatingService } from '../seating/index.js';
import { type InvitationRow, invitationsRepository as repo } from './invitations.repository.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const InvitationInput = z.object({
  name: z.string().trim().min(2).max(120),
  frontTitles: optText(60),
  backTitles: optText(80),
  position: optText(200),
  institution: optText(200),
  email: z.preprocess(blank, Email.nullish()),
  phone: z.preprocess(blank, Phone.nullish()),
  seat: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .toUpperCase()
      .max(6)
      .nullish()
      .transform((v) => v ?? null),
  ),
  note: optText(500),
});
export type InvitationInput = z.input<typeof InvitationInput>;

export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl}/i/${token}`;

/** The WhatsApp text an organizer forwards: the event and the personal link, no personal data. */
function invitationWaText(event: EventRow, url: string, l: Locale): string {
  const when = formatDateTime(event.starts_at, event.timezone, l);
  const where = event.venue_name ? (l === 'id' ? ` di ${event.venue_name}` : ` at ${event.venue_name}`) : '';
  return l === 'id'
    ? `Dengan hormat, kami mengundang Bapak/Ibu pada acara "${event.title}", ${when}${where}. Mohon konfirmasi kehadiran melalui tautan undangan pribadi berikut: ${url}`
    : `We are pleased to invite you to "${event.title}", ${when}${where}. Please confirm through your personal invitation link: ${url}`;
}

export function invitationWaLink(event: EventRow, inv: InvitationRow, url: string, l: Locale) {
  return `https://wa.me/${inv.phone ? waDigits(inv.phone) : ''}?text=${encodeURIComponent(invitationWaText(event, url, l))}`;
}

export function createInvitationsService(
  ctx: AppContext,
  deps: { events: EventsService; registrations: RegistrationsService; seating: SeatingService },
) {
  const { db, bus } = ctx;
  const { events, registrations: regs, seating } = deps;

  async function checkSeat(eventId: string, seat: string | null, exceptId?: string) {
    if (!seat) return;
    const s = await seating.findSeat(eventId, seat);
    if (!s) throw errors.seatUnusable(seat, 'invitation');
    if (!s.reserved) throw errors.seatNotReserved(seat);
    const other = (await repo.list(db, eventId)).find(
      (i) => i.seat_id === seat && i.status !== 'declined' && i.id !== exceptId,
    );
    if (other) throw errors.seatTaken(seat, 'invitation');
  }

  const service = {
    async create(event: EventRow, input: InvitationInput): Promise<InvitationRow> {
      const d = parseOrThrow(InvitationInput, input);
      await checkSeat(event.id, d.seat);
      const row: InvitationRow = {
        id: newId(),
        event_id: event.id,
        token: newSecretToken(),
        front_titles: d.frontTitles,
        name: d.name,
        back_titles: d.backTitles,
        position: d.position,
        institution: d.institution,
        email: d.email ?? null,
        phone: d.phone ?? null,
        seat_id: d.seat,
        status: 'invited',
        registration_id: null,
        note: d.note,
        created_at: Date.now(),
        responded_at: null,
      };
      try {
        await repo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.seatTaken(d.seat ?? '', 'invitation');
        throw err;
      }
      return row;
    },

    list: (event: EventRow) => repo.list(db, event.id),
    /** The invitation behind a personal link; a malformed or unknown token is a 404. */
    async byToken(token: string): Promise<InvitationRow> {
      const inv = /^[0-9a-z]{20,80}$/.test(token) ? await repo.findByToken(db, token) : undefined;
      if (!inv) throw errors.notFound(what.invitation);
      return inv;
    },
    findById: (id: string) => repo.findById(db, id),

    async eventOf(inv: InvitationRow) {
      const e = await events.find(inv.event_id);
      if (!e) throw errors.notFound(what.event);
      return e;
    },

    /**
     * The guest's answer. Accepting makes a hall ticket (source "invitation", outside the public quota) on the
     * reserved seat; declining frees the seat and cancels a ticket made by an earlier "yes".
     */
    async reply(inv: InvitationRow, answer: 'accept' | 'decline'): Promise<InvitationRow> {
      const event = await service.eventOf(inv);
      if (Date.now() >= event.ends_at) {
        throw errors.invitationEventOver();
      }
      const now = Date.now();
      if (answer === 'accept') {
        if (inv.status === 'accepted') return inv;
        if (!(await repo.updateIf(db, inv.id, inv.status, { status: 'accepted', responded_at: now })))
          return (await repo.findById(db, inv.id))!;
        try {
          const { registration } = await regs.register(
            event,
            {
              name: inv.name,
              frontTitles: inv.front_titles,
              backTitles: inv.back_titles,
              institution: inv.institution ?? inv.position,
              email: inv.email,
              phone: inv.phone,
              mode: event.venue_name || !event.online_platform ? 'onsite' : 'online',
              consent: true,
            },
            { source: 'invitation' },
          );
          if (inv.seat_id && registration.source === 'invitation' && registration.seat_id !== inv.seat_id) {
            await regs.moveSeat(registration, inv.seat_id);
          }
          await repo.update(db, inv.id, { registration_id: registration.id });
        } catch (err) {
          await repo.update(db, inv.id, { status: inv.status, responded_at: inv.responded_at });
          throw err;
        }
      } else {
        if (inv.status === 'declined') return inv;
        if (!(await repo.updateIf(db, inv.id, inv.status, { status: 'declined', responded_at: now })))
          return (await repo.findById(db, inv.id))!;
        if (inv.registration_id) {
          const r = await regs.findById(inv.registration_id);
          if (r) await regs.cancelRow(r);
        }
      }
      await bus.emit('invitation.replied', {
        eventId: inv.event_id,
        invitationId: inv.id,
        status: answer === 'accept' ? 'accepted' : 'declined',
      });
      return (await repo.findById(db, inv.id))!;
    },

    async remove(inv: InvitationRow) {
      if (inv.registration_id) {
        const r = await regs.findById(inv.registration_id);
        if (r) await regs.cancelRow(r);
      }
      await repo.delete(db, inv.id);
    },

    async counts(eventId: string) {
      const rows = await repo.counts(db, eventId);
      const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { invited: get('invited'), accepted: get('accepted'), declined: get('declined') };
    },

    registrationOf: (inv: InvitationRow) =>
      inv.registration_id ? regs.findById(inv.registration_id) : Promise.resolve(undefined),
  };
  return service;
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
