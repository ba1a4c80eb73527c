import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';
import { SeatLayout, violations } from './seating.layout.js';

// 6 rows of 12 with an aisle after seat 6; one empty seat between people and one empty row → rows A, C, E × 6 = 18.
const plan = {
  layout: { rows: [12, 12, 12, 12, 12, 12], aisles: [6], blocked: ['A2'], reserved: ['A1', 'A3'] },
  rule: { kind: 'gap', seatGap: 1, rowGap: 1 },
};

describe.each(DB_KINDS)('seat plan API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  type Event = { id: string; token: string };
  /** Draws the event's seat plan, as its organizer unless another token (or `null`, anonymous) is given. */
  const putPlan = (e: Event, payload: Record<string, unknown>, token: string | null = e.token) =>
    t.inject({ method: 'PUT', url: `/api/v1/events/${e.id}/seat-plan`, token: token ?? undefined, payload });
  const register = (e: Event, payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload });
  /** A published event with a big hall seated by `plan`. */
  const eventWithPlan = async () => {
    const e = await publishedEvent(t, { capacity: 500 });
    await putPlan(e, plan);
    return e;
  };

  it('sets the hall capacity from the rule; concurrent registrations get distinct seats that respect it', async () => {
    const e = await publishedEvent(t, { capacity: 500 });
    const put = await putPlan(e, plan);
    expect(put.statusCode).toBe(200);
    // A1 and A3 are kept for guests; A2 is blocked, so row A uses A1, A3, A5, A7, A9, A11: 18 usable, 16 public.
    expect(put.json()).toMatchObject({ capacity: 16, usable: 18, reserved: 2, taken: 0 });
    const s = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registration-settings` })).json();
    expect(s.capacity.onsite).toBe(16);
    const out = await Promise.all(Array.from({ length: 60 }, (_, i) => register(e, person(100 + i))));
    const confirmed = out.map((r) => r.json()).filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(16);
    const seats = confirmed.map((r) => r.seat as string);
    expect(new Set(seats).size).toBe(16);
    expect(seats).not.toContain('A1');
    expect(seats).not.toContain('A3');
    expect(
      violations(SeatLayout.parse(plan.layout), { kind: 'gap', seatGap: 1, rowGap: 1 }, [
        ...seats,
        'A1',
        'A3',
      ]),
    ).toEqual([]);
    const view = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/seat-plan`, token: e.token })
    ).json();
    expect(view.taken).toBe(16);
  });

  it('refuses a plan that no longer fits the confirmed people, and lets the waitlist in when it grows', async () => {
    const e = await publishedEvent(t, { capacity: 500 });
    const small = {
      layout: { rows: [4], aisles: [], blocked: [], reserved: [] },
      rule: { kind: 'none', seatGap: 0, rowGap: 0 },
    };
    expect((await putPlan(e, small)).json().capacity).toBe(4);
    for (let i = 0; i < 6; i++) await register(e, person(200 + i));
    const tiny = { ...small, layout: { ...small.layout, rows: [3] } };
    const refused = await putPlan(e, tiny);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('plan_too_small');
    const spaced = {
      layout: { rows: [4], aisles: [], blocked: [], reserved: [] },
      rule: { kind: 'gap', seatGap: 1, rowGap: 0 },
    };
    const inUse = await putPlan(e, spaced);
    expect(inUse.statusCode).toBe(409);
    const bigger = { ...small, layout: { ...small.layout, rows: [5, 5] } };
    expect((await putPlan(e, bigger)).statusCode).toBe(200);
    const stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: e.token })
    ).json();
    expect(stats.registrations).toMatchObject({ onsite: 6, waitlisted: 0 });
  });

  it('moves a person by hand only to a free, usable, public seat', async () => {
    const e = await eventWithPlan();
    const a = (await register(e, person(300))).json();
    const b = (await register(e, person(301))).json();
    const move = (id: string, seat: string | null) =>
      t.inject({
        method: 'PATCH',
        url: `/api/v1/events/${e.id}/registrations/${id}`,
        token: e.token,
        payload: { seat },
      });
    expect((await move(b.id, a.seat)).json().error.code).toBe('seat_taken');
    expect((await move(b.id, 'A6')).json().error.code).toBe('seat_unusable');
    expect((await move(b.id, 'A2')).json().error.code).toBe('seat_unusable');
    expect((await move(b.id, 'A1')).json().error.code).toBe('seat_reserved');
    const ok = await move(b.id, 'e11');
    expect(ok.json().seat).toBe('E11');
    expect((await move(b.id, null)).json().seat).toBeNull();
  });

  it('assigns seats at check-in when the organizer chose so', async () => {
    const e = await eventWithPlan();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: e.token,
      payload: { seatMode: 'checkin' },
    });
    const r = (await register(e, person(400))).json();
    expect(r.seat).toBeUndefined();
    const event = (await t.app.ctx.services.events.find(e.id))!;
    const seats = await Promise.all([
      t.app.ctx.services.registrations.assignSeat(event, r.id),
      t.app.ctx.services.registrations.assignSeat(event, r.id),
    ]);
    expect(seats[0]).toBe('A5');
    expect(seats[1]).toBe('A5');
  });

  it('checks who may see and change the plan, refuses bad drawings, and prints the map with names', async () => {
    const e = await eventWithPlan();
    await register(e, person(500, { name: 'Munawar Hasyim', backTitles: 'S.E.' }));
    const checkin = await t.tokenFor('checkin');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/seat-plan`, token: checkin })).statusCode,
    ).toBe(403);
    expect((await putPlan(e, plan, null)).statusCode).toBe(401);
    expect((await putPlan(e, plan, await t.tokenFor('organizer'))).statusCode).toBe(403);
    const bad = await putPlan(e, { ...plan, layout: { ...plan.layout, reserved: ['A2'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('A2');
    const bad2 = await putPlan(e, { ...plan, rule: { kind: 'zigzag' } });
    expect(bad2.statusCode).toBe(400);
    const pdf = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/seating/denah.pdf`,
      token: e.token,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(text).toContain('Munawar');
    expect(text).toContain('A5');
    const page = await t.inject({ method: 'GET', url: `/console/events/${e.id}/seating`, token: e.token });
    expect(page.body).toContain('data-capacity="16"');
  });
});
