import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** The seed seminar as an organizer types it into the events API. */
export const seedSeminar = {
  title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: 52 },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
};

export interface CreatedEvent {
  id: string;
  slug: string;
}

/**
 * Creates an event through the API for a test's setup (a draft, or published with `publish`), expecting
 * the API to accept it; tests about creating events call the API themselves.
 */
export async function createEvent(
  t: TestApp,
  token: string,
  payload: Record<string, unknown>,
  opts: { publish?: boolean } = {},
): Promise<CreatedEvent> {
  const r = await t.inject({ method: 'POST', url: '/api/v1/events', token, payload });
  expect(r.statusCode, r.body).toBe(201);
  const event = r.json() as CreatedEvent;
  if (opts.publish) {
    const p = await t.inject({ method: 'POST', url: `/api/v1/events/${event.id}/publish`, token });
    expect(p.statusCode, p.body).toBe(200);
  }
  return event;
}

/** The reason a test gives for an arrival recorded outside its event's presence window. */
export const TEST_OVERRIDE = { reason: 'Tes: dicatat di luar jendela acara' };

/**
 * Checks a ticket in at the hall door through the check-in API, as the door staff's scanner does. Test
 * events are often long past (the seed seminar is in 2021): outside the presence window staff record it
 * with a reason, as they would after the fact (the reason is ignored inside the window).
 */
export async function checkIn(t: TestApp, token: string, event: string, ticketCode: string) {
  const r = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${event}/checkins`,
    token,
    payload: { ticketCode, override: TEST_OVERRIDE },
  });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r;
}

/**
 * A new user with `role`, put on the event's team in that role through the team API by one of the event's
 * organizers; returns the new user's API token.
 */
export async function teamMember(
  t: TestApp,
  organizer: string,
  eventId: string,
  role: 'moderator' | 'checkin',
  email: string,
) {
  const token = await t.tokenFor(role, email);
  const r = await t.inject({
    method: 'PUT',
    url: `/api/v1/events/${eventId}/team`,
    token: organizer,
    payload: { email, role },
  });
  expect(r.statusCode, r.body).toBe(200);
  return token;
}

/** The organizer who owns the demo seminar; the demo service looks the owner up by this e-mail. */
export async function createDemoOwner(t: TestApp) {
  const email = 'panitia@example.test';
  await t.app.ctx.services.auth.createUser({ email, password: 'password123', role: 'organizer' });
  return email;
}

/** The demo seminar (the seed event, published) with its organizer's API token. */
export async function demoEvent(t: TestApp) {
  const email = await createDemoOwner(t);
  const organizer = await t.app.ctx.services.auth.createApiToken(email);
  const { slug } = await t.app.ctx.services.demo.load({ ownerEmail: email });
  return { organizer, slug };
}
