import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tx } from '../../db/transaction.js';

interface QueuedJob {
  id: string;
  queue: string;
  data: string;
  run_at: number;
}

/** The SQLite queue's SQL (one node: its single writer makes a claim atomic). */
export const jobsRepository = {
  insert: async (db: Db | Tx, rows: QueuedJob[]) => {
    const now = Date.now();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('job_queue')
        .values(
          rows
            .slice(i, i + 500)
            .map((r) => ({ ...r, status: 'queued' as const, attempts: 0, created_at: now, updated_at: now })),
        )
        .execute();
    }
  },

  /**
   * Takes the next due job of the given queues, or one whose holder's lease ran out (a crashed node). Each branch
   * walks the (status, run_at) index in order and stops at its first row, and the earlier of the two wins: one OR
   * over both made SQLite gather every queued job and sort them, ~4 ms a claim behind 13,000 queued mails, on the
   * event loop (better-sqlite3 is synchronous), which stalled registrations while a surge's mails went out.
   */
  claim: async (db: Db, queues: string[], now: number, leaseMs: number) => {
    // The first job of one kind in run order: queued and due, or active with its lease run out.
    const first = (status: 'queued' | 'active', column: 'run_at' | 'lease_until', op: '<=' | '<') =>
      db
        .selectFrom('job_queue')
        .select(['id', 'run_at'])
        .where('status', '=', status)
        .where(column, op, now)
        .where('queue', 'in', queues)
        .orderBy('run_at')
        .limit(1);
    const due = first('queued', 'run_at', '<=');
    const lapsed = first('active', 'lease_until', '<');
    const next = db
      .selectFrom(
        db
          .selectFrom(due.as('due'))
          .selectAll()
          .unionAll(db.selectFrom(lapsed.as('lapsed')).selectAll())
          .as('candidates'),
      )
      .select('id')
      .orderBy('run_at')
      .limit(1);
    return db
      .updateTable('job_queue')
      .set((eb) => ({
        status: 'active',
        lease_until: now + leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', next)
      .returning(['id', 'queue', 'data', 'attempts'])
      .executeTakeFirst();
  },

  done: (db: Db, id: string) =>
    db
      .updateTable('job_queue')
      .set({ status: 'done', lease_until: null, updated_at: Date.now() })
      .where('id', '=', id)
      .execute(),

  /** Back in line after `delayMs`, or failed for good. */
  failed: (db: Db, id: string, error: string, retryAt: number | null) =>
    db
      .updateTable('job_queue')
      .set({
        status: retryAt === null ? 'failed' : 'queued',
        run_at: retryAt ?? sql<number>`run_at`,
        lease_until: null,
        last_error: error.slice(0, 1000),
        updated_at: Date.now(),
      })
      .where('id', '=', id)
      .execute(),

  /** Done jobs are kept a week for the record, then dropped. */
  prune: (db: Db, before: number) =>
    db.deleteFrom('job_queue').where('status', '=', 'done').where('updated_at', '<', before).execute(),

  /** For /metrics (issue 14): jobs waiting or running, and jobs that failed for good. */
  stats: async (db: Db, dialect: 'sqlite' | 'postgres') => {
    const r =
      dialect === 'sqlite'
        ? await sql<{ depth: number; failed: number }>`select
            coalesce(sum(case when status in ('queued', 'active') then 1 else 0 end), 0) as depth,
            coalesce(sum(case when status = 'failed' then 1 else 0 end), 0) as failed
            from job_queue`.execute(db)
        : await sql<{ depth: number; failed: number }>`select
            count(*) filter (where state in ('created', 'retry', 'active'))::int as depth,
            count(*) filter (where state = 'failed')::int as failed
            from pgboss.job`.execute(db);
    return { depth: Number(r.rows[0]?.depth ?? 0), failed: Number(r.rows[0]?.failed ?? 0) };
  },

  hasTable: async (db: Db, name: string) =>
    (await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t != null,

  /** Runs one statement pg-boss built, on the caller's transaction, so its job commits with the cause. */
  raw: async (trx: Tx, text: string, values: unknown[] = []) => {
    const r = await trx.executeQuery(CompiledQuery.raw(text, values));
    return { rows: r.rows as unknown[] };
  },
};
