import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import {
  backoffMs,
  type JobHandler,
  type JobQueue,
  type NewJob,
  POLICIES,
  type QueueName,
} from './jobs.queue.js';
import { jobsRepository as repo } from './jobs.repository.js';

const WEEK = 7 * 24 * 3600 * 1000;

/**
 * The queue on SQLite (one node): jobs are rows of `job_queue` written in the caller's transaction. A worker
 * claims a row with a lease; a node killed mid-job leaves the lease to run out, and the job is taken again.
 */
export function sqliteQueue(ctx: Pick<AppContext, 'db' | 'config' | 'log'>): JobQueue {
  const { db, config, log } = ctx;
  const handlers = new Map<QueueName, JobHandler>();
  const ticks: (() => Promise<void>)[] = [];
  const active = new Map<QueueName, number>();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let ticking = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPrune = 0;

  async function runOne(queue: QueueName, job: { id: string; data: string; attempts: number }) {
    const policy = POLICIES[queue];
    const last = job.attempts > policy.retries;
    try {
      await handlers.get(queue)!(JSON.parse(job.data), { number: job.attempts, last });
      await repo.done(db, job.id);
    } catch (err) {
      const retryAt = last ? null : Date.now() + backoffMs(queue, job.attempts, config.jobs.retrySeconds);
      await repo.failed(db, job.id, err instanceof Error ? err.message : String(err), retryAt);
    }
  }

  // One pump at a time: a second call while one runs asks it to go round again (claims stay within concurrency).
  let pumping: Promise<void> | null = null;
  let again = false;
  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        await pumpOnce();
      } while (again && running);
    })().finally(() => {
      pumping = null;
    });
    return pumping;
  }

  async function pumpOnce() {
    if (!running) return;
    for (const [queue] of handlers) {
      while (running && (active.get(queue) ?? 0) < POLICIES[queue].concurrency) {
        const job = await repo.claim(db, [queue], Date.now(), config.jobs.leaseSeconds * 1000);
        if (!job) break;
        active.set(queue, (active.get(queue) ?? 0) + 1);
        const p = runOne(queue, job)
          .catch((err) => log.error({ err, queue }, 'job bookkeeping failed'))
          .finally(() => {
            active.set(queue, (active.get(queue) ?? 1) - 1);
            inFlight.delete(p);
            void pump();
          });
        inFlight.add(p);
      }
    }
  }

  async function tick() {
    if (ticking || !running) return;
    ticking = true;
    try {
      for (const t of ticks) await t();
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        await repo.prune(db, Date.now() - WEEK);
      }
      await pump();
    } catch (err) {
      log.error({ err }, 'job tick failed');
    } finally {
      ticking = false;
    }
  }

  return {
    stats: () => repo.stats(db, 'sqlite'),
    async enqueue(trx, jobs: NewJob[]) {
      if (!jobs.length) return;
      await repo.insert(
        trx,
        jobs.map((j) => ({
          id: newId(),
          queue: j.queue,
          data: JSON.stringify(j.data),
          run_at: j.runAt ?? Date.now(),
        })),
      );
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
      timer = setInterval(() => void tick(), config.jobs.pollMs);
      timer.unref();
      void tick();
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      // A claim may land while the first jobs finish: wait until nothing is in hand.
      while (inFlight.size || pumping) await Promise.allSettled([...inFlight, pumping]);
    },
    poke() {
      if (running) setImmediate(() => void pump().catch((err) => log.error({ err }, 'job pump failed')));
    },
  };
}
