import type { Tx } from '../../db/transaction.js';

/** The queues Aula runs, each with its retry policy. */
export type QueueName = 'deliver' | 'webhook';

interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The longest wait between two attempts, in seconds (the wait doubles from JOBS_RETRY_SECONDS up to it). */
  maxDelaySeconds: number;
  /** Jobs one node works on at once. */
  concurrency: number;
}

/**
 * Deliveries (an e-mail or WhatsApp message to one person) retry for about an hour; webhooks for a day, as the
 * receiving system may be down overnight: 30 s doubling to a 3-hour ceiling, 15 retries ≈ 24 hours.
 */
export const POLICIES: Record<QueueName, RetryPolicy> = {
  deliver: { retries: 6, maxDelaySeconds: 1800, concurrency: 8 },
  webhook: { retries: 15, maxDelaySeconds: 3 * 3600, concurrency: 4 },
};

/** The wait before retry number `attempt` (1-based), in ms: doubling, capped by the queue's ceiling. */
export function backoffMs(queue: QueueName, attempt: number, baseSeconds: number): number {
  const s = Math.min(POLICIES[queue].maxDelaySeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return s * 1000;
}

export interface NewJob {
  queue: QueueName;
  data: Record<string, unknown>;
  /** Not before this instant (epoch ms); now when absent. */
  runAt?: number;
}

/** Tells a handler whether a failure now is final (it records the outcome, the queue forgets the job). */
export interface Attempt {
  number: number;
  last: boolean;
}

export type JobHandler = (data: Record<string, unknown>, attempt: Attempt) => Promise<void>;

/**
 * One interface over both engines: a table with leases on SQLite, pg-boss on PostgreSQL. `enqueue` takes the
 * caller's open transaction, so a job exists exactly when the change that caused it committed.
 */
export interface JobQueue {
  enqueue(trx: Tx, jobs: NewJob[]): Promise<void>;
  work(queue: QueueName, handler: JobHandler): void;
  /** Runs `tick` every poll interval on this node while the worker runs (reminder sweeps). */
  every(tick: () => Promise<void>): void;
  start(): Promise<void>;
  /** Stops taking jobs and waits for those in hand; what is still queued stays for the next start. */
  stop(): Promise<void>;
  /** Wakes this node's worker now (a job was just committed here). */
  poke(): void;
  /** Jobs waiting or running, and failed for good (read by /metrics). */
  stats(): Promise<{ depth: number; failed: number }>;
}
