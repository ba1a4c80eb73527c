import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLiveMessage, emptyLiveState, PUBLIC_VIEW } from '../../../client/_live-state.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';
import { connectLive } from '../../realtime/test-client.js';

describe.each(DB_KINDS)('word clouds through the live room on %s', (kind) => {
  let t: TestApp;
  let base: string;
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
    await call('PATCH', `/api/v1/events/${ev.event.id}/live/settings`, { moderation: 'auto' });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('coalesces question votes and word-cloud answers of one window into one update the screens apply', async () => {
    const rt = t.app.ctx.services.live.rt;
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await makeTicket(t, ev.event.id, 'online', `P${i}`));
    const q = await call('POST', `/api/v1/events/${ev.event.id}/questions`, {
      text: 'Bagaimana akses modal?',
      channel: 'online',
      ticketCode: tickets[0]!.ticketCode,
    });
    const cloud = await call('POST', `/api/v1/events/${ev.event.id}/polls`, {
      kind: 'wordcloud',
      question: 'Kata?',
    });
    await call('PATCH', `/api/v1/polls/${cloud.id}`, { status: 'open' });
    const pub = await connectLive(`${base.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live`);
    await pub.waitFor((m) => m.t === 'snapshot', 'snapshot');
    // A long window, so that both land in the same one (then flushed at once, without waiting).
    rt.coalesceMinMs = 60_000;
    const first = await call('POST', `/api/v1/polls/${cloud.id}/votes`, {
      ticketCode: tickets[0]!.ticketCode,
      text: 'modal',
    });
    expect(first.counted).toBe(true);
    await pub.waitFor((m) => m.t === 'poll.words', 'the first answer at once');
    await call('POST', `/api/v1/questions/${q.id}/votes`, { ticketCode: tickets[1]!.ticketCode });
    await call('POST', `/api/v1/polls/${cloud.id}/votes`, {
      ticketCode: tickets[1]!.ticketCode,
      text: 'Modal digital',
    });
    await rt.settle();
    const batch = await pub.waitFor((m) => m.t === 'batch', 'one batch');
    expect(batch.t === 'batch' && batch.d.map((p) => p.t).sort()).toEqual(['poll.words', 'votes']);
    rt.coalesceMinMs = 40;

    // The screens' reducer applies every part.
    const state = emptyLiveState();
    for (const m of pub.messages) applyLiveMessage(state, m, PUBLIC_VIEW);
    expect(state.questions.get(q.id)?.votes).toBe(1);
    expect(state.polls.get(cloud.id)?.words).toEqual([
      { text: 'modal', count: 2 },
      { text: 'digital', count: 1 },
    ]);
    expect(state.polls.get(cloud.id)?.voters).toBe(2);
    await pub.close();
  });
});
