import type { AppContext } from '../../../context.js';
import { inTransaction } from '../../../db/transaction.js';
import { newId } from '../../../shared/ids.js';
import type { EventRow } from '../../events/index.js';
import { type RegistrationRow, ticketIcs, ticketUrl } from '../../registrations/index.js';
import type { NewDelivery } from '../deliveries.repository.js';
import type { DeliveriesService } from '../deliveries.service.js';
import { remindersRepository as repo } from './reminders.repository.js';
import {
  DEFAULT_RULES,
  dueAt,
  isDayBefore,
  parseRuleKey,
  type ReminderRule,
  ruleKey,
} from './reminders.rules.js';
import { reminderText } from './reminders.text.js';

const DAY = 24 * 3600_000;
/** A reminder still goes out this long after the start (one set "at the start" on a slow sweep). */
const LATE_MS = 15 * 60_000;

function mapUrl(event: EventRow): string | null {
  if (event.venue_map_url) return event.venue_map_url;
  const q = [event.venue_name, event.venue_address].filter(Boolean).join(', ');
  return q ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}` : null;
}

/**
 * Reminders: on by default for every published event. A sweep on every node finds reminders that came due;
 * the first node to insert the run row (unique per event, rule and due time) writes every person's delivery
 * and job in that same transaction, so nothing is lost to a crash and nothing goes out twice.
 */
export function createRemindersService(ctx: AppContext, deps: { deliveries: DeliveriesService }) {
  const { db, config } = ctx;
  // Set by the "still coming?" part when it is registered: the day-before hall reminder then offers its links.
  let stillComing: ((code: string) => { online: string; cancel: string }) | null = null;

  const parse = (json: string | undefined): ReminderRule[] => {
    if (json === undefined) return DEFAULT_RULES;
    try {
      return JSON.parse(json) as ReminderRule[];
    } catch {
      return DEFAULT_RULES;
    }
  };

  /** The links a reminder carries, by the person's own ticket code. */
  function links(event: EventRow, r: RegistrationRow, rule: ReminderRule | null) {
    const ticket = ticketUrl(config, r.ticket_code);
    return {
      ticket,
      join: `${ticket}/join`,
      map: mapUrl(event),
      ...(stillComing && rule && isDayBefore(rule) && r.mode === 'onsite' && r.status === 'confirmed'
        ? { stillComing: stillComing(r.ticket_code) }
        : {}),
    };
  }

  deps.deliveries.renderWith('reminder', async (d, r, event) => {
    const run = await repo.run(db, d.source_id);
    if (!run || r.status === 'cancelled' || r.status === 'declined' || r.status === 'pending') return null;
    const rule = parseRuleKey(run.rule);
    if (r.status === 'waitlisted' && !(rule && isDayBefore(rule))) return null;
    // The event moved since this reminder came due: its newer run speaks for it.
    if (rule && dueAt(rule, event.starts_at, event.timezone) !== Number(run.due_at)) return null;
    const content = reminderText(event, r, links(event, r, rule));
    return {
      ...content,
      attachments:
        r.status === 'confirmed'
          ? [
              {
                filename: `${event.slug}.ics`,
                content: ticketIcs(event, {
                  ticketUrl: ticketUrl(config, r.ticket_code),
                  mode: r.mode,
                  seat: r.seat_id,
                }),
                contentType: 'text/calendar; charset=utf-8',
              },
            ]
          : [],
    };
  });

  /** Fans out one due reminder: the run row, then every person's delivery and job, in one transaction. */
  async function fire(event: EventRow, rule: ReminderRule, due: number): Promise<number> {
    const id = newId();
    const n = await inTransaction(db, async (trx) => {
      if (!(await repo.claimRun(trx, { id, event_id: event.id, rule: ruleKey(rule), due_at: due })))
        return -1;
      const people = await repo.recipients(trx, event.id, due, isDayBefore(rule));
      const rows: NewDelivery[] = [];
      for (const p of people) {
        const base = {
          event_id: event.id,
          registration_id: p.id,
          source: 'reminder' as const,
          source_id: id,
        };
        if (p.email) rows.push({ ...base, key: `reminder:${id}:${p.id}:email`, channel: 'email' });
        // WhatsApp reminders only through the Cloud API: by hand they would flood the send list.
        if (p.phone && deps.deliveries.whatsappApi)
          rows.push({ ...base, key: `reminder:${id}:${p.id}:whatsapp`, channel: 'whatsapp' });
      }
      const queued = await deps.deliveries.queue(trx, rows);
      await repo.setRecipients(trx, id, queued);
      return queued;
    });
    if (n > 0) deps.deliveries.poke();
    return n;
  }

  const svc = {
    offerStillComing(links: (code: string) => { online: string; cancel: string }) {
      stillComing = links;
    },

    async rules(event: EventRow): Promise<ReminderRule[]> {
      return parse(await repo.rules(db, event.id));
    },

    async setRules(event: EventRow, rules: ReminderRule[]): Promise<ReminderRule[]> {
      const unique = [...new Map(rules.map((r) => [ruleKey(r), r])).values()];
      await repo.save(db, event.id, JSON.stringify(unique));
      return unique;
    },

    /** The schedule as the console shows it: each rule's due time and, once fired, how many it reached. */
    async schedule(event: EventRow) {
      const [rules, runs] = await Promise.all([svc.rules(event), repo.runsOf(db, [event.id])]);
      return rules.map((rule) => {
        const due = dueAt(rule, event.starts_at, event.timezone);
        const run = runs.find((x) => x.rule === ruleKey(rule) && Number(x.due_at) === due);
        return {
          rule,
          key: ruleKey(rule),
          dueAt: due,
          runId: run?.id ?? null,
          recipients: run?.recipients ?? null,
          // Never fired and the sweep no longer will: the event started more than LATE_MS ago.
          missed: !run && Date.now() > Number(event.starts_at) + LATE_MS,
        };
      });
    },

    /** Every node, every few seconds: fire what came due (the run row makes it once). */
    async sweep(now = Date.now()): Promise<number> {
      const events = await repo.upcoming(db, now - LATE_MS, now + 15 * DAY);
      if (!events.length) return 0;
      const ids = events.map((e) => e.id);
      const [settings, runs] = await Promise.all([repo.rulesOf(db, ids), repo.runsOf(db, ids)]);
      const fired = new Set(runs.map((r) => `${r.event_id}|${r.rule}|${Number(r.due_at)}`));
      let total = 0;
      for (const event of events) {
        for (const rule of parse(settings.find((s) => s.event_id === event.id)?.rules)) {
          const due = dueAt(rule, event.starts_at, event.timezone);
          if (due > now || now > event.starts_at + LATE_MS) continue;
          if (fired.has(`${event.id}|${ruleKey(rule)}|${due}`)) continue;
          total += Math.max(0, await fire(event, rule, due));
        }
      }
      return total;
    },
  };
  return svc;
}

export type RemindersService = ReturnType<typeof createRemindersService>;
