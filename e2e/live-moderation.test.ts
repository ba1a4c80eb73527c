import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { makeTicket, seedLiveEvent, sessionFor } from '../test/helpers/live.js';

const SHOTS = process.env.SHOTS_DIR ?? '';

/**
 * Issue 10, point 1: three phones ask and vote while the moderator approves, merges and undoes. Each
 * time the test notes which row sits under a button, lets the room change (a new question, votes),
 * then clicks that same spot: the question acted on must be the one that was there.
 */
describe.skipIf(!hasChromium)('moderation desk in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let mod: Page;
  const phones: Page[] = [];

  const question = async (id: string) =>
    (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${ev.event.id}/questions?sort=time`,
        token: organizer,
      })
    )
      .json()
      .questions.find((q: { id: string }) => q.id === id) as {
      id: string;
      status: string;
      votes: number;
      mergedInto: string | null;
    };
  const statuses = async () =>
    Object.fromEntries(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/questions`, token: organizer }))
        .json()
        .questions.map((q: { id: string; status: string }) => [q.id, q.status]),
    ) as Record<string, string>;

  async function ask(p: Page, text: string) {
    await p.fill('#q-text', text);
    await p.click('#ask-form button[type=submit]');
    await p.waitForSelector('#ask-msg:has-text("Moderator")');
    await mod.locator('#mod-list li', { hasText: text }).waitFor();
    return (await mod.locator('#mod-list li', { hasText: text }).getAttribute('data-id'))!;
  }
  async function vote(p: Page, id: string) {
    const b = p.locator(`#questions li[data-id="${id}"] form.vote button`);
    await b.waitFor();
    await b.click();
    await p.waitForSelector(`#questions li[data-id="${id}"] form.vote button[aria-pressed="true"]`);
  }
  /** The centre of a row's button and the row's question id, as the moderator is about to click it. */
  async function aim(index: number, action: string) {
    const row = mod.locator('#mod-list li').nth(index);
    const id = (await row.getAttribute('data-id'))!;
    const box = (await row.locator(`[data-action="${action}"]`).boundingBox())!;
    await mod.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    return { id, x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  const votesShown = (id: string, n: number) =>
    mod.waitForFunction(
      ([qid, want]) =>
        document.querySelector(`#mod-list li[data-id="${qid}"] .meta .n`)?.textContent === String(want),
      [id, n] as const,
    );

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'public', 'moderate.js')))
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: ROOT,
      });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp('sqlite');
    organizer = await t.tokenFor('organizer', 'moderator-desk@example.test');
    ev = await seedLiveEvent(t, organizer);
    base = await listen(t);
    browser = await launchBrowser();
    const session = await sessionFor(t, 'moderator-desk@example.test');
    const modCtx = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 900 } });
    await modCtx.addCookies([{ name: 'aula_session', value: session.token, url: base }]);
    mod = await modCtx.newPage();
    await mod.goto(`${base}/console/events/${ev.event.id}/moderate`);
    for (const name of ['Ani', 'Budi', 'Citra']) {
      const tk = await makeTicket(t, ev.event.id, 'onsite', name);
      const p = await (await browser.newContext(phone)).newPage();
      await p.goto(`${base}/e/${ev.event.slug}/live?t=${tk.ticketCode}&from=hall`);
      phones.push(p);
    }
    for (const p of [mod, ...phones])
      await p.waitForFunction(
        () =>
          (document.getElementById('live-root') ?? document.getElementById('mod-root'))?.dataset.conn ===
          'live',
      );
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the clicked row is the acted row: approve, merge, undo and dismiss while phones ask and vote', async () => {
    const [ani, budi, citra] = phones as [Page, Page, Page];
    const q1 = await ask(ani, 'Bagaimana cara mendaftar NIB untuk usaha mikro?');
    const q2 = await ask(budi, 'Apakah ada pelatihan pemasaran digital gratis?');
    const q3 = await ask(citra, 'Cara daftar NIB bagaimana ya, Pak?');

    // 1. Approve the top row while a new question arrives: it joins at the bottom, nothing moves.
    let target = await aim(0, 'approve');
    const q4 = await ask(ani, 'Kapan bantuan alat produksi dibagikan?');
    await mod.waitForSelector('#mod-new:not([hidden])');
    expect(await mod.locator('#mod-list li').last().getAttribute('data-id')).toBe(q4);
    await mod.mouse.click(target.x, target.y);
    await mod.waitForSelector(`#mod-list li[data-id="${target.id}"][data-status="approved"]`);
    let st = await statuses();
    expect(st[target.id]).toBe('approved');
    expect([q1, q2, q3, q4].filter((id) => st[id] === 'approved')).toEqual([target.id]);

    // 2. Approve the second row while votes pour in on the first (the old desk re-sorted on each vote).
    target = await aim(1, 'approve');
    await vote(budi, q1);
    await vote(citra, q1);
    await votesShown(q1, 2);
    await mod.mouse.click(target.x, target.y);
    await mod.waitForSelector(`#mod-list li[data-id="${target.id}"][data-status="approved"]`);
    st = await statuses();
    expect(st[target.id]).toBe('approved');
    expect(Object.values(st).filter((s) => s === 'approved')).toHaveLength(2);
    await mod.click(`#mod-list li[data-id="${q3}"] [data-action="approve"]`);
    await vote(ani, q3);
    await vote(budi, q3);
    await votesShown(q3, 2);

    // 3. Merge the third row into the first through the search picker; a vote lands meanwhile, and the
    //    half-typed search survives it.
    target = await aim(2, 'more');
    expect(target.id).toBe(q3);
    await mod.mouse.click(target.x, target.y);
    const menu = mod.locator(`#mod-list li[data-id="${q3}"] details.more`);
    await menu.locator('input.merge-search').fill('NIB usaha');
    await vote(citra, q2);
    await votesShown(q2, 1);
    expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await menu.locator('input.merge-search').inputValue()).toBe('NIB usaha');
    expect(await menu.locator('button.pick').count()).toBe(1);
    await menu.locator(`button.pick[data-target="${q1}"]`).click();
    await mod.waitForSelector(`#mod-list li[data-id="${q3}"][data-status="merged"]`);
    expect(await question(q3)).toMatchObject({ status: 'merged', mergedInto: q1 });
    // Budi voted for both: he counts once. Ani's vote came along.
    expect((await question(q1)).votes).toBe(3);
    // The merged filter shows it.
    await mod.selectOption('#f-status', 'merged');
    await mod.waitForFunction(() => document.querySelectorAll('#mod-list li').length === 1);
    expect(await mod.locator('#mod-list li').getAttribute('data-id')).toBe(q3);
    await mod.selectOption('#f-status', 'active');

    // 4. Undo the merge: both questions as they were, with their own votes.
    await mod.click('#mod-undo-btn');
    await mod.waitForSelector(`#mod-list li[data-id="${q3}"][data-status="approved"]`);
    expect(await question(q3)).toMatchObject({ status: 'approved', votes: 2, mergedInto: null });
    expect((await question(q1)).votes).toBe(2);
    await ani.waitForSelector(`#questions li[data-id="${q3}"]`);

    // 5. Dismiss a row while another phone asks, then undo with the keyboard.
    const rows = await mod
      .locator('#mod-list li')
      .evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.id));
    const at = rows.indexOf(q2);
    target = await aim(at, 'dismiss');
    expect(target.id).toBe(q2);
    const q5 = await ask(budi, 'Apakah materi presentasi akan dibagikan?');
    await mod.mouse.click(target.x, target.y);
    await mod.waitForSelector(`#mod-list li[data-id="${q2}"][data-status="dismissed"]`);
    st = await statuses();
    expect(st[q2]).toBe('dismissed');
    expect(st[q5]).toBe('pending');
    // The dismissed row stays where it was (dimmed) until the moderator reorders.
    expect(
      await mod.locator('#mod-list li').evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.id)),
    ).toEqual([...rows, q5]);
    await mod.keyboard.press('u');
    await mod.waitForSelector(`#mod-list li[data-id="${q2}"][data-status="approved"]`);
    expect((await statuses())[q2]).toBe('approved');

    // 6. Reorder on demand (waiting ones first, oldest first), then the keyboard: j marks the next row,
    //    j again the one after, a approves the marked one.
    await mod.click('#mod-new');
    await mod.waitForSelector('#mod-new', { state: 'hidden' });
    const ordered = await mod
      .locator('#mod-list li')
      .evaluateAll((ls) => ls.map((l) => [(l as HTMLElement).dataset.id, (l as HTMLElement).dataset.status]));
    expect(ordered.slice(0, 2)).toEqual([
      [q4, 'pending'],
      [q5, 'pending'],
    ]);
    await mod.locator('h1').click();
    await mod.keyboard.press('j');
    await mod.keyboard.press('j');
    expect(await mod.locator('#mod-list li.current').getAttribute('data-id')).toBe(q5);
    await mod.keyboard.press('a');
    await mod.waitForSelector(`#mod-list li[data-id="${q5}"][data-status="approved"]`);
    st = await statuses();
    expect(st[q5]).toBe('approved');
    expect(st[q4]).toBe('pending');
  });

  it('keys put the marked row on screen and mark it answered; undo takes back approve and answered', async () => {
    const [ani] = phones as [Page];
    const qa = await ask(ani, 'Apakah ada sesi konsultasi setelah acara?');
    const status = async () => (await question(qa)).status;
    await mod.click(`#mod-list li[data-id="${qa}"] [data-action="approve"]`);
    await expect.poll(status).toBe('approved');
    await mod.click('#mod-undo-btn');
    await expect.poll(status).toBe('pending');
    await mod.waitForSelector(`#mod-list li[data-id="${qa}"][data-status="pending"]`);
    await mod.click(`#mod-list li[data-id="${qa}"] [data-action="approve"]`);
    await mod.waitForSelector(`#mod-list li[data-id="${qa}"][data-status="approved"]`);
    // Mark the row with the keys, then act on it.
    await mod.locator('h1').click();
    for (let i = 0; i < 20; i++) {
      if (
        (await mod
          .locator('#mod-list li.current')
          .getAttribute('data-id')
          .catch(() => null)) === qa
      )
        break;
      await mod.keyboard.press('j');
    }
    expect(await mod.locator('#mod-list li.current').getAttribute('data-id')).toBe(qa);
    const onScreen = async () => ((await question(qa)) as unknown as { onScreen: boolean }).onScreen;
    await mod.keyboard.press('s');
    await expect.poll(onScreen).toBe(true);
    await mod.keyboard.press('x');
    await expect.poll(status).toBe('answered');
    await mod.waitForSelector(`#mod-list li[data-id="${qa}"][data-status="answered"]`);
    await mod.keyboard.press('u');
    await expect.poll(status).toBe('approved');
  });

  it('reorders by itself only when the desk is idle and the pointer is away from the list', async () => {
    const session = await sessionFor(t, 'moderator-desk@example.test');
    const ctx = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 900 } });
    await ctx.addCookies([{ name: 'aula_session', value: session.token, url: base }]);
    const p = await ctx.newPage();
    await p.clock.install();
    await p.goto(`${base}/console/events/${ev.event.id}/moderate`);
    await p.waitForFunction(() => document.getElementById('mod-root')?.dataset.conn === 'live');
    const ids = () =>
      p.locator('#mod-list li').evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.id));
    // Approved questions are on the list: a new waiting one ranks above them, but arrives at the bottom.
    expect(Object.values(await statuses())).toContain('approved');
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/questions`,
      payload: {
        text: 'Pertanyaan yang datang saat moderator membaca',
        channel: 'onsite',
        authorName: 'Dewi',
      },
    });
    const fresh = r.json().id as string;
    await p.waitForSelector(`#mod-list li[data-id="${fresh}"]`);
    await p.waitForSelector('#mod-new:not([hidden])');
    expect((await ids()).at(-1)).toBe(fresh);
    // The pointer rests on the list: a long pause changes nothing.
    const box = (await p.locator('#mod-list li').first().boundingBox())!;
    await p.mouse.move(box.x + 5, box.y + 5);
    await p.clock.fastForward(20_000);
    expect((await ids()).at(-1)).toBe(fresh);
    expect(await p.locator('#mod-new').isHidden()).toBe(false);
    // Away from the list and idle: the list takes its order and the bar goes.
    await p.mouse.move(box.x + 5, 2);
    await p.clock.fastForward(20_000);
    await p.waitForSelector('#mod-new', { state: 'hidden' });
    expect((await ids()).at(-1)).not.toBe(fresh);
    await ctx.close();
  });

  it('works on a phone without sideways scrolling', async () => {
    const session = await sessionFor(t, 'moderator-desk@example.test');
    const ctx = await browser.newContext({ ...phone, viewport: { width: 390, height: 844 } });
    await ctx.addCookies([{ name: 'aula_session', value: session.token, url: base }]);
    const p = await ctx.newPage();
    await p.goto(`${base}/console/events/${ev.event.id}/moderate`);
    await p.waitForFunction(() => document.getElementById('mod-root')?.dataset.conn === 'live');
    // "live" means the socket opened; the snapshot that fills the list comes just after it.
    await p.waitForSelector('#mod-list li');
    // Compact rows: each row's actions sit on one line, on the phone and on the laptop.
    const lines = (page: Page) =>
      page.locator('#mod-list li').evaluateAll((ls) =>
        ls.map((l) => {
          const tops = [
            ...l.querySelectorAll(
              ':scope button[data-action]:not(details.more *), :scope details.more > summary',
            ),
          ].map((b) => Math.round(b.getBoundingClientRect().top));
          return { n: tops.length, spread: Math.max(...tops) - Math.min(...tops) };
        }),
      );
    for (const page of [p, mod]) {
      const rows = await lines(page);
      expect(rows.length).toBeGreaterThan(3);
      // Every row has its actions (a dismissed one keeps "restore" and nothing else), all on one line.
      expect(
        rows.every((r) => r.n >= 1 && r.spread <= 4),
        JSON.stringify(rows),
      ).toBe(true);
      expect(rows.some((r) => r.n >= 3)).toBe(true);
    }
    await p.locator('#mod-list li details.more summary').first().click();
    expect(await p.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await p.screenshot({ path: join(SHOTS, 'moderate-phone-390.png'), fullPage: true });
    if (SHOTS) await mod.screenshot({ path: join(SHOTS, 'moderate-laptop.png'), fullPage: true });
    await ctx.close();
  });
});
