import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../../test/helpers/registrations.js';
import { startSmtp } from '../../../../test/helpers/smtp.js';

const form = (v: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, val] of Object.entries(v)) for (const x of Array.isArray(val) ? val : [val]) p.append(k, x);
  return p.toString();
};
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(DB_KINDS)('registration form, ticket page and e-mail on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let inbox: string[];
  beforeAll(async () => {
    smtp = await startSmtp();
    inbox = smtp.inbox;
    t = await createTestApp(kind, {}, { mailer: smtp.mailer });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('shows the form with the privacy notice and unticked consent boxes, and registers without JavaScript', async () => {
    const e = await publishedEvent(t);
    const page = await t.inject({ method: 'GET', url: `/e/${e.slug}/daftar` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pengendali data');
    expect(page.body).toContain('name="consent_news"');
    expect(page.body).not.toMatch(/name="consent[^"]*"[^>]*checked/);
    const r = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: urlencoded,
      payload: form({
        name: 'Siti <b>Aminah</b>',
        backTitles: 'S.E.',
        phone: '0812-3456-7001',
        email: 'siti@example.test',
        mode: 'onsite',
        consent: 'yes',
      }),
    });
    expect(r.statusCode).toBe(303);
    const loc = r.headers.location as string;
    expect(loc).toMatch(/^\/t\/[0-9a-z]{35,}\?done=new$/);
    const ticket = await t.inject({ method: 'GET', url: loc });
    expect(ticket.statusCode).toBe(200);
    // The join link and the map never learn the ticket URL (app-wide same-origin, or the ticket's no-referrer).
    expect(['no-referrer', 'same-origin']).toContain(ticket.headers['referrer-policy']);
    expect(ticket.body).toContain('<svg');
    expect(ticket.body).toContain('Siti &lt;b>Aminah&lt;/b>, S.E.');
    expect(ticket.body).not.toContain('<b>Aminah');
    expect(ticket.body).toContain('Aula Kelurahan Kanigaran');
    expect(ticket.body).toContain('acara.ics');
    const wa = /href="(https:\/\/wa\.me\/[^"]+)"/.exec(ticket.body)![1]!.replaceAll('&amp;', '&');
    expect(wa.startsWith('https://wa.me/6281234567001?text=')).toBe(true);
    const text = decodeURIComponent(new URL(wa).searchParams.get('text')!);
    expect(text).toContain('/t/');
    expect(text).not.toContain('Siti');
    expect(text).not.toContain('0812');
    const ics = await t.inject({ method: 'GET', url: `${loc.split('?')[0]}/acara.ics` });
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('DTSTART:20311230T020000Z');
    // The confirmation reaches a real SMTP server with the ticket link and the .ics.
    for (let i = 0; i < 100 && !inbox.some((m) => m.includes('siti@example.test')); i++)
      await new Promise((res) => setTimeout(res, 30));
    const mail = inbox.find((m) => m.includes('siti@example.test'))!;
    expect(mail).toBeTruthy();
    expect(mail).toContain('Tiket Anda');
    expect(mail.replace(/=\r?\n/g, '')).toContain(loc.split('?')[0]);
    expect(mail).toContain('text/calendar');
  });

  it('a repeat registration sends the ticket link to the e-mail on file, once per ten minutes, and shows no ticket', async () => {
    const e = await publishedEvent(t);
    const first = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(21, { email: 'ulang@example.test' }),
      })
    ).json();
    const toUlang = () => inbox.filter((m) => m.includes('ulang@example.test'));
    for (let i = 0; i < 100 && toUlang().length < 1; i++) await new Promise((res) => setTimeout(res, 30));
    expect(toUlang()).toHaveLength(1);
    // The form, as anyone knowing the name and number would fill it in.
    const again = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: urlencoded,
      payload: form({ name: 'Peserta 21', phone: '0812 1000 0021', mode: 'onsite', consent: 'yes' }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers.location).toBeUndefined();
    expect(again.body).toContain('sudah terdaftar');
    expect(again.body).toContain('dikirim ulang ke e-mail');
    expect(again.body).not.toContain(first.ticketCode);
    for (let i = 0; i < 100 && toUlang().length < 2; i++) await new Promise((res) => setTimeout(res, 30));
    expect(toUlang()).toHaveLength(2);
    expect(toUlang()[1]!.replace(/=\r?\n/g, '')).toContain(`/t/${first.ticketCode}`);
    // Asking again at once sends nothing more: one resend per registration per ten minutes, on every node.
    const twice = await Promise.all(
      [1, 2, 3].map(() =>
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/registrations`,
          headers: { 'accept-language': 'en' },
          payload: person(21, { name: 'Orang Lain' }),
        }),
      ),
    );
    for (const r of twice) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toContain('just sent');
      expect(r.body).not.toContain(first.ticketCode);
    }
    await new Promise((res) => setTimeout(res, 300));
    expect(toUlang()).toHaveLength(2);
  });

  it('tells the first person on the waitlist by e-mail when a place frees up', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    const a = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(11, { email: 'pertama@example.test' }),
      })
    ).json();
    const b = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(12, { email: 'kedua@example.test' }),
      })
    ).json();
    expect(b.status).toBe('waitlisted');
    await t.inject({ method: 'POST', url: `/api/v1/tickets/${a.ticketCode}/cancel` });
    const promoted = () =>
      inbox.find((m) => m.includes('kedua@example.test') && m.includes('mendapat tempat'));
    for (let i = 0; i < 100 && !promoted(); i++) await new Promise((res) => setTimeout(res, 30));
    expect(promoted()).toBeTruthy();
    expect(promoted()!.replace(/=\r?\n/g, '')).toContain(`/t/${b.ticketCode}`);
  });

  it('sends the form back with the values and a clear message, writing nothing; the honeypot drops bots', async () => {
    const e = await publishedEvent(t);
    const bad = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: urlencoded,
      payload: form({ name: 'Budi Santoso', phone: '12', mode: 'onsite', consent: 'yes' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nomor WhatsApp tidak sah');
    expect(bad.body).toContain('value="Budi Santoso"');
    const noConsent = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: urlencoded,
      payload: form({ name: 'Budi', phone: '081234567002', mode: 'onsite' }),
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('persetujuan');
    const bot = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: urlencoded,
      payload: form({
        name: 'Bot',
        phone: '081234567003',
        mode: 'onsite',
        consent: 'yes',
        website: 'http://spam.test',
      }),
    });
    expect(bot.statusCode).toBe(200);
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    expect(list.json().registrations).toHaveLength(0);
  });

  it('shows the join link only to confirmed online registrants; offers the switch when there is room', async () => {
    const e = await publishedEvent(t, { capacity: 1, onlineCapacity: 1 });
    const a = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(1, { mode: 'online' }),
      })
    ).json();
    const b = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(2, { mode: 'online' }),
      })
    ).json();
    expect(b.status).toBe('waitlisted');
    const pa = await t.inject({ method: 'GET', url: `/t/${a.ticketCode}` });
    // The one join button goes through the recorded /t/:code/join (attendance module), never straight to the room.
    expect(pa.body).toContain(`/t/${a.ticketCode}/join`);
    expect(pa.body.split(`href="/t/${a.ticketCode}/join"`)).toHaveLength(2);
    expect(pa.body).not.toContain('https://zoom.us/j/123456789');
    const joined = await t.inject({ method: 'GET', url: `/t/${a.ticketCode}/join` });
    expect(joined.statusCode).toBe(302);
    expect(joined.headers.location).toBe('https://zoom.us/j/123456789');
    const pb = await t.inject({ method: 'GET', url: `/t/${b.ticketCode}` });
    expect(pb.body).not.toContain('zoom.us');
    expect(pb.body).not.toContain(`/t/${b.ticketCode}/join`);
    expect(pb.body).toContain('urutan ke-1');
    expect(pb.body).toContain('Pindah ke luring');
    // The hint counts the places of the mode offered (the hall's one), not of the ticket's own (full).
    expect(pb.body).toContain('Tersisa 1 tempat');
    const sw = await t.inject({
      method: 'POST',
      url: `/t/${b.ticketCode}/mode`,
      headers: urlencoded,
      payload: 'mode=onsite',
    });
    expect(sw.statusCode).toBe(303);
    const c = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(3, { mode: 'online' }),
      })
    ).json();
    const pc = await t.inject({ method: 'GET', url: `/t/${c.ticketCode}` });
    expect(pc.body).not.toContain('Pindah ke luring');
    const cancel = await t.inject({ method: 'POST', url: `/t/${a.ticketCode}/cancel` });
    expect(cancel.statusCode).toBe(303);
    expect((await t.inject({ method: 'GET', url: `/t/${a.ticketCode}` })).body).toContain('Dibatalkan');
    // The cancelled online place went to the next person on the online waitlist.
    expect((await t.inject({ method: 'GET', url: `/api/v1/tickets/${c.ticketCode}` })).json().status).toBe(
      'confirmed',
    );
    expect((await t.inject({ method: 'GET', url: '/t/bukan-tiket' })).statusCode).toBe(404);
  });
});
