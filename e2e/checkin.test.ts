import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { hasChromium, launchBrowser, listen, phone } from '../test/helpers/browser.js';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';

const W = 640;
const H = 480;

/**
 * A Y4M video for Chromium's fake camera: two seconds of the ticket's QR code, then two seconds of a
 * blank wall, looping — a person holds the ticket up, steps away, and holds it up again.
 */
async function qrVideo(text: string, file: string): Promise<void> {
  const png = await QRCode.toBuffer(text, { margin: 4, scale: 8, errorCorrectionLevel: 'M' });
  const qr = await sharp(png)
    .resize({ height: 400, fit: 'contain', background: '#fff' })
    .extend({ top: 40, bottom: 40, left: 0, right: 0, background: '#fff' })
    .resize(W, H, { fit: 'contain', background: '#fff' })
    .greyscale()
    .raw()
    .toBuffer();
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const blank = Buffer.concat([Buffer.alloc(W * H, 235), chroma]);
  const withQr = Buffer.concat([qr.subarray(0, W * H), chroma]);
  const fps = 10;
  const frames: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < 4 * fps; i++) frames.push(Buffer.from('FRAME\n'), i < 2 * fps ? withQr : blank);
  writeFileSync(file, Buffer.concat(frames));
}

describe.skipIf(!hasChromium)('door check-in and online presence in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  let eventId: string;
  let people: { id: string; ticketCode: string; name: string }[];
  let remote: { id: string; ticketCode: string; name: string }[];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'public', 'checkin.js'))) {
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: ROOT,
      });
    }
    t = await createTestApp('sqlite', { PUBLIC_URL: 'http://127.0.0.1' });
    const db = t.app.ctx.db;
    const organizer = await t.app.ctx.services.auth.createUser({
      email: 'panitia@example.test',
      password: 'rahasia123',
      role: 'organizer',
      name: 'Panitia',
    });
    const rina = await t.app.ctx.services.auth.createUser({
      email: 'rina@example.test',
      password: 'rahasia123',
      role: 'checkin',
      name: 'Rina',
    });
    const token = await t.app.ctx.services.auth.createApiToken('panitia@example.test');
    const e = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token,
      payload: {
        title: 'Strategi Pemulihan Perekonomian UMKM',
        // On now: the door counts only inside the event's window (an hour before the start to after the end).
        startsAt: new Date(Date.now() - 30 * 60000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600000).toISOString(),
        venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
      },
    });
    eventId = e.json().id;
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token });
    await t.app.ctx.services.eventsManage.setTeamRole(eventId, rina.id, 'checkin');
    void organizer;
    people = await seedRegistrations(db, eventId, 4, { prefix: 'Peserta Aula' });
    remote = await seedRegistrations(db, eventId, 1, { mode: 'online', prefix: 'Peserta Daring' });
    base = await listen(t);
    dir = mkdtempSync(join(tmpdir(), 'aula-cam-'));
    // The ticket QR holds the bare ticket code (see the ticket page).
    await qrVideo(people[0]!.ticketCode, join(dir, 'ticket.y4m'));
    browser = await launchBrowser([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${join(dir, 'ticket.y4m')}`,
    ]);
    context = await browser.newContext({ ...phone, permissions: ['camera'] });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function login(page: Page, email: string, next: string) {
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await page.fill('#email', email);
    await page.fill('#password', 'rahasia123');
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}${next}`);
  }

  const stats = async () =>
    (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${eventId}/stats`,
        token: await t.app.ctx.services.auth.createApiToken('panitia@example.test'),
      })
    ).json().attendance;

  it('scans a real QR code from the camera: green, then amber; offline it checks two people in and syncs them once', async () => {
    const page = await context.newPage();
    await login(page, 'rina@example.test', `/console/events/${eventId}/checkin`);
    await page.waitForSelector('#checkin[data-ready="1"]');
    await page.click('#ci-camera');
    const result = page.locator('#ci-result');
    await expect.poll(() => result.getAttribute('class'), { timeout: 20_000 }).toContain('green');
    await expect(result.textContent()).resolves.toContain('Peserta Aula 001');
    // The same ticket held up again: already checked in, by Rina.
    await expect.poll(() => result.getAttribute('class'), { timeout: 20_000 }).toContain('amber');
    await expect(result.textContent()).resolves.toContain('oleh Rina');
    await page.click('#ci-camera');
    expect(await stats()).toEqual({ onsite: 1, online: 0, total: 1 });

    // The hall's Wi-Fi drops: two people are checked in with a keyboard-wedge scanner, one twice.
    await context.setOffline(true);
    await expect.poll(() => page.locator('#ci-net').getAttribute('class')).toContain('off');
    for (const code of [people[1]!.ticketCode, people[2]!.ticketCode]) {
      await page.fill('#ci-input', code);
      await page.press('#ci-input', 'Enter');
      await expect.poll(() => result.getAttribute('class')).toContain('green');
      await expect(result.textContent()).resolves.toContain('offline');
    }
    await page.fill('#ci-input', `http://127.0.0.1/t/${people[1]!.ticketCode}`);
    await page.press('#ci-input', 'Enter');
    await expect.poll(() => result.getAttribute('class')).toContain('amber');
    // An online registrant is refused at the door, offline too.
    await page.fill('#ci-input', remote[0]!.ticketCode);
    await page.press('#ci-input', 'Enter');
    await expect.poll(() => result.getAttribute('class')).toContain('red');
    expect(await page.locator('#ci-queue').textContent()).toBe('2');
    expect(await page.locator('#ci-count').textContent()).toBe('3');
    expect(await stats()).toEqual({ onsite: 1, online: 0, total: 1 });

    // Back online: the queue is sent, the server counts each person once.
    await context.setOffline(false);
    await expect.poll(() => page.locator('#ci-queue').textContent(), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => page.locator('#ci-count').textContent()).toBe('3');
    expect(await stats()).toEqual({ onsite: 3, online: 0, total: 3 });

    // A second phone at the same door replays the same people: nobody is counted twice.
    const other = await context.newPage();
    await other.goto(`${base}/console/events/${eventId}/checkin`);
    await other.waitForSelector('#checkin[data-ready="1"]');
    await other.fill('#ci-input', people[2]!.ticketCode);
    await other.press('#ci-input', 'Enter');
    await expect.poll(() => other.locator('#ci-result').getAttribute('class')).toContain('amber');
    // Search by name and check in with one tap.
    await other.fill('#ci-input', 'aula 004');
    await other.press('#ci-input', 'Enter');
    await other.click('#ci-results button');
    await expect.poll(() => other.locator('#ci-result').getAttribute('class')).toContain('green');
    expect(await stats()).toEqual({ onsite: 4, online: 0, total: 4 });
    await other.close();
    await page.close();
  });

  it('an online participant enters the attendance code on the ticket and the dashboard updates live', async () => {
    const desk = await browser.newContext({ locale: 'id-ID' });
    const organizer = await desk.newPage();
    await login(organizer, 'panitia@example.test', `/console/events/${eventId}/attendance/codes`);
    await organizer.fill('#label', 'Pembukaan');
    await organizer.click('main form[action$="/codes"] button[type=submit]');
    const code = (await organizer.locator('.code-big').first().getAttribute('data-code'))!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await organizer.goto(`${base}/console/events/${eventId}/attendance`);
    await organizer.waitForFunction(() =>
      document.querySelector('#attendance-live')?.getAttribute('data-updated'),
    );
    expect(await organizer.locator('[data-k="present.online"]').textContent()).toBe('0');

    const participant = await browser.newContext(phone);
    const p = await participant.newPage();
    // The personal join link records the join and sends the person to the room (not followed here).
    const join = await p.request.get(`${base}/t/${remote[0]!.ticketCode}/join`, { maxRedirects: 0 });
    expect(join.status()).toBe(302);
    expect(join.headers().location).toBe('https://zoom.us/j/123456789');
    await p.goto(`${base}/t/${remote[0]!.ticketCode}`);
    await p.fill('#kode-presensi', code.toLowerCase());
    await p.click('#presensi button[type=submit]');
    await expect(p.locator('#presensi .notice.ok').first().textContent()).resolves.toMatch(
      /diterima|tercatat/,
    );
    await expect
      .poll(() => organizer.locator('[data-k="present.online"]').textContent(), { timeout: 10_000 })
      .toBe('1');
    expect(await organizer.locator('[data-k="present.total"]').textContent()).toBe('5');
    await participant.close();
    await desk.close();
  });

  it('offline, registers a walk-in (waiting to sync) and checks a ticket in; online again, both land once', async () => {
    const db = t.app.ctx.db;
    const [late] = await seedRegistrations(db, eventId, 1, { prefix: 'Peserta Terlambat' });
    const before = (await stats()).onsite as number;
    const page = await context.newPage();
    await page.goto(`${base}/console/events/${eventId}/checkin`);
    await page.waitForSelector('#checkin[data-ready="1"]');
    await context.setOffline(true);
    await expect.poll(() => page.locator('#ci-net').getAttribute('class')).toContain('off');
    const result = page.locator('#ci-result');

    await page.click('#ci-walkin-box summary');
    await page.fill('#wi-name', 'Bu Sulastri');
    await page.fill('#wi-inst', 'PKK Kanigaran');
    await page.check('#ci-walkin input[name=consent]');
    await page.click('#ci-walkin button[type=submit]');
    await expect.poll(() => result.getAttribute('class')).toContain('amber');
    await expect(result.textContent()).resolves.toContain('Menunggu sinkron');
    await expect(page.locator('#ci-pending li').textContent()).resolves.toContain('Bu Sulastri');
    await expect(page.locator('#ci-pending li').textContent()).resolves.toContain('Menunggu sinkron');

    await page.fill('#ci-input', late!.ticketCode);
    await page.press('#ci-input', 'Enter');
    await expect.poll(() => result.getAttribute('class')).toContain('green');
    expect(await page.locator('#ci-queue').textContent()).toBe('2');
    expect((await stats()).onsite).toBe(before);

    await context.setOffline(false);
    await expect.poll(() => page.locator('#ci-queue').textContent(), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => page.locator('#ci-pending li').count()).toBe(0);
    expect((await stats()).onsite).toBe(before + 2);
    // Once each: one new person for the walk-in, one arrival for the ticket.
    const walkIns = await db
      .selectFrom('registrations')
      .innerJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select(['registrations.source', 'attendance.checked_in_at'])
      .where('registrations.event_id', '=', eventId)
      .where('registrations.name', '=', 'Bu Sulastri')
      .execute();
    expect(walkIns).toHaveLength(1);
    expect(walkIns[0]!.source).toBe('walkin');
    // The device's queue is empty; replaying it by hand changes nothing either.
    await page.reload();
    await page.waitForSelector('#checkin[data-ready="1"]');
    expect((await stats()).onsite).toBe(before + 2);
    await page.close();
  });
});
