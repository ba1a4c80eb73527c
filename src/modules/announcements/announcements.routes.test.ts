import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { startSmtp } from '../../../test/helpers/smtp.js';

const future = { startsAt: '2031-12-30T09:00:00+07:00', endsAt: '2031-12-30T12:00:00+07:00' };

describe.each(DB_KINDS)('announcing the next event on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let organizer: string;
  let next: { id: string; slug: string };
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, {}, { mailer: smtp.mailer });
    organizer = await t.tokenFor('organizer');
    const org = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: organizer,
      payload: { name: 'Prodi Administrasi Publik', slug: 'prodi-ap' },
    });
    expect(org.statusCode).toBe(201);
    const orgId = org.json().id as string;
    const mk = (title: string) =>
      createEvent(
        t,
        organizer,
        {
          title,
          ...future,
          orgId,
          venue: { name: 'Aula Kelurahan Kanigaran', capacity: 50 },
          online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
        },
        { publish: true },
      );
    const past = await mk('Seminar UMKM 2021');
    const reg = async (key: string, extra: Record<string, unknown>) => {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${past.id}/registrations`,
        payload: { institution: 'UMKM Kanigaran', mode: 'onsite', consent: true, ...extra },
      });
      expect(r.statusCode, r.body).toBe(201);
      tickets[key] = r.json().ticketCode;
      return r.json().ticketCode as string;
    };
    const checkin = async (code: string) => {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${past.id}/checkins`,
        token: organizer,
        // The seminar is dated in the future until it is moved to the past below: outside the door window.
        payload: { ticketCode: code, override: { reason: 'uji coba' } },
      });
      expect(r.statusCode, r.body).toBe(201);
    };
    // Present and opted in: told. Present without consent, absent with consent: not told.
    await checkin(
      await reg('siti', {
        name: 'Siti',
        email: 'siti@example.test',
        phone: '081234500001',
        consents: { news: true },
      }),
    );
    await checkin(await reg('wati', { name: 'Wati', phone: '081234500002', consents: { news: true } }));
    await checkin(await reg('budi', { name: 'Budi', email: 'budi@example.test', consents: { news: false } }));
    await reg('absen', { name: 'Absen', email: 'absen@example.test', consents: { news: true } });
    await checkin(await reg('joko', { name: 'Joko', email: 'joko@example.test', consents: { news: true } }));
    // The seminar is over.
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${past.id}`,
      token: organizer,
      payload: { startsAt: '2021-12-30T09:00:00+07:00', endsAt: '2021-12-30T12:00:00+07:00' },
    });
    expect(moved.statusCode).toBe(200);
    next = await mk('Seminar UMKM 2022');
    // Joko already registered for the next one: no need to tell him.
    const j = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/registrations`,
      payload: { name: 'Joko', email: 'joko@example.test', mode: 'online', consent: true },
    });
    expect(j.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('counts only past attendees who opted in and are not registered yet', async () => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${next.id}/announcements`,
      token: organizer,
    });
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.eligible).toBe(2);
    expect(s.pendingEmail).toBe(1);
    expect(s.whatsapp).toHaveLength(1);
    expect(s.whatsapp[0].url).toMatch(/^https:\/\/wa\.me\/6281234500002\?text=/);
    expect(decodeURIComponent(s.whatsapp[0].url)).not.toContain('Wati');
  });

  it('e-mails each person once, even when sent twice at the same time', async () => {
    // Registration confirmations go to the same inbox; count only the announcements.
    const announcements = () => smtp.inbox.filter((m) => m.includes('Acara berikutnya'));
    const [a, b] = await Promise.all([
      t.inject({ method: 'POST', url: `/api/v1/events/${next.id}/announcements`, token: organizer }),
      t.inject({ method: 'POST', url: `/api/v1/events/${next.id}/announcements`, token: organizer }),
    ]);
    expect(a.json().emailed + b.json().emailed).toBe(1);
    for (let i = 0; i < 50 && announcements().length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(announcements()).toHaveLength(1);
    const mail = announcements()[0]!;
    expect(mail).toContain('siti@example.test');
    expect(mail).toContain(`/e/${next.slug}`);
    expect(mail).toContain(`/berhenti/${tickets.siti}`);
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/announcements`,
      token: organizer,
    });
    expect(again.json().emailed).toBe(0);
  });

  it('records a WhatsApp message as sent once', async () => {
    const contact = 'phone:+6281234500002';
    const first = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/announcements/whatsapp`,
      token: organizer,
      payload: { contact },
    });
    expect(first.json()).toEqual({ recorded: true });
    const second = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/announcements/whatsapp`,
      token: organizer,
      payload: { contact },
    });
    expect(second.json()).toEqual({ recorded: false });
    const s = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${next.id}/announcements`, token: organizer })
    ).json();
    expect(s.sent).toBe(2);
    expect(s.whatsapp).toHaveLength(0);
  });

  it('stops for good after "berhenti", from the link in the e-mail', async () => {
    const page = await t.inject({ method: 'GET', url: `/berhenti/${tickets.siti}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Berhenti menerima kabar acara');
    const done = await t.inject({ method: 'POST', url: `/berhenti/${tickets.siti}` });
    expect(done.statusCode).toBe(200);
    const third = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: {
        title: 'Seminar UMKM 2023',
        ...future,
        orgId: (await t.inject({ method: 'GET', url: `/api/v1/events/${next.id}`, token: organizer })).json()
          .org.id,
      },
    });
    const s = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${third.json().id}/announcements`,
        token: organizer,
      })
    ).json();
    // Siti opted out. Joko (not registered for this third event) is told by e-mail, Wati by WhatsApp.
    expect(s.pendingEmail).toBe(1);
    expect(s.whatsapp).toHaveLength(1);
    expect((await t.inject({ method: 'GET', url: '/berhenti/unknown-ticket' })).statusCode).toBe(404);
  });

  it('refuses a draft event, and everyone but its organizers', async () => {
    const draft = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: { title: 'Draf', ...future },
    });
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${draft.json().id}/announcements`,
      token: organizer,
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain('Terbitkan');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${next.id}/announcements` })).statusCode,
    ).toBe(401);
    for (const role of ['organizer', 'moderator', 'checkin'] as const) {
      const other = await t.tokenFor(role);
      const g = await t.inject({
        method: 'GET',
        url: `/api/v1/events/${next.id}/announcements`,
        token: other,
      });
      expect(g.statusCode).toBe(403);
      const p = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${next.id}/announcements`,
        token: other,
      });
      expect(p.statusCode).toBe(403);
    }
    const bad = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/announcements/whatsapp`,
      token: organizer,
      payload: { contact: '' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows the console page with counts and the WhatsApp list', async () => {
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'organizer0@example.test', password: 'password123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const page = await t.inject({
      method: 'GET',
      url: `/console/events/${next.id}/announce`,
      cookies: { aula_session: cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Umumkan ke peserta lalu');
  });
});
