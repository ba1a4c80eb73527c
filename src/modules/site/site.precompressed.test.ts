import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS, type DbKind, REDIS_URL, REQUIRE_ALL } from '../../../test/helpers/env.js';
import { ROOT } from '../../app.js';
import { DEMO_SLUG } from '../demo/index.js';

/** What Chrome on a phone sends with an anonymous visit (no session, the language cookie at most). */
const PHONE = {
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7',
  'user-agent':
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

const decode = (r: LightMyRequestResponse) => {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(r.rawPayload).toString('utf8');
  if (enc === 'gzip') return gunzipSync(r.rawPayload).toString('utf8');
  return r.body;
};

/** Two app nodes on one database (SQLite or PostgreSQL) and one Redis, as behind a load balancer. */
async function twoNodes(kind: DbKind) {
  const shared = await createTestDatabase(kind);
  const env = {
    DATABASE_URL: shared.url,
    REDIS_URL: REDIS_URL!,
    REDIS_PREFIX: `aula-precompressed-${process.pid}-${Date.now()}`,
  };
  const a = await createTestApp('sqlite', env);
  const b = await createTestApp('sqlite', env);
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await shared.drop();
    },
  };
}

/**
 * Cached anonymous pages and lists are compressed once, not per request: every visitor gets the same
 * bytes and the same ETag from either node, a browser holding the page gets a 304, and a change to the
 * event gives a new page and a new tag on both nodes at once.
 */
