import { z } from 'zod';
import { bilingual } from '../../../http/validation.js';
import { parseLocalDateTime, toLocalInput } from '../../../shared/time.js';

const MAX_DAYS = 14;

/**
 * One reminder: a clock time some days before the event's date (`{daysBefore: 1, at: '17:00'}`, in the
 * event's zone), or a span before the start (`{minutesBefore: 60}`). Both reach back at most 14 days.
 */
export const ReminderRule = z
  .object({
    daysBefore: z.number().int().min(0).max(MAX_DAYS).optional(),
    at: z
      .string()
      .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, bilingual({ id: 'jam harus JJ:MM', en: 'time must be HH:MM' }))
      .optional(),
    minutesBefore: z
      .number()
      .int()
      .min(0)
      .max(MAX_DAYS * 24 * 60)
      .optional(),
  })
  .strict()
  .refine(
    (r) => (r.daysBefore !== undefined && r.at !== undefined) !== (r.minutesBefore !== undefined),
    bilingual({
      id: 'isi daysBefore dan at, atau minutesBefore saja',
      en: 'give daysBefore and at, or minutesBefore alone',
    }),
  );
export type ReminderRule = z.infer<typeof ReminderRule>;

export const ReminderRules = z.object({ reminders: z.array(ReminderRule).max(6) }).strict();

/** Indonesian committees' habit: the evening before at 17.00, and an hour before the start. */
export const DEFAULT_RULES: ReminderRule[] = [{ daysBefore: 1, at: '17:00' }, { minutesBefore: 60 }];

/** A rule's stable name (stored with each run): `d1@17:00`, `m60`. */
export const ruleKey = (r: ReminderRule) =>
  r.minutesBefore === undefined
    ? `d${r.daysBefore}@${(r.at ?? '00:00').replace('.', ':')}`
    : `m${r.minutesBefore}`;

export function parseRuleKey(key: string): ReminderRule | null {
  const d = /^d(\d+)@(\d\d:\d\d)$/.exec(key);
  if (d) return { daysBefore: Number(d[1]), at: d[2]! };
  const m = /^m(\d+)$/.exec(key);
  return m ? { minutesBefore: Number(m[1]) } : null;
}

/** The day-before kind (a clock time on an earlier day): it also tells the waitlist and asks "still coming?". */
export const isDayBefore = (r: ReminderRule) => r.minutesBefore === undefined && (r.daysBefore ?? 0) >= 1;

/** When a rule fires for an event starting at `startsAt` in zone `tz`. */
export function dueAt(r: ReminderRule, startsAt: number, tz: string): number {
  if (r.minutesBefore !== undefined) return startsAt - r.minutesBefore * 60_000;
  const [y, m, d] = toLocalInput(startsAt, tz).slice(0, 10).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const day = new Date(Date.UTC(y, m - 1, d - (r.daysBefore ?? 0))).toISOString().slice(0, 10);
  return parseLocalDateTime(`${day}T${(r.at ?? '00:00').replace('.', ':')}`, tz) ?? startsAt;
}
