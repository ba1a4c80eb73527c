import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';

const full = {
  a_materi: '5',
  a_narasumber: '4',
  a_diskusi: '4',
  a_penyelenggaraan: '3',
  a_teknis: '4',
  a_manfaat: '5',
  a_saran: 'Tambah sesi praktik <b>langsung</b>',
};

// A hall on one Wi-Fi: every request below comes from the same address (inject's 127.0.0.1).
describe.each(DB_KINDS)('evaluation from a hall behind one address on %s', (kind) => {
  let t: TestApp;
  let eventId: string;
  let people: { id: string; ticketCode: string }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const organizer = await t.tokenFor('organizer');
    eventId = (
      await createEvent(t, organizer, {
        title: 'Seminar Evaluasi Satu Aula',
        startsAt: '2021-12-30T09:00:00+07:00',
        endsAt: '2021-12-30T12:00:00+07:00',
      })
    ).id;
    people = await seedRegistrations(t.app.ctx.db, eventId, 301);
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/evaluation/open`, token: organizer });
  });
  afterAll(() => t.close());

  const send = (code: string, fields: Record<string, string>) =>
    t.inject({
      method: 'POST',
      url: `/t/${code}/evaluation`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('takes 300 evaluations from one address within a minute', async () => {
    const answers = [];
    for (let i = 0; i < 300; i += 50)
      answers.push(...(await Promise.all(people.slice(i, i + 50).map((p) => send(p.ticketCode, full)))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(300).fill(303));
    const results = await t.app.ctx.services.evaluation.results(eventId);
    expect(results.responses).toBe(300);
  });

  it('answers a missing answer and too many tries with the form as typed, never raw JSON', async () => {
    const p = people[300]!;
    const { a_teknis: _, ...partial } = full;
    const missing = await send(p.ticketCode, partial);
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    expect(missing.body).not.toContain('{"error"');
    // What was typed comes back: the comment (escaped, never as HTML) and the chosen ratings.
    expect(missing.body).toContain('Tambah sesi praktik &lt;b>langsung&lt;/b>');
    expect(missing.body).toMatch(/name="a_materi" value="5"[^>]*checked/);
    expect(missing.body).not.toMatch(/name="a_teknis" value="\d"[^>]*checked/);
    let last = missing;
    for (let i = 0; i < 12 && last.statusCode !== 429; i++) last = await send(p.ticketCode, partial);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/text\/html/);
    expect(last.body).toContain('Terlalu banyak percobaan');
    expect(last.body).toContain('Tambah sesi praktik &lt;b>langsung&lt;/b>');
    // Another person at the same address is not held up by it.
    const other = await t.inject({
      method: 'GET',
      url: `/api/v1/tickets/${people[0]!.ticketCode}/evaluation`,
    });
    expect(other.statusCode).toBe(200);
    // In English on request.
    const en = await t.inject({
      method: 'POST',
      url: `/t/${p.ticketCode}/evaluation?lang=en`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(partial).toString(),
    });
    expect(en.body).toContain('Too many attempts');
  });
});
