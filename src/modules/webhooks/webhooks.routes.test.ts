import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { eventually, registerMany } from '../../../test/helpers/messages.js';
import { publishedEvent } from '../../../test/helpers/registrations.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiving system on localhost: `/flaky` answers 500 to its first call. */
async function receiver() {
  const got: Received[] = [];
  let flakyCalls = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/flaky' && flakyCalls++ === 0) res.writeHead(500).end('down');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(DB_KINDS)('webhooks on %s', (kind) => {
  let t: TestApp;
  let recv: Awaited<ReturnType<typeof receiver>>;
  let ev: { id: string; token: string };
  let hook: { id: string; secret: string };

  beforeAll(async () => {
    recv = await receiver();
    t = await createTestApp(kind, {
      JOBS_POLL_MS: '50',
      JOBS_RETRY_SECONDS: '1',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
    });
    await t.app.ready();
    ev = await publishedEvent(t);
  });
  afterAll(async () => {
    await t.close();
    await recv.close();
  });

  const create = (payload: Record<string, unknown>, token = ev.token, lang = 'id') =>
    t.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      token,
      payload,
      headers: { 'accept-language': lang },
    });

  it('delivers a signed body without bearer secrets', async () => {
    const r = await create({ url: `${recv.url}/hook`, events: ['registration.created'], eventId: ev.id });
    expect(r.statusCode, r.body).toBe(201);
    hook = r.json();
    expect(hook.secret.length).toBeGreaterThan(20);
    const [code] = await registerMany(t, ev.id, 1, 'hook');
    const [got] = await eventually(
      () => recv.got.filter((g) => g.path === '/hook'),
      (x) => x.length >= 1,
    );
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      type: 'registration.created',
      eventId: ev.id,
      data: { status: 'confirmed', mode: 'onsite' },
    });
    expect(Date.parse(body.occurredAt)).toBeGreaterThan(0);
    expect(got!.body).not.toContain(code);
    const expected = `sha256=${createHmac('sha256', hook.secret).update(got!.body).digest('hex')}`;
    expect(got!.headers['x-aula-signature']).toBe(expected);
    expect(got!.headers['x-aula-event']).toBe('registration.created');
  });

  it('retries a failing receiver with backoff, logs it, and redelivers by hand', async () => {
    const r = await create({ url: `${recv.url}/flaky`, events: ['registration.cancelled'], eventId: ev.id });
    const flaky = r.json() as { id: string };
    const [code] = await registerMany(t, ev.id, 1, 'flaky', {}, 50);
    await t.inject({ method: 'POST', url: `/api/v1/tickets/${code}/cancel` });
    const log = async () =>
      (
        await t.inject({ method: 'GET', url: `/api/v1/webhooks/${flaky.id}/deliveries`, token: ev.token })
      ).json().items as { id: string; status: string; attempts: number; responseStatus: number | null }[];
    const [d] = await eventually(log, (x) => x[0]?.status === 'sent', 30_000);
    expect(d).toMatchObject({ attempts: 2, responseStatus: 204 });
    expect(recv.got.filter((g) => g.path === '/flaky')).toHaveLength(2);
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${flaky.id}/deliveries/${d!.id}/redeliver`,
      token: ev.token,
    });
    expect(again.statusCode, again.body).toBe(202);
    const calls = await eventually(
      () => recv.got.filter((g) => g.path === '/flaky'),
      (x) => x.length >= 3,
    );
    expect(calls[2]!.headers['x-aula-delivery']).toBe(d!.id);
  });

  it('refuses a non-http URL and unknown events, naming the field in the caller language', async () => {
    const ftp = await create(
      { url: 'ftp://example.org/x', events: ['registration.created'], eventId: ev.id },
      ev.token,
      'en',
    );
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error.message).toMatch(/url: must be an http\(s\) URL/);
    const unknown = await create({
      url: 'https://example.org/x',
      events: ['registration.eaten'],
      eventId: ev.id,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/events\.0: harus salah satu dari/);
  });

  it('lets organizers manage their events only, admins all', async () => {
    const payload = { url: `${recv.url}/x`, events: ['registration.created'], eventId: ev.id };
    expect((await create(payload, '')).statusCode).toBe(401);
    const stranger = await t.tokenFor('organizer');
    expect((await create(payload, stranger)).statusCode).toBe(403);
    expect((await create({ ...payload, eventId: undefined }, ev.token)).statusCode).toBe(403);
    const admin = await t.tokenFor('admin');
    expect((await create({ ...payload, eventId: undefined }, admin)).statusCode).toBe(201);
    const logs = await t.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${hook.id}/deliveries`,
      token: stranger,
    });
    expect(logs.statusCode).toBe(403);
    const all = await t.inject({ method: 'GET', url: '/api/v1/webhooks', token: admin });
    expect(all.json().items.length).toBe(3);
    expect((await t.inject({ method: 'GET', url: '/api/v1/webhooks', token: ev.token })).statusCode).toBe(
      403,
    );
    const del = await t.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}`, token: stranger });
    expect(del.statusCode).toBe(403);
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}`, token: ev.token })).statusCode,
    ).toBe(204);
  });
});

