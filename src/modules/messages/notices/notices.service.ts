import type { AppContext } from '../../../context.js';
import type { AuthUser } from '../../../http/types.js';
import type { EventRow } from '../../events/index.js';
import type { Audience } from '../messages.schemas.js';
import type { MessagesService } from '../messages.service.js';
import { noticesRepository as repo } from './notices.repository.js';
import { type Change, noticeText } from './notices.text.js';

const venueOf = (e: { venue_name: string | null; venue_address: string | null }) =>
  [e.venue_name, e.venue_address].filter(Boolean).join(', ') || null;

/**
 * Change notices: when a published event's time, venue or online link differs from what registrants were
 * last told, the organizer is offered a notice to those it affects (a new link → online only; a new venue →
 * the hall only; a new time → everyone), previewed with what changed, sent as a message.
 */
export function createNoticesService(ctx: AppContext, deps: { messages: MessagesService }) {
  const { db } = ctx;

  async function changes(event: EventRow): Promise<Change[]> {
    if (event.status !== 'published') return [];
    const base = await repo.baseline(db, event.id);
    if (!base) return [];
    const out: Change[] = [];
    if (Number(base.starts_at) !== event.starts_at || Number(base.ends_at) !== event.ends_at)
      out.push({
        field: 'time',
        from: Number(base.starts_at),
        to: event.starts_at,
        fromEnd: Number(base.ends_at),
        toEnd: event.ends_at,
      });
    if (venueOf(base) !== venueOf(event))
      out.push({ field: 'venue', from: venueOf(base), to: venueOf(event) });
    if ((base.online_join_url ?? null) !== (event.online_join_url ?? null))
      out.push({ field: 'link', from: null, to: null });
    return out;
  }

  function audienceOf(list: Change[]): Audience {
    const fields = new Set(list.map((c) => c.field));
    const modes: Audience['modes'] = fields.has('time')
      ? ['onsite', 'online']
      : [
          ...(fields.has('venue') ? (['onsite'] as const) : []),
          ...(fields.has('link') ? (['online'] as const) : []),
        ];
    return { modes, statuses: ['confirmed', 'waitlisted'] };
  }

  return {
    /** Remembers what registrants know now: at publishing, and for an event published before notices existed. */
    remember: async (eventId: string, onlyIfMissing: boolean) => {
      const e = await ctx.services.events.find(eventId);
      if (e && e.status === 'published') await repo.setBaseline(db, e, onlyIfMissing);
    },

    /** What changed, who it goes to, how many, and the text in Indonesian and English. */
    async offer(event: EventRow) {
      const list = await changes(event);
      if (!list.length) return null;
      const audience = audienceOf(list);
      const count = (await deps.messages.preview(event, audience, ['email'])).count;
      return {
        changes: list,
        audience,
        count,
        text: {
          id: noticeText(list, event.title, event.timezone, 'id'),
          en: noticeText(list, event.title, event.timezone, 'en'),
        },
      };
    },

    /** Sends the notice (each person once per key) and makes the current event the new baseline. */
    async send(event: EventRow, user: AuthUser, idempotencyKey?: string) {
      const o = await this.offer(event);
      if (!o) return null;
      const r = await deps.messages.send(event, user, {
        kind: 'notice',
        audience: o.audience,
        subject: o.text.id.subject,
        body: JSON.stringify(o.changes),
        channels: ['email'],
        idempotencyKey,
      });
      await repo.setBaseline(db, event);
      return r;
    },

    /** The organizer decided the change needs no notice. */
    dismiss: (event: EventRow) => repo.setBaseline(db, event),
  };
}

export type NoticesService = ReturnType<typeof createNoticesService>;
