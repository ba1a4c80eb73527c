import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { eventually } from '../../../test/helpers/messages.js';
import { person } from '../../../test/helpers/registrations.js';

const TYPES = [
  'registration.cancelled',
  'registration.promoted',
  'attendance.checked_in',
  'attendance.online_present',
  'certificate.issued',
  'evaluation.submitted',
] as const;

/** An event that started half an hour ago: door scans and codes count only while it is on. */
function happeningNow() {
  const start = Date.now() - 30 * 60_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 210 * 60_000).toISOString() };
}

/** A receiving system on localhost that keeps what it got. */
async function receiver() {
  const got: { signature: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      got.push({ signature: String(req.headers['x-aula-signature'] ?? ''), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Every cause of a swept webhook event, through the API, on an event happening now with one hall place:
 * A cancels and B is promoted from the waitlist, B is checked in, C (online) joins and enters a code,
 * certificates go to B and C, C sends the evaluation. Returns the ids and how many certificates were issued.
 */
async function causes(t: Hooked) {
  const token = await t.tokenFor('organizer');
  const e = await t.inject({
    method: 'POST',
    url: '/api/v1/events',
    token,
    payload: {
      title: `Webhook tahan crash ${Math.random()}`,
      ...happeningNow(),
      venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: 1 },
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
    },
  });
  expect(e.statusCode, e.body).toBe(201);
  const eventId = e.json().id as string;
  expect(
    (await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token })).statusCode,
  ).toBe(200);
  const hook = await t.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    token,
    payload: { url: t.hookUrl, events: TYPES, eventId },
  });
  expect(hook.statusCode, hook.body).toBe(201);
  const reg = async (i: number, mode: 'onsite' | 'online') => {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      payload: person(i, { email: `p${i}-durable@example.test`, mode }),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; status: string; ticketCode: string };
  };
  const a = await reg(1, 'onsite');
  const b = await reg(2, 'onsite');
  const c = await reg(3, 'online');
  expect([a.status, b.status, c.status]).toEqual(['confirmed', 'waitlisted', 'confirmed']);
  expect((await t.inject({ method: 'POST', url: `/api/v1/tickets/${a.ticketCode}/cancel` })).statusCode).toBe(
    200,
  );
  const checkin = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${eventId}/checkins`,
    token,
    payload: { ticketCode: b.ticketCode },
  });
  expect(checkin.json().result, checkin.body).toBe('checked_in');
  expect((await t.inject({ method: 'GET', url: `/t/${c.ticketCode}/join` })).statusCode).toBe(302);
  const code = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${eventId}/attendance/codes`,
    token,
    payload: { label: 'Pembukaan' },
  });
  expect(code.statusCode, code.body).toBe(201);
  const entered = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${eventId}/attendance`,
    payload: { ticketCode: c.ticketCode, code: code.json().code },
  });
  expect(entered.json(), entered.body).toMatchObject({ first: true, presentOnline: true });
  const issued = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${eventId}/certificates`,
    token,
    payload: { roles: ['peserta'], beforeEnd: true },
  });
  expect(issued.statusCode, issued.body).toBe(200);
  expect(issued.json().issued).toBe(2);
  const open = await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/evaluation/open`, token });
  expect(open.statusCode, open.body).toBeLessThan(300);
  const answers = {
    materi: 5,
    narasumber: 5,
    diskusi: 4,
    penyelenggaraan: 3,
    teknis: 4,
    manfaat: 5,
    saran: 'x',
  };
  const sent = await t.inject({
    method: 'POST',
    url: `/api/v1/tickets/${c.ticketCode}/evaluation`,
    payload: { answers },
  });
  expect(sent.statusCode, sent.body).toBeLessThan(300);
  return { eventId, hook: hook.json() as { id: string; secret: string }, a, b, c };
}

/** What the receiver must have got, each once: by type, the registration it is about. */
function expectOnce(
  got: { signature: string; body: string }[],
  secret: string,
  ids: { a: string; b: string; c: string },
) {
  for (const g of got)
    expect(g.signature).toBe(`sha256=${createHmac('sha256', secret).update(g.body).digest('hex')}`);
  const seen = got.map((g) => {
    const b = JSON.parse(g.body);
    return `${b.type} ${b.data.registrationId ?? b.data.registrationIds.join(',')}`;
  });
  expect(seen.sort()).toEqual(
    [
      `registration.cancelled ${ids.a}`,
      `registration.promoted ${ids.b}`,
      `attendance.checked_in ${ids.b}`,
      `attendance.online_present ${ids.c}`,
      `certificate.issued ${ids.b}`,
      `certificate.issued ${ids.c}`,
      `evaluation.submitted ${ids.c}`,
    ].sort(),
  );
}

type Hooked = TestApp & { hookUrl: string };

async function withApp(
  kind: (typeof DB_KINDS)[number],
  run: (t: Hooked, recv: Awaited<ReturnType<typeof receiver>>) => Promise<void>,
) {
  const recv = await receiver();
  const t = (await createTestApp(kind, { JOBS_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE: 'true' })) as Hooked;
  t.hookUrl = recv.url;
  try {
    await t.app.ready();
    await run(t, recv);
  } finally {
    await t.close();
    await recv.close();
  }
}

/** Waits until every delivery of the webhook is sent, so nothing more can arrive. */
const allSent = (t: TestApp, hookId: string, n: number) =>
  eventually(
    () => t.app.ctx.services.webhooks.deliveries(hookId),
    (d) => d.length === n && d.every((x) => x.status === 'sent'),
  );

describe.each(DB_KINDS)('webhook durability on %s', (kind) => {
  it('posts each cause once after concurrent sweeps when a crash kept it off the bus', async () => {
    await withApp(kind, async (t, recv) => {
      // The node "dies" between each commit and its bus handlers: the events never reach them.
      const bus = t.app.ctx.bus;
      const emit = bus.emit.bind(bus);
      bus.emit = (async (name, payload) => {
        if ((TYPES as readonly string[]).includes(name)) return;
        await emit(name, payload);
      }) as typeof bus.emit;
      const { hook, a, b, c } = await causes(t);
      expect(await t.app.ctx.services.webhooks.deliveries(hook.id)).toHaveLength(0);
      const later = Date.now() + 120_000;
      // Two nodes sweeping at once: the unique key lets each delivery in once.
      const hooks = t.app.ctx.services.webhooks;
      const counts = await Promise.all([hooks.catchUp(later), hooks.catchUp(later), hooks.catchUp(later)]);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(7);
      expect(await hooks.catchUp(later)).toBe(0);
      await allSent(t, hook.id, 7);
      expect(recv.got).toHaveLength(7);
      expectOnce(recv.got, hook.secret, { a: a.id, b: b.id, c: c.id });
    });
  });

  it('posts each cause once through the bus, and the sweep adds nothing', async () => {
    await withApp(kind, async (t, recv) => {
      const { eventId, hook, a, b, c } = await causes(t);
      await allSent(t, hook.id, 7);
      expect(await t.app.ctx.services.webhooks.catchUp(Date.now() + 120_000)).toBe(0);
      expect(recv.got).toHaveLength(7);
      expectOnce(recv.got, hook.secret, { a: a.id, b: b.id, c: c.id });
      // attendance.online_present end to end: the code entry's body, without the ticket code.
      const online = recv.got.map((g) => g.body).find((x) => x.includes('attendance.online_present'))!;
      expect(JSON.parse(online)).toMatchObject({
        type: 'attendance.online_present',
        eventId,
        data: { registrationId: c.id },
      });
      expect(online).not.toContain(c.ticketCode);
      const cancelled = recv.got
        .map((g) => JSON.parse(g.body))
        .find((x) => x.type === 'registration.cancelled');
      expect(cancelled.data).toEqual({ registrationId: a.id, mode: 'onsite', previousStatus: 'confirmed' });
    });
  });
});
