import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { eventually, plain, registerMany, subjectOf } from '../../../../test/helpers/messages.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { startSmtp } from '../../../../test/helpers/smtp.js';

describe.each(DB_KINDS)('change notices on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    ev = await publishedEvent(t);
    await registerMany(t, ev.id, 2, 'hall');
    await registerMany(t, ev.id, 1, 'online', { mode: 'online', locale: 'en' }, 10);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const offer = async () =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/change-notice`, token: ev.token })).json();
  const patch = (payload: Record<string, unknown>) =>
    t.inject({ method: 'PATCH', url: `/api/v1/events/${ev.id}`, token: ev.token, payload });

  it('offers nothing while nothing changed', async () => {
    expect(await offer()).toMatchObject({ pending: false, count: 0 });
  });

  it('a new link goes to online registrants only; dismissing it clears the offer', async () => {
    expect((await patch({ online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/999' } })).statusCode).toBe(
      200,
    );
    const o = await offer();
    expect(o).toMatchObject({ pending: true, count: 1, audience: { modes: ['online'] } });
    expect(o.text.id.body).toContain('Tautan ruang daring diperbarui');
    const d = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/change-notice/dismiss`,
      token: ev.token,
    });
    expect(d.statusCode).toBe(204);
    expect((await offer()).pending).toBe(false);
  });

  it('a new time reaches everyone with before and after, each in their language, once', async () => {
    const r = await patch({ startsAt: '2031-12-30T13:00:00+07:00', endsAt: '2031-12-30T16:00:00+07:00' });
    expect(r.statusCode, r.body).toBe(200);
    const o = await offer();
    expect(o).toMatchObject({ pending: true, count: 3, audience: { modes: ['onsite', 'online'] } });
    expect(o.text.id.body).toMatch(
      /Waktu: Selasa, 30 Desember 2031, pukul 09\.00 WIB.* → Selasa, 30 Desember 2031, pukul 13\.00 WIB/,
    );
    const send = () =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.id}/change-notice`,
        token: ev.token,
        payload: { idempotencyKey: 'n1' },
      });
    const s = await send();
    expect(s.json()).toMatchObject({ sent: true, recipients: 3 });
    expect((await send()).json()).toMatchObject({ sent: false });
    const mails = await eventually(
      () => smtp.inbox.filter((m) => /^(Perubahan acara|Event changed):/.test(subjectOf(m))),
      (x) => x.length >= 3,
    );
    const en = plain(mails.find((m) => subjectOf(m).startsWith('Event changed'))!);
    expect(en).toContain('Time: Tuesday, 30 December 2031');
    expect(mails).toHaveLength(3);
    expect((await offer()).pending).toBe(false);
  });

  it('is for the event organizers only', async () => {
    const other = await t.tokenFor('organizer');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/change-notice`, token: other }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${ev.id}/change-notice`,
          token: other,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/events/${ev.id}/change-notice`, payload: {} }))
        .statusCode,
    ).toBe(401);
  });
});
