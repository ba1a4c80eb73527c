import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { eventually, plain, registerMany, subjectOf } from '../../../../test/helpers/messages.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { startSmtp } from '../../../../test/helpers/smtp.js';

const DAY_BEFORE = Date.parse('2031-12-29T17:00:00+07:00');

describe.each(DB_KINDS)('"Masih jadi datang?" on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };
  let hall: string[];
  let waiting: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    ev = await publishedEvent(t, { capacity: 2 });
    hall = await registerMany(t, ev.id, 2, 'hall');
    waiting = await registerMany(t, ev.id, 2, 'wait', {}, 5);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const ticket = async (code: string) =>
    (await t.inject({ method: 'GET', url: `/api/v1/tickets/${code}` })).json();
  const form = (url: string) =>
    t.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });

  it('the day-before hall reminder offers moving online or cancelling; a freed seat goes to the waitlist at once', async () => {
    await t.app.ctx.services.reminders.sweep(DAY_BEFORE + 1000);
    const raw = await eventually(
      () => smtp.inbox.find((m) => subjectOf(m).startsWith('Pengingat') && m.includes('To: p0-hall')),
      (m) => !!m,
    );
    const mail = plain(raw ?? '');
    expect(mail).toContain('Masih jadi datang ke aula?');
    const link = /Pindah ke daring: (\S+)/.exec(mail)![1]!;
    expect(link).toBe(`http://aula.test/t/${hall[0]}/masih?pilih=daring`);

    // Opening the link changes nothing (mail scanners open links); the button does.
    const page = await t.inject({ method: 'GET', url: link.replace('http://aula.test', '') });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('Pindah ke daring');
    expect(page.body).not.toContain('Batal hadir');
    expect((await ticket(hall[0]!)).mode).toBe('onsite');

    const moved = await form(`/t/${hall[0]}/masih/daring`);
    expect(moved.statusCode).toBe(303);
    expect((await ticket(hall[0]!)).mode).toBe('online');
    expect((await ticket(waiting[0]!)).status).toBe('confirmed');
    await eventually(
      () =>
        smtp.inbox.filter(
          (m) => m.includes('To: p5-wait') && subjectOf(m).startsWith('Anda mendapat tempat'),
        ),
      (x) => x.length === 1,
    );

    const cancelled = await form(`/t/${hall[1]}/masih/batal`);
    expect(cancelled.statusCode).toBe(303);
    expect((await ticket(hall[1]!)).status).toBe('cancelled');
    expect((await ticket(waiting[1]!)).status).toBe('confirmed');
    const after = await t.inject({ method: 'GET', url: `/t/${hall[1]}/masih?done=batal` });
    expect(after.body).toContain('Pendaftaran Anda dibatalkan');
  });

  it('an unknown ticket is a 404 page', async () => {
    const r = await t.inject({ method: 'GET', url: '/t/unknownunknownunknown/masih' });
    expect(r.statusCode).toBe(404);
  });
});
