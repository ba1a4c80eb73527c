import { PgBoss } from 'pg-boss';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/transaction.js';
import { type JobHandler, type JobQueue, type NewJob, POLICIES, type QueueName } from './jobs.queue.js';
import { jobsRepository as repo } from './jobs.repository.js';

/**
 * The queue on PostgreSQL: pg-boss (jobs survive restarts; SKIP LOCKED hands each job to one node). Its
 * statements run on the caller's transaction, so a job commits with its cause. pg-boss is started lazily —
 * on the first job, or at boot when its schema exists — so an app that never queues opens no extra pool.
 */
export function pgBossQueue(ctx: Pick<AppContext, 'db' | 'config' | 'log'>): JobQueue {
  const { db, config, log } = ctx;
  const url = config.database.kind === 'postgres' ? config.database.url : '';
  const handlers = new Map<QueueName, JobHandler>();
  const ticks: (() => Promise<void>)[] = [];
  const workerIds: string[] = [];
  let boss: Promise<PgBoss> | null = null;
  let running = false;
  let ticking = false;
  let timer: NodeJS.Timeout | undefined;
  const lease = config.jobs.leaseSeconds;
  // How often pg-boss looks for expired leases: a fraction of the lease, so a dead node's jobs come back soon.
  const supervise = Math.max(1, Math.min(60, Math.floor(lease / 2)));

  let listening = false;
  async function listen(b: PgBoss) {
    if (listening) return;
    listening = true;
    for (const [queue, handler] of handlers) {
      const policy = POLICIES[queue];
      workerIds.push(
        await b.work<Record<string, unknown>>(
          queue,
          {
            localConcurrency: policy.concurrency,
            pollingIntervalSeconds: Math.max(0.5, config.jobs.pollMs / 1000),
          },
          async ([job]) => {
            if (!job) return;
            await handler(job.data, { number: job.retryCount + 1, last: job.retryCount >= policy.retries });
          },
        ),
      );
    }
  }

  function ensure(): Promise<PgBoss> {
    boss ??= (async () => {
      const b = new PgBoss({
        connectionString: url,
        max: 4,
        schedule: false,
        supervise: true,
        superviseIntervalSeconds: supervise,
        monitorIntervalSeconds: supervise,
      });
      b.on('error', (err) => log.warn({ err }, 'pg-boss'));
      await b.start();
      for (const [queue, policy] of Object.entries(POLICIES)) {
        await b.createQueue(queue, {
          retryLimit: policy.retries,
          retryDelay: config.jobs.retrySeconds,
          retryBackoff: true,
          retryDelayMax: policy.maxDelaySeconds,
          expireInSeconds: lease,
        });
      }
      if (running) await listen(b);
      return b;
    })();
    return boss;
  }

  async function tick() {
    if (ticking || !running) return;
    ticking = true;
    try {
      // Another node may have queued first: join as soon as pg-boss's tables exist.
      if (!boss && (await repo.hasTable(db, 'pgboss.job'))) await ensure();
      for (const t of ticks) await t();
    } catch (err) {
      log.error({ err }, 'job tick failed');
    } finally {
      ticking = false;
    }
  }

  return {
    // pg-boss makes its tables on first use (any node): none yet is an empty queue.
    stats: async () =>
      (await repo.hasTable(db, 'pgboss.job')) ? repo.stats(db, 'postgres') : { depth: 0, failed: 0 },
    async enqueue(trx: Tx, jobs: NewJob[]) {
      if (!jobs.length) return;
      const b = await ensure();
      const executor = { executeSql: (text: string, values?: unknown[]) => repo.raw(trx, text, values) };
      for (const queue of new Set(jobs.map((j) => j.queue))) {
        const mine = jobs.filter((j) => j.queue === queue);
        for (let i = 0; i < mine.length; i += 1000) {
          await b.insert(
            queue,
            mine.slice(i, i + 1000).map((j) => ({
              data: j.data,
              ...(j.runAt ? { startAfter: new Date(j.runAt) } : {}),
            })),
            { db: executor },
          );
        }
      }
    },
    work(queue, handler) {
      handlers.set(queue, handler);
    },
    every(t) {
      ticks.push(t);
    },
    async start() {
      if (running) return;
      running = true;
      if (boss) await listen(await boss);
      timer = setInterval(() => void tick(), config.jobs.pollMs);
      timer.unref();
      await tick();
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      if (!boss) return;
      const b = await boss;
      // Graceful: the jobs in hand finish; queued ones wait in PostgreSQL for the next start.
      await b.stop({ graceful: true, timeout: 10_000, close: true });
      boss = null;
      listening = false;
      workerIds.length = 0;
    },
    poke() {
      if (!boss) return;
      void boss.then((b) => {
        for (const id of workerIds) b.notifyWorker(id);
      });
    },
  };
}
