import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { presentRegistrations } from '../index.js';
import { type AttendanceFixture, attendanceFixture } from '../test-fixture.js';

describe.each(DB_KINDS)("online presence, the seed's numbers and corrections on %s", (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let moderator: string;
  let newEvent: AttendanceFixture['newEvent'];
  beforeAll(async () => {
    const f = await attendanceFixture(kind);
    ({ t, organizer, door, moderator, newEvent } = f);
  });
  afterAll(() => t.close());

  it('comes out "52 in the hall, 47 online" for the seed seminar, each person counted once', async () => {
    const e = await newEvent();
    const hall = await seedRegistrations(t.app.ctx.db, e.id, 58, { prefix: 'Luring' });
    const remote = await seedRegistrations(t.app.ctx.db, e.id, 55, { mode: 'online', prefix: 'Daring' });
    const code = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/codes`,
      token: organizer,
      payload: { label: 'Pembukaan' },
    });
    expect(code.statusCode).toBe(201);
    // 52 arrive in the hall, scanned by two doors, some twice.
    await Promise.all(
      hall.slice(0, 52).flatMap((p, i) => [
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/checkins`,
          token: organizer,
          payload: { ticketCode: p.ticketCode },
        }),
        ...(i % 4 === 0
          ? [
              t.inject({
                method: 'POST',
                url: `/api/v1/events/${e.id}/checkins`,
                token: organizer,
                payload: { ticketCode: p.ticketCode },
              }),
            ]
          : []),
      ]),
    );
    // 50 online people join; 47 of them enter the code (default rule: joined and one code).
    for (const p of remote.slice(0, 50))
      expect((await t.inject({ method: 'GET', url: `/t/${p.ticketCode}/join` })).statusCode).toBe(302);
    for (const p of remote.slice(0, 47)) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/attendance`,
        payload: { ticketCode: p.ticketCode, code: code.json().code },
      });
      expect(r.statusCode).toBe(201);
    }
    // Someone from the hall also opened the online link: still one person, in the hall.
    await t.inject({ method: 'GET', url: `/t/${hall[0]!.ticketCode}/join` });
    const stats = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer });
    expect(stats.json().attendance).toEqual({ onsite: 52, online: 47, total: 99 });
    const present = await presentRegistrations(t.app.ctx.db, (await t.app.ctx.services.events.find(e.id))!);
    expect(present.size).toBe(99);
    expect(present.get(hall[0]!.id)).toBe('onsite');
    expect(present.get(remote[0]!.id)).toBe('online');
    expect(present.has(remote[48]!.id)).toBe(false);
    const summary = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/attendance/summary`,
      token: organizer,
    });
    expect(summary.json()).toMatchObject({
      present: { onsite: 52, online: 47, total: 99 },
      expected: { onsite: 58, online: 55 },
      openCodes: 1,
    });
    expect(summary.json().arrivals.reduce((s: number, a: { count: number }) => s + a.count, 0)).toBe(52);
  });

  it('takes attendance codes only inside their window, once per person and code', async () => {
    const e = await newEvent();
    const [p] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    const [gone] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online', status: 'cancelled' });
    const mk = (token: string, payload: object = {}) =>
      t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/attendance/codes`, token, payload });
    expect((await mk(door)).statusCode).toBe(403);
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/attendance/codes`, payload: {} }))
        .statusCode,
    ).toBe(401);
    const open = (await mk(moderator, { label: 'Akhir' })).json();
    expect(open.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(open.open).toBe(true);
    const past = (
      await mk(organizer, {
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        windowMinutes: 10,
        code: 'LAMA22',
      })
    ).json();
    expect(past.open).toBe(false);
    const future = (
      await mk(organizer, { opensAt: new Date(Date.now() + 3_600_000).toISOString(), code: 'NANTI3' })
    ).json();
    expect((await mk(organizer, { code: 'LAMA22' })).statusCode).toBe(409);
    const enter = (code: string, ticketCode = p!.ticketCode) =>
      t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/attendance`, payload: { ticketCode, code } });
    const ok = await enter(` ${open.code.toLowerCase().slice(0, 3)}-${open.code.slice(3)} `);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ accepted: true, first: true, codesEntered: 1, presentOnline: false });
    expect((await enter(open.code)).json()).toMatchObject({ first: false, codesEntered: 1 });
    const late = await enter('LAMA22');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('attendance_code_closed');
    expect((await enter('NANTI3')).json().error.code).toBe('attendance_code_not_open');
    expect((await enter('SALAH9')).json().error.code).toBe('attendance_code_invalid');
    expect((await enter('x')).statusCode).toBe(400);
    expect((await enter(open.code, gone!.ticketCode)).json().error.code).toBe('ticket_cancelled');
    expect((await enter(open.code, 'unknownunknownunknown')).statusCode).toBe(404);
    // Joining makes this person present online under the default rule.
    await t.inject({ method: 'GET', url: `/t/${p!.ticketCode}/join` });
    expect((await enter(open.code)).json().presentOnline).toBe(true);
    const codes = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/attendance/codes`, token: moderator })
    ).json().codes;
    expect(codes.find((c: { id: string }) => c.id === open.id).entries).toBe(1);
    expect(codes.find((c: { id: string }) => c.id === past.id).entries).toBe(0);
    // Closing a code ends its window at once.
    const closed = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/codes/${open.id}/close`,
      token: moderator,
    });
    expect(closed.json().open).toBe(false);
    expect((await enter(open.code)).statusCode).toBe(200);
    void future;
  });

  it('never records a code after its window, even when entries race the close', async () => {
    const e = await newEvent();
    const people = await seedRegistrations(t.app.ctx.db, e.id, 20, { mode: 'online' });
    const c = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/attendance/codes`,
        token: organizer,
        payload: {},
      })
    ).json();
    const closing = t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/codes/${c.id}/close`,
      token: organizer,
    });
    const rs = await Promise.all(
      people.map((p) =>
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/attendance`,
          payload: { ticketCode: p.ticketCode, code: c.code },
        }),
      ),
    );
    expect((await closing).statusCode).toBe(200);
    const closesAt = Number(
      (
        await t.app.ctx.db
          .selectFrom('attendance_codes')
          .select('closes_at')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).closes_at,
    );
    for (const r of rs) expect([201, 409]).toContain(r.statusCode);
    // What counts is what was entered by the time the code closed, whichever request won the race.
    const entries = await t.app.ctx.db
      .selectFrom('attendance_code_entries')
      .selectAll()
      .where('code_id', '=', c.id)
      .execute();
    const inWindow = entries.filter((en) => Number(en.entered_at) <= closesAt).length;
    const codes = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/attendance/codes`, token: organizer })
    ).json().codes;
    expect(codes[0].entries).toBe(inWindow);
    await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${e.id}/attendance/settings`,
      token: organizer,
      payload: { onlineRule: 'code' },
    });
    const stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })
    ).json();
    expect(stats.attendance.online).toBe(inWindow);
    // After the close, nobody else gets in.
    const late = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance`,
      payload: { ticketCode: late[0]!.ticketCode, code: c.code },
    });
    expect(r.json().error.code).toBe('attendance_code_closed');
  });

  it('redirects the personal join link to the room and records it; refuses cancelled tickets', async () => {
    const e = await newEvent();
    const [p] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online' });
    const [gone] = await seedRegistrations(t.app.ctx.db, e.id, 1, { mode: 'online', status: 'cancelled' });
    const r = await t.inject({ method: 'GET', url: `/t/${p!.ticketCode}/join` });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('https://zoom.us/j/123456789');
    await t.inject({ method: 'GET', url: `/t/${p!.ticketCode}/join` });
    const row = await t.app.ctx.db
      .selectFrom('attendance')
      .selectAll()
      .where('registration_id', '=', p!.id)
      .executeTakeFirstOrThrow();
    expect(row.join_count).toBe(2);
    expect(row.checked_in_at).toBeNull();
    const refused = await t.inject({ method: 'GET', url: `/t/${gone!.ticketCode}/join` });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('dibatalkan');
    expect((await t.inject({ method: 'GET', url: '/t/unknownunknownunknown/join' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/t/%3Cb%3E/join' })).statusCode).toBe(400);
  });

  it('applies manual corrections with a reason and keeps them in the audit log', async () => {
    const e = await newEvent();
    const [a, b] = await seedRegistrations(t.app.ctx.db, e.id, 2);
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token: organizer,
      payload: { ticketCode: a!.ticketCode },
    });
    const url = `/api/v1/events/${e.id}/attendance/corrections`;
    const wrong = { registrationId: a!.id, set: 'absent', reason: 'Salah pindai, orangnya belum datang' };
    expect((await t.inject({ method: 'POST', url, token: door, payload: wrong })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url, payload: wrong })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'POST', url, token: organizer, payload: { ...wrong, reason: '' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.inject({
          method: 'POST',
          url,
          token: organizer,
          payload: { ...wrong, registrationId: 'nope' },
        })
      ).statusCode,
    ).toBe(404);
    const fixed = await t.inject({ method: 'POST', url, token: organizer, payload: wrong });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().attendance).toMatchObject({ present: null, checkedInAt: null });
    await t.inject({
      method: 'POST',
      url,
      token: organizer,
      payload: { registrationId: b!.id, set: 'online', reason: 'Hadir via YouTube, tidak bisa masuk Zoom' },
    });
    let stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })
    ).json();
    expect(stats.attendance).toEqual({ onsite: 0, online: 1, total: 1 });
    // Scanning again after the undo counts the real arrival.
    const rescan = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token: door,
      payload: { ticketCode: a!.ticketCode },
    });
    expect(rescan.json().first).toBe(true);
    stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })).json();
    expect(stats.attendance).toEqual({ onsite: 1, online: 1, total: 2 });
    const audit = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/attendance/audit`, token: organizer })
    ).json().audit;
    expect(audit.map((x: { reason: string }) => x.reason)).toEqual([
      'Hadir via YouTube, tidak bisa masuk Zoom',
      'Salah pindai, orangnya belum datang',
    ]);
    expect(audit[1].by).toMatch(/organizer/);
  });

  it('changes the presence rule (organizers only) and recounts', async () => {
    const e = await newEvent();
    const remote = await seedRegistrations(t.app.ctx.db, e.id, 3, { mode: 'online' });
    for (const p of remote.slice(0, 2)) await t.inject({ method: 'GET', url: `/t/${p.ticketCode}/join` });
    const url = `/api/v1/events/${e.id}/attendance/settings`;
    expect((await t.inject({ method: 'GET', url, token: organizer })).json().onlineRule).toBe(
      'join_and_code',
    );
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })).json()
        .attendance.online,
    ).toBe(0);
    expect(
      (await t.inject({ method: 'PUT', url, token: door, payload: { onlineRule: 'join' } })).statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'PUT', url, token: organizer, payload: { onlineRule: 'sometimes' } }))
        .statusCode,
    ).toBe(400);
    const put = await t.inject({ method: 'PUT', url, token: organizer, payload: { onlineRule: 'join' } });
    expect(put.json()).toEqual({
      onlineRule: 'join',
      minCodes: 1,
      minPercent: 70,
      codeWindowMinutes: 15,
      doorsOpenMinutes: 60,
      onlineOpenMinutes: 30,
      graceMinutes: 60,
    });
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: organizer })).json()
        .attendance.online,
    ).toBe(2);
  });
});
