import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { eventually, plain, received, registerMany } from '../../../test/helpers/messages.js';
import { publishedEvent } from '../../../test/helpers/registrations.js';
import { startSmtp } from '../../../test/helpers/smtp.js';

describe.each(DB_KINDS)('messages to registrants on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };
  let online: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    ev = await publishedEvent(t);
    await registerMany(t, ev.id, 3, 'hall');
    online = await registerMany(t, ev.id, 2, 'online', { mode: 'online' }, 10);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const send = (payload: Record<string, unknown>, token = ev.token, lang = 'id') =>
    t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/messages`,
      token,
      payload,
      headers: { 'accept-language': lang },
    });
  const audience = { modes: ['online'], statuses: ['confirmed'] };

  it('previews the count of an audience', async () => {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/messages/preview`,
      token: ev.token,
      payload: { audience, channels: ['email', 'whatsapp'] },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ count: 2, email: 2, whatsapp: 2 });
  });

  it('sends once to each online registrant, markup as text, and a second press sends nothing', async () => {
    const subject = `Tautan Zoom ${kind}`;
    const payload = {
      audience,
      subject,
      body: 'Link Zoom ada di tiket. <b>Jangan</b> dibagikan.',
      channels: ['email'],
      idempotencyKey: `k-${kind}`,
    };
    const first = await send(payload);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ recipients: 2, created: true });
    const again = await send(payload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, created: false });

    const to = await eventually(
      () => received(smtp.inbox, subject),
      (x) => x.length >= 2,
    );
    expect(to.sort()).toEqual(['p10-online@example.test', 'p11-online@example.test']);
    const mail = plain(smtp.inbox.find((m) => m.includes(`Subject: ${subject}`))!);
    expect(mail).toContain('<b>Jangan</b> dibagikan.');
    expect(mail).not.toMatch(/Content-Type: text\/html/i);
    expect(online.some((code) => mail.includes(`/t/${code}`))).toBe(true);

    const progress = await eventually(
      async () =>
        (
          await t.inject({
            method: 'GET',
            url: `/api/v1/events/${ev.id}/messages/${first.json().id}`,
            token: ev.token,
          })
        ).json(),
      (p) => p.progress.sent === 2,
    );
    expect(progress.progress).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    const log = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.id}/deliveries?status=sent`,
      token: ev.token,
    });
    expect(
      log
        .json()
        .items.map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(['Peserta 10', 'Peserta 11']);
    // Nothing more arrives: a job retried or a second worker finds the deliveries already sent.
    expect(received(smtp.inbox, subject)).toHaveLength(2);
  });

  it('the same key pressed twice at once still sends once', async () => {
    const subject = `Serentak ${kind}`;
    const payload = { audience, subject, body: 'Dua klik.', idempotencyKey: `twice-${kind}` };
    const [a, b] = await Promise.all([send(payload), send(payload)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    await eventually(
      () => received(smtp.inbox, subject),
      (x) => x.length >= 2,
    );
    expect(received(smtp.inbox, subject)).toHaveLength(2);
  });

  it('refuses a message without an audience or text, naming the field in the caller language', async () => {
    const noAudience = await send({ subject: 'x', body: 'y' }, ev.token, 'en');
    expect(noAudience.statusCode).toBe(400);
    expect(noAudience.json().error.message).toMatch(/audience/);
    expect(noAudience.json().error.message).toMatch(/required/);
    const noText = await send({ audience, subject: 'x', body: '  ' });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.message).toMatch(/body/);
    expect(noText.json().error.message).toMatch(/terlalu pendek/);
    const noMode = await send({ audience: { modes: [], statuses: ['confirmed'] }, subject: 'x', body: 'y' });
    expect(noMode.statusCode).toBe(400);
    expect(noMode.json().error.message).toMatch(/audience\.modes/);
  });

  it('lets only the event organizers send', async () => {
    const payload = { audience, subject: 'x', body: 'y' };
    expect((await send(payload, '')).statusCode).toBe(401);
    const stranger = await t.tokenFor('organizer');
    expect((await send(payload, stranger)).statusCode).toBe(403);
    const checkin = await t.tokenFor('checkin');
    expect([403, 404]).toContain((await send(payload, checkin)).statusCode);
    const admin = await t.tokenFor('admin');
    expect((await send({ ...payload, idempotencyKey: 'admin' }, admin)).statusCode).toBe(201);
    const log = await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/deliveries`, token: stranger });
    expect(log.statusCode).toBe(403);
  });
});
