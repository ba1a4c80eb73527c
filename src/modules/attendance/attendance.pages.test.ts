import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import { happeningNow } from './test-fixture.js';

describe.each(DB_KINDS)('attendance pages on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let moderator: string;
  let eventId: string;
  let people: Awaited<ReturnType<typeof seedRegistrations>>;
  let remote: Awaited<ReturnType<typeof seedRegistrations>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (
      await createEvent(
        t,
        organizer,
        {
          title: 'Seminar <script>alert(1)</script> UMKM',
          ...happeningNow(),
          venue: { name: 'Aula Kelurahan Kanigaran' },
          online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
        },
        { publish: true },
      )
    ).id;
    for (const [role, name] of [
      ['checkin', 'Rina'],
      ['moderator', 'Budi'],
    ] as const) {
      const u = await t.app.ctx.services.auth.createUser({
        email: `${name}@example.test`,
        password: 'password123',
        role,
        name,
      });
      await t.app.ctx.services.eventsManage.setTeamRole(eventId, u.id, role);
    }
    door = await t.app.ctx.services.auth.createApiToken('rina@example.test');
    moderator = await t.app.ctx.services.auth.createApiToken('budi@example.test');
    people = await seedRegistrations(t.app.ctx.db, eventId, 3, { prefix: '<b>Tamu</b>' });
    remote = await seedRegistrations(t.app.ctx.db, eventId, 1, { mode: 'online', prefix: 'Daring' });
  });
  afterAll(() => t.close());

  it('serves the door page, its manifest and service worker to check-in staff only', async () => {
    const path = `/console/events/${eventId}/checkin`;
    const anon = await t.inject({ method: 'GET', url: path });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toContain('/login');
    expect((await t.inject({ method: 'GET', url: path, token: moderator })).statusCode).toBe(403);
    const page = await t.inject({ method: 'GET', url: path, token: door });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/assets/checkin.js');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain('<script>alert(1)');
    const manifest = await t.inject({ method: 'GET', url: `${path}/manifest.webmanifest`, token: door });
    expect(manifest.json()).toMatchObject({ start_url: path, scope: path, display: 'standalone' });
    const sw = await t.inject({ method: 'GET', url: `${path}/sw.js`, token: door });
    expect(sw.headers['service-worker-allowed']).toBe(path);
    expect(sw.body).toContain('aula-checkin-');
    const icon = await t.inject({ method: 'GET', url: '/console/checkin-icon-192.png' });
    expect(icon.headers['content-type']).toBe('image/png');
  });

  it('checks in, searches and registers walk-ins without JavaScript', async () => {
    const path = `/console/events/${eventId}/checkin`;
    const form = (payload: Record<string, string>, url = path) =>
      t.inject({
        method: 'POST',
        url,
        token: door,
        payload: new URLSearchParams(payload).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const first = await form({ q: people[0]!.ticketCode });
    expect(first.body).toContain('ci-result green');
    expect(first.body).toContain('&lt;b>Tamu&lt;/b> 001');
    expect((await form({ q: people[0]!.ticketCode })).body).toContain('ci-result amber');
    const search = await form({ q: 'tamu' });
    expect(search.body.match(/name="registrationId"/g)).toHaveLength(3);
    expect((await form({ registrationId: people[1]!.id })).body).toContain('ci-result green');
    const bad = await form({ q: remote[0]!.ticketCode });
    expect(bad.statusCode).toBe(409);
    expect(bad.body).toContain('ci-result red');
    const walkIn = await form(
      { name: 'Sri Wahyuni', phone: '081234567890', consent: 'true' },
      `${path}/walkin`,
    );
    expect(walkIn.body).toContain('ci-result green');
    const noConsent = await form({ name: 'Tanpa Izin', phone: '081200001111' }, `${path}/walkin`);
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('privasi');
  });

  it('shows the attendance-code box and the join button on an online ticket, and takes the code as a form', async () => {
    const code = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/attendance/codes`,
        token: moderator,
        payload: {},
      })
    ).json().code;
    const ticket = await t.inject({ method: 'GET', url: `/t/${remote[0]!.ticketCode}` });
    expect(ticket.statusCode).toBe(200);
    expect(ticket.body).toContain(`/t/${remote[0]!.ticketCode}/join`);
    expect(ticket.body).toContain('kode-presensi');
    const hall = await t.inject({ method: 'GET', url: `/t/${people[2]!.ticketCode}` });
    expect(hall.body).not.toContain('kode-presensi');
    const wrong = await t.inject({
      method: 'POST',
      url: `/t/${remote[0]!.ticketCode}/presensi`,
      payload: new URLSearchParams({ code: 'SALAH9' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.statusCode).toBe(303);
    expect(decodeURIComponent(wrong.headers.location as string)).toContain('Kode presensi salah');
    const ok = await t.inject({
      method: 'POST',
      url: `/t/${remote[0]!.ticketCode}/presensi`,
      payload: new URLSearchParams({ code }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ok.headers.location).toBe(`/t/${remote[0]!.ticketCode}?presensi=ok#presensi`);
    const after = await t.inject({ method: 'GET', url: ok.headers.location as string });
    expect(after.body).toContain('Kode diterima');
  });

  it('sets the presence window from the dashboard form; a window over 24 hours is refused naming the field', async () => {
    const url = `/console/events/${eventId}/attendance/settings`;
    const form = (fields: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url,
        token: organizer,
        payload: new URLSearchParams({
          onlineRule: 'join_and_code',
          minCodes: '1',
          minPercent: '70',
          codeWindowMinutes: '15',
          doorsOpenMinutes: '90',
          onlineOpenMinutes: '45',
          graceMinutes: '30',
          ...fields,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const settings = async () =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${eventId}/attendance/settings`,
          token: organizer,
        })
      ).json();
    expect((await form({})).statusCode).toBe(303);
    expect(await settings()).toMatchObject({ doorsOpenMinutes: 90, onlineOpenMinutes: 45, graceMinutes: 30 });
    const bad = await form({ doorsOpenMinutes: '1441' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/text\/html/);
    expect(bad.body).toContain('doorsOpenMinutes');
    expect(bad.body).toMatch(
      /name="doorsOpenMinutes"[^>]*value="1441"|value="1441"[^>]*name="doorsOpenMinutes"/,
    );
    expect(await settings()).toMatchObject({ doorsOpenMinutes: 90 });
    // Back to the defaults for the tests below.
    expect(
      (await form({ doorsOpenMinutes: '60', onlineOpenMinutes: '30', graceMinutes: '60' })).statusCode,
    ).toBe(303);
    expect(
      (
        await t.inject({
          method: 'POST',
          url,
          token: door,
          payload: 'onlineRule=join',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('gives organizers the dashboard with lists, rule and corrections; door staff the numbers only', async () => {
    const url = `/console/events/${eventId}/attendance`;
    const org = await t.inject({ method: 'GET', url, token: organizer });
    expect(org.statusCode).toBe(200);
    expect(org.body).toContain('data-k="present.onsite"');
    expect(org.body).toContain('/lists/hall?format=pdf');
    expect(org.body).toContain('name="onlineRule"');
    const staff = await t.inject({ method: 'GET', url, token: door });
    expect(staff.statusCode).toBe(200);
    expect(staff.body).not.toContain('/lists/hall');
    expect(staff.body).not.toContain('/corrections');
    expect((await t.inject({ method: 'GET', url: `${url}/codes`, token: door })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `${url}/codes`, token: moderator })).statusCode).toBe(200);
    const opened = await t.inject({
      method: 'POST',
      url: `${url}/codes`,
      token: moderator,
      payload: new URLSearchParams({ label: 'Penutupan', windowMinutes: '5' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(opened.statusCode).toBe(303);
    const codesPage = await t.inject({ method: 'GET', url: `${url}/codes`, token: moderator });
    expect(codesPage.body).toContain('Penutupan');
    expect((await t.inject({ method: 'GET', url: `${url}/import`, token: moderator })).statusCode).toBe(403);
    const fixed = await t.inject({
      method: 'POST',
      url: `${url}/corrections`,
      token: organizer,
      payload: new URLSearchParams({
        registrationId: people[0]!.id,
        set: 'absent',
        reason: 'Salah pindai',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(fixed.statusCode).toBe(303);
    const noReason = await t.inject({
      method: 'POST',
      url: `${url}/corrections`,
      token: organizer,
      payload: new URLSearchParams({ registrationId: people[0]!.id, set: 'absent', reason: '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noReason.statusCode).toBe(400);
    const imp = await t.inject({
      method: 'POST',
      url: `${url}/import`,
      token: organizer,
      payload: new URLSearchParams({
        csv: 'Name (Original Name),User Email,Duration (Minutes)\nDaring 001,,150\nOrang Lain,,20\n',
        filename: 'zoom.csv',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(imp.statusCode).toBe(303);
    const review = await t.inject({ method: 'GET', url: imp.headers.location as string, token: organizer });
    expect(review.body).toContain('Orang Lain');
    expect(review.body).toContain('name="registrationId"');
    const bad = await t.inject({
      method: 'POST',
      url: `${url}/import`,
      token: organizer,
      payload: new URLSearchParams({ csv: 'a,b\n1,2\n' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('bukan laporan peserta');
  });
});
