import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/env.js';
import { person, publishedEvent } from './helpers/registrations.js';

/**
 * Issue 11, point 9: a confirmed hall ticket says the seat, the door QR and when the doors open; an
 * online one carries no door text. Read as a participant without JavaScript, in both languages.
 */
describe.each(DB_KINDS)('a confirmed hall ticket with a seat plan on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('shows the seat, the QR and the doors-open time; the online ticket none of the door', async () => {
    const e = await publishedEvent(t, { capacity: 500, onlineCapacity: 10 });
    const plan = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${e.id}/seat-plan`,
      token: e.token,
      payload: { layout: { rows: [6, 6], aisles: [3], blocked: [], reserved: [] }, rule: { kind: 'none' } },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const reg = async (i: number, mode: string) =>
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/registrations`,
          payload: person(i, { mode }),
        })
      ).json() as { ticketCode: string; status: string; seat?: string | null };
    const hall = await reg(1, 'onsite');
    const online = await reg(2, 'online');
    expect(hall.status).toBe('confirmed');
    expect(hall.seat).toMatch(/^[A-B]\d$/);
    const text = async (code: string, lang: 'id' | 'en') => {
      const r = await t.inject({ method: 'GET', url: `/t/${code}?lang=${lang}` });
      expect(r.statusCode).toBe(200);
      return r.body;
    };
    const id = await text(hall.ticketCode, 'id');
    expect(id).toContain(`Kursi: <strong>${hall.seat}</strong>`);
    expect(id).toMatch(/Pintu dibuka [^<]*pukul 08\.00 WIB/);
    expect(id).toContain('class="qr');
    const en = await text(hall.ticketCode, 'en');
    expect(en).toContain(`Seat: <strong>${hall.seat}</strong>`);
    expect(en).toMatch(/Doors open [^<]*08:00/);
    const on = await text(online.ticketCode, 'id');
    expect(on).not.toContain('Kursi:');
    expect(on).not.toMatch(/pintu/i);
    expect(on).not.toContain('class="qr');
  });
});
