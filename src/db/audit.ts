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
