import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { type AttendanceFixture, attendanceFixture, happeningNow } from '../test-fixture.js';

// A hall (or a campus) on one Wi-Fi: every request below comes from the same address (inject's 127.0.0.1).
describe.each(DB_KINDS)('attendance codes from one address on %s', (kind) => {
  let t: TestApp;
  let f: AttendanceFixture;
  let people: { id: string; ticketCode: string }[];
  let code: string;
  beforeAll(async () => {
    f = await attendanceFixture(kind);
    t = f.t;
    const e = await f.newEvent(happeningNow());
    people = await seedRegistrations(t.app.ctx.db, e.id, 301, { mode: 'online' });
    const c = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/codes`,
      token: f.moderator,
      payload: { label: 'Pembukaan', windowMinutes: 30 },
    });
    expect(c.statusCode, c.body).toBe(201);
    code = c.json().code;
  });
  afterAll(() => t.close());

  const send = (ticket: string, typed: string) =>
    t.inject({
      method: 'POST',
      url: `/t/${ticket}/presensi`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ code: typed }).toString(),
    });

  it('takes the code from 300 people at one address within a minute', async () => {
    const out = [];
    for (let i = 0; i < 300; i += 50)
      out.push(...(await Promise.all(people.slice(i, i + 50).map((p) => send(p.ticketCode, code)))));
    expect(out.map((r) => r.statusCode)).toEqual(Array(300).fill(303));
    expect(out.every((r) => String(r.headers.location).includes('presensi=ok'))).toBe(true);
  });

  it('limits one ticket guessing codes, answered on the ticket page with the code typed kept', async () => {
    const p = people[300]!;
    let last = await send(p.ticketCode, 'SALAH1');
    for (let i = 0; i < 30 && !String(last.headers.location).includes('Terlalu'); i++)
      last = await send(p.ticketCode, 'SALAH1');
    const back = String(last.headers.location);
    expect(last.statusCode).toBe(303);
    expect(decodeURIComponent(back)).toContain('Terlalu banyak percobaan');
    expect(back).toContain('kode=SALAH1');
    // The ticket page says it in words and fills the box with what was typed.
    const ticket = await t.inject({ method: 'GET', url: back });
    expect(ticket.statusCode).toBe(200);
    expect(ticket.body).toContain('Terlalu banyak percobaan');
    expect(ticket.body).toMatch(/id="kode-presensi"[^>]*value="SALAH1"/);
    // Keys written percent-encoded read the same (the page skips parsing only a query that names neither).
    const encoded = await t.inject({
      method: 'GET',
      url: back.replace('kode=', '%6Bode=').replace('presensi_err=', '%70resensi_err='),
    });
    expect(encoded.body).toContain('Terlalu banyak percobaan');
    expect(encoded.body).toMatch(/id="kode-presensi"[^>]*value="SALAH1"/);
    // The limit is per ticket: another person at the same address is not held up.
    const other = await t.inject({
      method: 'POST',
      url: `/t/${people[0]!.ticketCode}/presensi`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ code }).toString(),
    });
    expect(String(other.headers.location)).toContain('presensi=again');
  });
});
