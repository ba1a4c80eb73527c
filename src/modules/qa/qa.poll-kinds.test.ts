import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';

describe.each(DB_KINDS)('poll kinds (word cloud, open, rating) on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let moderator: string;
  let checkin: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  const tickets: { id: string; ticketCode: string }[] = [];

  const create = (payload: Record<string, unknown>, token = moderator, lang = 'id') =>
    t.inject({ method: 'POST', url: `/api/v1/events/${ev.event.id}/polls?lang=${lang}`, payload, token });
  const open = async (id: string) => {
    const r = await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${id}`,
      payload: { status: 'open' },
      token: moderator,
    });
    expect(r.statusCode).toBe(200);
  };
  const answer = (id: string, payload: Record<string, unknown>, lang = 'id') =>
    t.inject({ method: 'POST', url: `/api/v1/polls/${id}/votes?lang=${lang}`, payload });
  const publicPoll = async (id: string) =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls` }))
      .json()
      .polls.find((p: { id: string }) => p.id === id);

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    checkin = await t.tokenFor('checkin');
    ev = await seedLiveEvent(t, organizer);
    moderator = await teamMember(t, organizer, ev.event.id, 'moderator', `mod-kinds-${kind}@example.test`);
    for (let i = 0; i < 6; i++) tickets.push(await makeTicket(t, ev.event.id, 'online', `Peserta ${i}`));
  });
  afterAll(() => t.close());

  it('counts word-cloud words per person, normalized, and refuses bad answers naming the field', async () => {
    const r = await create({ kind: 'wordcloud', question: 'Satu kata untuk UMKM hari ini?' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'wordcloud', options: [], words: [], answers: [], rating: null });
    const id = r.json().id;
    await open(id);
    expect(
      (await answer(id, { ticketCode: tickets[0]!.ticketCode, text: 'Digital  Pemasaran' })).json(),
    ).toMatchObject({
      counted: true,
      optionIds: ['digital', 'pemasaran'],
    });
    const second = await answer(id, { ticketCode: tickets[1]!.ticketCode, text: '  DIGITAL, modal ' });
    // The ballot's place in the cloud's updates stays on the server.
    expect(Object.keys(second.json()).sort()).toEqual(['counted', 'optionIds', 'pollId']);
    await answer(id, { ticketCode: tickets[2]!.ticketCode, text: '<b>digital</b>' });
    // The same person again: nothing more counted.
    const again = await answer(id, { ticketCode: tickets[0]!.ticketCode, text: 'modal' });
    expect(again.json()).toMatchObject({ counted: false, optionIds: ['digital', 'pemasaran'] });

    const tooMany = await answer(id, { ticketCode: tickets[3]!.ticketCode, text: 'satu dua tiga empat' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/^text: paling banyak 3 kata/);
    const long = await answer(id, { ticketCode: tickets[3]!.ticketCode, text: 'a'.repeat(31) }, 'en');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/^text: a word is too long/);
    // Without a ticket (and no open participation): refused, saying why, and nothing counted.
    const anonymous = await answer(id, { text: 'tanpa tiket' });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().error.code).toBe('ticket_required');
    const wrong = await answer(id, { ticketCode: tickets[3]!.ticketCode, rating: 3 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/^rating:/);

    const p = await publicPoll(id);
    expect(p.voters).toBe(3);
    expect(p.words).toEqual([
      { text: 'digital', count: 2 },
      { text: '<b>digital</b>', count: 1 },
      { text: 'modal', count: 1 },
      { text: 'pemasaran', count: 1 },
    ]);
  });

  it('counts 30 parallel answers from one ticket once', async () => {
    const id = (await create({ kind: 'wordcloud', question: 'Kata kunci?' })).json().id;
    await open(id);
    const rs = await Promise.all(
      Array.from({ length: 30 }, () => answer(id, { ticketCode: tickets[4]!.ticketCode, text: 'sama' })),
    );
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
    expect(rs.filter((r) => r.json().counted)).toHaveLength(1);
    const p = await publicPoll(id);
    expect(p.voters).toBe(1);
    expect(p.words).toEqual([{ text: 'sama', count: 1 }]);
  });

  it('shows open answers to participants only once approved', async () => {
    const id = (await create({ kind: 'open', question: 'Apa kendala terbesar usaha Anda?' })).json().id;
    await open(id);
    const r = await answer(id, { ticketCode: tickets[0]!.ticketCode, text: 'Modal <script>x</script>' });
    expect(r.json().counted).toBe(true);
    await answer(id, { ticketCode: tickets[1]!.ticketCode, text: 'Pemasaran daring' });
    const tooLong = await answer(id, { ticketCode: tickets[2]!.ticketCode, text: 'x'.repeat(281) }, 'en');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/\btext: too long/);
    const tooLongId = await answer(id, { ticketCode: tickets[2]!.ticketCode, text: 'x'.repeat(281) });
    expect(tooLongId.json().error.message).toMatch(/\btext: /);
    expect(tooLongId.json().error.message).not.toMatch(/too long/);
    expect((await publicPoll(id)).answers).toEqual([]);
    const staff = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls`, token: moderator })
    )
      .json()
      .polls.find((p: { id: string }) => p.id === id);
    expect(staff.answers.map((a: { status: string }) => a.status)).toEqual(['pending', 'pending']);
    const aid = staff.answers[0].id;
    const mod = (token?: string) =>
      t.inject({
        method: 'PATCH',
        url: `/api/v1/poll-answers/${aid}`,
        payload: { status: 'approved' },
        ...(token ? { token } : {}),
      });
    expect((await mod()).statusCode).toBe(401);
    expect((await mod(checkin)).statusCode).toBe(403);
    expect((await mod(moderator)).statusCode).toBe(200);
    expect((await publicPoll(id)).answers).toEqual([
      { id: aid, text: 'Modal <script>x</script>', status: 'approved' },
    ]);
    const bad = await t.inject({
      method: 'PATCH',
      url: `/api/v1/poll-answers/${aid}`,
      payload: { status: 'nonsense' },
      token: moderator,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('averages ratings 1–5 and refuses ratings outside, and options on a rating poll', async () => {
    const withOptions = await create(
      { kind: 'rating', question: 'Nilai sesi ini', options: ['a', 'b'] },
      moderator,
      'en',
    );
    expect(withOptions.statusCode).toBe(400);
    expect(withOptions.json().error.message).toMatch(/options: a rating poll takes no options/);
    const noOptions = await create({ kind: 'single', question: 'Pilih' });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.message).toMatch(/options/);
    const r = await create({ kind: 'rating', question: 'Nilai sesi ini' });
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    await open(id);
    for (const [i, rating] of [5, 4, 5].entries())
      expect((await answer(id, { ticketCode: tickets[i]!.ticketCode, rating })).json().counted).toBe(true);
    for (const rating of [0, 6, 2.5]) {
      const bad = await answer(id, { ticketCode: tickets[3]!.ticketCode, rating });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/rating:/);
    }
    const text = await answer(id, { ticketCode: tickets[3]!.ticketCode, text: 'bagus' });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message).toMatch(/^text:/);
    const p = await publicPoll(id);
    expect(p.rating).toEqual({ average: 4.67, count: 3, distribution: [0, 0, 0, 1, 2] });
    expect(p.voters).toBe(3);
  });

  it('keeps single and multiple choice as they were', async () => {
    const r = await create({ kind: 'multiple', question: 'Topik?', options: ['Modal', 'Pasar'] });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ words: [], answers: [], rating: null });
    await open(r.json().id);
    const v = await answer(r.json().id, {
      ticketCode: tickets[0]!.ticketCode,
      optionIds: [r.json().options[0].id],
    });
    expect(v.json().counted).toBe(true);
  });
});
