import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG } from '../src/modules/demo/index.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { seriousViolations } from '../test/helpers/axe.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { multipart, pngLogo } from '../test/helpers/images.js';

describe.skipIf(!hasChromium)('foundation in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { PUBLIC_URL: 'http://127.0.0.1' });
    await t.app.ctx.services.auth.createUser({
      email: 'rina@example.test',
      password: 'rahasia123',
      role: 'organizer',
      name: 'Rina',
    });
    // The demo with its placeholder logos; the banner is then replaced by a heavier, photo-like one.
    await t.app.ctx.services.demo.load({ ownerEmail: null, dataDir: t.config.dataDir });
    // A banner and a logo, so the page-weight check counts images as a real event page has them. The
    // banner is a photo-like picture (smooth noise), re-encoded by the upload like any other.
    const admin = await t.tokenFor('admin');
    const photo = await sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .blur(2)
      .jpeg({ quality: 92 })
      .toBuffer();
    const banner = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${DEMO_SLUG}/banner`,
      token: admin,
      ...multipart([{ name: 'file', value: photo, filename: 'foto.jpg', type: 'image/jpeg' }]),
    });
    expect(banner.statusCode).toBe(200);
    const logo = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations/administrasi-publik-upm/logo',
      token: admin,
      ...multipart([{ name: 'file', value: await pngLogo(), filename: 'logo.png', type: 'image/png' }]),
    });
    expect(logo.statusCode).toBe(200);
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an organizer logs in on a phone, creates an event with two speakers and a rundown, publishes it, and the public sees it in Indonesian', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await expect.poll(() => page.url()).toContain('/login');
    await page.fill('#email', 'rina@example.test');
    await page.fill('#password', 'rahasia123');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console$/);

    await page.click('text=Acara baru');
    await page.fill('#f-title', 'Pelatihan Pemasaran Digital UMKM Kanigaran');
    await page.fill('#f-theme', 'Jualan daring untuk pelaku usaha mikro');
    await page.fill('#f-startsAt', '2030-03-07T09:00');
    await page.fill('#f-endsAt', '2030-03-07T12:00');
    await page.fill('#f-venueName', 'Aula Kelurahan Kanigaran');
    await page.fill('#f-venueCapacity', '52');
    await page.selectOption('#f-onlinePlatform', 'zoom');
    await page.fill('#f-onlineJoinUrl', 'https://zoom.us/j/987654321');
    await page.click('button:has-text("Buat acara")');
    await page.waitForURL(/\/console\/events\/[0-9a-z]+\?saved=1$/);
    const eventUrl = page.url().replace(/\?saved=1$/, '');

    await page.click('nav >> text=Narasumber dan pejabat');
    for (const [name, back, position] of [
      ['Choirul Arifin', 'S.St.Pi., M.M', 'Kasi Pengembangan Usaha Mikro DKUPP Kota Probolinggo'],
      ['Andi Nur Rahmadi', 'S.IP., M.IP.', 'Dosen Program Studi Administrasi Publik'],
    ] as const) {
      await page.fill('#f-name', name);
      await page.fill('#f-backTitles', back);
      await page.fill('#f-position', position);
      await page.selectOption('#f-role', 'speaker');
      await page.click('button:has-text("Tambah")');
      await page.waitForURL(/people\?saved=1$/);
    }
    await expect.poll(() => page.textContent('table')).toContain('Choirul Arifin, S.St.Pi., M.M');

    await page.click('nav >> text=Susunan acara');
    for (const [from, to, title, who] of [
      ['2030-03-07T09:30', '2030-03-07T10:15', 'Pemateri 1: Peran pemerintah daerah', 'Choirul Arifin'],
      ['2030-03-07T10:15', '2030-03-07T11:00', 'Pemateri 2: Tantangan usaha', 'Andi Nur Rahmadi'],
    ] as const) {
      await page.fill('#f-startsAt', from);
      await page.fill('#f-endsAt', to);
      await page.selectOption('#f-kind', 'talk');
      await page.fill('#f-title', title);
      await page.check(`label:has-text("${who}") >> input[type=checkbox]`);
      await page.click('button:has-text("Tambah")');
      await page.waitForURL(/rundown\?saved=1$/);
    }

    await page.goto(eventUrl);
    await page.click('button:has-text("Terbitkan")');
    await page.waitForURL(/\?saved=1$/);
    // The console pages the organizer used pass the same accessibility bar as the public ones.
    for (const tab of ['', '/edit', '/people', '/rundown', '/team', '/duplicate']) {
      await page.goto(`${eventUrl}${tab}`);
      expect(await seriousViolations(page), `console${tab}`).toEqual([]);
    }
    await page.goto(eventUrl);
    const publicLink = await page.getAttribute('a[href^="/e/"]', 'href');
    expect(publicLink).toBeTruthy();

    // A visitor without an account, on another phone.
    const visitor = await browser.newContext(phone);
    const pub = await visitor.newPage();
    await pub.goto(`${base}${publicLink}`);
    const text = (await pub.textContent('main')) ?? '';
    expect(await pub.getAttribute('html', 'lang')).toBe('id');
    expect(text).toContain('Pelatihan Pemasaran Digital UMKM Kanigaran');
    expect(text).toContain('Kamis, 7 Maret 2030, pukul 09.00 WIB');
    expect(text).toContain('Choirul Arifin, S.St.Pi., M.M');
    expect(text).toContain('Andi Nur Rahmadi, S.IP., M.IP.');
    expect(text).toContain('Susunan acara');
    expect(text).toContain('09.30–10.15 WIB');
    expect(text).toContain('Pemateri 2: Tantangan usaha');
    expect(text).toContain('Zoom');
    expect(await pub.content()).not.toContain('zoom.us/j/987654321');
    await visitor.close();
    await context.close();
  });

  it('public pages (home, event page) have no serious or critical accessibility violations', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    for (const path of ['/', `/e/${DEMO_SLUG}`, `/e/${DEMO_SLUG}?lang=en`, '/o/administrasi-publik-upm']) {
      await page.goto(`${base}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('the event page loads in at most 100 KB, with at most 30 KB of JavaScript gzipped', async () => {
    const context = await browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const types = new Map<string, string>();
    const transferred = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => transferred.set(e.requestId, e.encodedDataLength));
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${base}/e/${DEMO_SLUG}`, { waitUntil: 'networkidle' });
    const total = [...transferred.values()].reduce((a, b) => a + b, 0);
    let jsGzip = 0;
    for (const url of scripts) jsGzip += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
    console.log(
      `event page first load: ${(total / 1024).toFixed(1)} KB transferred in ${transferred.size} responses; JS ${(jsGzip / 1024).toFixed(1)} KB gzipped`,
    );
    // The page and its banner at least (logos below the fold load lazily).
    expect(transferred.size).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(100 * 1024);
    expect(jsGzip).toBeLessThanOrEqual(30 * 1024);
    await context.close();
  });
});
