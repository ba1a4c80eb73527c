import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';

const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

// A hall registering on one Wi-Fi (issue 11, point 7): every request comes from one address (127.0.0.1).
describe.each(DB_KINDS)('registration from one address on %s', (kind) => {
  let t: TestApp;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    slug = (await publishedEvent(t, { capacity: 400 })).slug;
  });
  afterAll(() => t.close());

  const send = (fields: Record<string, string>) =>
    t.inject({ method: 'POST', url: `/e/${slug}/daftar`, headers: urlencoded, payload: form(fields) });

  it('lets 300 people register through the form within a minute', async () => {
    const out = [];
    for (let i = 0; i < 300; i += 50)
      out.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, (_, k) =>
            send({
              name: `Peserta Aula ${i + k}`,
              phone: `0813${String(20000000 + i + k)}`,
              mode: 'onsite',
              consent: 'yes',
            }),
          ),
        )),
      );
    expect(out.map((r) => r.statusCode)).toEqual(Array(300).fill(303));
  });

  it('answers the per-phone limit with the form filled as typed, in words', async () => {
    const fields = { name: 'Dr. Sélma Aulia', phone: '0813-9999-0001', mode: 'onsite', consent: 'yes' };
    let last = await send(fields);
    for (let i = 0; i < 12 && last.statusCode !== 429; i++) last = await send(fields);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/text\/html/);
    expect(last.body).not.toContain('{"error"');
    expect(last.body).toContain('Terlalu banyak percobaan');
    expect(last.body).toContain('value="Dr. Sélma Aulia"');
    expect(last.body).toContain('value="0813-9999-0001"');
  });

  it('stays open after the start until the event ends, unless the organizer closes it earlier', async () => {
    const token = await t.tokenFor('organizer');
    const start = Date.now() - 90 * 60000;
    const e = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token,
      payload: {
        title: 'Webinar Sedang Berlangsung',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3 * 3600000).toISOString(),
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    const { id, slug: late } = e.json() as { id: string; slug: string };
    await t.inject({ method: 'POST', url: `/api/v1/events/${id}/publish`, token });
    const join = (i: number) =>
      t.inject({
        method: 'POST',
        url: `/e/${late}/daftar`,
        headers: urlencoded,
        payload: form({
          name: `Peserta Telat ${i}`,
          phone: `08139000000${i}`,
          mode: 'online',
          consent: 'yes',
        }),
      });
    // An hour and a half in, a late online joiner still registers.
    expect((await join(1)).statusCode).toBe(303);
    expect((await t.inject({ method: 'GET', url: `/e/${late}/daftar` })).body).toContain('name="phone"');
    // The organizer closes registration now: the form says so and refuses.
    const closed = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${id}/registration-settings`,
      token,
      payload: { closesAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const refused = await join(2);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Pendaftaran sudah ditutup');
    expect((await t.inject({ method: 'GET', url: `/e/${late}/daftar` })).body).toContain(
      'Pendaftaran sudah ditutup',
    );
  });
});
