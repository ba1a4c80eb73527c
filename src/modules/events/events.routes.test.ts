import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';

describe.each(DB_KINDS)('events API on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    other = await t.tokenFor('organizer');
  });
  afterAll(() => t.close());

  it('creates a draft with an Indonesian slug, visible to its organizer only', async () => {
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: seedSeminar,
    });
    expect(r.statusCode).toBe(201);
    const e = r.json();
    expect(e.slug).toBe('strategi-pemulihan-perekonomian-umkm-di-tengah-pandemi-covid');
    expect(e.status).toBe('draft');
    expect(e.startsAt).toBe('2021-12-30T09:00:00+07:00');
    expect(e.timezone).toBe('Asia/Jakarta');
    expect(e.online.joinUrl).toBe('https://zoom.us/j/123456789');
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${e.slug}` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}`, token: other })).statusCode).toBe(
      404,
    );
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}`, token: organizer })).statusCode,
    ).toBe(200);
  });

  it('publishes; the public sees it by slug without the join link', async () => {
    const e = await createEvent(t, organizer, { ...seedSeminar, slug: 'seminar-umkm' });
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token: other })).statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish` })).statusCode).toBe(401);
    const p = await t.inject({
      method: 'POST',
      url: `/api/v1/events/seminar-umkm/publish`,
      token: organizer,
    });
    expect(p.json().status).toBe('published');
    const pub = await t.inject({ method: 'GET', url: '/api/v1/events/seminar-umkm' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().online).toEqual({ platform: 'zoom', streamUrl: null });
    const list = await t.inject({ method: 'GET', url: '/api/v1/events' });
    expect(list.json().events.map((x: { slug: string }) => x.slug)).toContain('seminar-umkm');
    // Now published, another organizer can see it but not change it.
    const patch = await t.inject({
      method: 'PATCH',
      url: '/api/v1/events/seminar-umkm',
      token: other,
      payload: { title: 'Diubah' },
    });
    expect(patch.statusCode).toBe(403);
    const anon = await t.inject({
      method: 'PATCH',
      url: '/api/v1/events/seminar-umkm',
      payload: { title: 'Diubah' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = (await t.inject({ method: 'GET', url: '/api/v1/events', token: organizer })).json().events
      .length;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...seedSeminar, endsAt: '2021-12-30T08:00:00+07:00' }, 'endsAt'],
      [{ ...seedSeminar, timezone: 'Mars/Olympus' }, 'timezone'],
      [{ ...seedSeminar, online: { platform: 'zoom', joinUrl: 'javascript:alert(1)' } }, 'joinUrl'],
      [{ ...seedSeminar, startsAt: '30/12/2021 09:00' }, 'startsAt'],
      [{ ...seedSeminar, title: '' }, 'title'],
      [{ ...seedSeminar, online: { platform: 'skype', joinUrl: 'https://x.test' } }, 'platform'],
    ];
    for (const [payload, field] of cases) {
      const r = await t.inject({ method: 'POST', url: '/api/v1/events', token: organizer, payload });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
      expect(r.json().error.message).toContain(field);
    }
    const taken = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: { ...seedSeminar, slug: 'seminar-umkm' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('seminar-umkm');
    const after = (await t.inject({ method: 'GET', url: '/api/v1/events', token: organizer })).json().events
      .length;
    expect(after).toBe(before);
    expect((await t.inject({ method: 'GET', url: '/api/v1/events/nope' })).statusCode).toBe(404);
  });

  it('check-in staff and moderators may not create events', async () => {
    for (const role of ['checkin', 'moderator'] as const) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token: await t.tokenFor(role),
        payload: seedSeminar,
      });
      expect(r.statusCode).toBe(403);
    }
    expect((await t.inject({ method: 'POST', url: '/api/v1/events', payload: seedSeminar })).statusCode).toBe(
      401,
    );
  });

  it('keeps people titles exactly as typed and links them to the rundown', async () => {
    const e = await createEvent(t, organizer, seedSeminar);
    const p = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/people`,
      token: organizer,
      payload: {
        name: 'Choirul Arifin',
        backTitles: 'S.St.Pi., M.M',
        position: 'Kasi Pengembangan Usaha Mikro DKUPP',
        role: 'speaker',
        presence: 'onsite',
      },
    });
    expect(p.statusCode).toBe(201);
    expect(p.json().fullName).toBe('Choirul Arifin, S.St.Pi., M.M');
    const a = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/agenda`,
      token: organizer,
      payload: {
        startsAt: '2021-12-30T09:30:00+07:00',
        endsAt: '2021-12-30T10:00:00+07:00',
        kind: 'talk',
        title: 'Pemateri 1',
        personIds: [p.json().id],
      },
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().people[0].fullName).toBe('Choirul Arifin, S.St.Pi., M.M');
    const bad = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/agenda`,
      token: organizer,
      payload: {
        startsAt: '2021-12-30T09:30:00+07:00',
        kind: 'talk',
        title: 'X',
        personIds: ['someone-else'],
      },
    });
    expect(bad.statusCode).toBe(400);
    const list = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/agenda`, token: organizer });
    expect(list.json().agenda).toHaveLength(1);
    const anon = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/people`,
      payload: { name: 'X', role: 'speaker', presence: 'onsite' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('serves an OpenAPI document listing the contract routes', async () => {
    const r = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(r.json().paths);
    for (const p of [
      '/api/v1/events',
      '/api/v1/events/{id}',
      '/api/v1/events/{id}/publish',
      '/api/v1/events/{id}/people',
      '/api/v1/events/{id}/agenda',
      '/api/v1/auth/login',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
