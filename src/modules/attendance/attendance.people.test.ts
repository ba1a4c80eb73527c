import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { checkIn, createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import { happeningNow } from './test-fixture.js';

// The dashboard's people table comes a page at a time, with a name search, so a large event's dashboard
// stays one page of work; the people and their presence on a page are the same as in the full list.
describe.each(DB_KINDS)('attendance dashboard people table on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let eventId: string;
  const path = () => `/console/events/${eventId}/attendance`;
  const rowsOf = (html: string) =>
    [...html.matchAll(/name="registrationId" value="([^"]+)"/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    door = await t.tokenFor('checkin', 'rina.pintu@example.test');
    eventId = (await createEvent(t, organizer, { ...seedSeminar, ...happeningNow() }, { publish: true })).id;
    const u = await t.app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'rina.pintu@example.test')
      .executeTakeFirstOrThrow();
    await t.app.ctx.services.eventsManage.setTeamRole(eventId, u.id, 'checkin');
    const hall = await seedRegistrations(t.app.ctx.db, eventId, 140, { prefix: 'Peserta' });
    await seedRegistrations(t.app.ctx.db, eventId, 9, { mode: 'online', prefix: 'Bu Sari Wulandari' });
    await seedRegistrations(t.app.ctx.db, eventId, 3, { status: 'cancelled', prefix: 'Batal' });
    await checkIn(t, organizer, eventId, hall[0]!.ticketCode);
  });
  afterAll(() => t.close());

  it('shows 100 people a page, in the full list’s order, with links to the next and previous page', async () => {
    const all = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/attendance`, token: organizer })
    ).json().attendance as { id: string }[];
    expect(all).toHaveLength(149);
    const first = await t.inject({ method: 'GET', url: path(), token: organizer });
    expect(first.statusCode).toBe(200);
    expect(rowsOf(first.body)).toEqual(all.slice(0, 100).map((r) => r.id));
    expect(first.body).toContain('Menampilkan 1–100 dari 149 peserta');
    expect(first.body).toContain('hal=2#peserta');
    const second = await t.inject({ method: 'GET', url: `${path()}?hal=2&lang=en`, token: organizer });
    expect(rowsOf(second.body)).toEqual(all.slice(100).map((r) => r.id));
    expect(second.body).toContain('Showing 101–149 of 149 participants');
    expect(second.body).not.toContain('hal=3');
  });

  it('finds people by part of their name in any case, and says when no one matches', async () => {
    const found = await t.inject({ method: 'GET', url: `${path()}?cari=sari%20WULAN`, token: organizer });
    expect(rowsOf(found.body)).toHaveLength(9);
    expect(found.body).toContain('Menampilkan 1–9 dari 9 peserta');
    expect(found.body).toContain('value="sari WULAN"');
    const none = await t.inject({ method: 'GET', url: `${path()}?cari=Tidak%20Ada`, token: organizer });
    expect(rowsOf(none.body)).toHaveLength(0);
    expect(none.body).toContain('Tidak ada peserta dengan nama itu.');
    // Cancelled people are not in the table, whatever the search.
    const cancelled = await t.inject({ method: 'GET', url: `${path()}?cari=batal`, token: organizer });
    expect(rowsOf(cancelled.body)).toHaveLength(0);
  });

  it('shows each person on a page as present or not exactly as the full list does', async () => {
    const all = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/attendance`, token: organizer })
    ).json().attendance as { id: string; present: string | null }[];
    const page = await t.inject({ method: 'GET', url: path(), token: organizer });
    const present = all.filter((r) => r.present).map((r) => r.id);
    expect(present).toHaveLength(1);
    // The one checked-in person's row carries the "in the hall" badge.
    const row = page.body.split('<tr>').find((r) => r.includes(`value="${present[0]}"`))!;
    expect(row).toContain('badge ok');
  });

  it('answers a page number out of range or malformed with a page, and shows door staff no table', async () => {
    expect((await t.inject({ method: 'GET', url: `${path()}?hal=abc`, token: organizer })).statusCode).toBe(
      200,
    );
    const far = await t.inject({ method: 'GET', url: `${path()}?hal=99`, token: organizer });
    expect(far.statusCode).toBe(200);
    expect(rowsOf(far.body)).toHaveLength(0);
    const staff = await t.inject({ method: 'GET', url: path(), token: door });
    expect(staff.statusCode).toBe(200);
    expect(rowsOf(staff.body)).toHaveLength(0);
    expect(staff.body).not.toContain('cari-peserta');
  });
});
