import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale } from '../../i18n/index.js';
import { newId } from '../../shared/ids.js';
import { formatDateTime } from '../../shared/time.js';
import { presentRegistrations } from '../attendance/index.js';
import type { EventRow } from '../events/index.js';
import { printedName, type RegistrationRow, ticketUrl } from '../registrations/index.js';
import type { NewDelivery } from './deliveries.repository.js';
import type { DeliveriesService } from './deliveries.service.js';
import { messagesRepository as repo } from './messages.repository.js';
import type { Audience, MessageInput } from './messages.schemas.js';
import type { Channel, MessageKind } from './messages.tables.js';
import { type Change, noticeText } from './notices/notices.text.js';
import { type ThanksBody, thanksText } from './thanks/thanks.text.js';

type MessageRow = NonNullable<Awaited<ReturnType<typeof repo.find>>>;

const FRAME = {
  hello: (name: string) => ({ id: `Halo ${name},`, en: `Hello ${name},` }),
  ticket: { id: 'Tiket Anda', en: 'Your ticket' },
  why: {
    id: 'Anda menerima pesan ini karena terdaftar di acara ini.',
    en: 'You receive this message because you registered for this event.',
  },
};

/** The organizer's text inside the fixed frame: greeting, the event, the person's own ticket link. */
function messageMail(
  ctx: Pick<AppContext, 'config'>,
  m: { subject: string; body: string },
  r: RegistrationRow,
  event: EventRow,
) {
  const l: Locale = r.locale === 'en' ? 'en' : 'id';
  const url = ticketUrl(ctx.config, r.ticket_code);
  const when = formatDateTime(event.starts_at, event.timezone, l);
  return {
    subject: m.subject,
    text: [
      FRAME.hello(printedName(r))[l],
      '',
      m.body,
      '',
      '—',
      event.title,
      when,
      `${FRAME.ticket[l]}: ${url}`,
      '',
      FRAME.why[l],
    ].join('\n'),
    whatsapp: `${m.subject} — ${m.body} — ${event.title}, ${when}. ${FRAME.ticket[l]}: ${url}`,
  };
}

/**
 * Messages to one event's registrants (operational only: promotion stays with announcements and their
 * consent). The message, one delivery per person and channel, and their jobs are written in one transaction.
 */
export function createMessagesService(ctx: AppContext, deps: { deliveries: DeliveriesService }) {
  const { db } = ctx;

  deps.deliveries.renderWith('message', async (d, r, event) => {
    const m = await repo.find(db, d.source_id);
    // Cancelled since the message was written: an operational message is no longer theirs.
    if (!m || r.status === 'cancelled' || r.status === 'declined') return null;
    if (m.kind === 'notice') {
      // A change notice is stored as its changes and written in each person's language.
      const t = noticeText(
        JSON.parse(m.body) as Change[],
        event.title,
        event.timezone,
        r.locale === 'en' ? 'en' : 'id',
      );
      return messageMail(ctx, t, r, event);
    }
    if (m.kind === 'thanks') {
      const t = thanksText(JSON.parse(m.body) as ThanksBody, event.title, r.locale === 'en' ? 'en' : 'id');
      return messageMail(ctx, t, r, event);
    }
    return messageMail(ctx, m, r, event);
  });

  /** The people an audience selects, with the channels each can be reached on. */
  async function recipients(event: EventRow, audience: Audience) {
    const rows = await repo.audience(db, event.id, audience.modes, audience.statuses);
    if (!audience.attendance || audience.attendance.length === 2) return rows;
    const present = await presentRegistrations(db, event);
    const want = audience.attendance[0] === 'present';
    return rows.filter((r) => present.has(r.id) === want);
  }

  function deliveriesFor(
    event: EventRow,
    messageId: string,
    people: { id: string; email: string | null; phone: string | null }[],
    channels: Channel[],
  ): NewDelivery[] {
    const out: NewDelivery[] = [];
    for (const p of people) {
      for (const channel of channels) {
        if (channel === 'email' ? !p.email : !p.phone) continue;
        out.push({
          key: `message:${messageId}:${p.id}:${channel}`,
          event_id: event.id,
          registration_id: p.id,
          source: 'message',
          source_id: messageId,
          channel,
        });
      }
    }
    return out;
  }

  async function progress(id: string) {
    const c = await deps.deliveries.counts({ sourceId: id });
    return {
      pending: c.pending ?? 0,
      sending: c.sending ?? 0,
      sent: c.sent ?? 0,
      failed: c.failed ?? 0,
      skipped: c.skipped ?? 0,
    };
  }

  const svc = {
    async preview(event: EventRow, audience: Audience, channels: Channel[]) {
      const people = await recipients(event, audience);
      return {
        count: people.length,
        email: channels.includes('email') ? people.filter((p) => p.email).length : 0,
        whatsapp: channels.includes('whatsapp') ? people.filter((p) => p.phone).length : 0,
      };
    },

    /** Writes and queues a message; the same idempotency key again returns the first one, sending nothing. */
    async send(
      event: EventRow,
      user: AuthUser | null,
      input: MessageInput & { kind?: MessageKind; bodyAbsent?: string | null },
    ) {
      const key = input.idempotencyKey ?? null;
      const existing = key ? await repo.byKey(db, event.id, key) : undefined;
      if (existing) return { message: existing, created: false, progress: await progress(existing.id) };
      const people = await recipients(event, input.audience);
      const id = newId();
      try {
        await inTransaction(db, async (trx) => {
          await repo.insert(trx, {
            id,
            event_id: event.id,
            kind: input.kind ?? 'message',
            subject: input.subject,
            body: input.body,
            body_absent: input.bodyAbsent ?? null,
            audience: JSON.stringify(input.audience),
            channels: JSON.stringify(input.channels),
            idempotency_key: key,
            created_by: user?.id ?? null,
            created_at: Date.now(),
            recipients: 0,
          });
          const n = await deps.deliveries.queue(trx, deliveriesFor(event, id, people, input.channels));
          await repo.setRecipients(trx, id, n);
        });
      } catch (err) {
        // Two presses at once with the same key: the other one won; answer with it.
        const won = key && isUniqueViolation(err) ? await repo.byKey(db, event.id, key) : undefined;
        if (!won) throw err;
        return { message: won, created: false, progress: await progress(won.id) };
      }
      deps.deliveries.poke();
      const message = (await repo.find(db, id)) as MessageRow;
      return { message, created: true, progress: await progress(id) };
    },

    find: async (event: EventRow, id: string) => {
      const m = await repo.find(db, id);
      return m && m.event_id === event.id ? m : undefined;
    },
    list: (event: EventRow) => repo.list(db, event.id),
    progress,
  };
  return svc;
}

export type MessagesService = ReturnType<typeof createMessagesService>;
