import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { jpegWithExif, multipart } from '../../../test/helpers/images.js';

const seminar = {
  ...seedSeminar,
  title: 'Seminar Hybrid UMKM Kanigaran',
  theme: 'Strategi Pemulihan',
  series: 'Seminar UMKM',
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
    eventId = (await createEvent(t, organizer, seminar)).id;
    const createOrg = async (name: string) =>
      (
        await t.inject({ method: 'POST', url: '/api/v1/organizations', token: organizer, payload: { name } })
      ).json().id;
    orgA = await createOrg('Kelurahan Kanigaran');
    orgB = await createOrg('Lembaga Pengabdian Masyarakat Kota Probolinggo');
  });
  afterAll(() => t.close());

  /** This file's event at `/api/v1/events/<id><path>`, as `token` (anonymous without one). */
  const onEvent = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    token?: string,
    payload?: Record<string, unknown>,
  ) => t.inject({ method, url: `/api/v1/events/${eventId}${path}`, token, ...(payload ? { payload } : {}) });

  it('sets partners in order; unknown organizations are refused without change', async () => {
    const r = await onEvent('PUT', '/partners', organizer, { orgIds: [orgB, orgA, orgB] });
    expect(r.statusCode).toBe(200);
    expect(r.json().partners.map((p: { id: string }) => p.id)).toEqual([orgB, orgA]);
    const bad = await onEvent('PUT', '/partners', organizer, { orgIds: [orgA, 'nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope');
    const wrongType = await onEvent('PUT', '/partners', organizer, { orgIds: 'x' });
    expect(wrongType.statusCode).toBe(400);
    const ev = (await onEvent('GET', '', organizer)).json();
    expect(ev.partners.map((p: { id: string }) => p.id)).toEqual([orgB, orgA]);
  });

  it('partners: other organizers get 404 on a draft, anonymous 401, moderators on the team 403', async () => {
    const payload = { orgIds: [orgA] };
    expect((await onEvent('PUT', '/partners', other, payload)).statusCode).toBe(404);
    expect((await onEvent('PUT', '/partners', undefined, payload)).statusCode).toBe(401);
    await onEvent('PUT', '/team', organizer, { email: 'mod@example.test', role: 'moderator' });
    expect((await onEvent('PUT', '/partners', moderator, payload)).statusCode).toBe(403);
  });

  it('manages the team by e-mail; the creator stays; team roles grant access', async () => {
    const list = await onEvent('GET', '/team', organizer);
    expect(list.statusCode).toBe(200);
    expect(list.json().team).toEqual([
      expect.objectContaining({ email: 'rina@example.test', role: 'organizer', isCreator: true }),
      expect.objectContaining({ email: 'mod@example.test', role: 'moderator', isCreator: false }),
    ]);
    const add = await onEvent('PUT', '/team', organizer, { email: 'BUDI@example.test', role: 'organizer' });
    expect(add.statusCode).toBe(200);
    // Budi now organizes the draft.
    expect((await onEvent('PATCH', '', other, { theme: 'Tema baru' })).statusCode).toBe(200);
    const change = await onEvent('PUT', '/team', other, { email: 'budi@example.test', role: 'checkin' });
    expect(change.statusCode).toBe(200);
    expect((await onEvent('PATCH', '', other, { theme: 'X' })).statusCode).toBe(403);
    // Check-in staff and moderators may not manage the team.
    expect((await onEvent('GET', '/team', other)).statusCode).toBe(403);
    expect((await onEvent('GET', '/team', moderator)).statusCode).toBe(403);
    expect((await onEvent('GET', '/team')).statusCode).toBe(401);
    const del = await onEvent('DELETE', '/team?email=budi@example.test', organizer);
    expect(del.statusCode).toBe(200);
    expect(del.json().team.map((m: { email: string }) => m.email)).not.toContain('budi@example.test');
    expect((await onEvent('GET', '', other)).statusCode).toBe(404);
  });

  it('team: refuses unknown users, the creator, bad roles and missing fields', async () => {
    const unknown = await onEvent('PUT', '/team', organizer, {
      email: 'siapa@example.test',
      role: 'moderator',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('siapa@example.test');
    for (const [what, method, path, payload, status] of [
      ['creator', 'PUT', '/team', { email: 'rina@example.test', role: 'checkin' }, 409],
      ['removeCreator', 'DELETE', '/team?email=rina@example.test', undefined, 409],
      ['badRole', 'PUT', '/team', { email: 'pintu@example.test', role: 'admin' }, 400],
      ['noWho', 'DELETE', '/team', undefined, 400],
    ] as const) {
      expect((await onEvent(method, path, organizer, payload)).statusCode, what).toBe(status);
    }
    const team = (await onEvent('GET', '/team', organizer)).json().team;
    expect(team.map((m: { email: string }) => m.email)).toEqual(['rina@example.test', 'mod@example.test']);
  });

  it('duplicates an event with people, rundown moved to the new date, partners and team, as a draft', async () => {
    const person = (
      await onEvent('POST', '/people', organizer, {
        name: 'Andi Nur Rahmadi',
        backTitles: 'S.IP., M.IP.',
        role: 'speaker',
        presence: 'onsite',
      })
    ).json();
    await onEvent('POST', '/agenda', organizer, {
      startsAt: '2021-12-30T10:00:00+07:00',
      endsAt: '2021-12-30T10:30:00+07:00',
      kind: 'talk',
      title: 'Pemateri 4',
      personIds: [person.id],
    });
    await onEvent('POST', '/publish', organizer);

    const r = await onEvent('POST', '/duplicate', organizer, {
      title: 'Seminar Hybrid UMKM Kanigaran 2022',
      startsAt: '2022-06-16T13:00:00+07:00',
      endsAt: '2022-06-16T16:00:00+07:00',
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
    expect((await onEvent('GET', '/agenda')).json().agenda).toHaveLength(1);
  });

  it('duplicate: two copies racing for one slug make one event, the other gets 409 and leaves nothing behind', async () => {
    const payload = {
      slug: 'seminar-umkm-balapan',
      startsAt: '2023-01-12T09:00:00+07:00',
      endsAt: '2023-01-12T12:00:00+07:00',
    };
    const people = async () => (await t.app.ctx.db.selectFrom('people').select('id').execute()).length;
    const before = await people();
    const results = await Promise.all([0, 1, 2].map(() => onEvent('POST', '/duplicate', organizer, payload)));
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
    // Fitted, not cropped: the 3:2 photo keeps its shape.
    expect(meta).toMatchObject({ format: 'jpeg', width: 960, height: 640 });
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
