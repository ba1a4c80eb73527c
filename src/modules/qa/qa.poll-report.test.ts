import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';

describe.each(DB_KINDS)('the report summarizes poll kinds and appends the captions on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  const call = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => {
    const r = await t.inject({ method, url, token: organizer, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await makeTicket(t, ev.event.id, 'online', `Peserta ${i}`));
    const polls = `/api/v1/events/${ev.event.id}/polls`;
    const cloud = await call('POST', polls, { kind: 'wordcloud', question: 'Satu kata untuk UMKM?' });
    const open = await call('POST', polls, { kind: 'open', question: 'Apa usul Anda?' });
    const rating = await call('POST', polls, { kind: 'rating', question: 'Nilai sesi ini' });
    for (const p of [cloud, open, rating]) await call('PATCH', `/api/v1/polls/${p.id}`, { status: 'open' });
    for (const [i, tk] of tickets.entries()) {
      const ticketCode = tk.ticketCode;
      await call('POST', `/api/v1/polls/${cloud.id}/votes`, {
        ticketCode,
        text: i ? 'digital modal' : 'digital',
      });
      await call('POST', `/api/v1/polls/${open.id}/votes`, { ticketCode, text: `Usul nomor ${i}` });
      await call('POST', `/api/v1/polls/${rating.id}/votes`, { ticketCode, rating: 3 + i });
    }
    const staff = (await t.inject({ method: 'GET', url: polls, token: organizer })).json().polls;
    const answers = staff.find((p: { id: string }) => p.id === open.id).answers;
    await call('PATCH', `/api/v1/poll-answers/${answers[1].id}`, { status: 'approved' });
    await call('POST', `/api/v1/events/${ev.event.id}/captions`, { text: 'Selamat datang di seminar.' });
    await call('POST', `/api/v1/events/${ev.event.id}/captions`, { text: 'Sesi tanya jawab dimulai.' });
  });
  afterAll(() => t.close());

  it('lists words with counts, approved answers only, the rating average, and the transcript', async () => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.event.id}/report?format=md`,
      token: organizer,
    });
    expect(r.statusCode).toBe(200);
    const md = r.body;
    expect(md).toContain('digital: 3');
    expect(md).toContain('modal: 2');
    expect(md).toContain('Usul nomor 1');
    expect(md).not.toContain('Usul nomor 0');
    expect(md).toContain('Rata-rata 4,00 dari 5 (3 penilaian)');
    expect(md).toContain('Transkrip takarir langsung');
    expect(md).toContain('Selamat datang di seminar.');
    expect(md.indexOf('Selamat datang')).toBeLessThan(md.indexOf('Sesi tanya jawab dimulai'));
    const en = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.event.id}/report?format=md&lang=en`,
      token: organizer,
    });
    expect(en.body).toContain('Average 4.00 out of 5 (3 ratings)');
    expect(en.body).toContain('Live caption transcript');
  });

  it('says when voting was open to everyone (no ticket), in both languages', async () => {
    const report = async (lang: 'id' | 'en') =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${ev.event.id}/report?format=md&lang=${lang}`,
          token: organizer,
        })
      ).body;
    expect(await report('id')).not.toContain('partisipasi terbuka');
    await call('PATCH', `/api/v1/events/${ev.event.id}/live/settings`, { openVoting: true });
    expect(await report('id')).toContain('Pemungutan suara dibuka untuk umum (partisipasi terbuka)');
    expect(await report('en')).toContain('Voting was open to everyone (open participation)');
    await call('PATCH', `/api/v1/events/${ev.event.id}/live/settings`, { openVoting: false });
  });
});
