import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';
import { attendanceFixture } from './test-fixture.js';

type Summary = { present: { onsite: number; online: number; total: number }; expected: { onsite: number } };

/** Reads server-sent `summary` events from an open dashboard stream, one at a time. */
async function openStream(url: string, token: string) {
  const ctl = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    async next(): Promise<Summary> {
      for (;;) {
        const m = /event: summary\ndata: (.*)\n\n/.exec(buffered);
        if (m) {
          buffered = buffered.slice(m.index + m[0].length);
          return JSON.parse(m[1]!) as Summary;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffered += decoder.decode(value, { stream: true });
      }
    },
    close: () => ctl.abort(),
  };
}

// Every open dashboard shares one summary per change; each still sees every change, and the numbers of a
// change made after the last one (a second scan, a new registration) rather than a kept copy.
describe.each(DB_KINDS)('the attendance dashboard stream on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let base: string;
  let eventId: string;
  let hall: { ticketCode: string }[];

  beforeAll(async () => {
    const f = await attendanceFixture(kind);
    ({ t, organizer, door, eventId } = f);
    hall = await seedRegistrations(t.app.ctx.db, eventId, 4, { prefix: 'Luring' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('tells two open dashboards about each arrival, and a new one about a cancellation', async () => {
    const url = `${base}/api/v1/events/${eventId}/attendance/stream`;
    const a = await openStream(url, organizer);
    const b = await openStream(url, door);
    try {
      expect(a.status).toBe(200);
      expect(a.type).toContain('text/event-stream');
      for (const s of [a, b]) expect((await s.next()).present.onsite).toBe(0);
      const scan = (code: string) =>
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${eventId}/checkins`,
          token: door,
          payload: { ticketCode: code },
        });
      expect((await scan(hall[0]!.ticketCode)).statusCode).toBe(201);
      for (const s of [a, b]) expect((await s.next()).present.onsite).toBe(1);
      expect((await scan(hall[1]!.ticketCode)).statusCode).toBe(201);
      for (const s of [a, b]) expect((await s.next()).present.onsite).toBe(2);
      // A walk-in registers and arrives at once: one more expected and one more present, on both.
      const walkIn = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/checkins`,
        token: door,
        payload: { walkIn: { name: 'Siti Aminah', consent: true } },
      });
      expect(walkIn.statusCode).toBe(201);
      for (const s of [a, b]) {
        const got = await s.next();
        expect(got.present.onsite).toBe(3);
        expect(got.expected.onsite).toBe(5);
      }
      // A cancelled ticket changes no one's presence (no refresh is pushed), yet a dashboard opened
      // afterwards starts from the numbers as they are now, not from the copy the others were sent.
      const cancel = await t.inject({ method: 'POST', url: `/api/v1/tickets/${hall[3]!.ticketCode}/cancel` });
      expect(cancel.statusCode).toBe(200);
      const c = await openStream(url, organizer);
      const now = await c.next();
      expect(now.present.onsite).toBe(3);
      expect(now.expected.onsite).toBe(4);
      c.close();
    } finally {
      a.close();
      b.close();
    }
  });
});