describe.runIf(REDIS_URL || REQUIRE_ALL).each(DB_KINDS)(
  'precompressed anonymous pages (%s, two nodes)',
  (kind) => {
    let nodes: Awaited<ReturnType<typeof twoNodes>>;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      nodes = await twoNodes(kind);
      ({ a, b } = nodes);
      await a.app.ctx.services.demo.load({ ownerEmail: null });
    });
    afterAll(() => nodes?.close());

    const get = (node: TestApp, url: string, headers: Record<string, string> = {}) =>
      node.inject({ method: 'GET', url, headers: { ...PHONE, ...headers } });
    /**
     * Resolves once both nodes have handled the next `event.updated`: with Redis, the node that emitted
     * it hears it back from Redis like the other one (its page cache subscribed at boot, so first).
     */
    const nextUpdateOnBoth = () =>
      Promise.all(
        [a, b].map(
          (node) =>
            new Promise<void>((resolve) => {
              const off = node.app.ctx.bus.onEveryNode('event.updated', () => {
                off();
                resolve();
              });
            }),
        ),
      );

    it('gives two anonymous visitors, on either node, byte-identical br and gzip bodies with one ETag', async () => {
      const plain = await get(a, `/e/${DEMO_SLUG}`, { 'accept-encoding': 'identity' });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toContain('Kamis, 30 Desember 2021');
      for (const [accept, coding] of [
        [PHONE['accept-encoding'], 'br'],
        ['gzip, deflate', 'gzip'],
      ] as const) {
        const first = await get(a, `/e/${DEMO_SLUG}`, { 'accept-encoding': accept });
        const second = await get(a, `/e/${DEMO_SLUG}`, { 'accept-encoding': accept });
        const other = await get(b, `/e/${DEMO_SLUG}`, { 'accept-encoding': accept });
        for (const r of [first, second, other]) {
          expect(r.statusCode).toBe(200);
          expect(r.headers['content-encoding']).toBe(coding);
          expect(r.headers.vary).toContain('Accept-Encoding');
          expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
          expect(r.headers.etag).toMatch(new RegExp(`^"[\\w-]+-${coding}"$`));
        }
        expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
        expect(other.rawPayload.equals(first.rawPayload)).toBe(true);
        expect(second.headers.etag).toBe(first.headers.etag);
        expect(other.headers.etag).toBe(first.headers.etag);
        expect(decode(first)).toBe(plain.body);
        expect(first.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
        expect(first.headers['content-length']).toBe(String(first.rawPayload.length));
      }
    });

    it('answers If-None-Match with 304 and no body, on the node that did not send the page too', async () => {
      const page = await get(a, `/e/${DEMO_SLUG}`);
      const etag = page.headers.etag as string;
      for (const node of [a, b]) {
        const again = await get(node, `/e/${DEMO_SLUG}`, { 'if-none-match': etag });
        expect(again.statusCode).toBe(304);
        expect(again.rawPayload.length).toBe(0);
        expect(again.headers.etag).toBe(etag);
      }
      // The same page held in another coding is the same page.
      const gz = await get(b, `/e/${DEMO_SLUG}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect(gz.statusCode).toBe(304);
      const stale = await get(a, `/e/${DEMO_SLUG}`, { 'if-none-match': '"not-this-page-br"' });
      expect(stale.statusCode).toBe(200);
      expect(decode(stale)).toContain('Kamis, 30 Desember 2021');
    });

    it('gives a new body and a new ETag on both nodes as soon as the event is changed on one', async () => {
      const before = await get(b, `/e/${DEMO_SLUG}`);
      const admin = await a.tokenFor('admin');
      const seen = nextUpdateOnBoth();
      const patch = await a.inject({
        method: 'PATCH',
        url: `/api/v1/events/${DEMO_SLUG}`,
        token: admin,
        payload: { title: 'Judul baru dari node A' },
      });
      expect(patch.statusCode).toBe(200);
      // The node that made the change serves the new page as soon as the change is answered.
      const onA = await get(a, `/e/${DEMO_SLUG}`, { 'if-none-match': before.headers.etag as string });
      await seen;
      const onB = await get(b, `/e/${DEMO_SLUG}`, { 'if-none-match': before.headers.etag as string });
      for (const r of [onA, onB]) {
        expect(r.statusCode).toBe(200);
        expect(decode(r)).toContain('Judul baru dari node A');
        expect(r.headers.etag).not.toBe(before.headers.etag);
      }
      expect(onB.headers.etag).toBe(onA.headers.etag);
      expect(onB.rawPayload.equals(onA.rawPayload)).toBe(true);
    });

    it('gives a logged-in organizer their own page, not the cached one', async () => {
      const admin = await a.tokenFor('admin');
      const r = await a.inject({
        method: 'GET',
        url: `/e/${DEMO_SLUG}`,
        token: admin,
        headers: { 'accept-encoding': 'br' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers.etag).toBeUndefined();
      expect(r.headers['cache-control']).toBe('no-store');
    });

    it('compresses the anonymous events list and the home page once, with an ETag and 304', async () => {
      for (const url of ['/api/v1/events', '/']) {
        const first = await get(a, url);
        const other = await get(b, url);
        expect(first.statusCode).toBe(200);
        expect(first.headers['content-encoding']).toBe('br');
        expect(other.rawPayload.equals(first.rawPayload)).toBe(true);
        expect(other.headers.etag).toBe(first.headers.etag);
        const again = await get(b, url, { 'if-none-match': first.headers.etag as string });
        expect(again.statusCode).toBe(304);
        expect(again.rawPayload.length).toBe(0);
      }
      const list = JSON.parse(decode(await get(a, '/api/v1/events'))) as { events: { slug: string }[] };
      expect(list.events.map((e) => e.slug)).toContain(DEMO_SLUG);
    });
  },
);

/** The islands are compressed at build time and sent as they are, kept by browsers for long. */
describe('precompressed assets under /assets', () => {
  let t: TestApp;
  const dir = join(ROOT, 'dist', 'public');
  beforeAll(async () => {
    if (!existsSync(join(dir, 'registration.js.br'))) {
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: ROOT,
      });
    }
    t = await createTestApp('sqlite');
  });
  afterAll(() => t?.close());

  it('sends the brotli file built beside the island, with immutable caching, and gzip or plain to others', async () => {
    const source = readFileSync(join(dir, 'registration.js'));
    const br = await t.inject({ method: 'GET', url: '/assets/registration.js', headers: PHONE });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toMatch(/max-age=\d{6,}.*immutable/);
    expect(br.rawPayload.equals(readFileSync(join(dir, 'registration.js.br')))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).equals(source)).toBe(true);

    const gz = await t.inject({
      method: 'GET',
      url: '/assets/registration.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(source)).toBe(true);
    const plain = await t.inject({ method: 'GET', url: '/assets/registration.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(source)).toBe(true);
  });

  it('keeps content-hashed chunks for a year', async () => {
    const chunk = readdirSync(dir).find((f) => /^chunk-.*\.js$/.test(f));
    expect(chunk).toBeDefined();
    const r = await t.inject({ method: 'GET', url: `/assets/${chunk}`, headers: PHONE });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
