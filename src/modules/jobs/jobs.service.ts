import type { AppContext } from '../../context.js';
import { pgBossQueue } from './jobs.pgboss.js';
import type { JobQueue } from './jobs.queue.js';
import { sqliteQueue } from './jobs.sqlite.js';

/** The durable job queue of this app: pg-boss on PostgreSQL, the `job_queue` table on SQLite. */
export function createJobsService(ctx: AppContext): JobQueue {
  return ctx.dialect === 'postgres' ? pgBossQueue(ctx) : sqliteQueue(ctx);
}