describe('webhook addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('refuses loopback and private addresses unless WEBHOOKS_ALLOW_PRIVATE=true', async () => {
    const ev = await publishedEvent(t);
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://192.168.1.10/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
    ]) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        token: ev.token,
        payload: { url, events: ['registration.created'], eventId: ev.id },
        headers: { 'accept-language': 'en' },
      });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.code).toBe('webhook_private_address');
      expect(r.json().error.message).toMatch(/^url:/);
    }
  });
});

describe.each(DB_KINDS)('webhooks for check-ins on %s', (kind) => {
  it('posts attendance.checked_in on the first door scan only, and certificate.issued', async () => {
    const recv = await receiver();
    const t = await createTestApp(kind, { JOBS_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    try {
      await t.app.ready();
      const ev = await publishedEvent(t);
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        token: ev.token,
        payload: {
          url: `${recv.url}/door`,
          events: ['attendance.checked_in', 'certificate.issued'],
          eventId: ev.id,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      const [code] = await registerMany(t, ev.id, 1, 'door');
      for (let i = 0; i < 2; i++)
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${ev.id}/checkins`,
          token: ev.token,
          payload: { ticketCode: code, override: { reason: 'test di luar jam pintu' } },
        });
      const [got] = await eventually(
        () => recv.got,
        (x) => x.length >= 1,
      );
      expect(JSON.parse(got!.body)).toMatchObject({ type: 'attendance.checked_in', eventId: ev.id });
      expect(got!.body).not.toContain(code);
      expect(recv.got).toHaveLength(1);
      const issued = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.id}/certificates`,
        token: ev.token,
        payload: { roles: ['peserta'], beforeEnd: true },
      });
      expect(issued.statusCode, issued.body).toBe(200);
      const all = await eventually(
        () => recv.got,
        (x) => x.length >= 2,
      );
      const cert = JSON.parse(all[1]!.body);
      expect(cert).toMatchObject({ type: 'certificate.issued', eventId: ev.id, data: { role: 'peserta' } });
      expect(cert.data.registrationIds).toHaveLength(1);
    } finally {
      await t.close();
      await recv.close();
    }
  });
});

describe.each(DB_KINDS)('webhooks for evaluations on %s', (kind) => {
  it('posts evaluation.submitted when a participant sends the evaluation', async () => {
    const recv = await receiver();
    const t = await createTestApp(kind, { JOBS_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    try {
      await t.app.ready();
      const ev = await publishedEvent(t);
      const hook = await t.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        token: ev.token,
        payload: { url: `${recv.url}/eval`, events: ['evaluation.submitted'], eventId: ev.id },
      });
      expect(hook.statusCode, hook.body).toBe(201);
      const [code] = await registerMany(t, ev.id, 1, 'eval');
      const open = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.id}/evaluation/open`,
        token: ev.token,
      });
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
        url: `/api/v1/tickets/${code}/evaluation`,
        payload: { answers },
      });
      expect(sent.statusCode, sent.body).toBeLessThan(300);
      const [got] = await eventually(
        () => recv.got,
        (x) => x.length >= 1,
      );
      expect(JSON.parse(got!.body)).toMatchObject({ type: 'evaluation.submitted', eventId: ev.id });
      expect(got!.body).not.toContain(code);
      expect(got!.body).not.toContain('materi');
    } finally {
      await t.close();
      await recv.close();
    }
  });
});

describe.each(DB_KINDS)('the webhook catch-up on %s', (kind) => {
  it('posts registration.created that the bus never carried (a crash after the commit), once', async () => {
    const recv = await receiver();
    const t = await createTestApp(kind, { JOBS_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    try {
      await t.app.ready();
      const ev = await publishedEvent(t);
      const hook = await t.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        token: ev.token,
        payload: { url: `${recv.url}/late`, events: ['registration.created'], eventId: ev.id },
      });
      expect(hook.statusCode, hook.body).toBe(201);
      // One sign-up through the API (the bus path), one written without its domain event (as if the node died).
      await registerMany(t, ev.id, 1, 'bus');
      const [lost] = await seedRegistrations(t.app.ctx.db, ev.id, 1, { prefix: 'Hilang' });
      await eventually(
        () => recv.got,
        (x) => x.length >= 1,
      );
      const later = Date.now() + 120_000;
      expect(await t.app.ctx.services.webhooks.catchUp(later)).toBe(1);
      expect(await t.app.ctx.services.webhooks.catchUp(later)).toBe(0);
      const got = await eventually(
        () => recv.got,
        (x) => x.length >= 2,
      );
      const bodies = got.map((g) => JSON.parse(g.body));
      expect(bodies.map((b) => b.type)).toEqual(['registration.created', 'registration.created']);
      expect(bodies[1].data.registrationId).toBe(lost!.id);
      expect(recv.got).toHaveLength(2);
    } finally {
      await t.close();
      await recv.close();
    }
  });
});
