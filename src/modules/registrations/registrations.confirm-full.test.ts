import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';

/** Confirming someone from a full mode's waitlist: the answer names the real cause, and nothing changes. */
describe.each(DB_KINDS)('confirming from a full waitlist on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('answers "full" without claiming there is no waitlist, and keeps the person waitlisted', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    const url = `/api/v1/events/${e.id}/registrations`;
    await t.inject({ method: 'POST', url, payload: person(7001) });
    const b = (await t.inject({ method: 'POST', url, payload: person(7002) })).json();
    expect(b.status).toBe('waitlisted');
    const list = (await t.inject({ method: 'GET', url, token: e.token })).json();
    const id = list.registrations.find((x: { name: string }) => x.name === 'Peserta 7002').id;
    const confirm = await t.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      token: e.token,
      payload: { status: 'confirmed' },
    });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().error.code).toBe('no_room_to_confirm');
    expect(confirm.json().error.message).not.toContain('tidak ada daftar tunggu');
    const en = await t.inject({
      method: 'PATCH',
      url: `${url}/${id}?lang=en`,
      token: e.token,
      payload: { status: 'confirmed' },
    });
    expect(en.json().error.message).toContain('Raise the capacity');
    const ticket = await t.inject({ method: 'GET', url: `/api/v1/tickets/${b.ticketCode}` });
    expect(ticket.json().status).toBe('waitlisted');
  });
});
