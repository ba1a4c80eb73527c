import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { jpegWithExif, multipart } from '../../../test/helpers/images.js';

const seminar = {
  title: 'Seminar Hybrid UMKM Kanigaran',
  theme: 'Strategi Pemulihan',
  series: 'Seminar UMKM',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: 52 },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
};

describe.each(DB_KINDS)('event partners, team, duplicate and banner on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let other: string;
  let moderator: string;
  let eventId: string;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer', 'rina@example.test');
    other = await t.tokenFor('organizer', 'budi@example.test');
    moderator = await t.tokenFor('moderator', 'mod@example.test');
    await t.tokenFor('checkin', 'pintu@example.test');
    eventId = (
      await t.inject({ method: 'POST', url: '/api/v1/events', token: organizer, payload: seminar })
    ).json().id;
    orgA = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token: organizer,
        payload: { name: 'Kelurahan Kanigaran' },
      })
    ).json().id;
    orgB = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token: organizer,
        payload: { name: 'Lembaga Pengabdian Masyarakat Kota Probolinggo' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('sets partners in order; unknown organizations are refused without change', async () => {
    const r = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/partners`,
      token: organizer,
      payload: { orgIds: [orgB, orgA, orgB] },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().partners.map((p: { id: string }) => p.id)).toEqual([orgB, orgA]);
    const bad = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/partners`,
      token: organizer,
      payload: { orgIds: [orgA, 'nope'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope');
    const wrongType = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/partners`,
      token: organizer,
      payload: { orgIds: 'x' },
    });
    expect(wrongType.statusCode).toBe(400);
    const ev = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}`, token: organizer })).json();
    expect(ev.partners.map((p: { id: string }) => p.id)).toEqual([orgB, orgA]);
  });

  it('partners: other organizers get 404 on a draft, anonymous 401, moderators on the team 403', async () => {
    const payload = { orgIds: [orgA] };
    expect(
      (await t.inject({ method: 'PUT', url: `/api/v1/events/${eventId}/partners`, token: other, payload }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'PUT', url: `/api/v1/events/${eventId}/partners`, payload })).statusCode,
    ).toBe(401);
    await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
      payload: { email: 'mod@example.test', role: 'moderator' },
    });
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: `/api/v1/events/${eventId}/partners`,
          token: moderator,
          payload,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('manages the team by e-mail; the creator stays; team roles grant access', async () => {
    const list = await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/team`, token: organizer });
    expect(list.statusCode).toBe(200);
    expect(list.json().team).toEqual([
      expect.objectContaining({ email: 'rina@example.test', role: 'organizer', isCreator: true }),
      expect.objectContaining({ email: 'mod@example.test', role: 'moderator', isCreator: false }),
    ]);
    const add = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
      payload: { email: 'BUDI@example.test', role: 'organizer' },
    });
    expect(add.statusCode).toBe(200);
    // Budi now organizes the draft.
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${eventId}`,
          token: other,
          payload: { theme: 'Tema baru' },
        })
      ).statusCode,
    ).toBe(200);
    const change = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: other,
      payload: { email: 'budi@example.test', role: 'checkin' },
    });
    expect(change.statusCode).toBe(200);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${eventId}`,
          token: other,
          payload: { theme: 'X' },
        })
      ).statusCode,
    ).toBe(403);
    // Check-in staff and moderators may not manage the team.
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/team`, token: other })).statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/team`, token: moderator })).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/team` })).statusCode).toBe(401);
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${eventId}/team?email=budi@example.test`,
      token: organizer,
    });
    expect(del.statusCode).toBe(200);
    expect(del.json().team.map((m: { email: string }) => m.email)).not.toContain('budi@example.test');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}`, token: other })).statusCode,
    ).toBe(404);
  });

  it('team: refuses unknown users, the creator, bad roles and missing fields', async () => {
    const unknown = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
      payload: { email: 'siapa@example.test', role: 'moderator' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('siapa@example.test');
    const creator = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
      payload: { email: 'rina@example.test', role: 'checkin' },
    });
    expect(creator.statusCode).toBe(409);
    const removeCreator = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${eventId}/team?email=rina@example.test`,
      token: organizer,
    });
    expect(removeCreator.statusCode).toBe(409);
    const badRole = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
      payload: { email: 'pintu@example.test', role: 'admin' },
    });
    expect(badRole.statusCode).toBe(400);
    const noWho = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${eventId}/team`,
      token: organizer,
    });
    expect(noWho.statusCode).toBe(400);
    const team = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/team`, token: organizer })
    ).json().team;
    expect(team.map((m: { email: string }) => m.email)).toEqual(['rina@example.test', 'mod@example.test']);
  });

  it('duplicates an event with people, rundown moved to the new date, partners and team, as a draft', async () => {
    const person = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/people`,
        token: organizer,
        payload: {
          name: 'Andi Nur Rahmadi',
          backTitles: 'S.IP., M.IP.',
          role: 'speaker',
          presence: 'onsite',
        },
      })
    ).json();
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/agenda`,
      token: organizer,
      payload: {
        startsAt: '2021-12-30T10:00:00+07:00',
        endsAt: '2021-12-30T10:30:00+07:00',
        kind: 'talk',
        title: 'Pemateri 4',
        personIds: [person.id],
      },
    });
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token: organizer });

    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/duplicate`,
      token: organizer,
      payload: {
        title: 'Seminar Hybrid UMKM Kanigaran 2022',
        startsAt: '2022-06-16T13:00:00+07:00',
        endsAt: '2022-06-16T16:00:00+07:00',
      },
    });
    expect(r.statusCode).toBe(201);
    const copy = r.json();
    expect(copy.id).not.toBe(eventId);
    expect(copy.slug).toBe('seminar-hybrid-umkm-kanigaran-2022');
    expect(copy.status).toBe('draft');
    expect(copy.series).toBe('Seminar UMKM');
    expect(copy.venue).toEqual(expect.objectContaining({ name: 'Aula Kelurahan Kanigaran', capacity: 52 }));
    expect(copy.partners.map((p: { id: string }) => p.id)).toEqual([orgB, orgA]);
    const people = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${copy.id}/people`, token: organizer })
    ).json().people;
    expect(people.map((p: { fullName: string }) => p.fullName)).toEqual(['Andi Nur Rahmadi, S.IP., M.IP.']);
    expect(people[0].id).not.toBe(person.id);
    const agenda = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${copy.id}/agenda`, token: organizer })
    ).json().agenda;
    expect(agenda).toEqual([
      expect.objectContaining({
        startsAt: '2022-06-16T14:00:00+07:00',
        endsAt: '2022-06-16T14:30:00+07:00',
        title: 'Pemateri 4',
        personIds: [people[0].id],
      }),
    ]);
    const team = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${copy.id}/team`, token: organizer })
    ).json().team;
    expect(team.map((m: { email: string }) => m.email)).toEqual(['rina@example.test', 'mod@example.test']);
    // The original is untouched.
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/agenda` })).json().agenda,
    ).toHaveLength(1);
  });

  it('duplicate: two copies racing for one slug make one event, the other gets 409 and leaves nothing behind', async () => {
    const payload = {
      slug: 'seminar-umkm-balapan',
      startsAt: '2023-01-12T09:00:00+07:00',
      endsAt: '2023-01-12T12:00:00+07:00',
    };
    const people = async () => (await t.app.ctx.db.selectFrom('people').select('id').execute()).length;
    const before = await people();
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/duplicate`, token: organizer, payload }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const copy = results.find((r) => r.statusCode === 201)!.json();
    const copied = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${copy.id}/people`, token: organizer })
    ).json().people.length;
    // Only the winner's people exist: a losing copy rolled back entirely.
    expect(await people()).toBe(before + copied);
  });

  it('duplicate: roles and bad input', async () => {
    const payload = { startsAt: '2022-06-16T13:00:00+07:00', endsAt: '2022-06-16T16:00:00+07:00' };
    const url = `/api/v1/events/${eventId}/duplicate`;
    expect((await t.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    // The event is published: others see it but may not copy it.
    expect((await t.inject({ method: 'POST', url, token: other, payload })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url, token: moderator, payload })).statusCode).toBe(403);
    const before = (await t.inject({ method: 'GET', url: '/api/v1/events', token: organizer })).json().events
      .length;
    for (const [body, field] of [
      [{ ...payload, endsAt: '2022-06-16T12:00:00+07:00' }, 'endsAt'],
      [{ startsAt: payload.startsAt }, 'endsAt'],
      [{ ...payload, timezone: 'Asia/Nowhere' }, 'timezone'],
      [{ ...payload, slug: 'seminar-hybrid-umkm-kanigaran-2022' }, 'seminar-hybrid-umkm-kanigaran-2022'],
    ] as const) {
      const r = await t.inject({ method: 'POST', url, token: organizer, payload: body });
      expect(r.statusCode, field).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, field).toBeLessThan(500);
      expect(r.json().error.message).toContain(field);
    }
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/events/nope/duplicate', token: organizer, payload }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/events', token: organizer })).json().events.length,
    ).toBe(before);
  });

  it('stores a banner re-encoded as JPEG without EXIF; refuses non-images, oversized files and other users', async () => {
    const dir = join(t.config.dataDir, 'uploads', 'banners');
    const files = () => (existsSync(dir) ? readdirSync(dir) : []);
    const url = `/api/v1/events/${eventId}/banner`;
    const photo = multipart([
      { name: 'file', value: await jpegWithExif(2400, 1600), filename: 'foto.jpg', type: 'image/jpeg' },
    ]);
    expect((await t.inject({ method: 'POST', url, ...photo })).statusCode).toBe(401);
    expect((await t.inject({ method: 'POST', url, token: other, ...photo })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url, token: moderator, ...photo })).statusCode).toBe(403);
    expect(files()).toHaveLength(0);

    const r = await t.inject({ method: 'POST', url, token: organizer, ...photo });
    expect(r.statusCode).toBe(200);
    const bannerUrl = r.json().bannerUrl as string;
    expect(bannerUrl).toMatch(/^\/uploads\/banners\/[0-9a-z]+\.jpg$/);
    const img = (await t.inject({ method: 'GET', url: bannerUrl })).rawPayload;
    const meta = await sharp(img).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 960, height: 540 });
    expect(meta.exif).toBeUndefined();
    expect(img.includes(Buffer.from('AulaTestCam'))).toBe(false);

    const text = multipart([
      { name: 'file', value: Buffer.from('%PDF-1.4 not an image'), filename: 'x.jpg', type: 'image/jpeg' },
    ]);
    expect((await t.inject({ method: 'POST', url, token: organizer, ...text })).statusCode).toBe(415);
    const big = multipart([
      { name: 'file', value: Buffer.alloc(6 * 1024 * 1024, 7), filename: 'big.jpg', type: 'image/jpeg' },
    ]);
    expect((await t.inject({ method: 'POST', url, token: organizer, ...big })).statusCode).toBe(413);
    const none = multipart([{ name: 'note', value: 'no file' }]);
    expect((await t.inject({ method: 'POST', url, token: organizer, ...none })).statusCode).toBe(400);
    expect(files()).toHaveLength(1);
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}` })).json().bannerUrl).toBe(
      bannerUrl,
    );
  });

  it('lists the new routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths);
    for (const p of [
      '/api/v1/events/{id}/duplicate',
      '/api/v1/events/{id}/partners',
      '/api/v1/events/{id}/team',
      '/api/v1/events/{id}/banner',
      '/api/v1/organizations',
      '/api/v1/organizations/{id}/logo',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
