import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import { type AttendanceFixture, attendanceFixture, happeningNow } from './test-fixture.js';

describe.each(DB_KINDS)('door check-in API on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let otherOrganizer: string;
  let outsider: string;
  let door: string;
  let moderator: string;
  let eventId: string;
  let newEvent: AttendanceFixture['newEvent'];
  let attendanceRows: AttendanceFixture['attendanceRows'];
  beforeAll(async () => {
    const f = await attendanceFixture(kind);
    ({ t, organizer, otherOrganizer, outsider, door, moderator, eventId, newEvent, attendanceRows } = f);
  });
  afterAll(() => t.close());

  it('checks a ticket in once: the first scan is the arrival, a repeat says who and when', async () => {
    const [p] = await seedRegistrations(t.app.ctx.db, eventId, 1, { prefix: 'Siti' });
    const first = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: door,
      payload: { ticketCode: p!.ticketCode },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      result: 'checked_in',
      first: true,
      registration: { name: 'Siti 001', mode: 'onsite' },
      checkedInBy: 'Rina',
    });
    expect(first.json().message).toContain('Selamat datang');
    // A hardware scanner types the whole ticket URL from the QR code: same person, a repeat.
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins?lang=en`,
      token: organizer,
      payload: { ticketCode: `http://aula.test/t/${p!.ticketCode}` },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ result: 'already_checked_in', first: false, checkedInBy: 'Rina' });
    expect(again.json().message).toMatch(/^Already checked in at \d\d:\d\d by Rina\.$/);
  });

  it('lets only organizers and the event’s check-in staff scan', async () => {
    const [p] = await seedRegistrations(t.app.ctx.db, eventId, 1);
    const url = `/api/v1/events/${eventId}/checkins`;
    const payload = { ticketCode: p!.ticketCode };
    expect((await t.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    expect((await t.inject({ method: 'POST', url, payload, token: outsider })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url, payload, token: moderator })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url, payload, token: otherOrganizer })).statusCode).toBe(403);
    for (const path of ['checkins/roster', 'checkins/search?q=Peserta', 'attendance', 'attendance/summary']) {
      expect(
        (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/${path}` })).statusCode,
        path,
      ).toBe(401);
      expect(
        (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/${path}`, token: moderator }))
          .statusCode,
        path,
      ).toBe(403);
      expect(
        (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/${path}`, token: door })).statusCode,
        path,
      ).toBe(200);
    }
    expect(await attendanceRows()).toBe(1);
  });

  it('refuses unknown, malformed, foreign, cancelled, waitlisted and online tickets, writing nothing', async () => {
    const other = await newEvent({ slug: 'acara-lain' });
    const [foreign] = await seedRegistrations(t.app.ctx.db, other.id, 1);
    const [cancelled] = await seedRegistrations(t.app.ctx.db, eventId, 1, {
      status: 'cancelled',
      prefix: 'Batal',
    });
    const [waiting] = await seedRegistrations(t.app.ctx.db, eventId, 1, {
      status: 'waitlisted',
      prefix: 'Tunggu',
    });
    const [onliner] = await seedRegistrations(t.app.ctx.db, eventId, 1, { mode: 'online', prefix: 'Daring' });
    const before = await attendanceRows();
    const cases: [unknown, number, string][] = [
      [{ ticketCode: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }, 404, 'ticket_not_found'],
      [{ ticketCode: foreign!.ticketCode }, 404, 'ticket_not_found'],
      [{ ticketCode: '<script>alert(1)</script>' }, 400, 'validation_failed'],
      [{ ticketCode: '' }, 400, 'validation_failed'],
      [{}, 400, 'validation_failed'],
      [{ ticketCode: cancelled!.ticketCode }, 409, 'ticket_cancelled'],
      [{ ticketCode: waiting!.ticketCode }, 409, 'ticket_waitlisted'],
      [{ ticketCode: onliner!.ticketCode }, 409, 'registered_online'],
      [{ ticketCode: onliner!.ticketCode, extra: 1 }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/checkins`,
        token: door,
        payload: payload as object,
      });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.message.length).toBeGreaterThan(10);
    }
    const online = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: door,
      payload: { ticketCode: onliner!.ticketCode },
    });
    expect(online.json().error.message).toContain('terdaftar daring');
    expect(online.json().error.registrationId).toBe(onliner!.id);
    expect(await attendanceRows()).toBe(before);
  });

  it('counts one arrival when many devices scan the same ticket at the same instant', async () => {
    const [p] = await seedRegistrations(t.app.ctx.db, eventId, 1, { prefix: 'Serentak' });
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${eventId}/checkins`,
          token: i % 2 ? door : organizer,
          payload: { ticketCode: p!.ticketCode, device: `hp-${i}` },
        }),
      ),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.statusCode === 200)).toHaveLength(19);
    expect(rs.filter((r) => r.json().first)).toHaveLength(1);
    const firstDevice = rs.find((r) => r.json().first)!.json().device;
    expect(new Set(rs.map((r) => r.json().device))).toEqual(new Set([firstDevice]));
  });

  it('replays an offline queue twice (and from two devices) and counts each person once', async () => {
    const e = await newEvent();
    const people = await seedRegistrations(t.app.ctx.db, e.id, 30);
    // Scanned offline ten minutes ago, inside the event's window.
    const scannedAt = Math.floor(Date.now() / 1000) * 1000 - 10 * 60000;
    const queueA = people
      .slice(0, 20)
      .map((p, i) => ({ scanId: `devA-${String(i).padStart(4, '0')}`, ticketCode: p.ticketCode, scannedAt }));
    // Device B saw ten of the same people (a second door) and five others.
    const queueB = people.slice(10, 25).map((p, i) => ({
      scanId: `devB-${String(i).padStart(4, '0')}`,
      ticketCode: p.ticketCode,
      scannedAt: scannedAt + 60000,
    }));
    const sync = (scans: unknown[], token: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/checkins/sync`,
        token,
        payload: { device: 'hp', scans },
      });
    const [a1, b1] = await Promise.all([sync(queueA, door), sync(queueB, organizer)]);
    expect(a1.statusCode).toBe(200);
    const firsts = [...a1.json().results, ...b1.json().results].filter((r: { first?: boolean }) => r.first);
    expect(firsts).toHaveLength(25);
    const [a2, b2] = await Promise.all([sync(queueA, door), sync(queueB, organizer)]);
    expect(a2.json().results.map((r: { first: boolean }) => r.first)).toEqual(
      a1.json().results.map((r: { first: boolean }) => r.first),
    );
    expect(b2.json().results.map((r: { first: boolean }) => r.first)).toEqual(
      b1.json().results.map((r: { first: boolean }) => r.first),
    );
    expect(b2.json().counts).toEqual({ onsite: 25, online: 0, total: 25 });
    // The arrival time is the moment the offline phone scanned, not the sync.
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/attendance`, token: organizer })
    ).json().attendance;
    expect(Date.parse(list.find((r: { id: string }) => r.id === people[0]!.id).checkedInAt)).toBe(scannedAt);
    // A bad item is answered on its own and does not stop the queue.
    const mixed = await sync(
      [
        { scanId: 'devC-0001', ticketCode: 'unknownunknownunknown', scannedAt },
        { scanId: 'devC-0002', ticketCode: people[29]!.ticketCode, scannedAt },
      ],
      door,
    );
    expect(mixed.json().results.map((r: { result: string }) => r.result)).toEqual(['error', 'checked_in']);
    const stats = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer });
    expect(stats.json().attendance).toEqual({ onsite: 26, online: 0, total: 26 });
    const bad = await sync([{ scanId: 'x', ticketCode: people[0]!.ticketCode, scannedAt }], door);
    expect(bad.statusCode).toBe(400);
    expect((await sync([], door)).statusCode).toBe(400);
  });

  it('gives door devices a roster without raw ticket codes, and searches by name or phone', async () => {
    const e = await newEvent({ noDoor: true });
    const people = await seedRegistrations(t.app.ctx.db, e.id, 3, { prefix: 'Ahmad' });
    const roster = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/checkins/roster`,
      token: door,
    });
    expect(roster.statusCode).toBe(403); // Rina is on the first event's team only
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/checkins/roster`,
      token: organizer,
    });
    expect(r.json().people).toHaveLength(3);
    expect(JSON.stringify(r.json())).not.toContain(people[0]!.ticketCode);
    expect(r.json().people[0].h).toMatch(/^[0-9a-f]{32}$/);
    const s = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/checkins/search?q=ahmad 002`,
      token: organizer,
    });
    expect(s.json().results.map((x: { name: string }) => x.name)).toEqual(['Ahmad 002']);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/checkins/search?q=a`, token: organizer }))
        .statusCode,
    ).toBe(400);
    const byId = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token: organizer,
      payload: { registrationId: people[1]!.id, method: 'search' },
    });
    expect(byId.json().first).toBe(true);
  });

  it('registers a walk-in through the registrations module and checks them in; a repeat finds the same person', async () => {
    const e = await newEvent();
    const url = `/api/v1/events/${e.id}/checkins`;
    const walkIn = {
      name: 'Sri Wahyuni',
      phone: '0812-3456-7890',
      institution: 'UMKM Kanigaran',
      consent: true,
    };
    expect((await t.inject({ method: 'POST', url, token: moderator, payload: { walkIn } })).statusCode).toBe(
      403,
    );
    const noConsent = await t.inject({
      method: 'POST',
      url,
      token: door,
      payload: { walkIn: { ...walkIn, consent: false } },
    });
    expect(noConsent.statusCode).toBe(400);
    const r = await t.inject({ method: 'POST', url, token: door, payload: { walkIn, device: 'pintu-1' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      first: true,
      walkIn: true,
      registration: { name: 'Sri Wahyuni', mode: 'onsite' },
    });
    const again = await t.inject({
      method: 'POST',
      url,
      token: door,
      payload: { walkIn: { ...walkIn, phone: '+6281234567890' } },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ first: false, walkIn: false });
    const regs = await t.app.ctx.db
      .selectFrom('registrations')
      .select(['source', 'status'])
      .where('event_id', '=', e.id)
      .execute();
    expect(regs).toEqual([{ source: 'walkin', status: 'confirmed' }]);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })).json()
        .attendance.onsite,
    ).toBe(1);
  });

  it('moves an online registrant to the hall at the door when asked, then checks them in', async () => {
    // Registration stays open until the event ends: this one is on now.
    const e = await newEvent(happeningNow());
    const reg = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: { name: 'Dewi Lestari', phone: '081298765432', mode: 'online', consent: true },
    });
    expect(reg.statusCode).toBe(201);
    const ticketCode = reg.json().ticketCode as string;
    const url = `/api/v1/events/${e.id}/checkins`;
    const refused = await t.inject({ method: 'POST', url, token: door, payload: { ticketCode } });
    expect(refused.json().error.code).toBe('registered_online');
    const moved = await t.inject({
      method: 'POST',
      url,
      token: door,
      payload: { ticketCode, switchToOnsite: true },
    });
    expect(moved.statusCode).toBe(201);
    expect(moved.json().registration.mode).toBe('onsite');
    const stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })
    ).json();
    expect(stats.attendance).toEqual({ onsite: 1, online: 0, total: 1 });
  });

  it('assigns a seat at the first check-in when the organizer chose seats at the door, by the distancing rule', async () => {
    const e = await newEvent(happeningNow());
    const plan = {
      layout: { rows: [12, 12, 12], aisles: [6], blocked: ['A2'], reserved: ['A1', 'A3'] },
      rule: { kind: 'gap', seatGap: 1, rowGap: 1 },
    };
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: `/api/v1/events/${e.id}/seat-plan`,
          token: organizer,
          payload: plan,
        })
      ).statusCode,
    ).toBe(200);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: organizer,
      payload: { seatMode: 'checkin' },
    });
    const tickets: string[] = [];
    for (const [name, phone] of [
      ['Ani', '081211110001'],
      ['Bayu', '081211110002'],
    ]) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: { name, phone, mode: 'onsite', consent: true },
      });
      expect(r.json().seat).toBeUndefined();
      tickets.push(r.json().ticketCode);
    }
    const url = `/api/v1/events/${e.id}/checkins`;
    const [a, a2] = await Promise.all([
      t.inject({ method: 'POST', url, token: door, payload: { ticketCode: tickets[0] } }),
      t.inject({ method: 'POST', url, token: door, payload: { ticketCode: tickets[0] } }),
    ]);
    const first = a.json().first ? a.json() : a2.json();
    expect(first.registration.seat).toMatch(/^[A-C]\d+$/);
    expect(first.message).toContain(`Kursi ${first.registration.seat}`);
    const b = (
      await t.inject({ method: 'POST', url, token: door, payload: { ticketCode: tickets[1] } })
    ).json();
    expect(b.registration.seat).toMatch(/^[A-C]\d+$/);
    expect(b.registration.seat).not.toBe(first.registration.seat);
    const again = (
      await t.inject({ method: 'POST', url, token: door, payload: { ticketCode: tickets[0] } })
    ).json();
    expect(again.registration.seat).toBe(first.registration.seat);
  });
});
