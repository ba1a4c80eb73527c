import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';

describe.each(DB_KINDS)('poll kinds on the pages without JavaScript on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let ticket: { ticketCode: string };
  const form = (url: string, fields: Record<string, string>, token?: string) =>
    t.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      ...(token ? { token } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    ticket = await makeTicket(t, ev.event.id, 'online', 'Rina');
  });
  afterAll(() => t.close());

  it('creates each kind from the console form, answers it from the live page form, and moderates open answers', async () => {
    const consoleUrl = `/console/events/${ev.event.id}/polls`;
    for (const k of ['wordcloud', 'open', 'rating'])
      expect(
        (await form(consoleUrl, { question: `Jajak ${k}`, kind: k, options: '' }, organizer)).statusCode,
      ).toBe(303);
    const bad = await form(consoleUrl, { question: 'Nilai', kind: 'rating', options: 'a\nb' }, organizer);
    expect(bad.statusCode).toBe(400);
    const polls = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls`, token: organizer })
    ).json().polls as { id: string; kind: string; options: unknown[] }[];
    expect(polls.map((p) => p.kind)).toEqual(['wordcloud', 'open', 'rating']);
    expect(polls[2]!.options).toHaveLength(5);
    for (const p of polls)
      await t.inject({
        method: 'PATCH',
        url: `/api/v1/polls/${p.id}`,
        payload: { status: 'open' },
        token: organizer,
      });

    const page = await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live?t=${ticket.ticketCode}` });
    expect(page.body).toContain('name="rating"');
    expect(page.body).toContain('name="text"');
    const vote = (pid: string, fields: Record<string, string>) =>
      form(`/e/${ev.event.slug}/live/polls/${pid}/vote`, { ...fields, t: ticket.ticketCode });
    expect((await vote(polls[0]!.id, { text: 'Modal Usaha' })).statusCode).toBe(303);
    expect((await vote(polls[1]!.id, { text: 'Perlu <em>pelatihan</em>' })).statusCode).toBe(303);
    expect((await vote(polls[2]!.id, { rating: '7' })).statusCode).toBe(400);
    expect((await vote(polls[2]!.id, { rating: '4' })).statusCode).toBe(303);

    const after = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls`, token: organizer })
    ).json().polls as { words: unknown[]; answers: { id: string }[]; rating: { average: number } | null }[];
    expect(after[0]!.words).toEqual([
      { text: 'modal', count: 1 },
      { text: 'usaha', count: 1 },
    ]);
    expect(after[2]!.rating?.average).toBe(4);
    const aid = after[1]!.answers[0]!.id;
    const moderate = (token: string) =>
      form(
        `/console/events/${ev.event.id}/polls/${polls[1]!.id}/answers/${aid}`,
        { status: 'approved' },
        token,
      );
    const door = await teamMember(t, organizer, ev.event.id, 'checkin', `door-k-${kind}@example.test`);
    expect((await moderate(door)).statusCode).toBe(403);
    expect((await moderate(organizer)).statusCode).toBe(303);
    const live = await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` });
    // Shown as text: the markup a participant typed is escaped, never rendered.
    expect(live.body).toContain('Perlu &lt;em>pelatihan&lt;/em>');
    expect(live.body).not.toContain('<em>pelatihan</em>');
    // Decimal comma in Indonesian.
    expect(live.body).toContain('<strong>4,0</strong> / 5');
  });
});
