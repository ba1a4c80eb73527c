import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen } from '../test/helpers/browser.js';
import { createDemoOwner, createEvent, seedSeminar } from '../test/helpers/events.js';

/** How the console and the live page lay out, as Chromium parses what the server sends. */
describe.skipIf(!hasChromium)('the console layout and the live stage, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let email: string;
  let eventId: string;
  let slug: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await listen(t);
    browser = await launchBrowser();
    email = await createDemoOwner(t);
    const token = await t.app.ctx.services.auth.createApiToken(email);
    const ev = await createEvent(t, token, seedSeminar, { publish: true });
    eventId = ev.id;
    slug = ev.slug;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("keeps the event summary's publish, duplicate and delete in one spaced row", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'password123');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
    await page.goto(`${base}/console/events/${eventId}`);

    const layout = await page.evaluate(() => {
      const publish = document.querySelector('form[action*="publish"]')!;
      const duplicate = document.querySelector('a[href$="/duplicate"]')!;
      return {
        sameRow: publish.parentElement === duplicate.parentElement,
        row: duplicate.parentElement!.classList.contains('row'),
        gap: duplicate.getBoundingClientRect().left - publish.getBoundingClientRect().right,
      };
    });
    expect(layout).toMatchObject({ sameRow: true, row: true });
    expect(layout.gap).toBeGreaterThan(4);
    await ctx.close();
  });

  it("lays the people table's actions out in a real table cell, its border in line with the row", async () => {
    const token = await t.app.ctx.services.auth.createApiToken(email);
    for (const name of ['Dwi Arianto', 'Choirul Arifin']) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/people`,
        token,
        payload: { name, role: 'speaker', presence: 'onsite' },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'password123');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
    await page.goto(`${base}/console/events/${eventId}/people`);
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll('form[action$="/move-down"]')].map((f) => {
        const td = f.closest('td')!;
        const tr = td.closest('tr')!;
        return {
          display: getComputedStyle(td).display,
          drift: Math.abs(td.getBoundingClientRect().bottom - tr.getBoundingClientRect().bottom),
        };
      }),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(c.display).toBe('table-cell');
      expect(c.drift).toBeLessThan(1);
    }
    await ctx.close();
  });

  it('starts a card with its heading, without a gap above it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'password123');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit]'),
    ]);
    await page.goto(`${base}/console/events/${eventId}/polls`);
    const gaps = await page.evaluate(() =>
      [...document.querySelectorAll('.card')]
        // The first child a reader sees: a form card starts with its hidden CSRF field.
        .map((c) => [...c.children].find((e) => !(e instanceof HTMLInputElement && e.type === 'hidden')))
        .filter((h): h is Element => !!h && /^H[23]$/.test(h.tagName))
        .map((h) => h.getBoundingClientRect().top - h.parentElement!.getBoundingClientRect().top),
    );
    expect(gaps.length).toBeGreaterThan(0);
    // The card's border and 1rem of padding, nothing more.
    for (const g of gaps) expect(g).toBeLessThanOrEqual(18);
    await ctx.close();
  });

  it('the live island keeps an ended event "ended" when it renders the empty stage', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${base}/e/${slug}/live`);
    // The island renders the whole state once it is connected; the stage is then its text, not the server's.
    await page.waitForFunction(() =>
      /^(live|polling)$/.test(document.getElementById('live-root')?.dataset.conn ?? ''),
    );
    await expect.poll(() => page.textContent('#stage-now')).toBe('Acara sudah selesai.');
    await ctx.close();
  });
});
