import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { socketCap } from '../src/realtime/socket-limits.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { hasChromium, launchBrowser, listen } from './helpers/browser.js';
import { DB_KINDS } from './helpers/env.js';
import { createEvent, seedSeminar } from './helpers/events.js';

/**
 * Issue 13 point 2: one address cannot take every connection. 3,000 live sockets from one address
 * (the default per-address cap is 2,000: a hall behind one NAT) while pages keep answering within 2 s;
 * a process cap below the open-files limit; sockets that stop answering pings are closed; over a cap
 * the live page polls instead.
 */
const future = { ...seedSeminar, startsAt: '2031-12-30T09:00:00+07:00', endsAt: '2031-12-30T12:00:00+07:00' };

type Outcome = { ws: WebSocket; open: boolean; status: number | null };

/** Opens one live socket and settles once it is open or refused (with the HTTP status of the refusal). */
function openSocket(base: string, eventId: string, opts: WebSocket.ClientOptions = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events/${eventId}/live`, opts);
    ws.once('open', () => resolve({ ws, open: true, status: null }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ws, open: false, status: res.statusCode ?? null });
      res.resume();
      ws.terminate();
    });
    ws.once('error', () => resolve({ ws, open: false, status: null }));
  });
}

async function closeAll(list: Outcome[]) {
  await Promise.all(
    list.map(
      (o) =>
        new Promise<void>((r) => {
          if (o.ws.readyState === WebSocket.CLOSED) return r();
          o.ws.once('close', () => r());
          o.ws.terminate();
        }),
    ),
  );
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check(), what).toBe(true);
}

describe.each(DB_KINDS)('live socket caps on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let event: { id: string; slug: string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    const token = await t.tokenFor('organizer');
    event = await createEvent(t, token, future, { publish: true });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('takes 2,000 sockets from one address, refuses the rest, and pages answer within 2 s meanwhile', async () => {
    const sockets: Outcome[] = [];
    const slow: string[] = [];
    let probing = true;
    // Pages and health checked all along, each answer within the stated bound of 2 s.
    const probe = (async () => {
      let n = 0;
      while (probing) {
        for (const url of ['/api/health', `/e/${event.slug}`, `/api/v1/events/${event.id}/live/updates`]) {
          const t0 = performance.now();
          const r = await fetch(base + url);
          await r.arrayBuffer();
          const ms = performance.now() - t0;
          if (r.status !== 200 || ms > 2000) slow.push(`${url}: ${r.status} in ${Math.round(ms)} ms`);
          n++;
        }
      }
      return n;
    })();
    try {
      for (let i = 0; i < 3000; i += 250) {
        sockets.push(...(await Promise.all(Array.from({ length: 250 }, () => openSocket(base, event.id)))));
      }
      const opened = sockets.filter((s) => s.open).length;
      const refused = sockets.filter((s) => !s.open);
      expect(opened).toBe(2000);
      expect(refused).toHaveLength(1000);
      expect(refused.every((s) => s.status === 503)).toBe(true);
      expect(t.app.ctx.services.live.rt.sockets.count).toBe(2000);
    } finally {
      probing = false;
      const probes = await probe;
      expect(probes).toBeGreaterThan(3);
      expect(slow).toEqual([]);
      await closeAll(sockets);
    }
    // Every place is given back once the connections close.
    await until(() => t.app.ctx.services.live.rt.sockets.count === 0, 'all places released');
    const again = await openSocket(base, event.id);
    expect(again.open).toBe(true);
    await closeAll([again]);
  }, 120_000);
});

describe('the process cap and the heartbeat', () => {
  let t: TestApp;
  let base: string;
  let eventId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { LIVE_MAX_SOCKETS: '20', LIVE_PING_MS: '100' });
    eventId = (await createEvent(t, await t.tokenFor('organizer'), future, { publish: true })).id;
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('reads the cap from the open-files limit, leaving room for HTTP', () => {
    const cap = socketCap(null);
    expect(cap).toBeGreaterThan(0);
    expect(cap).toBeLessThanOrEqual(20_000 - 1000);
    expect(socketCap(300)).toBe(300);
  });

  it('refuses sockets over the process cap, whatever their address', async () => {
    const list = await Promise.all(Array.from({ length: 25 }, () => openSocket(base, eventId)));
    expect(list.filter((s) => s.open)).toHaveLength(20);
    expect(list.filter((s) => s.status === 503)).toHaveLength(5);
    await closeAll(list);
    await until(() => t.app.ctx.services.live.rt.sockets.count === 0, 'all places released');
  });

  it('closes a socket that stops answering pings and keeps one that answers', async () => {
    const dead = await openSocket(base, eventId, { autoPong: false });
    const alive = await openSocket(base, eventId);
    expect(dead.open && alive.open).toBe(true);
    await new Promise<void>((r) => dead.ws.once('close', () => r()));
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    await closeAll([alive]);
  });
});

describe.runIf(hasChromium)('the live page over the cap', () => {
  it('falls back to polling and still shows the room', async () => {
    const t = await createTestApp('sqlite', { LIVE_MAX_SOCKETS_PER_ADDRESS: '1' });
    const browser = await launchBrowser();
    try {
      const event = await createEvent(t, await t.tokenFor('organizer'), future, { publish: true });
      const base = await listen(t);
      const held = await openSocket(base, event.id);
      expect(held.open).toBe(true);
      const page = await browser.newPage();
      await page.goto(`${base}/e/${event.slug}/live`);
      await page.waitForFunction(
        () => document.getElementById('live-root')?.dataset.conn === 'polling',
        null,
        {
          timeout: 20_000,
        },
      );
      await closeAll([held]);
    } finally {
      await browser.close();
      await t.close();
    }
  }, 60_000);
});
