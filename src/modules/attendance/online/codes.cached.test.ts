import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTwoNodes, type TestApp, type TwoNodes } from '../../../../test/helpers/app.js';
import { DB_KINDS, REDIS_URL } from '../../../../test/helpers/env.js';
import { createEvent } from '../../../../test/helpers/events.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { happeningNow } from '../test-fixture.js';

// Every online ticket page says whether a code is open now, from the event's codes kept per event
// (online.service.ts): a code made must show at once on the node that made it, and on another node as soon
// as the bus message reaches it.

const OPEN = 'Kode presensi sedang dibuka sekarang.';

async function setUp(t: TestApp) {
  const organizer = await t.tokenFor('organizer');
  const event = await createEvent(
    t,
    organizer,
    {
      title: 'Seminar Hybrid Kanigaran',
      ...happeningNow(),
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
    },
    { publish: true },
  );
  const [remote] = await seedRegistrations(t.app.ctx.db, event.id, 1, { mode: 'online', prefix: 'Daring' });
  const make = (payload: Record<string, unknown>) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/attendance/codes`,
      token: organizer,
      payload,
    });
  return { ticket: `/t/${remote!.ticketCode}`, make, event, organizer };
}

const page = async (t: TestApp, url: string) => {
  const r = await t.inject({ url, headers: { 'accept-language': 'id' } });
  expect(r.statusCode).toBe(200);
  return r.body;
};

describe.each(DB_KINDS)('the ticket page’s open code, kept per event (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('shows a code made as open at once, and one made for later as not yet', async () => {
    const { ticket, make } = await setUp(t);
    expect(await page(t, ticket)).not.toContain(OPEN);
    const later = await make({ code: 'NANTI1', opensAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(later.statusCode).toBe(201);
    expect(await page(t, ticket)).not.toContain(OPEN);
    expect((await make({ code: 'BUKA01' })).statusCode).toBe(201);
    expect(await page(t, ticket)).toContain(OPEN);
  });

  it('drops a code closed early, and follows the codes when the event moves', async () => {
    const { ticket, make, event, organizer } = await setUp(t);
    const made = await make({ code: 'TUTUP1' });
    expect(made.statusCode).toBe(201);
    expect(await page(t, ticket)).toContain(OPEN);
    const closed = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/attendance/codes/${made.json().id}/close`,
      token: organizer,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await page(t, ticket)).not.toContain(OPEN);
    // A code open now, then the event (and its codes) moved a day later: the code is not open now any more.
    expect((await make({ code: 'GESER1' })).statusCode).toBe(201);
    expect(await page(t, ticket)).toContain(OPEN);
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${event.id}`,
      token: organizer,
      payload: { ...happeningNow(1), moveSchedule: true },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await page(t, ticket)).not.toContain(OPEN);
  });
});

describe.skipIf(!REDIS_URL).each(DB_KINDS)('the open code on two nodes with Redis (%s)', (kind) => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'codes', kind);
    ({ a, b } = nodes);
  });
  afterAll(() => nodes.close());

  it('a code made on node A shows on node B, which had the event’s codes kept', async () => {
    const { ticket, make } = await setUp(a);
    expect(await page(b, ticket)).not.toContain(OPEN);
    expect((await make({ code: 'BUKA02' })).statusCode).toBe(201);
    expect(await page(a, ticket)).toContain(OPEN);
    // Node B learns of it through Redis: it asks again until the message has arrived (no time is asserted).
    await vi.waitFor(async () => expect(await page(b, ticket)).toContain(OPEN), {
      timeout: 5000,
      interval: 20,
    });
  });
});
