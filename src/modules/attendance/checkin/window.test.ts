import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { presentRegistrations } from '../index.js';
import { type AttendanceFixture, attendanceFixture, happeningNow } from '../test-fixture.js';

const DAY = 24 * 3600 * 1000;

describe.each(DB_KINDS)('the presence window on %s', (kind) => {
  let t: TestApp;
  let f: AttendanceFixture;
  beforeAll(async () => {
    f = await attendanceFixture(kind);
    t = f.t;
  });
  afterAll(() => t.close());

  const scan = (eventId: string, payload: Record<string, unknown>, token = f.door) =>
    t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/checkins`, token, payload });

  it('a week ahead: the door says "belum dibuka", joins and codes count for nothing, nothing is written', async () => {
    const e = await f.newEvent(happeningNow(7));
    const [hall] = await seedRegistrations(t.app.ctx.db, e.id, 1);
    const [remote] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    const before = await f.attendanceRows();
    const r = await scan(e.id, { ticketCode: hall!.ticketCode });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('checkin_outside_window');
    expect(r.json().error.window).toBe('before');
    expect(r.json().error.message).toMatch(/^Check-in belum dibuka: pintu dibuka \w+, \d+ \w+ \d{4}, pukul/);
    const en = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins?lang=en`,
      token: f.door,
      payload: { ticketCode: hall!.ticketCode },
    });
    expect(en.json().error.message).toMatch(/^Check-in is not open yet: doors open/);
    // The join still leads to the room, but a week early it records nothing.
    const join = await t.inject({ method: 'GET', url: `/t/${remote!.ticketCode}/join` });
    expect(join.statusCode).toBe(302);
    const row = await t.app.ctx.db
      .selectFrom('attendance')
      .select('joined_at')
      .where('registration_id', '=', remote!.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    // Codes cannot be opened outside the window (the field is named).
    const code = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/codes`,
      token: f.organizer,
      payload: { label: 'Pembukaan' },
    });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.code).toBe('attendance_code_outside_window');
    expect(code.json().error.message).toMatch(/^opensAt: /);
    expect(await f.attendanceRows()).toBe(before);
    const event = (await t.app.ctx.services.events.find(e.id))!;
    expect((await presentRegistrations(t.app.ctx.db, event)).size).toBe(0);
  });

  it('after the end and its grace period: "sudah selesai"', async () => {
    const e = await f.newEvent(happeningNow(-2));
    const [p] = await seedRegistrations(t.app.ctx.db, e.id, 1);
    const r = await scan(e.id, { ticketCode: p!.ticketCode });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.window).toBe('after');
    expect(r.json().error.message).toMatch(/^Check-in sudah selesai \(ditutup /);
    // A personal join two days late still leads to the recording's room, and records nothing.
    const [late] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    expect((await t.inject({ method: 'GET', url: `/t/${late!.ticketCode}/join` })).statusCode).toBe(302);
    const row = await t.app.ctx.db
      .selectFrom('attendance')
      .select('joined_at')
      .where('registration_id', '=', late!.id)
      .executeTakeFirst();
    expect(row?.joined_at ?? null).toBeNull();
  });

  it('staff override with a reason (kept in the audit log); without one the field is named', async () => {
    const e = await f.newEvent(happeningNow(-2));
    const [p] = await seedRegistrations(t.app.ctx.db, e.id, 1);
    const none = await scan(e.id, { ticketCode: p!.ticketCode, override: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('override.reason');
    const blank = await scan(e.id, { ticketCode: p!.ticketCode, override: { reason: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toContain('override.reason');
    // The arrival keeps the time the device scanned (an offline phone, the day before): never invented.
    const scannedAt = Math.floor(Date.now() / 1000) * 1000 - 3 * DAY;
    const ok = await scan(e.id, {
      ticketCode: p!.ticketCode,
      scannedAt,
      override: { reason: 'Daftar hadir kertas, dimasukkan setelah acara' },
    });
    expect(ok.statusCode).toBe(201);
    expect(Date.parse(ok.json().checkedInAt)).toBe(scannedAt);
    const audit = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/attendance/audit`, token: f.organizer })
    ).json();
    const entry = audit.audit.find((a: { action: string }) => a.action === 'attendance.checkin_override');
    expect(entry.reason).toBe('Daftar hadir kertas, dimasukkan setelah acara');
    expect(entry.target).toBe(p!.id);
    // A repeat on another day shows the date with the time.
    const again = await scan(e.id, { ticketCode: p!.ticketCode });
    expect(again.statusCode).toBe(200);
    expect(again.json().message).toMatch(/^Sudah check-in \w+, \d+ \w+ \d{4}, pukul \d\d\.\d\d W/);
    // The organizer's dashboard names the override in words, with its reason, and dates the arrival.
    const dash = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/attendance`,
      token: f.organizer,
    });
    expect(dash.body).toContain('check-in di luar jendela acara');
    expect(dash.body).toContain('Daftar hadir kertas, dimasukkan setelah acara');
    expect(dash.body).toMatch(/check-in \w+, \d+ \w+ \d{4}, pukul/);
  });

  it('an offline scan keeps the device time and is flagged when the clocks disagree by more than 5 minutes', async () => {
    const e = await f.newEvent(happeningNow());
    const people = await seedRegistrations(t.app.ctx.db, e.id, 3);
    const now = Math.floor(Date.now() / 1000) * 1000;
    const sync = (scans: unknown[], sentAt: number) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/checkins/sync`,
        token: f.door,
        payload: { device: 'hp-pintu-2', sentAt, scans },
      });
    // This phone's clock runs 20 minutes fast: its scan "10 minutes ago" happened 30 minutes ago for us.
    const fast = await sync(
      [{ scanId: 'skew-000001', ticketCode: people[0]!.ticketCode, scannedAt: now - 10 * 60000 }],
      now + 20 * 60000,
    );
    const a = fast.json().results[0];
    expect(a.result).toBe('checked_in');
    expect(a.clockFlagged).toBe(true);
    expect(Date.parse(a.checkedInAt)).toBe(now - 10 * 60000);
    // A phone within a minute of ours is not flagged.
    const good = await sync(
      [{ scanId: 'skew-000002', ticketCode: people[1]!.ticketCode, scannedAt: now - 60000 }],
      now + 30000,
    );
    expect(good.json().results[0].clockFlagged).toBeUndefined();
    const dash = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/attendance`,
      token: f.organizer,
    });
    expect(dash.body.match(/jam HP pemindai selisih/g)).toHaveLength(1);
    // A queue scanned outside the window is answered per scan, and nothing is written for it.
    const early = await sync(
      [{ scanId: 'skew-000003', ticketCode: people[2]!.ticketCode, scannedAt: now - 3 * DAY }],
      now,
    );
    expect(early.json().results[0].error.code).toBe('checkin_outside_window');
  });

  it('refuses a window outside 0–24 hours with the field named, and a wider one lets the door open earlier', async () => {
    const e = await f.newEvent(happeningNow());
    const url = `/api/v1/events/${e.id}/attendance/settings`;
    for (const bad of [{ doorsOpenMinutes: 1441 }, { graceMinutes: -5 }, { onlineOpenMinutes: 1.5 }]) {
      const r = await t.inject({
        method: 'PUT',
        url,
        token: f.organizer,
        payload: { onlineRule: 'join', ...bad },
      });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.message).toContain(Object.keys(bad)[0]);
    }
    const ok = await t.inject({
      method: 'PUT',
      url,
      token: f.organizer,
      payload: { onlineRule: 'join', doorsOpenMinutes: 0, onlineOpenMinutes: 0, graceMinutes: 0 },
    });
    expect(ok.json()).toMatchObject({ doorsOpenMinutes: 0, onlineOpenMinutes: 0, graceMinutes: 0 });
    // Door staff cannot change it.
    expect(
      (await t.inject({ method: 'PUT', url, token: f.door, payload: { onlineRule: 'join' } })).statusCode,
    ).toBe(403);
  });

  it('by default the doors open 60 minutes before the start, the online room 30; both move with the settings', async () => {
    // Both events start in 45 minutes: inside the doors' default hour, outside the online half hour.
    const start = Math.floor(Date.now() / 60000) * 60000 + 45 * 60000;
    const when = {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * 3600000).toISOString(),
    };
    const joinedAt = async (registrationId: string) =>
      (
        await t.app.ctx.db
          .selectFrom('attendance')
          .select('joined_at')
          .where('registration_id', '=', registrationId)
          .executeTakeFirst()
      )?.joined_at ?? null;
    const byDefault = await f.newEvent(when);
    const [hall] = await seedRegistrations(t.app.ctx.db, byDefault.id, 1);
    const [remote] = await seedRegistrations(t.app.ctx.db, byDefault.id, 1, { mode: 'online' });
    expect((await scan(byDefault.id, { ticketCode: hall!.ticketCode })).statusCode).toBe(201);
    expect((await t.inject({ method: 'GET', url: `/t/${remote!.ticketCode}/join` })).statusCode).toBe(302);
    expect(await joinedAt(remote!.id)).toBeNull();
    const code = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${byDefault.id}/attendance/codes`,
      token: f.organizer,
      payload: { label: 'Terlalu awal' },
    });
    expect(code.json().error?.code).toBe('attendance_code_outside_window');

    // The organizer turns it around: doors 30 minutes before, the online room an hour before.
    const moved = await f.newEvent(when);
    const settings = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${moved.id}/attendance/settings`,
      token: f.organizer,
      payload: { onlineRule: 'join', doorsOpenMinutes: 30, onlineOpenMinutes: 60 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const [hall2] = await seedRegistrations(t.app.ctx.db, moved.id, 1);
    const [remote2] = await seedRegistrations(t.app.ctx.db, moved.id, 1, { mode: 'online' });
    const early = await scan(moved.id, { ticketCode: hall2!.ticketCode });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.window).toBe('before');
    expect((await t.inject({ method: 'GET', url: `/t/${remote2!.ticketCode}/join` })).statusCode).toBe(302);
    expect(await joinedAt(remote2!.id)).not.toBeNull();
  });

  it('a hall ticket does not open the online room; an online ticket in the window counts its join', async () => {
    const e = await f.newEvent(happeningNow());
    const [hall] = await seedRegistrations(t.app.ctx.db, e.id, 1);
    const [remote] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    const refused = await t.inject({ method: 'GET', url: `/t/${hall!.ticketCode}/join` });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.body).toContain('pindah ke daring');
    const join = await t.inject({ method: 'GET', url: `/t/${remote!.ticketCode}/join` });
    expect(join.statusCode).toBe(302);
    const row = await t.app.ctx.db
      .selectFrom('attendance')
      .select('joined_at')
      .where('registration_id', '=', hall!.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    const joined = await t.app.ctx.db
      .selectFrom('attendance')
      .select('joined_at')
      .where('registration_id', '=', remote!.id)
      .executeTakeFirstOrThrow();
    expect(joined.joined_at).not.toBeNull();
  });

  it('without JavaScript the door page offers the reason form and records the arrival with it', async () => {
    const e = await f.newEvent(happeningNow(7));
    const [p] = await seedRegistrations(t.app.ctx.db, e.id, 1);
    const form = (payload: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url: `/console/events/${e.id}/checkin`,
        token: f.door,
        payload: new URLSearchParams(payload).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const refused = await form({ q: p!.ticketCode });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('belum dibuka');
    expect(refused.body).toContain('name="reason"');
    expect(refused.body).toContain(`name="q" value="${p!.ticketCode}"`);
    const ok = await form({ q: p!.ticketCode, reason: 'Gladi bersih' });
    expect(ok.body).toContain('ci-result green');
    expect(await f.attendanceRows()).toBeGreaterThan(0);
  });
});
