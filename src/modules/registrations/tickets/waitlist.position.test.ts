import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTwoNodes, type TestApp, type TwoNodes } from '../../../../test/helpers/app.js';
import { DB_KINDS, REDIS_URL } from '../../../../test/helpers/env.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { WAITLIST_AHEAD_CAP } from '../registrations.schemas.js';

describe.each(DB_KINDS)('a place on the waitlist, counted at most %s', (kind) => {
  let t: TestApp;
  let e: { id: string; slug: string; token: string };
  let waiting: { id: string; ticketCode: string }[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    e = await publishedEvent(t, { capacity: 1 });
    await seedRegistrations(t.app.ctx.db, e.id, 1);
    // More people waiting than are ever counted, each with their own arrival time (in seeded order), and two
    // with the same time, where the id decides.
    waiting = await seedRegistrations(t.app.ctx.db, e.id, WAITLIST_AHEAD_CAP + 10, { status: 'waitlisted' });
    for (const [i, w] of waiting.entries())
      await t.app.ctx.db
        .updateTable('registrations')
        .set({ waitlist_at: 1_000 + Math.min(i, WAITLIST_AHEAD_CAP + 5) })
        .where('id', '=', w.id)
        .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const ticket = (code: string) => t.inject({ method: 'GET', url: `/api/v1/tickets/${code}` });

  it('is exact up to the cap, in both the ticket API and the organizers’ API', async () => {
    for (const i of [0, 1, 57, WAITLIST_AHEAD_CAP]) {
      const r = await ticket(waiting[i]!.ticketCode);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ waitlistPosition: i + 1, waitlistPositionCapped: false });
    }
    const admin = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations/${waiting[WAITLIST_AHEAD_CAP]!.id}`,
      token: e.token,
    });
    expect(admin.json()).toMatchObject({
      waitlistPosition: WAITLIST_AHEAD_CAP + 1,
      waitlistPositionCapped: false,
    });
  });

  it('says only “more than the cap” beyond it, on the API and on the ticket page in both languages', async () => {
    for (const i of [WAITLIST_AHEAD_CAP + 1, WAITLIST_AHEAD_CAP + 9]) {
      const r = await ticket(waiting[i]!.ticketCode);
      expect(r.json()).toMatchObject({
        waitlistPosition: WAITLIST_AHEAD_CAP + 2,
        waitlistPositionCapped: true,
      });
    }
    const code = waiting[WAITLIST_AHEAD_CAP + 9]!.ticketCode;
    const id = await t.inject({ method: 'GET', url: `/t/${code}`, headers: { 'accept-language': 'id-ID' } });
    expect(id.body).toContain(
      `Ada lebih dari ${WAITLIST_AHEAD_CAP} orang di depan Anda dalam daftar tunggu.`,
    );
    const en = await t.inject({ method: 'GET', url: `/t/${code}?lang=en` });
    expect(en.body).toContain(
      `There are more than ${WAITLIST_AHEAD_CAP} people ahead of you on the waitlist.`,
    );
    const exact = await t.inject({ method: 'GET', url: `/t/${waiting[57]!.ticketCode}` });
    expect(exact.body).toContain('Anda di urutan ke-58 daftar tunggu.');
  });

  it('moves everyone behind up at once when someone ahead leaves (the kept marker is dropped)', async () => {
    const behind = waiting[WAITLIST_AHEAD_CAP + 1]!.ticketCode;
    // Read twice, so the place past the cap is answered from the kept marker before the change.
    for (let n = 0; n < 2; n++)
      expect((await ticket(behind)).json()).toMatchObject({ waitlistPositionCapped: true });
    const cancel = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${waiting[0]!.ticketCode}/cancel`,
    });
    expect(cancel.statusCode).toBe(200);
    expect((await ticket(behind)).json()).toMatchObject({
      waitlistPosition: WAITLIST_AHEAD_CAP + 1,
      waitlistPositionCapped: false,
    });
    const page = await t.inject({
      method: 'GET',
      url: `/t/${behind}`,
      headers: { 'accept-language': 'id-ID' },
    });
    expect(page.body).toContain(`Anda di urutan ke-${WAITLIST_AHEAD_CAP + 1} daftar tunggu.`);
  });

  it('breaks a tie of arrival time by id, so two people never share a place', async () => {
    const tied = waiting.slice(WAITLIST_AHEAD_CAP + 5).map((w) => w.id);
    expect(tied.length).toBeGreaterThan(1);
    const small = await t.app.ctx.db
      .updateTable('registrations')
      .set({ waitlist_at: 1 })
      .where('id', 'in', tied.slice(0, 2))
      .returning(['id', 'ticket_code'])
      .execute();
    small.sort((a, b) => (a.id < b.id ? -1 : 1));
    const places = await Promise.all(
      small.map(async (s) => (await ticket(s.ticket_code)).json().waitlistPosition),
    );
    expect(places).toEqual([1, 2]);
  });
});

describe.skipIf(!REDIS_URL).each(DB_KINDS)('a place on the waitlist on two nodes with Redis (%s)', (kind) => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'waitlist', kind);
    ({ a, b } = nodes);
  });
  afterAll(() => nodes.close());

  it('moves up on node B when someone ahead cancels on node A, though B kept the marker', async () => {
    const e = await publishedEvent(a, { capacity: 1 });
    await seedRegistrations(a.app.ctx.db, e.id, 1);
    const waiting = await seedRegistrations(a.app.ctx.db, e.id, WAITLIST_AHEAD_CAP + 2, {
      status: 'waitlisted',
    });
    for (const [i, w] of waiting.entries())
      await a.app.ctx.db
        .updateTable('registrations')
        .set({ waitlist_at: 1_000 + i })
        .where('id', '=', w.id)
        .execute();
    const behind = waiting[WAITLIST_AHEAD_CAP + 1]!.ticketCode;
    const place = async (node: TestApp) =>
      (await node.inject({ method: 'GET', url: `/api/v1/tickets/${behind}` })).json() as {
        waitlistPosition: number;
        waitlistPositionCapped: boolean;
      };
    expect(await place(b)).toMatchObject({ waitlistPositionCapped: true });
    const cancel = await a.inject({
      method: 'POST',
      url: `/api/v1/tickets/${waiting[0]!.ticketCode}/cancel`,
    });
    expect(cancel.statusCode).toBe(200);
    expect(await place(a)).toMatchObject({
      waitlistPosition: WAITLIST_AHEAD_CAP + 1,
      waitlistPositionCapped: false,
    });
    // Node B learns of it through Redis: it asks again until the message has arrived (no time is asserted).
    await vi.waitFor(
      async () =>
        expect(await place(b)).toMatchObject({
          waitlistPosition: WAITLIST_AHEAD_CAP + 1,
          waitlistPositionCapped: false,
        }),
      { timeout: 5000, interval: 20 },
    );
  });
});
