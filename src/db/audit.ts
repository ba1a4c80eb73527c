import type { Db } from './database.js';
import type { Tx } from './transaction.js';

/** One line of the audit log: who did what to which record of an event, and why. */
interface AuditEntry {
  id: string;
  event_id: string;
  actor_user_id: string | null;
  action: string;
  target: string;
  reason?: string | null;
  /** The details, stored as JSON. */
  data: unknown;
  /** When it happened: now unless given. */
  at?: number;
}

/** Appends to the audit log, which has no foreign keys: a line outlives the record it speaks of. */
export const writeAudit = (db: Db | Tx, entry: AuditEntry) =>
  db
    .insertInto('audit_log')
    .values({
      ...entry,
      reason: entry.reason ?? null,
      data: JSON.stringify(entry.data),
      at: entry.at ?? Date.now(),
    })
    .execute();

/**
 * UU PDP erasure: the audit lines about these records keep their action, reason and time, while the detail
 * fields that named a person (`keys`) read "—". In chunks, so an event's retention run stays within every
 * engine's parameter limit.
 */
export async function scrubAudit(db: Db | Tx, eventId: string, targets: string[], keys: readonly string[]) {
  for (let i = 0; i < targets.length; i += 500) {
    const lines = await db
      .selectFrom('audit_log')
      .select(['id', 'data'])
      .where('event_id', '=', eventId)
      .where('target', 'in', targets.slice(i, i + 500))
      .execute();
    for (const l of lines) {
      const data = scrubbed(l.data, keys);
      if (data !== l.data) await db.updateTable('audit_log').set({ data }).where('id', '=', l.id).execute();
    }
  }
}

function scrubbed(data: string | null, keys: readonly string[]): string | null {
  if (!data) return data;
  try {
    const d = JSON.parse(data) as Record<string, unknown>;
    if (!keys.some((k) => k in d)) return data;
    return JSON.stringify({ ...d, ...Object.fromEntries(keys.filter((k) => k in d).map((k) => [k, '—'])) });
  } catch {
    return null;
  }
}
