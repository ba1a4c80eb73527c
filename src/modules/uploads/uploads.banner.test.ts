import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { multipart } from '../../../test/helpers/images.js';
import { storeImage } from './uploads.service.js';

/** A banner with a red mark at its left and right ends, where an 8:3 banner carries its title. */
const banner = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#1d4ed8' } })
    .composite([
      { input: { create: { width: 40, height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
      {
        input: { create: { width: 40, height, channels: 3, background: '#ff0000' } },
        left: width - 40,
        top: 0,
      },
    ])
    .jpeg()
    .toBuffer();

describe('banners keep their shape (fit, not crop) within sensible bounds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aula-banner-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const pixel = async (path: string, x: number, y: number) => {
    const { data, info } = await sharp(await readFile(join(dir, 'uploads', path)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };

  it('keeps an 8:3 banner whole, both ends included', async () => {
    const s = await storeImage(dir, await banner(2400, 900), 'banner');
    expect([s.width, s.height]).toEqual([960, 360]);
    const [r1, , b1] = await pixel(s.path, 3, 180);
    const [r2, , b2] = await pixel(s.path, 956, 180);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(80);
    expect(r2).toBeGreaterThan(200);
    expect(b2).toBeLessThan(80);
  });

  it('keeps 16:9 at 960×540 and a 4:5 poster at 576×720', async () => {
    expect(await storeImage(dir, await banner(1920, 1080), 'banner')).toMatchObject({
      width: 960,
      height: 540,
    });
    expect(await storeImage(dir, await banner(1080, 1350), 'banner')).toMatchObject({
      width: 576,
      height: 720,
    });
  });

  it('fits shapes beyond the bounds on a white band instead of cutting them', async () => {
    const tall = await storeImage(dir, await banner(1000, 2000), 'banner');
    expect([tall.width, tall.height]).toEqual([576, 720]);
    // White bands left and right of the 1:2 picture; the picture's red ends are inside.
    expect((await pixel(tall.path, 5, 360)).every((c) => c > 240)).toBe(true);
    const wide = await storeImage(dir, await banner(4000, 500), 'banner');
    expect([wide.width, wide.height]).toEqual([960, 240]);
    expect((await pixel(wide.path, 480, 3)).every((c) => c > 240)).toBe(true);
    const [r] = await pixel(wide.path, 3, 120);
    expect(r).toBeGreaterThan(200);
  });
});

describe.each(DB_KINDS)('the banner in the console on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('shows the event page and the WhatsApp link preview with the banner in its own shape', async () => {
    const token = await t.tokenFor('organizer');
    const e = await createEvent(t, token, seedSeminar, { publish: true });
    const up = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/banner`,
      token,
      ...multipart([
        { name: 'file', value: await banner(2400, 900), filename: 'banner.jpg', type: 'image/jpeg' },
      ]),
    });
    expect(up.statusCode, up.body).toBe(200);
    const img = await sharp(
      (await t.inject({ method: 'GET', url: up.json().bannerUrl })).rawPayload,
    ).metadata();
    expect([img.width, img.height]).toEqual([960, 360]);
    const page = await t.inject({ method: 'GET', url: `/console/events/${e.id}/edit`, token });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="banner-page-preview"');
    expect(page.body).toContain('data-testid="banner-wa-preview"');
    expect(page.body).toContain(up.json().bannerUrl);
    const pub = await t.inject({ method: 'GET', url: `/e/${e.slug}` });
    expect(pub.body).toContain(`og:image" content="`);
  });
});

describe.each(DB_KINDS)('organization logos on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('refuses an oversized or non-image logo naming the field, and writes nothing', async () => {
    const token = await t.tokenFor('organizer');
    const org = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token,
        payload: { name: 'Kelurahan Kanigaran' },
      })
    ).json();
    const url = `/api/v1/organizations/${org.id}/logo`;
    const logos = join(t.config.dataDir, 'uploads', 'logos');
    const text = multipart([
      { name: 'file', value: Buffer.from('bukan gambar'), filename: 'logo.png', type: 'image/png' },
    ]);
    const bad = await t.inject({ method: 'POST', url, token, ...text });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.message).toMatch(/^file: /);
    const huge = multipart([
      { name: 'file', value: Buffer.alloc(6 * 1024 * 1024, 1), filename: 'logo.png', type: 'image/png' },
    ]);
    const big = await t.inject({ method: 'POST', url, token, ...huge });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/^file: /);
    const after = (await t.inject({ method: 'GET', url: `/api/v1/organizations/${org.id}` })).json();
    expect(after.logoUrl).toBeNull();
    await expect(readdir(logos)).rejects.toThrow();
  });
});
