import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { seedRegistration } from '../test/helpers/factories.js';
import { decodeQr, pdfText } from '../test/helpers/pdf.js';

const seminar = {
  title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo' },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
};

describe.skipIf(!hasChromium)('certificates in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let token: string;
  let eventId: string;
  let ticket: { id: string; ticketCode: string };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await listen(t);
    browser = await launchBrowser();
    await t.app.ctx.services.auth.createUser({
      email: 'panitia@example.test',
      password: 'password123',
      role: 'organizer',
      name: 'Panitia',
    });
    token = await t.app.ctx.services.auth.createApiToken('panitia@example.test');
    eventId = (await t.inject({ method: 'POST', url: '/api/v1/events', token, payload: seminar })).json().id;
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token });
    ticket = await seedRegistration(t.app.ctx.db, eventId, {
      frontTitles: 'Dr. H.',
      name: 'Imam Sucahyo',
      backTitles: 'M.AP',
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token,
      payload: { ticketCode: ticket.ticketCode, override: { reason: 'Tes: di luar jendela acara' } },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the organizer drags a field on the template, sees the PDF preview refresh, and saves the layout', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', 'panitia@example.test');
    await page.fill('input[name=password]', 'password123');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
    await page.goto(`${base}/console/events/${eventId}/certificates`);
    const name = page.locator('[data-field=name]');
    await name.waitFor();
    // The first preview arrives on load.
    await page.waitForSelector('iframe[data-testid=cert-preview][data-updated]');
    const before = await name.boundingBox();
    const previewDone = page.waitForResponse((r) => r.url().endsWith('/preview') && r.status() === 200);
    await page.mouse.move(before!.x + 20, before!.y + 5);
    await page.mouse.down();
    await page.mouse.move(before!.x + 20, before!.y + 85, { steps: 6 });
    await page.mouse.up();
    const res = await previewDone;
    expect(res.headers()['content-type']).toBe('application/pdf');
    const sent = JSON.parse(res.request().postData() ?? '{}');
    expect(sent.layout.fields.name.y).toBeGreaterThan(0.45);
    await expect.poll(() => page.getAttribute('iframe[data-testid=cert-preview]', 'src')).toMatch(/^blob:/);
    expect(await page.textContent('#cert-editor')).toContain('Pratinjau diperbarui');
    // The font size control changes the selected field.
    await page.fill('input[name=size]', '32');
    await page.press('input[name=size]', 'Tab');
    await page.click('button:has-text("Simpan tata letak")');
    await expect.poll(() => page.textContent('#cert-editor')).toContain('Tata letak tersimpan');
    const saved = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${eventId}/certificates/templates/peserta`,
        token,
      })
    ).json();
    expect(saved.layout.fields.name.y).toBeGreaterThan(0.45);
    expect(saved.layout.fields.name.size).toBe(32);
    await ctx.close();
  });

  it('a participant downloads the certificate from the ticket page on a phone, and its QR verifies it', async () => {
    const issued = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/certificates`,
      token,
      payload: {},
    });
    expect(issued.json().issued).toBe(1);
    const ctx = await browser.newContext({ ...phone, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${base}/t/${ticket.ticketCode}`);
    const link = page.locator('[data-testid=certificate-download]');
    expect(await link.textContent()).toContain('Unduh sertifikat');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.length).toBeLessThan(300 * 1024);
    expect(await pdfText(file)).toContain('Dr. H. Imam Sucahyo, M.AP');
    const url = await decodeQr(file);
    expect(url).toMatch(/^http:\/\/aula\.test\/v\/[A-Z2-9]{12}$/);
    await page.goto(`${base}${new URL(url!).pathname}`);
    expect(await page.textContent('main')).toContain('SAH');
    expect(await page.textContent('main')).toContain('Dr. H. Imam Sucahyo, M.AP');
    await ctx.close();
  });

  it('anyone checks a printed number on /v from a phone; a wrong number reads "tidak ditemukan"', async () => {
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/certificates`, token })
    ).json().certificates as { number: string; role: string }[];
    const printed = list.find((c) => c.role === 'peserta')!.number;
    const ctx = await browser.newContext({ ...phone });
    const page = await ctx.newPage();
    await page.goto(`${base}/v`);
    await page.fill('input[name=q]', ` ${printed} `);
    await Promise.all([
      page.waitForURL(/\/v\/[A-Z2-9]{12}$/),
      page.click('form[action="/v"] button[type=submit]'),
    ]);
    expect(await page.textContent('main')).toContain('SAH');
    expect(await page.textContent('main')).toContain(printed);
    await page.fill('input[name=q]', '999/SERT/TIDAK-ADA/2021');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/v?q=')),
      page.click('form[action="/v"] button[type=submit]'),
    ]);
    expect(res.status()).toBe(404);
    expect(await page.textContent('main')).toContain('TIDAK DITEMUKAN');
    await page.screenshot({ path: '/tmp/shots-h15/v-not-found-phone.png', fullPage: true });
    await ctx.close();
  });
});
