import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTwoNodes, type TestApp, type TwoNodes } from '../../../../test/helpers/app.js';
import { DB_KINDS, REDIS_URL } from '../../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../../test/helpers/registrations.js';

// The ticket page reads the event's registration settings, presence rules, evaluation form and seat plan from
// per-event caches (src/bus/per-event-cache.ts). Each test opens the page first (so the value is cached), saves
// a change, and opens it again: the page must show the change at once on the node that saved it, and on a
// second node as soon as the bus message reaches it.

const plan = {
  layout: { rows: [12, 12, 12, 12, 12, 12], aisles: [6], blocked: ['A2'], reserved: ['A1', 'A3'] },
  rule: { kind: 'gap', seatGap: 1, rowGap: 1 },
};
const SEAT_AT_DOOR = 'Nomor kursi diberikan saat registrasi ulang di pintu masuk.';

type Ev = Awaited<ReturnType<typeof publishedEvent>>;

/** The four changes, each with what the page shows before and after it. */
function changes(t: TestApp) {
  const ticket = async (e: Ev, i: number, mode: 'onsite' | 'online') => {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(i, { mode }),
    });
    expect(r.json().status).toBe('confirmed');
    return r.json().ticketCode as string;
  };
  return [
    {
      what: 'registration settings (seat numbers given at the door)',
      mode: 'onsite' as const,
      before: (html: string) => !html.includes(SEAT_AT_DOOR),
      after: (html: string) => html.includes(SEAT_AT_DOOR),
      save: (e: Ev) =>
        t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${e.id}/registration-settings`,
          token: e.token,
          payload: { seatMode: 'checkin' },
        }),
    },
    {
      what: 'presence rules (doors open 30 minutes before the start)',
      mode: 'onsite' as const,
      before: (html: string) => html.includes('Pintu dibuka') && html.includes('pukul 08.00'),
      after: (html: string) => html.includes('pukul 08.30'),
      save: (e: Ev) =>
        t.inject({
          method: 'PUT',
          url: `/api/v1/events/${e.id}/attendance/settings`,
          token: e.token,
          payload: { onlineRule: 'join_and_code', doorsOpenMinutes: 30 },
        }),
    },
    {
      what: 'evaluation form (opened)',
      mode: 'online' as const,
      before: (html: string) => !html.includes('id="evaluasi"'),
      after: (html: string) => html.includes('id="evaluasi"'),
      save: (e: Ev) =>
        t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/evaluation/open`, token: e.token }),
    },
    {
      what: 'seat plan (the hall shrinks to 16 public seats)',
      mode: 'online' as const,
      before: (html: string) => html.includes('Tersisa 52 tempat'),
      after: (html: string) => html.includes('Tersisa 16 tempat'),
      save: (e: Ev) =>
        t.inject({ method: 'PUT', url: `/api/v1/events/${e.id}/seat-plan`, token: e.token, payload: plan }),
    },
  ].map((c) => ({ ...c, ticket }));
}

const page = async (t: TestApp, code: string) => {
  const r = await t.inject({ url: `/t/${code}`, headers: { 'accept-language': 'id' } });
  expect(r.statusCode).toBe(200);
  return r.body;
};

describe.each(DB_KINDS)('ticket page after an organizer saves (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('shows each saved change at once', async () => {
    let i = 0;
    for (const c of changes(t)) {
      const e = await publishedEvent(t);
      const code = await c.ticket(e, i++, c.mode);
      expect(c.before(await page(t, code)), c.what).toBe(true);
      expect(c.before(await page(t, code)), c.what).toBe(true);
      expect((await c.save(e)).statusCode, c.what).toBe(200);
      expect(c.after(await page(t, code)), c.what).toBe(true);
    }
  });
});

describe.skipIf(!REDIS_URL).each(DB_KINDS)('ticket page on two nodes with Redis (%s)', (kind) => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'ticket', kind);
    ({ a, b } = nodes);
  });
  afterAll(() => nodes.close());

  it('a change saved on node A shows on node B, which had the old value cached', async () => {
    let i = 100;
    for (const c of changes(a)) {
      const e = await publishedEvent(a);
      const code = await c.ticket(e, i++, c.mode);
      expect(c.before(await page(b, code)), c.what).toBe(true);
      expect(c.before(await page(a, code)), c.what).toBe(true);
      expect((await c.save(e)).statusCode, c.what).toBe(200);
      expect(c.after(await page(a, code)), c.what).toBe(true);
      // Node B learns of it through Redis: it asks again until the message has arrived (no time is asserted).
      await vi.waitFor(async () => expect(c.after(await page(b, code)), c.what).toBe(true), {
        timeout: 5000,
        interval: 20,
      });
    }
  });
});
