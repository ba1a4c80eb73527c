import { randomUUID as newScanId } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { createEvent } from '../../../../test/helpers/events.js';
import { jsQR } from '../../../../test/helpers/qr.js';
import { happeningNow } from '../test-fixture.js';

/** Reads a QR code in an SVG back as a phone's camera would. */
async function read(svg: string): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 144 })
    .flatten({ background: '#fff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

/**
 * Issue 10, point 3: votes need a ticket, and "walk-ins get theirs at the door". A walk-in registered by
 * door staff (no e-mail, no link) takes their ticket from the door's screen as a QR code; with it they vote.
 */
describe.each(DB_KINDS)("a walk-in's ticket handed over at the door on %s", (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  const path = () => `/console/events/${eventId}/checkin`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ({ id: eventId } = await createEvent(
      t,
      organizer,
      { title: 'Seminar UMKM', ...happeningNow(), venue: { name: 'Aula Kanigaran', capacity: 50 } },
      { publish: true },
    ));
  });
  afterAll(() => t.close());

  it('shows the walk-in a QR code of their ticket, with which they vote once', async () => {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { walkIn: { name: 'Pak Darmo', consent: true }, scanId: newScanId() },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ walkIn: true, result: 'checked_in' });
    const qr = await t.inject({
      method: 'GET',
      url: `${path()}/walk-ins/${r.json().registration.id}/ticket.svg`,
      token: organizer,
    });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const url = await read(qr.body);
    const code = /\/t\/([a-z0-9]+)$/.exec(url ?? '')?.[1];
    expect(code, String(url)).toBeTruthy();
    // The ticket the phone opens is Pak Darmo's, and it votes.
    expect((await t.inject({ method: 'GET', url: `/t/${code}` })).body).toContain('Pak Darmo');
    const poll = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/polls`,
      token: organizer,
      payload: { kind: 'rating', question: 'Nilai sesi ini' },
    });
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.json().id}`,
      token: organizer,
      payload: { status: 'open' },
    });
    const vote = await t.inject({
      method: 'POST',
      url: `/api/v1/polls/${poll.json().id}/votes`,
      payload: { ticketCode: code, rating: 5 },
    });
    expect(vote.json()).toMatchObject({ counted: true });
  });

  it('without JavaScript the door page shows the same QR code after registering a walk-in', async () => {
    const r = await t.inject({
      method: 'POST',
      url: `${path()}/walkin`,
      token: organizer,
      payload: new URLSearchParams({ name: 'Bu Sri', consent: 'true' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.body).toContain('ci-result green');
    const src = /<img src="([^"]+\/ticket\.svg)"/.exec(r.body)?.[1];
    expect(src).toMatch(new RegExp(`^${path()}/walk-ins/[0-9a-z]+/ticket\\.svg$`));
    expect(r.body).toContain('itu tiketnya untuk bertanya dan memilih');
    expect((await t.inject({ method: 'GET', url: src!, token: organizer })).statusCode).toBe(200);
  });

  it('never shows anyone else’s ticket, and only to the door of the event', async () => {
    const self = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      payload: { name: 'Siti Daftar Sendiri', phone: '081299990001', mode: 'onsite', consent: true },
    });
    const own = `${path()}/walk-ins/${self.json().id}/ticket.svg`;
    expect((await t.inject({ method: 'GET', url: own, token: organizer })).statusCode).toBe(404);
    const walkIn = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { walkIn: { name: 'Pak Joko', consent: true }, scanId: newScanId() },
    });
    const url = `${path()}/walk-ins/${walkIn.json().registration.id}/ticket.svg`;
    // A console page: a stranger is sent to the login.
    const anon = await t.inject({ method: 'GET', url });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toMatch(/^\/login/);
    const stranger = await t.inject({ method: 'GET', url, token: await t.tokenFor('organizer') });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).not.toContain('<svg');
    const other = `/console/events/${eventId}/checkin/walk-ins/nope/ticket.svg`;
    expect((await t.inject({ method: 'GET', url: other, token: organizer })).statusCode).toBe(404);
  });
});
