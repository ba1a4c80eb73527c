import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { makeTicket, seedLiveEvent } from '../test/helpers/live.js';

const SHOTS = process.env.SHOTS_DIR ?? '';

const WORDS = [
  'digital',
  'modal',
  'pemasaran',
  'koperasi',
  'pelatihan',
  'kemasan',
  'marketplace',
  'izin usaha',
  'kredit',
  'jaringan',
  'halal',
  'ekspor',
];

/**
 * Issue 10, points 4 and 6 in Chromium: a word cloud drawn as a cloud on the projector (words at
 * scattered positions, none overlapping, all inside the screen) and answered from a phone; caption
 * lines typed at the caption desk reaching the live page's toggle and the projector's band.
 */
describe.skipIf(!hasChromium)('word cloud on the projector and captions on the live page', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let poll: { id: string };
  const tickets: { ticketCode: string }[] = [];

  const call = async (
    method: 'POST' | 'PATCH',
    url: string,
    payload: Record<string, unknown>,
    token = organizer,
  ) => {
    const r = await t.inject({ method, url, token, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'public', 'captions.js')))
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: ROOT,
      });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp('sqlite');
    organizer = await t.tokenFor('organizer', 'awan@example.test');
    ev = await seedLiveEvent(t, organizer);
    poll = await call('POST', `/api/v1/events/${ev.event.id}/polls`, {
      kind: 'wordcloud',
      question: 'Dalam satu sampai tiga kata: apa yang paling dibutuhkan UMKM?',
    });
    await call('PATCH', `/api/v1/polls/${poll.id}`, { status: 'open', onScreen: true });
    for (let i = 0; i < 40; i++) tickets.push(await makeTicket(t, ev.event.id, 'online', `Peserta ${i}`));
    // A hall's answers: the first words often, the last ones once (39 people).
    const answers = [9, 7, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1].flatMap((n, k) => Array<string>(n).fill(WORDS[k]!));
    for (const [i, tk] of tickets.slice(1).entries()) {
      await call('POST', `/api/v1/polls/${poll.id}/votes`, { ticketCode: tk.ticketCode, text: answers[i]! });
    }
    base = await listen(t);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function cloudBoxes(p: Page) {
    return p.evaluate(() => {
      const stage = document.querySelector('.cloud-stage')!.getBoundingClientRect();
      return {
        stage: { left: stage.left, top: stage.top, right: stage.right, bottom: stage.bottom },
        words: [...document.querySelectorAll<HTMLElement>('.cloud-stage span')]
          .filter((s) => !s.hidden)
          .map((s) => {
            const r = s.getBoundingClientRect();
            return {
              text: s.textContent,
              left: r.left,
              top: r.top,
              right: r.right,
              bottom: r.bottom,
              size: r.height,
            };
          }),
        vw: window.innerWidth,
        vh: window.innerHeight,
      };
    });
  }

  it('draws the word cloud as a cloud on a 1920×1080 projector and grows it as phones answer', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await ctx.newPage();
    await screen.goto(`${base}/e/${ev.event.slug}/projector?captions=1`);
    await screen.waitForSelector('.cloud-stage span');
    const first = await cloudBoxes(screen);
    expect(first.words.map((w) => w.text)).toContain('digital');
    // A cloud, not a list: the most given word is the largest and sits in the middle of the box;
    // words spread over several rows and columns; none overlaps another or leaves the screen.
    const big = first.words.find((w) => w.text === 'digital')!;
    expect(big.size).toBe(Math.max(...first.words.map((w) => w.size)));
    const cx = (first.stage.left + first.stage.right) / 2;
    const cy = (first.stage.top + first.stage.bottom) / 2;
    expect(big.left < cx && big.right > cx && big.top < cy && big.bottom > cy).toBe(true);
    expect(new Set(first.words.map((w) => Math.round(w.top / 10))).size).toBeGreaterThan(2);
    expect(new Set(first.words.map((w) => Math.round(w.left / 10))).size).toBeGreaterThan(2);
    for (const a of first.words) {
      expect(a.left >= 0 && a.top >= 0 && a.right <= first.vw && a.bottom <= first.vh).toBe(true);
      for (const b of first.words)
        if (a !== b)
          expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
    }
    if (SHOTS) await screen.screenshot({ path: join(SHOTS, 'projector-wordcloud-1920.png') });

    // A participant answers on a phone; the projector's cloud gains the word.
    const pctx = await browser.newContext(phone);
    const live = await pctx.newPage();
    await live.goto(`${base}/e/${ev.event.slug}/live?t=${tickets[0]!.ticketCode}`);
    const form = live.locator(`form[data-poll="${poll.id}"]`);
    await form.locator('input[name=text]').fill('<b>Literasi</b> keuangan');
    await form.locator('button[type=submit]').click();
    await screen.waitForFunction(() =>
      [...document.querySelectorAll('.cloud-stage span')].some((s) => s.textContent === '<b>literasi</b>'),
    );
    await live.waitForSelector(`.poll[data-id="${poll.id}"] .cloud`);
    expect(await live.locator('b').count()).toBe(0);
    if (SHOTS) await live.screenshot({ path: join(SHOTS, 'live-wordcloud-phone.png'), fullPage: true });
    await pctx.close();
    await ctx.close();
  });

  it('sends caption lines from the caption desk to the live page toggle and the projector band', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.setExtraHTTPHeaders({ authorization: `Bearer ${organizer}` });
    const desk = await ctx.newPage();
    await desk.goto(`${base}/console/events/${ev.event.id}/captions`);
    const sctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await sctx.newPage();
    await screen.goto(`${base}/e/${ev.event.slug}/projector?captions=1`);
    const pctx = await browser.newContext(phone);
    const live = await pctx.newPage();
    await live.goto(`${base}/e/${ev.event.slug}/live`);
    await live.locator('#captions summary').click();
    await live.waitForFunction(() => document.getElementById('live-root')?.dataset.conn === 'live');

    await desk.locator('#caption-line').fill('Selamat pagi, kita mulai sesi pemulihan <i>UMKM</i>.');
    await desk.locator('#caption-line').press('Enter');
    await live.waitForFunction(() =>
      document
        .getElementById('captions-lines')
        ?.textContent?.includes('kita mulai sesi pemulihan <i>UMKM</i>'),
    );
    await screen.waitForFunction(() =>
      document.getElementById('caption-band')?.textContent?.includes('kita mulai sesi pemulihan'),
    );
    expect(await live.locator('#captions-lines i').count()).toBe(0);

    // The moderator corrects the last line; every screen shows the correction in its place.
    await desk.locator('#caption-correct').fill('Selamat pagi, kita mulai sesi pemulihan UMKM.');
    await desk.locator('#correct-form button[type=submit]').click();
    await live.waitForFunction(
      () =>
        document.getElementById('captions-lines')?.lastElementChild?.textContent ===
        'Selamat pagi, kita mulai sesi pemulihan UMKM.',
    );
    await screen.waitForFunction(() =>
      document.getElementById('caption-band')?.textContent?.includes('pemulihan UMKM.'),
    );
    if (SHOTS) {
      await live.screenshot({ path: join(SHOTS, 'live-captions-phone.png'), fullPage: true });
      await screen.screenshot({ path: join(SHOTS, 'projector-captions-1920.png') });
      await desk.screenshot({ path: join(SHOTS, 'caption-desk.png'), fullPage: true });
    }
    await Promise.all([ctx.close(), sctx.close(), pctx.close()]);
  });

  it("feeds the browser's Indonesian speech recognition into caption lines (a stand-in for the API)", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
    await ctx.setExtraHTTPHeaders({ authorization: `Bearer ${organizer}` });
    // No speech model runs in a test: a stand-in with the Web Speech API's shape says one interim and one
    // final result when started, and records the language it was asked for.
    await ctx.addInitScript(() => {
      class FakeRecognition {
        lang = '';
        continuous = false;
        interimResults = false;
        onresult: ((e: unknown) => void) | null = null;
        onend: (() => void) | null = null;
        start() {
          (window as unknown as { speechLang: string }).speechLang = this.lang;
          const said = (transcript: string, isFinal: boolean) => {
            const r = Object.assign([{ transcript }], { isFinal });
            this.onresult?.({ resultIndex: 0, results: [r] });
          };
          setTimeout(() => said('terima kasih kepada', false), 10);
          setTimeout(() => said('Terima kasih kepada Bapak Dekan', true), 50);
        }
        stop() {}
      }
      Object.assign(window, { SpeechRecognition: FakeRecognition, webkitSpeechRecognition: FakeRecognition });
    });
    const desk = await ctx.newPage();
    await desk.goto(`${base}/console/events/${ev.event.id}/captions`);
    await desk.locator('#speech-toggle').click();
    const lines = async () =>
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/captions` })).json().lines as {
        text: string;
      }[];
    await expect
      .poll(async () => (await lines()).map((l) => l.text))
      .toContain('Terima kasih kepada Bapak Dekan');
    expect(await desk.evaluate(() => (window as unknown as { speechLang: string }).speechLang)).toBe('id-ID');
    await ctx.close();
  });

  it('keeps the cloud and the caption band inside the overlay and smaller projectors', async () => {
    for (const [view, width, height] of [
      ['overlay', 1920, 1080],
      ['projector', 1280, 720],
      ['projector', 1024, 768],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width, height } });
      const p = await ctx.newPage();
      await p.goto(`${base}/e/${ev.event.slug}/${view}?captions=1`);
      await p.waitForSelector(view === 'overlay' ? '.cloud span' : '.cloud-stage span');
      await p.waitForFunction(() => document.getElementById('caption-band')?.textContent);
      const outside = await p.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.cloud span, .cloud-stage span, #caption-band p')]
          .filter((el) => !el.hidden)
          .map((el) => el.getBoundingClientRect())
          .filter(
            (r) => r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5,
          ),
      );
      expect(outside).toEqual([]);
      if (SHOTS) await p.screenshot({ path: join(SHOTS, `${view}-wordcloud-${width}.png`) });
      await ctx.close();
    }
  });

  it('cues a remote speaker from the stage pointer and gives them their join button', async () => {
    const dean = await call('POST', `/api/v1/events/${ev.event.id}/people`, {
      name: 'Ahmad Fauzi',
      frontTitles: 'Prof. Dr.',
      position: 'Dekan Fakultas Ekonomi',
      role: 'speaker',
      presence: 'online',
    });
    const first = ev.agenda[0]!;
    const item = await call('POST', `/api/v1/events/${ev.event.id}/agenda`, {
      kind: 'talk',
      title: 'Pembukaan oleh Dekan (daring)',
      startsAt: '2021-12-30T09:10:00+07:00',
      endsAt: '2021-12-30T09:20:00+07:00',
      personIds: [dean.id],
    });
    const put = (agendaItemId: string) =>
      t.inject({
        method: 'PUT',
        url: `/api/v1/events/${ev.event.id}/live/stage`,
        token: organizer,
        payload: { agendaItemId },
      });
    expect((await put(first.id)).statusCode).toBe(200);
    const signed = t.app.signCookie(`${ev.event.id}.${dean.id}`);
    const k = signed.slice(signed.lastIndexOf('.') + 1);
    const ctx = await browser.newContext(phone);
    const p = await ctx.newPage();
    await p.goto(`${base}/e/${ev.event.slug}/speaker/${dean.id}?k=${encodeURIComponent(k)}`);
    expect(await p.locator('#speaker-cue').textContent()).toBe('Anda berikutnya');
    expect(await p.locator('#speaker-join').getAttribute('href')).toContain(`/people/${dean.id}/join?k=`);
    if (SHOTS) await p.screenshot({ path: join(SHOTS, 'speaker-next-phone.png'), fullPage: true });
    expect((await put(item.id)).statusCode).toBe(200);
    await p.waitForFunction(
      () => document.getElementById('speaker-cue')?.textContent === 'Anda sedang tampil',
    );
    if (SHOTS) await p.screenshot({ path: join(SHOTS, 'speaker-now-phone.png'), fullPage: true });
    await ctx.close();
  });

  it('lets door staff find a speaker in the same search as participants and check them in', async () => {
    const ctx = await browser.newContext(phone);
    await ctx.setExtraHTTPHeaders({ authorization: `Bearer ${organizer}` });
    const door = await ctx.newPage();
    await door.goto(`${base}/console/events/${ev.event.id}/checkin`);
    await door.fill('#ci-input', 'Choirul Arifin');
    await door.press('#ci-input', 'Enter');
    const row = door.locator('#ci-results li', { hasText: 'Choirul Arifin' });
    await row.locator('button').click();
    await door.waitForSelector('#ci-result.green');
    expect(await door.locator('#ci-result').textContent()).toContain('Tercatat hadir di aula');
    if (SHOTS) await door.screenshot({ path: join(SHOTS, 'door-speaker-phone.png'), fullPage: true });
    const people = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/people`, token: organizer })
    ).json().people as { id: string; attended: { mode: string } | null }[];
    // Recorded, though this seed's event lies in the past: its window decides what counts as attended.
    const rows = await t.app.ctx.db
      .selectFrom('person_joins')
      .select(['person_id', 'mode'])
      .where('person_id', '=', ev.speaker.id)
      .execute();
    expect(rows).toEqual([{ person_id: ev.speaker.id, mode: 'onsite' }]);
    expect(people.find((p) => p.id === ev.speaker.id)).toBeDefined();
    await ctx.close();
  });

  it('shows a rating as its average and an open poll as its approved answers, as text, on both screens', async () => {
    const polls = `/api/v1/events/${ev.event.id}/polls`;
    const rating = await call('POST', polls, { kind: 'rating', question: 'Nilai sesi pagi ini' });
    const open = await call('POST', polls, { kind: 'open', question: 'Satu usul untuk panitia?' });
    for (const p of [rating, open]) await call('PATCH', `/api/v1/polls/${p.id}`, { status: 'open' });
    for (const [i, r] of [5, 4, 5].entries())
      await call('POST', `/api/v1/polls/${rating.id}/votes`, {
        ticketCode: tickets[i]!.ticketCode,
        rating: r,
      });
    await call('POST', `/api/v1/polls/${open.id}/votes`, {
      ticketCode: tickets[0]!.ticketCode,
      text: '<i>Pendampingan</i> izin usaha',
    });
    await call('POST', `/api/v1/polls/${open.id}/votes`, {
      ticketCode: tickets[1]!.ticketCode,
      text: 'Belum disetujui moderator',
    });
    const staff = (await t.inject({ method: 'GET', url: polls, token: organizer })).json().polls;
    const answers = staff.find((p: { id: string }) => p.id === open.id).answers as {
      id: string;
      text: string;
    }[];
    const first = answers.find((a) => a.text.startsWith('<i>'))!;
    await call('PATCH', `/api/v1/poll-answers/${first.id}`, { status: 'approved' });

    const screens = async (shot: string, check: (p: Page) => Promise<void>) => {
      for (const view of ['projector', 'overlay'] as const) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'id-ID' });
        const p = await ctx.newPage();
        await p.goto(`${base}/e/${ev.event.slug}/${view}`);
        await check(p);
        if (SHOTS) await p.screenshot({ path: join(SHOTS, `${view}-kind-${shot}.png`) });
        await ctx.close();
      }
    };
    await call('PATCH', `/api/v1/polls/${rating.id}`, { onScreen: true });
    await screens('rating', async (p) => {
      await p.waitForSelector('#screen-poll .rating-avg');
      expect(await p.locator('#screen-poll .rating-avg').textContent()).toContain('4,7 / 5');
      expect(await p.locator('#screen-poll-q').textContent()).toBe('Nilai sesi pagi ini');
    });
    await call('PATCH', `/api/v1/polls/${open.id}`, { onScreen: true });
    await screens('open', async (p) => {
      await p.waitForSelector('#screen-poll .answers li');
      expect(await p.locator('#screen-poll .answers li').allTextContents()).toEqual([
        '<i>Pendampingan</i> izin usaha',
      ]);
      expect(await p.locator('#screen-poll i').count()).toBe(0);
    });
    await call('PATCH', `/api/v1/polls/${poll.id}`, { onScreen: true });
  });
});
