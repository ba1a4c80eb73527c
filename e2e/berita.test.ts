import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen } from '../test/helpers/browser.js';
import { createDemoOwner } from '../test/helpers/events.js';

const DEMO = 'seminar-umkm-kanigaran-2021';

describe.skipIf(!hasChromium)('the news article in the console, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await listen(t);
    browser = await launchBrowser();
    email = await createDemoOwner(t);
    await t.app.ctx.services.demo.load({ ownerEmail: email, dataDir: t.config.dataDir });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the organizer edits the berita, saves it, copies it, and the DOCX carries the edit', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'password123');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
    const event = (await t.app.ctx.services.events.find(DEMO))!;
    await page.goto(`${base}/console/events/${event.id}/berita`);
    const body = page.locator('#b-body');
    expect(await body.inputValue()).toContain('52 audiens yang hadir di lokasi');
    await page.fill('#b-title', 'Prodi AP UPM Gelar Seminar Hybrid UMKM di Kanigaran');
    await body.fill(`${await body.inputValue()}\n\nDitulis ulang oleh panitia.`);
    await Promise.all([page.waitForURL(/saved=1/), page.click('button:has-text("Simpan suntingan")')]);
    expect(await page.textContent('main')).toContain('Tersimpan');
    expect(await page.textContent('main')).toContain('Ini suntingan Anda');
    const copy = page.locator('button[data-copy]');
    expect(await copy.isVisible()).toBe(true);
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Tersalin');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith('Prodi AP UPM Gelar Seminar Hybrid UMKM di Kanigaran\n\n')).toBe(true);
    expect(copied).toContain('Ditulis ulang oleh panitia.');
    const api = await page.request.get(`${base}/api/v1/events/${event.id}/berita?lang=id`);
    expect((await api.json()).title).toBe('Prodi AP UPM Gelar Seminar Hybrid UMKM di Kanigaran');
    await ctx.close();
  });
});
