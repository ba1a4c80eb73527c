import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { DEMO_SLUG } from '../modules/demo/index.js';
import { CSS } from './styles.js';
import { STYLESHEET_PATH } from './stylesheet.js';

describe('the site-wide stylesheet', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.ctx.services.demo.load({ ownerEmail: null });
  });
  afterAll(() => t.close());

  it('is linked from every page and kept by the browser for a year, compressed', async () => {
    expect(STYLESHEET_PATH).toMatch(/^\/assets\/aula\.[\w-]{12}\.css$/);
    for (const url of ['/', `/e/${DEMO_SLUG}`, '/login']) {
      const page = await t.inject({ method: 'GET', url });
      expect(page.body, url).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}"/>`);
      expect(page.body, url).not.toContain('<style>*{box-sizing');
    }
    const decode = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b: Buffer) => b };
    for (const coding of ['br', 'gzip', 'identity'] as const) {
      const r = await t.inject({
        method: 'GET',
        url: STYLESHEET_PATH,
        headers: coding === 'identity' ? {} : { 'accept-encoding': coding },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers['content-encoding']).toBe(coding === 'identity' ? undefined : coding);
      expect(decode[coding](r.rawPayload).toString('utf8')).toBe(CSS);
    }
    // Another name under /assets/ is not this file.
    const other = await t.inject({ method: 'GET', url: '/assets/aula.000000000000.css' });
    expect(other.statusCode).toBe(404);
  });
});
