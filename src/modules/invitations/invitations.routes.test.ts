import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';

const plan = {
  layout: { rows: [10, 10, 10, 10], aisles: [5], blocked: [], reserved: ['A1', 'A3', 'A5'] },
  rule: { kind: 'gap', seatGap: 1, rowGap: 1 },
};

describe.each(DB_KINDS)('invitations on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('invites a guest to a reserved seat; the guest accepts, gets a ticket on that seat, outside the public quota', async () => {
    const e = await publishedEvent(t, { capacity: 500 });
    await t.inject({ method: 'PUT', url: `/api/v1/events/${e.id}/seat-plan`, token: e.token, payload: plan });
    const inv = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/invitations`,
      token: e.token,
      payload: {
        name: 'Dwi Arianto',
        backTitles: 'S.Sos., M.M.',
        position: 'Lurah Kanigaran',
        phone: '0812-5555-0001',
        seat: 'a3',
      },
    });
    expect(inv.statusCode).toBe(201);
    const body = inv.json();
    expect(body).toMatchObject({ fullName: 'Dwi Arianto, S.Sos., M.M.', seat: 'A3', status: 'invited' });
    expect(body.whatsappUrl.startsWith('https://wa.me/6281255550001?text=')).toBe(true);
    const waText = decodeURIComponent(new URL(body.whatsappUrl).searchParams.get('text')!);
    expect(waText).toContain(body.url);
    expect(waText).not.toContain('Dwi');
    const token = body.url.split('/i/')[1];
    const page = await t.inject({ method: 'GET', url: `/i/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dwi Arianto, S.Sos., M.M.');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const [a, b] = await Promise.all([
      t.inject({ method: 'POST', url: `/api/v1/invitations/${token}/reply`, payload: { answer: 'accept' } }),
      t.inject({ method: 'POST', url: `/api/v1/invitations/${token}/reply`, payload: { answer: 'accept' } }),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/invitations`, token: e.token })
    ).json();
    expect(list.counts).toEqual({ invited: 0, accepted: 1, declined: 0 });
    expect(list.invitations[0].ticketUrl).toContain('/t/');
    const regs = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json().registrations;
    expect(regs).toHaveLength(1);
    expect(regs[0]).toMatchObject({ source: 'invitation', seat: 'A3', status: 'confirmed', mode: 'onsite' });
    // Rows A and C, seats 1, 3, 5, 6, 8, 10: 12 usable, 3 kept for guests, so the public still has all 9.
    const s = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registration-settings` })).json();
    expect(s.capacity.onsite).toBe(9);
    const room = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload: person(10 + i) }),
      ),
    );
    expect(room.map((r) => r.json().status).filter((x) => x === 'confirmed')).toHaveLength(9);
    // Declining frees the seat and cancels the ticket.
    const no = await t.inject({ method: 'POST', url: `/i/${token}/decline` });
    expect(no.statusCode).toBe(303);
    const after = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${e.id}/registrations?status=cancelled`,
        token: e.token,
      })
    ).json().registrations;
    expect(after[0]).toMatchObject({ source: 'invitation', seat: null });
  });

  it('refuses seats that are not free guest seats, and checks roles', async () => {
    const e = await publishedEvent(t, { capacity: 500 });
    await t.inject({ method: 'PUT', url: `/api/v1/events/${e.id}/seat-plan`, token: e.token, payload: plan });
    const post = (payload: Record<string, unknown>, token = e.token) =>
      t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/invitations`, token, payload });
    expect((await post({ name: 'Tamu Satu', seat: 'A1' })).statusCode).toBe(201);
    expect((await post({ name: 'Tamu Dua', seat: 'A1' })).json().error.code).toBe('seat_taken');
    expect((await post({ name: 'Tamu Dua', seat: 'C1' })).json().error.code).toBe('seat_not_reserved');
    expect((await post({ name: 'Tamu Dua', seat: 'A2' })).json().error.code).toBe('seat_unusable');
    expect((await post({ name: 'Tamu Dua', phone: '123' })).statusCode).toBe(400);
    expect((await post({ name: 'Tamu Dua' }, await t.tokenFor('checkin'))).statusCode).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/invitations`,
          payload: { name: 'X Y' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${e.id}/invitations`,
          token: await t.tokenFor('organizer'),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/invitations/00000000000000000000000000000000/reply',
          payload: { answer: 'accept' },
        })
      ).statusCode,
    ).toBe(404);
    const console = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/invitations`,
      token: e.token,
    });
    expect(console.statusCode).toBe(200);
    expect(console.body).toContain('Tamu Satu');
    expect(console.body).toContain('A3, A5');
  });
});
