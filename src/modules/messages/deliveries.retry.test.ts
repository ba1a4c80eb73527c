import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { eventually } from '../../../test/helpers/messages.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';
import { createMailer } from '../../mail/mailer.js';

/** An SMTP server that refuses some recipients for a while (a full mailbox, a greylisting server). */
async function moodySmtp() {
  const got = new Map<string, number>();
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    onRcptTo(address, _s, cb) {
      const left = refuse.get(address.address) ?? 0;
      if (left > 0) {
        refuse.set(address.address, left - 1);
        const err = new Error('Mailbox busy, try later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) got.set(r.address, (got.get(r.address) ?? 0) + 1);
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { url, got, refuse, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(DB_KINDS)('delivery retries on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof moodySmtp>>;
  let ev: { id: string; token: string };

  beforeAll(async () => {
    smtp = await moodySmtp();
    t = await createTestApp(
      kind,
      { JOBS_POLL_MS: '50', JOBS_RETRY_SECONDS: '1' },
      { mailer: createMailer({ url: smtp.url, from: 'Aula <aula@example.test>' }) },
    );
    await t.app.ready();
    ev = await publishedEvent(t);
    for (const [i, email] of ['flaky@example.test', 'stuck@example.test'].entries()) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.id}/registrations`,
        payload: person(i, { email }),
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const log = async () =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/deliveries`, token: ev.token })).json()
      .items as { id: string; name: string; status: string; attempts: number; error: string | null }[];

  it('a refused e-mail is retried with backoff; a failed one goes again from the console, still once', async () => {
    // The ticket e-mails of the sign-ups go out first (after the response); then the counts start.
    await eventually(
      () => smtp.got.size,
      (n) => n === 2,
    );
    smtp.got.clear();
    smtp.refuse.set('flaky@example.test', 1);
    smtp.refuse.set('stuck@example.test', 1000);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/messages`,
      token: ev.token,
      payload: {
        audience: { modes: ['onsite'], statuses: ['confirmed'] },
        subject: 'Coba lagi',
        body: 'Isi.',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const rows = await eventually(
      log,
      // Both settle on their own clocks: the flaky one is sent on its second try, the stuck one fails for good.
      (x) =>
        x.some((d) => d.name === 'Peserta 0' && d.status === 'sent') &&
        x.some((d) => d.name === 'Peserta 1' && d.status === 'failed'),
      30_000,
    );
    expect(rows.find((d) => d.name === 'Peserta 0')).toMatchObject({ status: 'sent', attempts: 2 });
    const stuck = rows.find((d) => d.name === 'Peserta 1')!;
    expect(stuck.status).toBe('failed');
    expect(stuck.error).toMatch(/451|busy/i);

    // The mailbox recovers; the organizer presses retry while the queue also retries on its own.
    smtp.refuse.set('stuck@example.test', 0);
    const retry = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/deliveries/retry`,
      token: ev.token,
      payload: {},
    });
    expect(retry.statusCode).toBe(200);
    await eventually(log, (x) => x.every((d) => d.status === 'sent'), 30_000);
    await new Promise((res) => setTimeout(res, 2500));
    expect(smtp.got.get('flaky@example.test')).toBe(1);
    expect(smtp.got.get('stuck@example.test')).toBe(1);
  });
});
