import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { jsQR } from '../test/helpers/qr.js';
import { person, publishedEvent } from '../test/helpers/registrations.js';

describe.skipIf(!hasChromium)('registration in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('registers for the hall on a phone with JavaScript off and shows the ticket with a QR code that scans', async () => {
    const e = await publishedEvent(t, { capacity: 52 });
    const ctx = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/e/${e.slug}/daftar`);
    await page.fill('#reg-name', 'Siti Aminah');
    await page.fill('#reg-back', 'S.E., M.Si.');
    await page.fill('#reg-inst', 'UMKM Kanigaran');
    await page.fill('#reg-phone', '0812-3456-7890');
    await page.check('input[name=mode][value=onsite]');
    // The optional purposes stay unticked unless the person ticks them.
    expect(await page.isChecked('input[name=consent_news]')).toBe(false);
    await page.check('input[name=consent]');
    await Promise.all([
      page.waitForURL(/\/t\/[0-9a-z]+\?done=new/),
      page.click('button[type=submit]:has-text("Daftar sekarang")'),
    ]);
    await expect.poll(() => page.textContent('h1')).toContain('Strategi Pemulihan');
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain('Terkonfirmasi');
    expect(body).toContain('Siti Aminah, S.E., M.Si.');
    expect(body).toContain('Aula Kelurahan Kanigaran');
    const qr = page.locator('svg.qr');
    expect(await qr.isVisible()).toBe(true);
    const png = await qr.screenshot();
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    const ticketCode = new URL(page.url()).pathname.split('/')[2];
    expect(code?.data).toBe(ticketCode);
    // No horizontal scrolling on a 360 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  it('a full hall puts the person on the waitlist and offers to go online', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload: person(1) });
    const ctx = await browser.newContext({ ...phone });
    const page = await ctx.newPage();
    await page.goto(`${base}/e/${e.slug}/daftar`);
    expect(await page.textContent('form[data-reg]')).toContain('penuh — masuk daftar tunggu');
    await page.fill('#reg-name', 'Budi Santoso');
    await page.fill('#reg-front', 'Dr.');
    if (existsSync(join(ROOT, 'dist', 'public', 'registration.js'))) {
      // With JavaScript (built island), the certificate name preview follows the typing.
      await expect.poll(() => page.textContent('output[name=preview]')).toBe('Dr. Budi Santoso');
    }
    await page.fill('#reg-phone', '+62 812 3456 7891');
    await page.check('input[name=mode][value=onsite]');
    await page.check('input[name=consent]');
    await Promise.all([page.waitForURL(/\/t\//), page.click('button:has-text("Daftar sekarang")')]);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Daftar tunggu');
    expect(text).toContain('urutan ke-1');
    const offer = page.locator('button:has-text("Pindah ke daring")');
    expect(await offer.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/done=switched/), offer.click()]);
    const after = (await page.textContent('main')) ?? '';
    expect(after).toContain('Terkonfirmasi');
    // The one join button (the attendance section's) goes through the recorded /t/:code/join.
    expect(after).toContain('Masuk ruang daring');
    const joins = page.locator('a[href$="/join"]');
    expect(await joins.count()).toBe(1);
    expect(await joins.getAttribute('href')).toMatch(/^\/t\/[0-9a-z]+\/join$/);
    expect(await page.locator('a[href*="zoom.us"]').count()).toBe(0);
    await ctx.close();
  });

  it('a participant sees their data on the ticket and deletes it, without JavaScript, on a phone', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    const a = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(7, { email: 'tujuh@example.test' }),
      })
    ).json();
    const b = (
      await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload: person(8) })
    ).json();
    const ctx = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/t/${a.ticketCode}`);
    await page.click('#data-saya summary:has-text("Data saya")');
    const mine = (await page.textContent('#data-saya')) ?? '';
    expect(mine).toContain('Peserta 7');
    expect(mine).toContain('tujuh@example.test');
    await page.click('#data-saya summary:has-text("Hapus data saya")');
    // The required confirmation box keeps a stray tap from deleting anything.
    await page.click('button:has-text("Ya, hapus data saya")');
    expect(page.url()).toBe(`${base}/t/${a.ticketCode}`);
    await page.check('input[name=confirm]');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Ya, hapus data saya")')]);
    const after = (await page.textContent('main')) ?? '';
    expect(after).toContain('sudah dihapus');
    expect(after).not.toContain('Peserta 7');
    expect(await page.locator('svg.qr').count()).toBe(0);
    // The freed hall place went to the next person on the waitlist.
    expect((await t.inject({ method: 'GET', url: `/api/v1/tickets/${b.ticketCode}` })).json().status).toBe(
      'confirmed',
    );
    await ctx.close();
  });

  it('each ticket says the right thing: hall, online, waitlisted, pending, cancelled (phone 390 px)', async () => {
    const shots = '/tmp/shots-h11b';
    mkdirSync(shots, { recursive: true });
    const e = await publishedEvent(t, { capacity: 1, onlineCapacity: 1 });
    const reg = async (i: number, extra: Record<string, unknown> = {}) =>
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/registrations`,
          payload: person(i, extra),
        })
      ).json();
    const hall = await reg(31);
    const online = await reg(32, { mode: 'online' });
    const waiting = await reg(33);
    const cancelled = await reg(34, { mode: 'online' });
    await t.inject({ method: 'POST', url: `/api/v1/tickets/${cancelled.ticketCode}/cancel` });
    const approval = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: e.token,
      payload: { approval: true },
    });
    expect(approval.statusCode, approval.body).toBe(200);
    const pending = await reg(35, { mode: 'online' });
    expect([hall.status, online.status, waiting.status, pending.status]).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'pending',
    ]);
    const ctx = await browser.newContext({ ...phone, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const open = async (code: string, name: string, q = '') => {
      await page.goto(`${base}/t/${code}${q}`);
      await page.screenshot({ path: `${shots}/ticket-${name}.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      return {
        text: (await page.textContent('main')) ?? '',
        qr: await page.locator('svg.qr').count(),
        joins: await page.locator('a[href$="/join"]').count(),
      };
    };
    const h = await open(hall.ticketCode, 'hall', '?done=new');
    expect(h.qr).toBe(1);
    expect(h.text).toContain('Pendaftaran berhasil');
    expect(h.text).toContain('pintu masuk');
    expect(h.text).toMatch(/Pintu dibuka [^.]+pukul 08\.00 WIB/);
    expect(h.joins).toBe(0);
    const o = await open(online.ticketCode, 'online');
    expect(o.qr).toBe(0);
    expect(o.text.toLowerCase()).not.toContain('pintu');
    expect(o.joins).toBe(1);
    expect(o.text).toContain('Kode presensi');
    const w = await open(waiting.ticketCode, 'waitlisted', '?done=new');
    expect(w.qr).toBe(0);
    expect(w.text).not.toContain('Pendaftaran berhasil');
    expect(w.text).toContain('Anda masuk daftar tunggu');
    expect(w.text).toContain('urutan ke-1');
    expect(w.text.toLowerCase()).not.toContain('pintu');
    // A phone-only registrant without e-mail is promised no notice it cannot get.
    expect(w.text).toContain('Tidak ada pemberitahuan otomatis');
    expect(w.text).not.toContain('diberi tahu');
    const p = await open(pending.ticketCode, 'pending', '?done=new');
    expect(p.qr).toBe(0);
    expect(p.joins).toBe(0);
    expect(p.text).toContain('menunggu persetujuan panitia');
    const c = await open(cancelled.ticketCode, 'cancelled');
    expect(c.qr).toBe(0);
    expect(c.joins).toBe(0);
    expect(c.text).toContain('Dibatalkan');
    expect(c.text).toContain('Daftar lagi');
    await ctx.close();
  });

  it('an organizer draws a seat plan with a distancing rule and sees the capacity', async () => {
    await t.app.ctx.services.auth.createUser({
      email: 'panitia@example.test',
      password: 'rahasia123',
      role: 'organizer',
      name: 'Panitia',
    });
    const token = await t.app.ctx.services.auth.createApiToken('panitia@example.test');
    const e = await publishedEvent(t, { capacity: 200, token });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login?next=${encodeURIComponent(`/console/events/${e.id}/seating`)}`);
    await page.fill('#email', 'panitia@example.test');
    await page.fill('#password', 'rahasia123');
    await Promise.all([page.waitForURL(/\/seating/), page.click('button[type=submit]')]);
    await page.fill('#sp-rows', '8');
    await page.fill('#sp-seats', '26');
    await page.fill('#sp-aisles', '13');
    await page.fill('#sp-blocked', 'A1, A2, C1, C2, E1, E2, G1, G2');
    await page.check('input[name=kind][value=gap]');
    await page.fill('#sp-sgap', '1');
    await page.fill('#sp-rgap', '1');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=preview]')]);
    expect(await page.getAttribute('#seat-capacity', 'data-capacity')).toBe('52');
    expect(await page.textContent('#seat-capacity')).toContain('52 kursi untuk umum');
    await Promise.all([page.waitForURL(/saved=1/), page.click('button[value=save]')]);
    expect(await page.getAttribute('#seat-capacity', 'data-capacity')).toBe('52');
    expect(await page.locator('.seat-usable').count()).toBe(52);
    const s = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registration-settings` })).json();
    expect(s.capacity.onsite).toBe(52);
    await ctx.close();
  });
});
