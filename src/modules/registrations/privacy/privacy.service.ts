import type { AppContext } from '../../../context.js';
import { errors, what } from '../../../errors.js';
import { formatDateTime } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { printedName, ticketUrl } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { NOTICE_VERSION } from '../registrations.schemas.js';
import { ACTIVE, type RegistrationsService } from '../registrations.service.js';
import type { DataSubject, PersonalDataPart } from './personal-data.js';
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

/** Erasures run over at most this many people at a time: the parts' `in (…)` lists stay far below every engine's limit. */
const CHUNK = 500;

/** What the registrations module itself keeps (the other modules' parts come from src/modules/personal-data.ts). */
const OWN_TABLES = {
  registrations: ['front_titles', 'name', 'back_titles', 'institution', 'email', 'phone', 'answers'],
};

const subjectOf = (r: Pick<RegistrationRow, 'id' | 'event_id' | 'email' | 'phone'>): DataSubject => ({
  registrationId: r.id,
  eventId: r.event_id,
  email: r.email,
  phone: r.phone,
});

/**
 * UU PDP rights of a participant, reached through the ticket's secret link: see what is stored, take a copy,
 * and have it erased. Erasing cancels an active registration first (so the place goes to the waitlist as
 * usual) unless the event is over, when the status is kept because the report counts it. Every module's part
 * (`parts`, listed once in src/modules/personal-data.ts) adds to the copy and runs in the erasure, before the
 * registration itself is blanked, while its contacts are still known.
 */
export function createPrivacyService(ctx: AppContext, regs: RegistrationsService, parts: PersonalDataPart[]) {
  const { db, bus, config } = ctx;

  /** Runs every part's erasure over these people of one event, in chunks. */
  async function eraseParts(people: DataSubject[], now: number) {
    for (let i = 0; i < people.length; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK);
      for (const part of parts) await part.erase(db, chunk, now);
    }
  }

  async function eventOf(r: RegistrationRow): Promise<EventRow> {
    const e = await ctx.services.events.find(r.event_id);
    if (!e) throw errors.notFound(what.event);
    return e;
  }

  return {
    /** Every table holding a person, with its personal columns (test/erasure.test.ts checks the schema). */
    tables(): Record<string, readonly string[]> {
      return Object.assign({}, OWN_TABLES, ...parts.map((p) => p.tables));
    },

    /** Everything stored about the person, with the questions' labels next to the answers. */
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
        held: Object.fromEntries(
          await Promise.all(parts.map(async (p) => [p.key, await p.copy(db, subjectOf(r))] as const)),
        ),
      };
    },

    /** Erases the person's data; idempotent. Returns the row as it is afterwards. */
    async erase(r: RegistrationRow): Promise<RegistrationRow> {
      const now = Date.now();
      // Already erased: the parts run again (they are idempotent), which also reaches what an erasure made
      // before a module had its part left behind.
      if (r.anonymized_at !== null) {
        await eraseParts([subjectOf(r)], now);
        return r;
      }
      const event = await eventOf(r);
      if (ACTIVE.has(r.status) && now < Number(event.ends_at)) await regs.cancelRow(r);
      await eraseParts([subjectOf(r)], now);
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

    /**
     * Erases the registrations of every event that ended more than its retention period ago. Safe to run on
     * several nodes at once and again and again: only rows still holding personal data are touched.
     */
    async runRetention(opts: { now?: number } = {}): Promise<{ events: number; registrations: number }> {
      const now = opts.now ?? Date.now();
      let registrations = 0;
      const due = await repo.dueForRetention(db, now);
      for (const e of due) {
        await eraseParts((await repo.stillHeld(db, e.id)).map(subjectOf), now);
        const ids = await repo.anonymizeEvent(db, e.id, now);
        registrations += ids.length;
        if (ids.length)
          await bus.emit('registration.anonymized', {
            eventId: e.id,
            registrationIds: ids,
            reason: 'retention',
          });
      }
      return { events: due.length, registrations };
    },
  };
}

/** Once a day in the app (first a minute after start): the retention run. Returns a stop function. */
export function startRetentionTimer(
  ctx: Pick<AppContext, 'log' | 'services'>,
  opts: { firstDelayMs?: number; intervalMs?: number } = {},
): () => void {
  const run = async () => {
    try {
      const r = await ctx.services.privacy.runRetention();
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
