import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG } from '../src/modules/demo/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { hasChromium, launchBrowser, listen } from './helpers/browser.js';
import { DB_KINDS } from './helpers/env.js';

/**
 * Issue 13 point 6: every answer carries nosniff and a Referrer-Policy; pages a CSP without inline
 * scripts and framing refused, except the projector and overlay (streaming tools embed them);
 * uploads download as sandboxed attachments; HSTS only behind an https PUBLIC_URL.
 */
async function demoApp(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}) {
  const t = await createTestApp(kind, env);
  await t.app.ctx.services.demo.load({ ownerEmail: null });
  await t.tokenFor('admin', 'admin@example.test');
  const login = await t.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'admin@example.test', password: 'password123' },
  });
  const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
  const eventId = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json().id as string;
  return { t, cookie, eventId };
}

const pagesOf = (eventId: string) => [
  '/',
  `/e/${DEMO_SLUG}`,
  `/e/${DEMO_SLUG}/daftar`,
  `/e/${DEMO_SLUG}/live`,

  '/console',
  `/console/events/${eventId}`,
  `/console/events/${eventId}/checkin`,
  `/console/events/${eventId}/attendance`,
  `/console/events/${eventId}/moderate`,
  `/console/events/${eventId}/certificates`,
];

describe.each(DB_KINDS)('security headers on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let eventId: string;
  beforeAll(async () => {
    ({ t, cookie, eventId } = await demoApp(kind));
  });
  afterAll(() => t.close());

  const get = (url: string) => t.inject({ method: 'GET', url, cookies: { aula_session: cookie } });

  it('gives pages a CSP without inline scripts, no framing, nosniff and a Referrer-Policy', async () => {
    const inline: string[] = [];
    for (const url of pagesOf(eventId)) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('same-origin');
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
      // The CSP would block these; none may exist for it to break.
      for (const m of r.body.matchAll(/<script\b[^>]*>/g))
        if (!/\bsrc=/.test(m[0])) inline.push(`${url}: ${m[0]}`);
      for (const m of r.body.matchAll(/<[a-z]+\b[^>]*\son[a-z]+=/g))
        inline.push(`${url}: ${m[0].slice(0, 80)}`);
      if (/href="javascript:/i.test(r.body)) inline.push(`${url}: javascript: link`);
    }
    expect(inline).toEqual([]);
  });

  it('lets streaming tools frame the projector and the overlay, and nothing else', async () => {
    for (const url of [`/e/${DEMO_SLUG}/projector`, `/e/${DEMO_SLUG}/overlay`]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-security-policy'], url).toContain('frame-ancestors *');
      expect(r.headers['x-frame-options'], url).toBeUndefined();
    }
  });

  it('marks API answers and error pages too', async () => {
    const api = await get('/api/v1/events');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const missing = await get('/no/such/page');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves uploaded documents as sandboxed attachments, images inline', async () => {
    const dir = join(t.config.dataDir, 'uploads', 'h13');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.4\n<html><script>alert(1)</script>');
    writeFileSync(join(dir, 'a.html'), '<script>alert(1)</script>');
    writeFileSync(join(dir, 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    for (const name of ['a.pdf', 'a.html']) {
      const r = await get(`/uploads/h13/${name}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-disposition'], name).toBe('attachment');
      expect(r.headers['content-security-policy'], name).toMatch(/default-src 'none'.*sandbox/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    const img = await get('/uploads/h13/a.png');
    expect(img.headers['content-disposition']).toBeUndefined();
    expect(img.headers['content-security-policy']).toContain('sandbox');
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const s = await createTestApp(kind, { PUBLIC_URL: 'https://aula.example.id' });
    try {
      const r = await s.inject({ method: 'GET', url: '/api/health' });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await s.close();
    }
  });
});

describe.runIf(hasChromium)('pages work under their CSP in Chromium', () => {
  it('reports no CSP violation on participant, console, projector and overlay pages', async () => {
    const { t, cookie, eventId } = await demoApp('sqlite');
    const base = await listen(t);
    const browser = await launchBrowser();
    try {
      const ctx = await browser.newContext();
      await ctx.addCookies([{ name: 'aula_session', value: cookie, url: base }]);
      const violations: string[] = [];
      const urls = [...pagesOf(eventId), `/e/${DEMO_SLUG}/projector`, `/e/${DEMO_SLUG}/overlay`];
      for (const url of urls) {
        const page = await ctx.newPage();
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(`${url}: ${m.text()}`);
        });
        await page.goto(base + url, { waitUntil: 'load' });
        await page.waitForTimeout(300);
        await page.close();
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await t.close();
    }
  }, 60_000);
});
