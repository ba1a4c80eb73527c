import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { listen } from '../../test/helpers/browser.js';
import { DB_KINDS } from '../../test/helpers/env.js';
import { DEMO_SLUG } from '../modules/demo/index.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** A request over a real socket (inject would skip the HTTP server, where the lane is). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const plain = enc === 'br' ? brotliDecompressSync(body) : enc === 'gzip' ? gunzipSync(body) : body;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: plain.toString('utf8') });
        });
      })
      .on('error', reject);
  });
}

const PHONE = { 'accept-encoding': 'br, gzip', 'accept-language': 'id-ID,id;q=0.9', cookie: 'lang=id' };
const withoutDate = (h: http.IncomingHttpHeaders) => ({ ...h, date: undefined });

describe.each(DB_KINDS)('the front lane on %s', (kind) => {
  let t: TestApp;
  let base: string;
  const hits = () => t.app.frontLane.hits;
  beforeAll(async () => {
    t = await createTestApp(kind, { METRICS_TOKEN: 'front-lane-metrics-token' });
    await t.app.ctx.services.demo.load({ ownerEmail: null });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('replays the cached page to the crowd byte for byte, counted under its route', async () => {
    const first = await get(base, `/e/${DEMO_SLUG}`, PHONE);
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    const before = hits();
    const again = await Promise.all([1, 2, 3].map(() => get(base, `/e/${DEMO_SLUG}`, PHONE)));
    expect(hits()).toBe(before + 3);
    for (const r of again) {
      expect(r.body.equals(first.body)).toBe(true);
      expect(withoutDate(r.headers)).toEqual(withoutDate(first.headers));
    }
    expect(first.headers['content-security-policy']).toContain(`ws://${new URL(base).host}`);
    const metrics = await t.inject({
      method: 'GET',
      url: '/metrics',
      headers: {
        authorization: `Basic ${Buffer.from('prometheus:front-lane-metrics-token').toString('base64')}`,
      },
    });
    const line = metrics.body
      .split('\n')
      .find((l) =>
        l.startsWith('http_request_duration_seconds_count{method="GET",route="/e/:slug",status_code="200"}'),
      );
    expect(Number(line?.split(' ')[1])).toBe(4);
  });

  it('keeps each language and coding apart, and the home page too', async () => {
    const en = await get(base, `/e/${DEMO_SLUG}`, { ...PHONE, cookie: 'lang=en' });
    const enAgain = await get(base, `/e/${DEMO_SLUG}`, { ...PHONE, cookie: 'lang=en' });
    const byHeader = await get(base, `/e/${DEMO_SLUG}`, {
      'accept-encoding': 'gzip',
      'accept-language': 'en',
    });
    const id = await get(base, `/e/${DEMO_SLUG}`, { 'accept-encoding': 'gzip' });
    for (const r of [en, enAgain, byHeader]) expect(r.text).toContain('<html lang="en">');
    expect(byHeader.headers['content-encoding']).toBe('gzip');
    expect(id.text).toContain('<html lang="id">');
    const before = hits();
    const home = [await get(base, '/', PHONE), await get(base, '/', PHONE)];
    expect(hits()).toBe(before + 1);
    expect(home[1]!.body.equals(home[0]!.body)).toBe(true);
  });

  it('never replays an old page: a change shows at once', async () => {
    await get(base, `/e/${DEMO_SLUG}`, PHONE);
    await get(base, `/e/${DEMO_SLUG}`, PHONE);
    const admin = await t.tokenFor('admin');
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${DEMO_SLUG}`,
      token: admin,
      payload: { title: 'Judul yang baru saja diubah' },
    });
    expect(patch.statusCode).toBe(200);
    const after = await get(base, `/e/${DEMO_SLUG}`, PHONE);
    expect(after.text).toContain('Judul yang baru saja diubah');
  });

  it('leaves everything that could change the answer to the app', async () => {
    await get(base, `/e/${DEMO_SLUG}`, PHONE);
    const page = await get(base, `/e/${DEMO_SLUG}`, PHONE);
    const before = hits();
    const admin = await t.tokenFor('admin', 'lane-admin@example.test');
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'lane-admin@example.test', password: 'password123' },
    });
    const session = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const others = await Promise.all([
      get(base, `/e/${DEMO_SLUG}`, { ...PHONE, cookie: `lang=id; aula_session=${session}` }),
      get(base, `/e/${DEMO_SLUG}`, { ...PHONE, authorization: `Bearer ${admin}` }),
      get(base, `/e/${DEMO_SLUG}?lang=en`, PHONE),
      get(base, `/e/${DEMO_SLUG}`, { ...PHONE, 'if-none-match': page.headers.etag as string }),
      get(base, `/e/${DEMO_SLUG}`, { ...PHONE, cookie: 'lang=id; other=1' }),
    ]);
    expect(hits()).toBe(before);
    const [asSession, asToken, english, conditional] = others;
    // A logged-in organizer sees their own page (the console link), never the crowd's copy.
    for (const r of [asSession!, asToken!]) expect(r.text).toContain('href="/console"');
    expect(english!.text).toContain('<html lang="en">');
    expect(english!.headers['set-cookie']?.[0]).toMatch(/^lang=en;/);
    expect(conditional!.status).toBe(304);
  });

  it('is closed on shutdown: the app answers again (and closes connections)', async () => {
    await get(base, `/e/${DEMO_SLUG}`, PHONE);
    expect((await get(base, `/e/${DEMO_SLUG}`, PHONE)).status).toBe(200);
    const lane = t.app.frontLane;
    await t.app.close();
    expect(
      lane.serve({ method: 'GET', url: `/e/${DEMO_SLUG}`, headers: PHONE } as never, null as never),
    ).toBe(false);
  });
});
