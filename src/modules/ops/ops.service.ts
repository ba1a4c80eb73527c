import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import { RedisBus } from '../../bus/bus.js';
import type { AppContext } from '../../context.js';
import type { Realtime } from '../../realtime/realtime.js';
import { opsRepository as repo } from './ops.repository.js';
import { RequestDurations } from './request-durations.js';

/** What a job queue reports to /metrics (the queue registers it; read on each scrape). */
type JobQueueStats = () => Promise<{ depth: number; failed: number }> | { depth: number; failed: number };

/**
 * Metrics and health of this node. The registry is per app (tests build several apps in one process),
 * counters count what happened on this node: Prometheus sums the nodes.
 */
export function createOpsService(ctx: AppContext, deps: { realtime: Realtime }) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const http = new RequestDurations();
  registry.registerMetric(http.asMetric());
  new client.Gauge({
    name: 'aula_live_connections',
    help: 'Live-room WebSocket connections open on this node',
    registers,
    collect() {
      this.set(deps.realtime.hub.clientCount);
    },
  });
  const registrations = new client.Counter({
    name: 'aula_registrations_total',
    help: 'Registrations accepted on this node',
    registers,
  });
  const checkins = new client.Counter({
    name: 'aula_checkins_total',
    help: 'Attendance changes on this node by kind (checkin: a first check-in at the door; a synced batch counts once)',
    labelNames: ['kind'] as const,
    registers,
  });
  const queues: JobQueueStats[] = [];
  const readQueues = async () => {
    let depth = 0;
    let failed = 0;
    for (const q of queues) {
      const s = await q();
      depth += s.depth;
      failed += s.failed;
    }
    return { depth, failed };
  };
  const jobGauges = () => {
    new client.Gauge({
      name: 'aula_job_queue_depth',
      help: 'Background jobs waiting or running',
      registers,
      async collect() {
        this.set((await readQueues()).depth);
      },
    });
    new client.Gauge({
      name: 'aula_job_queue_failed',
      help: 'Background jobs that failed for good',
      registers,
      async collect() {
        this.set((await readQueues()).failed);
      },
    });
  };

  ctx.bus.on('registration.created', () => registrations.inc());
  ctx.bus.on('attendance.changed', (p) => checkins.inc({ kind: p.kind }));

  return {
    /** One finished request (the route pattern, never the raw URL: ids would explode the label set). */
    observeRequest(method: string, route: string, status: number, seconds: number): void {
      http.observe(method, route, status, seconds);
    },
    /** The job queue (or queues) report their depth and failures through this, read on each scrape. */
    watchJobQueue(stats: JobQueueStats): void {
      // The gauges appear with the first queue: a depth of 0 from nobody would read as "all done".
      if (queues.length === 0) jobGauges();
      queues.push(stats);
    },
    metricsContentType: registry.contentType,
    metrics: () => registry.metrics(),
    /** Whether a caller may read /metrics with this basic-auth password. */
    isMetricsToken(given: string): boolean {
      const want = ctx.config.metricsToken;
      if (!want) return false;
      const a = Buffer.from(given);
      const b = Buffer.from(want);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    /** Readiness: the database and (when configured) Redis answer. */
    async ready(): Promise<{ ok: boolean; database: string; redis: string }> {
      const check = async (fn: () => Promise<unknown>) =>
        withinSeconds(fn(), 2).then(
          () => 'ok',
          (err: unknown) => `down: ${err instanceof Error ? err.message : String(err)}`,
        );
      const database = await check(() => repo.ping(ctx.db));
      const bus = ctx.bus;
      const redis = bus instanceof RedisBus ? await check(() => bus.redis.ping()) : 'not configured';
      return { ok: database === 'ok' && (redis === 'ok' || redis === 'not configured'), database, redis };
    },
  };
}

/** A probe must answer even when a dependency hangs (ioredis queues commands while it reconnects). */
function withinSeconds<T>(p: Promise<T>, s: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${s} s`)), s * 1000);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export type OpsService = ReturnType<typeof createOpsService>;
