import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { jpegWithExif, multipart } from '../../../test/helpers/images.js';

describe.each(DB_KINDS)('deleting an event on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
  });
  afterAll(() => t.close());

  async function fullEvent() {
    const e = await createEvent(
      t,
      organizer,
      {
        title: 'Seminar yang dibatalkan',
        startsAt: '2031-12-30T09:00:00+07:00',
        endsAt: '2031-12-30T12:00:00+07:00',
        venue: { name: 'Aula', capacity: 10 },
      },
      { publish: true },
    );
    const p = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/people`,
      token: organizer,
      payload: { name: 'Heri Sutanto', role: 'speaker', presence: 'onsite' },
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/agenda`,
      token: organizer,
      payload: {
        startsAt: '2031-12-30T09:00:00+07:00',
        kind: 'talk',
        title: 'Materi',
        personIds: [p.json().id],
      },
    });
    const reg = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: { name: 'Siti', phone: '081234567001', mode: 'onsite', consent: true },
      })
    ).json();
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token: organizer,
      payload: { ticketCode: reg.ticketCode, override: { reason: 'Tes: di luar jendela acara' } },
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/questions`,
      payload: { text: 'Pertanyaan?', channel: 'onsite', ticketCode: reg.ticketCode },
    });
    return { ...e, ticketCode: reg.ticketCode as string };
  }

  it('asks for the typed address, then deletes the event and everything under it, files included', async () => {
    const e = await fullEvent();
    const photo = await jpegWithExif(1200, 800);
    const banner = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/banner`,
      token: organizer,
      ...multipart([{ name: 'file', value: photo, filename: 'banner.jpg', type: 'image/jpeg' }]),
    });
    expect(banner.statusCode).toBe(200);
    const photos = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/photos`,
      token: organizer,
      ...multipart([{ name: 'files', value: photo, filename: 'IMG_0001.jpg', type: 'image/jpeg' }]),
    });
    expect(photos.statusCode, photos.body).toBe(201);
    const stored = [banner.json().bannerUrl as string, photos.json().photos[0].url as string].map((u) =>
      join(t.config.dataDir, 'uploads', u.replace(/^\/uploads\//, '').split('?')[0]!),
    );
    for (const f of stored) expect(existsSync(f), f).toBe(true);
    const unconfirmed = await t.inject({ method: 'DELETE', url: `/api/v1/events/${e.id}`, token: organizer });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error.message).toContain(e.slug);
    const wrong = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${e.id}?confirm=lain`,
      token: organizer,
    });
    expect(wrong.statusCode).toBe(409);
    expect((await t.inject({ method: 'GET', url: `/e/${e.slug}` })).statusCode).toBe(200);

    const ok = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${e.id}?confirm=${e.slug}`,
      token: organizer,
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}`, token: organizer })).statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/e/${e.slug}` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/t/${e.ticketCode}` })).statusCode).toBe(404);
    const db = t.app.ctx.db;
    for (const table of ['people', 'agenda_items', 'registrations', 'attendance', 'questions'] as const) {
      const n = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', '=', e.id)
        .executeTakeFirstOrThrow();
      expect(Number(n.n), table).toBe(0);
    }
    for (const f of stored) expect(existsSync(f), f).toBe(false);
    const audit = await db.selectFrom('audit_log').selectAll().where('event_id', '=', e.id).execute();
    expect(audit.map((a) => a.action)).toContain('event.deleted');
  });

  it('is for the event’s organizers only', async () => {
    const e = await fullEvent();
    const url = `/api/v1/events/${e.id}?confirm=${e.slug}`;
    expect((await t.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    for (const role of ['organizer', 'moderator', 'checkin'] as const) {
      expect((await t.inject({ method: 'DELETE', url, token: await t.tokenFor(role) })).statusCode).toBe(403);
    }
    expect((await t.inject({ method: 'GET', url: `/e/${e.slug}` })).statusCode).toBe(200);
  });

  it('works from the console with the typed confirmation', async () => {
    const e = await fullEvent();
    await t.tokenFor('organizer', 'hapus@example.test');
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'organizer0@example.test', password: 'password123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const csrf = login.json().csrfToken as string;
    const form = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/delete`,
      cookies: { aula_session: cookie },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(e.slug);
    const wrong = await t.inject({
      method: 'POST',
      url: `/console/events/${e.id}/delete`,
      cookies: { aula_session: cookie },
      payload: { _csrf: csrf, confirm: 'salah' },
    });
    expect(wrong.statusCode).toBe(409);
    const done = await t.inject({
      method: 'POST',
      url: `/console/events/${e.id}/delete`,
      cookies: { aula_session: cookie },
      payload: { _csrf: csrf, confirm: e.slug },
    });
    expect(done.statusCode).toBe(303);
    expect((await t.inject({ method: 'GET', url: `/e/${e.slug}` })).statusCode).toBe(404);
  });
});
