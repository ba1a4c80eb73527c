import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

  it('organizers and admins create organizations; a slug comes from the short name', async () => {
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: organizer,
      payload: upm,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      name: upm.name,
      shortName: upm.shortName,
      slug: 'prodi-ap-fisip-upm',
      logoUrl: null,
    });
    expect(r.json().url).toBe('http://aula.test/o/prodi-ap-fisip-upm');
    const a = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: admin,
      payload: { name: 'Kelurahan Kanigaran' },
    });
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
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'X Org' } }))
        .statusCode,
    ).toBe(401);
    for (const role of ['moderator', 'checkin'] as const) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token: await t.tokenFor(role),
        payload: { name: 'X Org' },
      });
      expect(r.statusCode).toBe(403);
    }
  });

  it('refuses bad input and a taken slug, writing nothing', async () => {
    const before = (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations
      .length;
    for (const [payload, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'Ok Org', website: 'ftp://x.test' }, 'website'],
      [{ name: 'Ok Org', slug: 'Bad Slug!' }, 'slug'],
      [{ name: 'Ok Org', extra: 1 }, 'extra'],
    ] as const) {
      const r = await t.inject({ method: 'POST', url: '/api/v1/organizations', token: organizer, payload });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.message).toContain(field);
    }
    const taken = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: organizer,
      payload: { name: 'Y', slug: 'prodi-ap-fisip-upm' },
    });
    expect([400, 409]).toContain(taken.statusCode);
    const dup = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: organizer,
      payload: { name: 'Yayasan', slug: 'prodi-ap-fisip-upm' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('prodi-ap-fisip-upm');
    const after = (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations
      .length;
    expect(after).toBe(before);
  });

  it('two organizers racing for one slug: one organization, one 409', async () => {
    const results = await Promise.all(
      ['Yayasan A', 'Yayasan B'].map((name) =>
        t.inject({
          method: 'POST',
          url: '/api/v1/organizations',
          token: organizer,
          payload: { name, slug: 'yayasan-balapan' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const all = (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations;
    expect(all.filter((o: { slug: string }) => o.slug === 'yayasan-balapan')).toHaveLength(1);
  });

  it('only the creator or an admin changes an organization', async () => {
    const ok = await t.inject({
      method: 'PATCH',
      url: '/api/v1/organizations/prodi-ap-fisip-upm',
      token: organizer,
      payload: { website: 'https://upm.ac.id' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().website).toBe('https://upm.ac.id');
    const no = await t.inject({
      method: 'PATCH',
      url: '/api/v1/organizations/prodi-ap-fisip-upm',
      token: other,
      payload: { name: 'Diubah' },
    });
    expect(no.statusCode).toBe(403);
    const byAdmin = await t.inject({
      method: 'PATCH',
      url: '/api/v1/organizations/prodi-ap-fisip-upm',
      token: admin,
      payload: { description: 'Prodi AP' },
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: '/api/v1/organizations/nope',
          token: admin,
          payload: { name: 'Xy' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('stores a logo re-encoded as PNG without metadata; refuses non-images and oversized files', async () => {
    const body = multipart([
      { name: 'file', value: await pngLogo(), filename: 'logo.png', type: 'image/png' },
    ]);
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
      token: organizer,
      ...body,
    });
    expect(r.statusCode).toBe(200);
    const url = r.json().logoUrl as string;
    expect(url).toMatch(/^\/uploads\/logos\/[0-9a-z]+\.png$/);
    const served = await t.inject({ method: 'GET', url });
    expect(served.statusCode).toBe(200);
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeLessThanOrEqual(320);

    // A JPEG with EXIF is accepted as a logo too, and comes out with no EXIF at all.
    const jpeg = multipart([
      { name: 'file', value: await jpegWithExif(), filename: 'logo.jpg', type: 'image/jpeg' },
    ]);
    const j = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
      token: admin,
      ...jpeg,
    });
    expect(j.statusCode).toBe(200);
    const jm = await sharp((await t.inject({ method: 'GET', url: j.json().logoUrl })).rawPayload).metadata();
    expect(jm.exif).toBeUndefined();
    // The replaced logo is gone; one file remains.
    expect(logos()).toHaveLength(1);

    const count = logos().length;
    const fake = multipart([
      { name: 'file', value: Buffer.from('<script>alert(1)</script>'), filename: 'x.png', type: 'image/png' },
    ]);
    const bad = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
      token: organizer,
      ...fake,
    });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('unsupported_media');
    const big = multipart([
      { name: 'file', value: Buffer.alloc(5 * 1024 * 1024 + 10, 1), filename: 'big.png', type: 'image/png' },
    ]);
    const tooBig = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
      token: organizer,
      ...big,
    });
    expect(tooBig.statusCode).toBe(413);
    const json = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
      token: organizer,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(logos()).toHaveLength(count);
    const org = (await t.inject({ method: 'GET', url: '/api/v1/organizations/prodi-ap-fisip-upm' })).json();
    expect(org.logoUrl).toBe(j.json().logoUrl);
  });

  it('refuses logo uploads from others, anonymous callers, and cookie sessions without the CSRF token', async () => {
    const body = multipart([
      { name: 'file', value: await pngLogo(), filename: 'logo.png', type: 'image/png' },
    ]);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
          token: other,
          ...body,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/organizations/prodi-ap-fisip-upm/logo', ...body }))
        .statusCode,
    ).toBe(401);
    for (const role of ['moderator', 'checkin'] as const) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations/prodi-ap-fisip-upm/logo',
        token: await t.tokenFor(role),
        ...body,
      });
      expect(r.statusCode).toBe(403);
    }
  });
});
