import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { hasChromium, launchBrowser, listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { sessionFor } from '../../../test/helpers/live.js';
import { eventually, registerMany } from '../../../test/helpers/messages.js';
import { publishedEvent } from '../../../test/helpers/registrations.js';
import { startSmtp } from '../../../test/helpers/smtp.js';

describe.each(DB_KINDS)('the messages console on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };
  let session: { token: string; csrf: string };
  let hallCodes: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    const token = await t.tokenFor('organizer', 'panitia@example.test');
    ev = await publishedEvent(t, { token });
    session = await sessionFor(t, 'panitia@example.test');
    hallCodes = await registerMany(t, ev.id, 3, 'hall');
    await registerMany(t, ev.id, 2, 'online', { mode: 'online' }, 10);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (url: string, form: Record<string, string | string[]>, who = session) =>
    t.app.inject({
      method: 'POST',
      url,
      cookies: { aula_session: who.token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(
        Object.entries({ ...form, _csrf: who.csrf }).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
        ),
      ).toString(),
    });
  const get = (url: string, who = session) =>
    t.app.inject({ method: 'GET', url, cookies: { aula_session: who.token } });
  const base = () => `/console/events/${ev.id}`;
  const form = {
    subject: 'Ruang <b>pindah</b>',
    body: 'Acara pindah ke <script>alert(1)</script> Aula B.',
    modes: 'onsite',
    statuses: 'confirmed',
    channels: ['email', 'whatsapp'],
    key: `form-${kind}`,
  };

  it('previews the count, sends once for two presses, shows markup as text', async () => {
    const page = await get(`${base()}/messages`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="key"');
    const preview = await post(`${base()}/messages`, { ...form, action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3 penerima: 3 lewat e-mail, 3 lewat WhatsApp.');
    const a = await post(`${base()}/messages`, { ...form, action: 'send' });
    const b = await post(`${base()}/messages`, { ...form, action: 'send' });
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    const detail = await get(String(a.headers.location));
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Ruang &lt;b>pindah&lt;/b>');
    expect(detail.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(detail.body).not.toContain('<script>alert(1)');
    await eventually(
      async () => (await t.app.ctx.services.deliveries.counts({ eventId: ev.id })).sent ?? 0,
      (n) => n >= 3,
    );
    expect(
      smtp.inbox.filter((m) => m.includes('Acara pindah ke <script>alert(1)</script> Aula B.')),
    ).toHaveLength(3);
  });

  it('lists the WhatsApp deliveries to send by hand; one tap opens wa.me and marks it sent', async () => {
    const outbox = await get(`${base()}/outbox`);
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('Daftar kirim WhatsApp');
    const id = /outbox\/([^/]+)\/wa"/.exec(outbox.body)?.[1];
    expect(id).toBeTruthy();
    const tap = await post(`${base()}/outbox/${id}/wa`, {});
    expect(tap.statusCode).toBe(303);
    expect(tap.headers.location).toMatch(/^https:\/\/wa\.me\/62812\d+\?text=Ruang%20%3Cb%3Epindah/);
    const log = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.id}/deliveries?status=sent`,
      token: ev.token,
    });
    expect(log.json().items.filter((d: { channel: string }) => d.channel === 'whatsapp')).toHaveLength(1);
  });

  it('shows the form again naming what is missing, and keeps others out', async () => {
    const bad = await post(`${base()}/messages`, {
      subject: 'x',
      body: '',
      statuses: 'confirmed',
      action: 'send',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Isi pesan');
    expect(bad.body).toContain('Kehadiran');
    const reminders = await post(`${base()}/reminders`, { kind0: 'days', n0: '15', at0: '17:00' });
    expect(reminders.statusCode).toBe(400);
    const saved = await post(`${base()}/reminders`, {
      kind0: 'days',
      n0: '1',
      at0: '18:00',
      kind1: 'minutes',
      n1: '30',
    });
    expect(saved.statusCode).toBe(303);
    const page = (await get(`${base()}/reminders`)).body;
    // Indonesian clock times with a dot, as everywhere else.
    expect(page).toContain('1 hari sebelum, pukul 18.00');
    expect(page).not.toMatch(/pukul \d\d:\d\d/);
    await t.tokenFor('organizer', 'lain@example.test');
    const other = await sessionFor(t, 'lain@example.test');
    for (const path of ['messages', 'outbox', 'reminders'])
      expect((await get(`${base()}/${path}`, other)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/outbox` })).statusCode).toBe(302);
  });

  it('after the event: saves the recording link and sends the thank-you once', async () => {
    const past = await publishedEvent(t, { token: ev.token });
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${past.id}`,
      token: ev.token,
      payload: { startsAt: '2021-12-30T09:00:00+07:00', endsAt: '2021-12-30T12:00:00+07:00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const pastBase = `/console/events/${past.id}/messages`;
    expect((await get(pastBase)).body).toContain('Setelah acara: terima kasih');
    expect((await get(`${base()}/messages`)).body).not.toContain('Setelah acara: terima kasih');
    expect((await post(`${pastBase}/recording`, { url: 'ftp://x' })).statusCode).toBe(400);
    expect((await post(`${pastBase}/recording`, { url: 'https://youtu.be/r' })).statusCode).toBe(303);
    expect((await get(pastBase)).body).toContain('value="https://youtu.be/r"');
    const a = await post(`${pastBase}/thanks`, { key: 'thanks-once' });
    const b = await post(`${pastBase}/thanks`, { key: 'thanks-once' });
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
  });

  it('says a past event’s unsent reminders were not sent, instead of "not yet"', async () => {
    const past = await publishedEvent(t, { token: ev.token });
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${past.id}`,
      token: ev.token,
      payload: { startsAt: '2021-12-30T09:00:00+07:00', endsAt: '2021-12-30T12:00:00+07:00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const id = (await get(`/console/events/${past.id}/reminders`)).body;
    expect(id.match(/tidak dikirim: acara sudah lewat/g)).toHaveLength(2);
    expect(id).not.toContain('<td>belum</td>');
    expect(id).toContain('1 hari sebelum, pukul 17.00');
    const en = (await get(`/console/events/${past.id}/reminders?lang=en`)).body;
    expect(en).toContain('not sent: the event had already passed');
    expect(en).toContain('1 days before, at 17:00');
    // The upcoming event's reminders are still to come.
    expect((await get(`${base()}/reminders`)).body).toContain('<td>belum</td>');
  });

  // Pixels do not depend on the engine: once, on SQLite.
  if (kind === 'sqlite' && hasChromium)
    it('renders on a phone and a laptop (screenshots)', async () => {
      const url = await listen(t);
      const browser = await launchBrowser();
      const dir = '/tmp/shots-h12';
      mkdirSync(dir, { recursive: true });
      try {
        for (const [name, viewport] of [
          ['phone', { width: 390, height: 844 }],
          ['laptop', { width: 1366, height: 900 }],
        ] as const) {
          const ctx = await browser.newContext({ viewport, locale: 'id-ID' });
          await ctx.addCookies([{ name: 'aula_session', value: session.token, url }]);
          const p = await ctx.newPage();
          for (const path of ['messages', 'outbox', 'reminders', 'webhooks']) {
            const r = await p.goto(`${url}${base()}/${path}`);
            expect(r?.status()).toBe(200);
            await p.screenshot({ path: `${dir}/${path}-${name}.png`, fullPage: true });
          }
          await p.goto(`${url}${base()}/messages`);
          await p.fill('#f-subject', 'Tautan Zoom');
          await p.fill('#f-body', 'Tautan ada di tiket Anda.');
          await p.click('button[value=preview]');
          await p.waitForSelector('text=penerima');
          await p.screenshot({ path: `${dir}/preview-${name}.png`, fullPage: true });
          await p.click('button[value=send]');
          await p.waitForSelector('progress');
          await p.screenshot({ path: `${dir}/progress-${name}.png`, fullPage: true });
          // The participant's "Masih jadi datang?" page: light, and one button for the chosen answer.
          let bytes = 0;
          p.on('response', async (res) => {
            bytes += Number(
              res.headers()['content-length'] ?? (await res.body().catch(() => Buffer.alloc(0))).length,
            );
          });
          const still = await p.goto(`${url}/t/${hallCodes[2]}/masih?pilih=daring`);
          expect(still?.status()).toBe(200);
          expect(await p.locator('form[action*="/masih/"] button').count()).toBe(1);
          expect(bytes).toBeLessThan(100_000);
          await p.screenshot({ path: `${dir}/masih-${name}.png`, fullPage: true });
          await ctx.close();
        }
      } finally {
        await browser.close();
      }
    });
});
