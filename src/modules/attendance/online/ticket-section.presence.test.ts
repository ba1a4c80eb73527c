import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { person } from '../../../../test/helpers/registrations.js';
import { presentRegistrations } from '../index.js';
import { type AttendanceFixture, attendanceFixture } from '../test-fixture.js';

// The online ticket's attendance section says "present online" from the person's attendance row and the code
// entries it lists (no count query of its own): it must agree with the event-wide rule in every state.
const PRESENT = 'Anda tercatat hadir secara daring.';

describe.each(DB_KINDS)('ticket page: present online as the rule says (%s)', (kind) => {
  let f: AttendanceFixture;
  beforeAll(async () => {
    f = await attendanceFixture(kind);
  });
  afterAll(() => f.t.close());

  it('agrees with the event-wide presence for joins, codes and corrections', async () => {
    const { t, organizer } = f;
    const e = await f.newEvent();
    const tickets: { id: string; code: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(500 + i, { mode: 'online' }),
      });
      tickets.push({ id: r.json().id, code: r.json().ticketCode });
    }
    const [joinedAndCode, joinedOnly, codeOnly, correctedAbsent, correctedOnline] = tickets as [
      { id: string; code: string },
      { id: string; code: string },
      { id: string; code: string },
      { id: string; code: string },
      { id: string; code: string },
    ];
    const code = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/attendance/codes`,
        token: organizer,
        payload: { label: 'Pembukaan' },
      })
    ).json().code as string;
    for (const p of [joinedAndCode, joinedOnly, correctedAbsent])
      expect((await t.inject({ url: `/t/${p.code}/join` })).statusCode).toBe(302);
    for (const p of [joinedAndCode, codeOnly, correctedAbsent]) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/attendance`,
        payload: { ticketCode: p.code, code },
      });
      expect(r.statusCode).toBe(201);
    }
    for (const [p, set] of [
      [correctedAbsent, 'absent'],
      [correctedOnline, 'online'],
    ] as const) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/attendance/corrections`,
        token: organizer,
        payload: { registrationId: p.id, set, reason: 'Dicek panitia' },
      });
      expect(r.statusCode).toBe(200);
    }
    const present = await presentRegistrations(t.app.ctx.db, (await t.app.ctx.services.events.find(e.id))!);
    expect([...present.keys()].sort()).toEqual([joinedAndCode.id, correctedOnline.id].sort());
    for (const p of tickets) {
      const html = (await t.inject({ url: `/t/${p.code}`, headers: { 'accept-language': 'id' } })).body;
      expect(html.includes(PRESENT), p === joinedAndCode ? 'joined and code' : p.id).toBe(present.has(p.id));
    }
    // The codes the section lists are those it counts: the one entered, with its label.
    const page = (await t.inject({ url: `/t/${codeOnly.code}`, headers: { 'accept-language': 'id' } })).body;
    expect(page).toContain('Pembukaan (');
  });
});
