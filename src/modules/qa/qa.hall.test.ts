import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedLiveEvent } from '../../../test/helpers/live.js';
import { seedRegistrations } from '../../../test/helpers/seed-registrations.js';

// A hall of 300 on one Wi-Fi (issue 11, point 7): every request below comes from one address (127.0.0.1).
describe.each(DB_KINDS)('Q&A and votes from one address on %s', (kind) => {
  let t: TestApp;
  let eventId: string;
  let slug: string;
  let people: { ticketCode: string }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const organizer = await t.tokenFor('organizer');
    const ev = await seedLiveEvent(t, organizer);
    eventId = ev.event.id;
    slug = ev.event.slug;
    people = await seedRegistrations(t.app.ctx.db, eventId, 300);
  });
  afterAll(() => t.close());

  const ask = (text: string, ticketCode?: string) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/questions`,
      payload: { text, channel: 'onsite', authorName: 'Peserta', ...(ticketCode ? { ticketCode } : {}) },
    });

  it('takes a question and three votes from each of 300 ticket holders within a minute', async () => {
    const asked = [];
    for (let i = 0; i < 300; i += 50)
      asked.push(
        ...(await Promise.all(
          people
            .slice(i, i + 50)
            .map((p, k) => ask(`Pertanyaan nomor ${i + k} tentang modal usaha?`, p.ticketCode)),
        )),
      );
    expect(asked.filter((r) => r.statusCode >= 400).map((r) => r.body)).toEqual([]);
    const ids = asked.slice(0, 3).map((r) => r.json().id as string);
    const votes = [];
    for (let i = 0; i < 300; i += 50)
      votes.push(
        ...(await Promise.all(
          people.slice(i, i + 50).flatMap((p) =>
            ids.map((id) =>
              t.inject({
                method: 'POST',
                url: `/api/v1/questions/${id}/votes`,
                payload: { ticketCode: p.ticketCode },
              }),
            ),
          ),
        )),
      );
    expect(votes.filter((r) => r.statusCode === 429)).toHaveLength(0);
  });

  it('keeps a per-address limit for anonymous questions', async () => {
    let last = await ask('Pertanyaan tanpa tiket 0?');
    for (let i = 1; i <= 130 && last.statusCode !== 429; i++)
      last = await ask(`Pertanyaan tanpa tiket ${i}?`);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    // Ticket holders at the same address still get through.
    expect((await ask('Masih bisa bertanya?', people[0]!.ticketCode)).statusCode).toBeLessThan(300);
    // The live page's form, once anonymous questions are refused, answers a page in words (never JSON) that says
    // the typed question is still there behind Back; with a ticket it goes through.
    const form = (text: string, ticket?: string) =>
      t.inject({
        method: 'POST',
        url: `/e/${slug}/live/ask`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          text,
          channel: 'onsite',
          ...(ticket ? { t: ticket } : {}),
        }).toString(),
      });
    let refused = await form('Pertanyaan lewat formulir 0?');
    for (let i = 1; i <= 130 && refused.statusCode < 400; i++)
      refused = await form(`Pertanyaan lewat formulir ${i}?`);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.body).not.toContain('{"error"');
    expect(refused.body).toContain('Ada masalah');
    expect(refused.body).toContain('tekan tombol Kembali');
    expect((await form('Pertanyaan lewat formulir?', people[1]!.ticketCode)).statusCode).toBe(303);
  });

  it('a refused question from the live page comes back as the form with what was typed', async () => {
    const r = await t.inject({
      method: 'POST',
      url: `/e/${slug}/live/ask`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        text: 'ok',
        channel: 'online',
        authorName: 'Bu <b>Rina</b>',
        t: people[2]!.ticketCode,
      }).toString(),
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toMatch(/<textarea[^>]*name="text"[^>]*>\s*ok\s*<\/textarea>/);
    expect(r.body).toContain('name="channel" value="online"');
    expect(r.body).toContain(`name="t" value="${people[2]!.ticketCode}"`);
    // Too many questions from one ticket: a page in words (429), never raw JSON, with the question kept.
    let last = r;
    for (let i = 0; i < 20 && last.statusCode !== 429; i++)
      last = await t.inject({
        method: 'POST',
        url: `/e/${slug}/live/ask`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          text: `Pertanyaan lanjutan nomor ${i} tentang modal`,
          channel: 'onsite',
          t: people[3]!.ticketCode,
        }).toString(),
      });
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/text\/html/);
    expect(last.body).not.toContain('"rate_limited"');
    expect(last.body).toMatch(
      /<textarea[^>]*name="text"[^>]*>\s*Pertanyaan lanjutan nomor \d+ tentang modal\s*<\/textarea>/,
    );
  });
});
