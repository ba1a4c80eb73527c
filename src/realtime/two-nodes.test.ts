import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { listen } from '../../test/helpers/browser.js';
import { DB_KINDS, REDIS_URL } from '../../test/helpers/env.js';
import { teamMember } from '../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../test/helpers/live.js';
import { connectLive } from './test-client.js';

/** Two app nodes on one database and one Redis, as behind a load balancer. */
describe.skipIf(!REDIS_URL).each(DB_KINDS)('live room on two nodes with Redis (%s)', (kind) => {
  let a: TestApp;
  let b: TestApp;
  let baseB: string;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;

  beforeAll(async () => {
    const prefix = `aula-test-${process.pid}-${Date.now().toString(36)}-${kind}`;
    a = await createTestApp(kind, { REDIS_URL: REDIS_URL!, REDIS_PREFIX: prefix });
    const db = a.config.database;
    b = await createTestApp(kind, {
      REDIS_URL: REDIS_URL!,
      REDIS_PREFIX: prefix,
      DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.path}` : db.url,
    });
    organizer = await a.tokenFor('organizer');
    ev = await seedLiveEvent(a, organizer);
    baseB = await listen(b);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a vote on node A reaches a client on node B; a question approved on B reaches A’s clients too', async () => {
    const onB = await connectLive(`${baseB.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live`);
    await onB.waitFor((m) => m.t === 'snapshot');
    const q = (
      await a.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Dari node A', channel: 'online', authorName: 'A' },
      })
    ).json();
    await a.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: organizer,
      payload: { status: 'approved' },
    });
    await onB.waitFor((m) => m.t === 'q' && m.d.id === q.id, 'question from A');
    const voter = await makeTicket(a, ev.event.id, 'online');
    const r = await a.inject({
      method: 'POST',
      url: `/api/v1/questions/${q.id}/votes`,
      payload: { ticketCode: voter.ticketCode },
    });
    expect(r.json().changed).toBe(true);
    await a.app.ctx.services.live.rt.settle();
    await onB.waitFor((m) => m.t === 'votes' && m.d[q.id] === 1, 'vote from A on B');
    await onB.close();
  });

  it('one vote per participant also when the same vote hits both nodes at once', async () => {
    const q = (
      await b.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Dua node sekaligus', channel: 'onsite', authorName: 'B' },
      })
    ).json();
    const mod = await teamMember(a, organizer, ev.event.id, 'moderator', 'mod@example.test');
    await b.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: mod,
      payload: { status: 'approved' },
    });
    const voter = await makeTicket(a, ev.event.id, 'onsite');
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).inject({
          method: 'POST',
          url: `/api/v1/questions/${q.id}/votes`,
          payload: { ticketCode: voter.ticketCode },
        }),
      ),
    );
    expect(rs.filter((r) => r.json().changed)).toHaveLength(1);
    const list = (await b.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/questions` })).json()
      .questions;
    expect(list.find((x: { id: string }) => x.id === q.id).votes).toBe(1);
  });

  it('updates from both nodes arrive at a client in sequence order, each once', async () => {
    const onB = await connectLive(`${baseB.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live`);
    await onB.waitFor((m) => m.t === 'snapshot');
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const node = i % 2 ? a : b;
        const q = (
          await node.inject({
            method: 'POST',
            url: `/api/v1/events/${ev.event.id}/questions`,
            payload: { text: `Serentak ${i}`, channel: 'online', authorName: `P${i}` },
          })
        ).json();
        ids.push(q.id);
        await node.inject({
          method: 'PATCH',
          url: `/api/v1/questions/${q.id}`,
          token: organizer,
          payload: { status: 'approved' },
        });
      }),
    );
    for (const id of ids) await onB.waitFor((m) => m.t === 'q' && m.d.id === id, `question ${id}`);
    const seqs = onB.messages.map((m) => m.s);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    await onB.close();
  });
});
