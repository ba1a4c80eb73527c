import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import { presenceOfRegistration, presentRegistrations } from './presence.js';
import { attendanceFixture } from './test-fixture.js';

const RULES = ['join_and_code', 'join', 'code', 'duration', 'code_or_duration'] as const;

// The ticket page and the code box ask where ONE person counts, from that person's rows; the dashboard,
// certificates and the report ask for the whole event. Both must say the same for everyone, under every rule.
describe.each(DB_KINDS)('presence of one registration equals the whole event’s on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  let everyone: { id: string; ticketCode: string }[];

  beforeAll(async () => {
    const f = await attendanceFixture(kind);
    ({ t, organizer } = f);
    const db = t.app.ctx.db;
    eventId = (await f.newEvent()).id;
    const hall = await seedRegistrations(db, eventId, 10, { prefix: 'Luring' });
    const remote = await seedRegistrations(db, eventId, 20, { mode: 'online', prefix: 'Daring' });
    const cancelled = await seedRegistrations(db, eventId, 2, { status: 'cancelled', prefix: 'Batal' });
    const waiting = await seedRegistrations(db, eventId, 1, { status: 'waitlisted', prefix: 'Tunggu' });
    everyone = [...hall, ...remote, ...cancelled, ...waiting];
    const api = `/api/v1/events/${eventId}`;
    const ok = async (r: Promise<{ statusCode: number; body: string }>) => {
      const res = await r;
      if (res.statusCode >= 400) throw new Error(`${res.statusCode} ${res.body}`);
      return res;
    };

    // The hall: four checked in at the door, one of them corrected to absent; one counted by a correction only.
    for (const p of hall.slice(0, 4))
      await ok(
        t.inject({
          method: 'POST',
          url: `${api}/checkins`,
          token: organizer,
          payload: { ticketCode: p.ticketCode },
        }),
      );
    const correct = (registrationId: string, set: string) =>
      ok(
        t.inject({
          method: 'POST',
          url: `${api}/attendance/corrections`,
          token: organizer,
          payload: { registrationId, set, reason: 'Koreksi panitia' },
        }),
      );
    await correct(hall[3]!.id, 'absent');
    await correct(hall[5]!.id, 'onsite');

    // Online: joins through the personal link, codes (two for some), report minutes, a correction.
    for (const p of remote.slice(0, 10))
      await ok(t.inject({ method: 'GET', url: `/t/${p.ticketCode}/join` }));
    const codeA = (await ok(
      t.inject({
        method: 'POST',
        url: `${api}/attendance/codes`,
        token: organizer,
        payload: { label: 'Pembukaan' },
      }),
    )) as unknown as { json(): { id: string; code: string } };
    const codeB = (await ok(
      t.inject({
        method: 'POST',
        url: `${api}/attendance/codes`,
        token: organizer,
        payload: { label: 'Penutupan' },
      }),
    )) as unknown as { json(): { id: string; code: string } };
    const enter = (p: { ticketCode: string }, code: string) =>
      ok(t.inject({ method: 'POST', url: `${api}/attendance`, payload: { ticketCode: p.ticketCode, code } }));
    for (const p of remote.slice(5, 15)) await enter(p, codeA.json().code);
    for (const p of remote.slice(8, 11)) await enter(p, codeB.json().code);
    // A hall ticket cannot enter codes (it would count online without a check-in); it switches mode first.
    const hallCode = await t.inject({
      method: 'POST',
      url: `${api}/attendance`,
      payload: { ticketCode: hall[6]!.ticketCode, code: codeA.json().code },
    });
    expect(hallCode.json().error.code).toBe('join_needs_online_ticket');
    // An entry stored after its code closed (a race with the close) never counts, on either side.
    await db
      .insertInto('attendance_code_entries')
      .values({
        code_id: codeB.json().id,
        registration_id: remote[18]!.id,
        event_id: eventId,
        entered_at: Date.now() + 3_600_000,
      })
      .execute();
    // Imported meeting minutes: 150 of the 180-minute event for three, 60 for three more.
    const minutes = (id: string, m: number) =>
      db
        .insertInto('attendance')
        .values({
          registration_id: id,
          event_id: eventId,
          join_count: 0,
          report_minutes: m,
          updated_at: Date.now(),
        })
        .onConflict((oc) => oc.column('registration_id').doUpdateSet({ report_minutes: m }))
        .execute();
    for (const p of remote.slice(12, 15)) await minutes(p.id, 150);
    for (const p of remote.slice(15, 18)) await minutes(p.id, 60);
    await correct(remote[19]!.id, 'online');
    // Rows a cancelled person left behind count for no one.
    await db
      .insertInto('attendance')
      .values({
        registration_id: cancelled[0]!.id,
        event_id: eventId,
        joined_at: Date.now(),
        join_count: 1,
        report_minutes: 170,
        updated_at: Date.now(),
      })
      .execute();
  });
  afterAll(() => t.close());

  it.each(RULES)('under the rule "%s", for every registration', async (rule) => {
    const put = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/attendance/settings`,
      token: organizer,
      payload: { onlineRule: rule, minCodes: rule === 'code' ? 2 : 1, minPercent: 70 },
    });
    expect(put.statusCode).toBe(200);
    const event = (await t.app.ctx.services.events.find(eventId))!;
    const all = await presentRegistrations(t.app.ctx.db, event);
    const kinds = new Set<string>();
    for (const p of everyone) {
      const one = await presenceOfRegistration(t.app.ctx.db, event, p.id);
      expect({ id: p.id, present: one }).toEqual({ id: p.id, present: all.get(p.id) ?? null });
      kinds.add(String(one));
    }
    // The seed gives each rule people in the hall, online and absent, so the comparison compares something.
    expect([...kinds].sort()).toEqual(['null', 'online', 'onsite']);
    expect(await presenceOfRegistration(t.app.ctx.db, event, 'no-such-registration')).toBeNull();
  });
});
