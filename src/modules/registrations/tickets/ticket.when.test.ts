import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../../test/helpers/registrations.js';

describe.each(DB_KINDS)('the ticket page says when, once, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('gives the day and both times at the top, and no stray time range below', async () => {
    const e = await publishedEvent(t);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(1),
    });
    expect(r.statusCode).toBe(201);
    const code = r.json().ticketCode as string;
    const id = (await t.inject({ method: 'GET', url: `/t/${code}` })).body;
    expect(id).toContain('Selasa, 30 Desember 2031, pukul 09.00–12.00 WIB');
    expect(id.split('09.00–12.00').length - 1).toBe(1);
    const en = (await t.inject({ method: 'GET', url: `/t/${code}?lang=en` })).body;
    expect(en).toContain('Tuesday, 30 December 2031, 09:00–12:00 WIB');
    expect(en.split('09:00–12:00').length - 1).toBe(1);
  });
});
