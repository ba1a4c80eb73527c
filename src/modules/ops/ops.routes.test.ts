import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS, REDIS_URL } from '../../../test/helpers/env.js';
import { checkIn, createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import type { RedisBus } from '../../bus/bus.js';
import { connectLive } from '../../realtime/test-client.js';
import { loggerOptions } from './index.js';

const METRICS_TOKEN = 'prometheus-scrapes-this-1234';
const basic = (password: string) => `Basic ${Buffer.from(`prometheus:${password}`).toString('base64')}`;

describe.each(DB_KINDS)('/metrics and readiness on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { METRICS_TOKEN });
  });
  afterAll(() => t.close());

  const value = (text: string, line: string) => {
    const hit = text.split('\n').find((l) => l.startsWith(line));
    return hit ? Number(hit.slice(line.length).trim()) : Number.NaN;
  };

  it('counts registrations, check-ins and requests by route, for the metrics token and admins', async () => {
    const e = await publishedEvent(t);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(1),
    });
    expect(r.statusCode).toBe(201);
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload: person(2) });
    // An event under way, so its door is open.
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const held = await createEvent(
      t,
      e.token,
      { ...seedSeminar, startsAt: at(-10), endsAt: at(120) },
      { publish: true },
    );
    const [p] = await seedRegistrations(t.app.ctx.db, held.id, 1);
    await checkIn(t, e.token, held.id, p!.ticketCode);

    const m = await t.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: basic(METRICS_TOKEN) },
    });
    expect(m.statusCode).toBe(200);
    expect(m.headers['content-type']).toContain('text/plain');
    expect(value(m.body, 'aula_registrations_total')).toBe(2);
    expect(value(m.body, 'aula_checkins_total{kind="checkin"}')).toBe(1);
    expect(value(m.body, 'aula_live_connections')).toBe(0);
    // The job queue (src/modules/jobs) reports; a second source adds to it.
    const before = value(m.body, 'aula_job_queue_depth');
    expect(before).toBeGreaterThanOrEqual(0);
    expect(value(m.body, 'aula_job_queue_failed')).toBeGreaterThanOrEqual(0);
    t.app.ctx.services.ops.watchJobQueue(async () => ({ depth: 3, failed: 1 }));
    const jobs = (
      await t.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic(METRICS_TOKEN) } })
    ).body;
    expect(value(jobs, 'aula_job_queue_depth')).toBeGreaterThanOrEqual(before + 3);
    expect(value(jobs, 'aula_job_queue_failed')).toBeGreaterThanOrEqual(1);
    // The route pattern, not the URL with its ids.
    expect(
      value(
        m.body,
        'http_request_duration_seconds_count{method="POST",route="/api/v1/events/:id/registrations",status_code="201"}',
      ),
    ).toBe(2);
    expect(m.body).toContain('process_cpu_user_seconds_total');
    expect(m.body).toContain('nodejs_eventloop_lag_seconds');

    const admin = await t.tokenFor('admin');
    const asAdmin = await t.inject({ method: 'GET', url: '/metrics', token: admin });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.body).toContain('aula_registrations_total 2');
  });

  it('counts the live sockets open on this node', async () => {
    const e = await publishedEvent(t);
    const base = await listen(t);
    const scrape = async () =>
      value(
        (await t.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic(METRICS_TOKEN) } }))
          .body,
        'aula_live_connections',
      );
    const live = await connectLive(`${base.replace('http', 'ws')}/api/v1/events/${e.id}/live`);
    await live.waitFor((m) => m.t === 'snapshot');
    expect(await scrape()).toBe(1);
    await live.close();
    for (let i = 0; i < 50 && (await scrape()) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await scrape()).toBe(0);
  });

  it('shows strangers, wrong tokens and non-admins nothing', async () => {
    const none = await t.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.body).not.toContain('aula_');
    const wrong = await t.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: basic('guess') },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('aula_');
    const bogusBearer = await t.inject({ method: 'GET', url: '/metrics', token: METRICS_TOKEN });
    expect(bogusBearer.statusCode).toBe(401);
    for (const role of ['organizer', 'moderator', 'checkin'] as const) {
      const r = await t.inject({ method: 'GET', url: '/metrics', token: await t.tokenFor(role) });
      expect(r.statusCode, role).toBe(404);
      expect(r.body).not.toContain('aula_');
    }
  });

  it('answers readiness with the database (and Redis when configured); liveness stays', async () => {
    const r = await t.inject({ method: 'GET', url: '/api/health/ready' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: 'ok', redis: 'not configured' });
    expect((await t.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
  });
});

describe('metrics without METRICS_TOKEN', () => {
  it('refuses every basic-auth password', async () => {
    const t = await createTestApp('sqlite');
    try {
      const r = await t.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic('') } });
      expect(r.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(REDIS_URL)('readiness with Redis', () => {
  it('is ready while Redis answers, and 503 saying so when it stops', async () => {
    const t = await createTestApp('sqlite', {
      REDIS_URL: REDIS_URL!,
      REDIS_PREFIX: `aula-ready-${process.pid}`,
    });
    try {
      const up = await t.inject({ method: 'GET', url: '/api/health/ready' });
      expect(up.json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
      // The connection gone (as when Redis restarts): ioredis holds the command, the probe answers anyway.
      (t.app.ctx.bus as RedisBus).redis.disconnect(false);
      const down = await t.inject({ method: 'GET', url: '/api/health/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({
        status: 'unavailable',
        database: 'ok',
        redis: expect.stringMatching(/^down/),
      });
    } finally {
      await t.close();
    }
  });
});

describe('log output', () => {
  it('is pretty on a terminal and JSON lines otherwise', () => {
    expect(loggerOptions('info', false)).toEqual({ level: 'info' });
    expect(loggerOptions('debug', true)).toMatchObject({
      level: 'debug',
      transport: { target: 'pino-pretty' },
    });
  });
});
