import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The webhook events whose causes the sweep reads back from their own rows (`registration.created` has its own). */
export const SWEPT = [
  'registration.cancelled',
  'registration.promoted',
  'attendance.checked_in',
  'attendance.online_present',
  'certificate.issued',
  'evaluation.submitted',
] as const;
export type SweptEvent = (typeof SWEPT)[number];

/** One happening, read from the row that records it: its delivery key is unique per webhook. */
export interface Cause {
  key: string;
  event_id: string;
  at: number;
  registration_id: string | null;
  mode: string | null;
  role: string | null;
}

/** A subscription and which happenings to look at. */
interface CauseFilter {
  hook: { id: string; event_id: string | null; created_at: number };
  eventId?: string;
  registrationIds?: string[];
  /** Only happenings before this instant (the periodic sweep lets the bus path go first). */
  before?: number;
  limit: number;
}

/** `<type>:<parts…>` in SQL, the same text the bus path would build. */
const keyOf = (type: SweptEvent, ...parts: RawBuilder<unknown>[]) =>
  sql<string>`${sql.lit(`${type}:`)} || ${sql.join(
    parts.map((p) => sql`cast(${p} as text)`),
    sql` || ${sql.lit(':')} || `,
  )}`;

interface Source {
  from: RawBuilder<unknown>;
  at: RawBuilder<unknown>;
  key: RawBuilder<string>;
  registration: RawBuilder<unknown>;
  mode: RawBuilder<unknown>;
  role: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  group?: RawBuilder<unknown>;
}

/**
 * Where each happening is recorded. A cancellation or a promotion can happen again to the same registration
 * (brought back, waitlisted again), so its key carries the instant; a check-in undone and done again too.
 */
const SOURCES: Record<SweptEvent, Source> = {
  'registration.cancelled': {
    from: sql`registrations x`,
    at: sql`x.cancelled_at`,
    key: keyOf('registration.cancelled', sql`x.id`, sql`x.cancelled_at`),
    registration: sql`x.id`,
    mode: sql`x.mode`,
    role: sql`null`,
    where: sql`x.status in ('cancelled', 'declined') and x.cancelled_at is not null`,
  },
  'registration.promoted': {
    from: sql`registrations x`,
    at: sql`x.promoted_at`,
    key: keyOf('registration.promoted', sql`x.id`, sql`x.promoted_at`),
    registration: sql`x.id`,
    mode: sql`x.mode`,
    role: sql`null`,
    where: sql`x.promoted_at is not null`,
  },
  'attendance.checked_in': {
    from: sql`attendance x`,
    at: sql`x.checked_in_at`,
    key: keyOf('attendance.checked_in', sql`x.registration_id`, sql`x.checked_in_at`),
    registration: sql`x.registration_id`,
    mode: sql`null`,
    role: sql`null`,
    where: sql`x.checked_in_at is not null`,
  },
  // Candidates only: whoever entered a code; the service keeps those the event's rule counts online.
  'attendance.online_present': {
    from: sql`attendance_code_entries x`,
    at: sql`max(x.entered_at)`,
    key: keyOf('attendance.online_present', sql`x.registration_id`),
    registration: sql`x.registration_id`,
    mode: sql`null`,
    role: sql`null`,
    where: sql`1 = 1`,
    group: sql`x.registration_id, x.event_id`,
  },
  'certificate.issued': {
    from: sql`certificates x`,
    at: sql`x.issued_at`,
    key: keyOf('certificate.issued', sql`x.id`),
    registration: sql`x.registration_id`,
    mode: sql`null`,
    role: sql`x.role`,
    where: sql`1 = 1`,
  },
  'evaluation.submitted': {
    from: sql`evaluation_responses x`,
    at: sql`x.submitted_at`,
    key: keyOf('evaluation.submitted', sql`x.registration_id`),
    registration: sql`x.registration_id`,
    mode: sql`null`,
    role: sql`null`,
    where: sql`1 = 1`,
  },
};

export const webhookCausesRepository = {
  /**
   * Happenings of `type` after the webhook was made that it has no delivery for (its key unique per webhook):
   * what a crash between the cause's commit and its bus handler would have lost, or what the handler queues now.
   */
  async missed(db: Db, type: SweptEvent, f: CauseFilter): Promise<Cause[]> {
    const s = SOURCES[type];
    const conds = [s.where];
    const events = [f.hook.event_id, f.eventId].filter((x): x is string => !!x);
    for (const e of events) conds.push(sql`x.event_id = ${e}`);
    if (f.registrationIds) {
      if (!f.registrationIds.length) return [];
      conds.push(sql`${s.registration} in (${sql.join(f.registrationIds)})`);
    }
    const windowed = [sql`${s.at} > ${Number(f.hook.created_at)}`];
    if (f.before != null) windowed.push(sql`${s.at} < ${f.before}`);
    const notSent = sql`not exists (select 1 from webhook_deliveries d
      where d.webhook_id = ${f.hook.id} and d.dedupe_key = ${s.key})`;
    const query = s.group
      ? sql<Cause>`select ${s.key} as key, x.event_id as event_id, ${s.at} as at, ${s.registration} as registration_id,
          ${s.mode} as mode, ${s.role} as role
          from ${s.from} where ${sql.join(conds, sql` and `)} group by ${s.group}
          having ${sql.join([...windowed, notSent], sql` and `)} order by 3 limit ${f.limit}`
      : sql<Cause>`select ${s.key} as key, x.event_id as event_id, ${s.at} as at, ${s.registration} as registration_id,
          ${s.mode} as mode, ${s.role} as role
          from ${s.from} where ${sql.join([...conds, ...windowed, notSent], sql` and `)} order by 3 limit ${f.limit}`;
    const { rows } = await query.execute(db);
    return rows.map((r) => ({ ...r, at: Number(r.at) }));
  },
};
