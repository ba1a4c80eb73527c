import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { eventually, plain, registerMany, subjectOf } from '../../../../test/helpers/messages.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { startSmtp } from '../../../../test/helpers/smtp.js';

/** 2031-12-30 09:00 WIB: the day before at 17.00 WIB is 2031-12-29 10:00 UTC. */
const START = Date.parse('2031-12-30T09:00:00+07:00');
const DAY_BEFORE = Date.parse('2031-12-29T17:00:00+07:00');

describe.each(DB_KINDS)('reminders on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };
  let hall: string[];
  let online: string[];
  let waiting: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    ev = await publishedEvent(t, { capacity: 2 });
    hall = await registerMany(t, ev.id, 2, 'hall');
    waiting = await registerMany(t, ev.id, 1, 'wait', {}, 5);
    online = await registerMany(t, ev.id, 1, 'online', { mode: 'online' }, 10);
    const [gone] = await registerMany(t, ev.id, 1, 'gone', { mode: 'online' }, 20);
    const c = await t.inject({ method: 'POST', url: `/api/v1/tickets/${gone}/cancel` });
    expect(c.statusCode, c.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const reminders = () => smtp.inbox.filter((m) => subjectOf(m).startsWith('Pengingat:')).map(plain);
  const to = (m: string) => /^To: (.*)$/m.exec(m)?.[1];

  it('are on by default: the day before at 17.00 and one hour before', async () => {
    const r = await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/reminders`, token: ev.token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().reminders.map((x: { key: string; dueAt: number }) => [x.key, x.dueAt])).toEqual([
      ['d1@17:00', DAY_BEFORE],
      ['m60', START - 3600_000],
    ]);
  });

  it('the day before: per mode, the waitlist told, the cancelled left out, each once', async () => {
    const sweep = t.app.ctx.services.reminders;
    expect(await sweep.sweep(DAY_BEFORE - 1000)).toBe(0);
    expect(await sweep.sweep(DAY_BEFORE + 1000)).toBe(4);
    expect(await sweep.sweep(DAY_BEFORE + 2000)).toBe(0);
    const mails = await eventually(reminders, (m) => m.length >= 4);
    expect(mails.map(to).sort()).toEqual([
      'p0-hall@example.test',
      'p1-hall@example.test',
      'p10-online@example.test',
      'p5-wait@example.test',
    ]);
    const hallMail = mails.find((m) => to(m) === 'p0-hall@example.test')!;
    const raw0 = smtp.inbox.find(
      (m) => subjectOf(m).startsWith('Pengingat') && to(m) === 'p0-hall@example.test',
    )!;
    expect(subjectOf(raw0)).toMatch(
      /^Pengingat: Strategi Pemulihan Perekonomian UMKM \d+ — Selasa, 30 Desember 2031, pukul 09\.00 WIB$/,
    );
    expect(hallMail).toContain('Tempat: Aula Kelurahan Kanigaran, Kota Probolinggo');
    expect(hallMail).toContain('https://www.google.com/maps/search/');
    expect(hallMail).toContain('Pintu dibuka pukul 08.30');
    expect(hallMail).toContain(`/t/${hall[0]}`);
    expect(hallMail).toContain('BEGIN:VALARM');
    expect(hallMail).toContain(`UID:${ev.id}@aula.test`);
    const onlineMail = mails.find((m) => to(m) === 'p10-online@example.test')!;
    expect(onlineMail).toContain(`/t/${online[0]}/join`);
    expect(onlineMail).toContain('kode presensi');
    const waitMail = mails.find((m) => to(m) === 'p5-wait@example.test')!;
    expect(waitMail).toContain('masih di daftar tunggu');
    expect(waitMail).toContain(`/t/${waiting[0]}`);
    expect(waitMail).not.toContain('BEGIN:VCALENDAR');
  });

  it('one hour before: confirmed people only, in their language', async () => {
    const before = reminders().length;
    expect(await t.app.ctx.services.reminders.sweep(START - 3600_000 + 1000)).toBe(3);
    const mails = await eventually(reminders, (m) => m.length >= before + 3);
    expect(mails.slice(before).map(to).sort()).toEqual([
      'p0-hall@example.test',
      'p1-hall@example.test',
      'p10-online@example.test',
    ]);
  });

  it('skips people who registered after a reminder came due', async () => {
    // Starts in two hours: yesterday's 17.00 reminder came due before anyone registered.
    const soon = await publishedEvent(t);
    const startsAt = Date.now() + 2 * 3600_000;
    const iso = new Date(startsAt).toISOString();
    const e = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${soon.id}`,
      token: soon.token,
      payload: { startsAt: iso, endsAt: new Date(startsAt + 3600_000).toISOString() },
    });
    expect(e.statusCode, e.body).toBe(200);
    await registerMany(t, soon.id, 2, 'late', {}, 30);
    await t.app.ctx.services.reminders.sweep();
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${soon.id}/reminders`,
      token: soon.token,
    });
    expect(r.json().reminders[0].recipients).toBe(0);
    expect(r.json().reminders[1].recipients).toBeNull();
  });

  it('can be changed, removed, and refuses offsets beyond 14 days naming the field', async () => {
    const put = (reminders: unknown, lang = 'id', token = ev.token) =>
      t.inject({
        method: 'PUT',
        url: `/api/v1/events/${ev.id}/reminders`,
        token,
        payload: { reminders },
        headers: { 'accept-language': lang },
      });
    const ok = await put([{ daysBefore: 2, at: '19.30' }, { minutesBefore: 30 }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().reminders.map((x: { key: string }) => x.key)).toEqual(['d2@19:30', 'm30']);
    const far = await put([{ daysBefore: 15, at: '17:00' }], 'en');
    expect(far.statusCode).toBe(400);
    expect(far.json().error.message).toMatch(/reminders\.0\.daysBefore/);
    const tooLong = await put([{ minutesBefore: 14 * 1440 + 1 }]);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/reminders\.0\.minutesBefore/);
    const both = await put([{ daysBefore: 1, at: '17:00', minutesBefore: 5 }], 'en');
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toMatch(/daysBefore and at, or minutesBefore/);
    const none = await put([]);
    expect(none.json().reminders).toEqual([]);
    expect((await put([], 'id', await t.tokenFor('organizer'))).statusCode).toBe(403);
    expect((await put([], 'id', '')).statusCode).toBe(401);
  });
});
