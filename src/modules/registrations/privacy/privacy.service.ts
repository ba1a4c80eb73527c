import type { Bus } from '../../../bus/bus.js';
import type { AppContext } from '../../../context.js';
import type { Db } from '../../../db/database.js';
import { errors, what } from '../../../errors.js';
import { formatDateTime } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { printedName, ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { NOTICE_VERSION } from '../registrations.schemas.js';
import { ACTIVE, type RegistrationsService } from '../registrations.service.js';
import { privacyRepository as repo } from './privacy.repository.js';

const DAY = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const parse = (s: string | null): Record<string, unknown> => {
  if (!s) return {};
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * UU PDP rights of a participant, reached through the ticket's secret link: see what is stored, take a copy,
 * and have it erased. Erasing cancels an active registration first (so the place goes to the waitlist as
 * usual) unless the event is over, when the status is kept because the report counts it.
 */
export function createPrivacyService(ctx: AppContext, regs: RegistrationsService) {
  const { db, bus, config } = ctx;

  async function eventOf(r: RegistrationRow): Promise<EventRow> {
    const e = await ctx.services.events.find(r.event_id);
    if (!e) throw errors.notFound(what.event);
    return e;
  }

  return {
    /** Everything this module stores about the person, with the questions' labels next to the answers. */
    async myData(r: RegistrationRow) {
      const event = await eventOf(r);
      const s = await regs.settings(event);
      const answers = parse(r.answers);
      return {
        exportedAt: new Date().toISOString(),
        noticeVersion: NOTICE_VERSION,
        controller: { name: s.privacyController, contact: s.privacyContact, purpose: s.privacyPurpose },
        retention: {
          days: s.retentionDays,
          erasedAfter: new Date(Number(event.ends_at) + s.retentionDays * DAY).toISOString(),
        },
        event: { title: event.title, startsAt: iso(event.starts_at), endsAt: iso(event.ends_at) },
        registration: {
          ticketUrl: ticketUrl(config, r.ticket_code),
          frontTitles: r.front_titles,
          name: r.name,
          backTitles: r.back_titles,
          printedName: printedName(r),
          institution: r.institution,
          phone: r.phone,
          email: r.email,
          mode: r.mode,
          status: r.status,
          source: r.source,
          seat: r.seat_id,
          language: r.locale,
          answers: s.questions
            .filter((q) => answers[q.id] !== undefined)
            .map((q) => ({ question: q.label, answer: answers[q.id] })),
          consents: parse(r.consents),
          createdAt: iso(r.created_at),
          confirmedAt: iso(r.confirmed_at),
          cancelledAt: iso(r.cancelled_at),
          erasedAt: iso(r.anonymized_at),
        },
      };
    },

    /** Erases the person's data; idempotent. Returns the row as it is afterwards. */
    async erase(r: RegistrationRow): Promise<RegistrationRow> {
      if (r.anonymized_at !== null) return r;
      const event = await eventOf(r);
      const now = Date.now();
      if (ACTIVE.has(r.status) && now < Number(event.ends_at)) await regs.cancelRow(r);
      if (await repo.anonymizeOne(db, r.id, now)) {
        await bus.emit('registration.anonymized', {
          eventId: r.event_id,
          registrationIds: [r.id],
          reason: 'request',
        });
      }
      return (await regs.findById(r.id))!;
    },

    /**
     * The date the data will be erased anyway, in the page's words. Takes the event and retention the ticket
     * page has already loaded: reading them again cost two queries on every ticket view.
     */
    erasedAfter(event: EventRow, retentionDays: number, locale: 'id' | 'en') {
      return formatDateTime(Number(event.ends_at) + retentionDays * DAY, event.timezone, locale);
    },
  };
}

/**
 * Erases the registrations of every event that ended more than its retention period ago. Safe to run on
 * several nodes at once and again and again: only rows still holding personal data are touched.
 */
export async function runRetention(
  db: Db,
  opts: { now?: number; bus?: Pick<Bus, 'emit'> } = {},
): Promise<{ events: number; registrations: number }> {
  const now = opts.now ?? Date.now();
  let registrations = 0;
  const due = await repo.dueForRetention(db, now);
  for (const e of due) {
    const ids = await repo.anonymizeEvent(db, e.id, now);
    registrations += ids.length;
    if (ids.length && opts.bus)
      await opts.bus.emit('registration.anonymized', {
        eventId: e.id,
        registrationIds: ids,
        reason: 'retention',
      });
  }
  return { events: due.length, registrations };
}

/** Once a day in the app (first a minute after start): the retention run. Returns a stop function. */
export function startRetentionTimer(
  ctx: Pick<AppContext, 'db' | 'bus' | 'log'>,
  opts: { firstDelayMs?: number; intervalMs?: number } = {},
): () => void {
  const run = async () => {
    try {
      const r = await runRetention(ctx.db, { bus: ctx.bus });
      if (r.registrations) ctx.log.info(r, 'retention: personal data of past events erased');
    } catch (err) {
      ctx.log.error({ err }, 'retention run failed');
    }
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void run();
    interval = setInterval(run, opts.intervalMs ?? DAY);
    interval.unref();
  }, opts.firstDelayMs ?? 60_000);
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}
