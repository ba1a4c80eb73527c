import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { jpegWithExif, multipart, pngLogo } from '../../../test/helpers/images.js';

const upm = {
  name: 'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga',
  shortName: 'Prodi AP FISIP UPM',
};

describe.each(DB_KINDS)('organizations API on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let other: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    other = await t.tokenFor('organizer');
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const logos = () => {
    const dir = join(t.config.dataDir, 'uploads', 'logos');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const create = (token: string | undefined, payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/v1/organizations', token, payload });
  const update = (slug: string, token: string, payload: Record<string, unknown>) =>
    t.inject({ method: 'PATCH', url: `/api/v1/organizations/${slug}`, token, payload });
  const organizations = async () =>
    (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations as {
      slug: string;
    }[];
  /** Uploads to the UPM organization's logo, as `token` (anonymous without one). */
  const uploadLogo = (token: string | undefined, body: Pick<InjectOptions, 'payload' | 'headers'>) =>
    t.inject({ method: 'POST', url: '/api/v1/organizations/prodi-ap-fisip-upm/logo', token, ...body });
  const logoFile = (value: Buffer, filename: string, type: string) =>
    multipart([{ name: 'file', value, filename, type }]);

  it('organizers and admins create organizations; a slug comes from the short name', async () => {
    const r = await create(organizer, upm);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      name: upm.name,
      shortName: upm.shortName,
      slug: 'prodi-ap-fisip-upm',
      logoUrl: null,
    });
    expect(r.json().url).toBe('http://aula.test/o/prodi-ap-fisip-upm');
    const a = await create(admin, { name: 'Kelurahan Kanigaran' });
    expect(a.statusCode).toBe(201);
    const list = await t.inject({ method: 'GET', url: '/api/v1/organizations' });
    expect(list.statusCode).toBe(200);
    expect(list.json().organizations.map((o: { slug: string }) => o.slug)).toEqual(
      expect.arrayContaining(['prodi-ap-fisip-upm', 'kelurahan-kanigaran']),
    );
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/organizations/prodi-ap-fisip-upm' })).json().name,
    ).toBe(upm.name);
  });

  it('refuses anonymous callers, moderators and check-in staff', async () => {
    expect((await create(undefined, { name: 'X Org' })).statusCode).toBe(401);
    for (const role of ['moderator', 'checkin'] as const) {
      const r = await create(await t.tokenFor(role), { name: 'X Org' });
      expect(r.statusCode).toBe(403);
    }
  });

  it('refuses bad input and a taken slug, writing nothing', async () => {
    const before = (await organizations()).length;
    for (const [payload, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'Ok Org', website: 'ftp://x.test' }, 'website'],
      [{ name: 'Ok Org', slug: 'Bad Slug!' }, 'slug'],
      [{ name: 'Ok Org', extra: 1 }, 'extra'],
    ] as const) {
      const r = await create(organizer, payload);
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.message).toContain(field);
    }
    const taken = await create(organizer, { name: 'Y', slug: 'prodi-ap-fisip-upm' });
    expect([400, 409]).toContain(taken.statusCode);
    const dup = await create(organizer, { name: 'Yayasan', slug: 'prodi-ap-fisip-upm' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('prodi-ap-fisip-upm');
    const after = (await organizations()).length;
    expect(after).toBe(before);
  });

  it('two organizers racing for one slug: one organization, one 409', async () => {
    const results = await Promise.all(
      ['Yayasan A', 'Yayasan B'].map((name) => create(organizer, { name, slug: 'yayasan-balapan' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const all = await organizations();
    expect(all.filter((o) => o.slug === 'yayasan-balapan')).toHaveLength(1);
  });

  it('only the creator or an admin changes an organization', async () => {
    const ok = await update('prodi-ap-fisip-upm', organizer, { website: 'https://upm.ac.id' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().website).toBe('https://upm.ac.id');
    const no = await update('prodi-ap-fisip-upm', other, { name: 'Diubah' });
    expect(no.statusCode).toBe(403);
    const byAdmin = await update('prodi-ap-fisip-upm', admin, { description: 'Prodi AP' });
    expect(byAdmin.statusCode).toBe(200);
    expect((await update('nope', admin, { name: 'Xy' })).statusCode).toBe(404);
  });

  it('stores a logo re-encoded as PNG without metadata; refuses non-images and oversized files', async () => {
    const r = await uploadLogo(organizer, logoFile(await pngLogo(), 'logo.png', 'image/png'));
    expect(r.statusCode).toBe(200);
    const url = r.json().logoUrl as string;
    expect(url).toMatch(/^\/uploads\/logos\/[0-9a-z]+\.png$/);
    const served = await t.inject({ method: 'GET', url });
    expect(served.statusCode).toBe(200);
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeLessThanOrEqual(320);

    // A JPEG with EXIF is accepted as a logo too, and comes out with no EXIF at all.
    const j = await uploadLogo(admin, logoFile(await jpegWithExif(), 'logo.jpg', 'image/jpeg'));
    expect(j.statusCode).toBe(200);
    const jm = await sharp((await t.inject({ method: 'GET', url: j.json().logoUrl })).rawPayload).metadata();
    expect(jm.exif).toBeUndefined();
    // The replaced logo is gone; one file remains.
    expect(logos()).toHaveLength(1);

    const count = logos().length;
    const fake = logoFile(Buffer.from('<script>alert(1)</script>'), 'x.png', 'image/png');
    const bad = await uploadLogo(organizer, fake);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('unsupported_media');
    const big = logoFile(Buffer.alloc(5 * 1024 * 1024 + 10, 1), 'big.png', 'image/png');
    const tooBig = await uploadLogo(organizer, big);
    expect(tooBig.statusCode).toBe(413);
    const json = await uploadLogo(organizer, { payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(logos()).toHaveLength(count);
    const org = (await t.inject({ method: 'GET', url: '/api/v1/organizations/prodi-ap-fisip-upm' })).json();
    expect(org.logoUrl).toBe(j.json().logoUrl);
  });

  it('refuses logo uploads from others, anonymous callers, and cookie sessions without the CSRF token', async () => {
    const body = logoFile(await pngLogo(), 'logo.png', 'image/png');
    expect((await uploadLogo(other, body)).statusCode).toBe(403);
    expect((await uploadLogo(undefined, body)).statusCode).toBe(401);
    for (const role of ['moderator', 'checkin'] as const) {
      const r = await uploadLogo(await t.tokenFor(role), body);
      expect(r.statusCode).toBe(403);
    }
  });
});
