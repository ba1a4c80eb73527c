import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { makeTicket, seedLiveEvent, sessionFor } from '../test/helpers/live.js';

const XSS =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> Bagaimana cara daftar kartu UMKM?';

/**
 * The live room in a real browser: a participant in the hall and one online (phones), a moderator, the
 * projector and the stream overlay, each in its own page.
 */
describe.skipIf(!hasChromium)('live room in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let hall: Page;
  let online: Page;
  let moderator: Page;
  let projector: Page;
  let overlay: Page;
  let onlineCtx: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'public', 'live.js')))
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: ROOT,
      });
    t = await createTestApp('sqlite');
    organizer = await t.tokenFor('organizer', 'panitia@example.test');
    ev = await seedLiveEvent(t, organizer);
    base = await listen(t);
    browser = await launchBrowser();
    const ticket = await makeTicket(t, ev.event.id, 'online', 'Siti Daring');
    // One person, one vote: the hall participant votes with the ticket from the door.
    const hallTicket = await makeTicket(t, ev.event.id, 'onsite', '<b>Pak Budi</b>');

    hall = await (await browser.newContext(phone)).newPage();
    await hall.goto(`${base}/e/${ev.event.slug}/live?from=hall&t=${hallTicket.ticketCode}`);
    onlineCtx = await browser.newContext(phone);
    online = await onlineCtx.newPage();
    await online.goto(`${base}/e/${ev.event.slug}/live?t=${ticket.ticketCode}`);

    const session = await sessionFor(t, 'panitia@example.test');
    const modCtx = await browser.newContext({ locale: 'id-ID' });
    await modCtx.addCookies([{ name: 'aula_session', value: session.token, url: base }]);
    moderator = await modCtx.newPage();
    await moderator.goto(`${base}/console/events/${ev.event.id}/moderate`);

    const screens = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    projector = await screens.newPage();
    await projector.goto(`${base}/e/${ev.event.slug}/projector`);
    overlay = await screens.newPage();
    await overlay.goto(`${base}/e/${ev.event.slug}/overlay`);
    for (const p of [hall, online, moderator, projector, overlay]) {
      await p.waitForFunction(
        () =>
          (document.getElementById('live-root') ?? document.getElementById('mod-root') ?? document.body)
            .dataset.conn === 'live',
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a hall question is approved, voted on, put on screen (projector and overlay) and answered; markup stays text', async () => {
    await hall.fill('#q-text', XSS);
    await hall.click('#ask-form button[type=submit]');
    await hall.waitForSelector('#ask-msg:has-text("Moderator akan meninjaunya")');
    // The author sees their own question waiting; the online participant does not.
    await hall.waitForSelector('.question.mine .badge.warn');
    const item = moderator.locator('#mod-list li[data-status="pending"]', {
      hasText: 'Bagaimana cara daftar kartu UMKM?',
    });
    await item.waitFor();
    expect(await online.locator('#questions li').count()).toBe(0);
    await item.locator('button[data-action="approve"]').click();

    const onlineItem = online.locator('#questions li', { hasText: 'Bagaimana cara daftar kartu UMKM?' });
    await onlineItem.waitFor();
    expect(await onlineItem.locator('.qtext').textContent()).toBe(XSS);
    expect(await onlineItem.locator('.badge.origin-onsite').textContent()).toBe('Aula');
    expect(await onlineItem.locator('.author').textContent()).toBe('<b>Pak Budi</b>');
    await onlineItem.locator('form.vote button').click();
    await online.waitForSelector('#questions li .vote button[aria-pressed="true"]');
    await hall.waitForFunction(() => document.querySelector('#questions li .n')?.textContent === '1');

    await moderator
      .locator('#mod-list li', { hasText: 'kartu UMKM' })
      .locator('button[data-action="onscreen"]')
      .click();
    for (const screen of [projector, overlay]) {
      await screen.waitForFunction(
        () =>
          !document.getElementById('screen-q')?.hidden &&
          (document.getElementById('screen-q-text')?.textContent ?? '').includes('kartu UMKM'),
      );
      expect(await screen.locator('#screen-q-text').textContent()).toBe(XSS);
      expect(await screen.locator('#screen-q-text script, #screen-q-text img').count()).toBe(0);
    }
    await moderator
      .locator('#mod-list li', { hasText: 'kartu UMKM' })
      .locator('button[data-action="answered"]')
      .click();
    await online.waitForSelector('#questions li.answered .badge.ok');
    await hall.waitForSelector('#questions li.answered');
    for (const p of [hall, online, moderator, projector, overlay]) {
      expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
  });

  it('a poll runs: participants vote, the projector shows the results', async () => {
    const poll = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/polls`,
        token: organizer,
        payload: { question: 'Usaha Anda bergerak di bidang apa?', options: ['Kuliner', 'Kriya', 'Fesyen'] },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      token: organizer,
      payload: { status: 'open', onScreen: true },
    });
    for (const [p, choice] of [
      [online, 'Kuliner'],
      [hall, 'Kriya'],
    ] as const) {
      const form = p.locator(`form[data-poll="${poll.id}"]`);
      await form.waitFor();
      await form.locator('label', { hasText: choice }).locator('input').check();
      await form.locator('button').click();
      await p.waitForSelector(`.poll[data-id="${poll.id}"] .results`);
    }
    await projector.waitForFunction(
      () =>
        document.querySelector('#screen-poll .n') !== null &&
        [...document.querySelectorAll('#screen-poll .n')].reduce((n, e) => n + Number(e.textContent), 0) ===
          2,
    );
    expect(await projector.locator('#screen-poll-q').textContent()).toBe(
      'Usaha Anda bergerak di bidang apa?',
    );
  });

  it('the stage moves to the next item and every page follows', async () => {
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/live/stage/next`,
      token: organizer,
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/live/stage/next`,
      token: organizer,
    });
    for (const p of [hall, online, projector]) {
      await p.waitForFunction(
        () => document.getElementById('stage-now')?.textContent === 'Pemateri 1: Peran pemerintah',
      );
      await p.waitForFunction(
        () => document.getElementById('stage-next')?.textContent === 'Sesi tanya jawab',
      );
    }
    await overlay.waitForFunction(
      () => document.getElementById('lower-name')?.textContent === 'Choirul Arifin, S.St.Pi., M.M',
    );
    expect(await overlay.locator('#lower-pos').textContent()).toContain(
      'Kasi Pengembangan Usaha Mikro DKUPP',
    );
    expect(await hall.locator('#stage-timer').textContent()).toMatch(
      /^hingga \d{2}\.\d{2} · sisa \d+:\d{2}$/,
    );
  });

  it('a participant who loses the connection catches up, and shows each question once', async () => {
    await onlineCtx.setOffline(true);
    for (const c of t.app.websocketServer.clients) c.terminate();
    await online.waitForFunction(() => document.getElementById('live-root')?.dataset.conn !== 'live');
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Ditanyakan saat peserta daring terputus', channel: 'online', authorName: 'Rina' },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: organizer,
      payload: { status: 'approved' },
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/live/stage/next`,
      token: organizer,
    });
    await onlineCtx.setOffline(false);
    await online.waitForSelector(`#questions li[data-id="${q.id}"]`, { timeout: 20_000 });
    await online.waitForFunction(
      () => document.getElementById('stage-now')?.textContent === 'Sesi tanya jawab',
    );
    expect(await online.locator(`#questions li[data-id="${q.id}"]`).count()).toBe(1);
    expect(await online.locator('#questions li', { hasText: 'kartu UMKM' }).count()).toBe(1);
  });

  it('falls back to polling when WebSockets are blocked', async () => {
    const p = await (await browser.newContext(phone)).newPage();
    await p.goto(`${base}/e/${ev.event.slug}/live?transport=poll`);
    await p.waitForFunction(() => document.getElementById('live-root')?.dataset.conn === 'polling');
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Lewat mode hemat', channel: 'onsite', authorName: 'Joko' },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: organizer,
      payload: { status: 'approved' },
    });
    await p.waitForSelector(`#questions li[data-id="${q.id}"]`, { timeout: 15_000 });
    expect(await p.locator(`#questions li[data-id="${q.id}"]`).count()).toBe(1);
  });
});
