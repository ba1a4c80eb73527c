import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoNodes, type TestApp, type TwoNodes } from '../../test/helpers/app.js';
import { REDIS_URL, REQUIRE_ALL } from '../../test/helpers/env.js';
import { MemoryBus } from './bus.js';

describe('in-process bus', () => {
  it('runs once-in-cluster and every-node handlers, and isolates a failing handler', async () => {
    const bus = new MemoryBus();
    const seen: string[] = [];
    bus.onError = () => seen.push('error');
    bus.on('event.created', () => {
      throw new Error('boom');
    });
    bus.on('event.created', (p) => void seen.push(`local:${p.eventId}`));
    bus.onEveryNode('event.created', (p) => void seen.push(`node:${p.eventId}`));
    await bus.emit('event.created', { eventId: 'e1', actorId: null });
    expect(seen).toEqual(['node:e1', 'error', 'local:e1']);
  });
});

describe.runIf(REDIS_URL || REQUIRE_ALL)('Redis bus with two app nodes', () => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'bus');
    ({ a, b } = nodes);
  });
  afterAll(() => nodes?.close());

  it('delivers an event emitted on node A to every node, and runs once-in-cluster handlers only on A', async () => {
    const onB: unknown[] = [];
    const onceB: unknown[] = [];
    const onceA: unknown[] = [];
    b.app.ctx.bus.onEveryNode('live.message', (p) => void onB.push(p));
    b.app.ctx.bus.on('live.message', (p) => void onceB.push(p));
    a.app.ctx.bus.on('live.message', (p) => void onceA.push(p));
    const message = { s: 1, staff: '{"t":"ping"}', pub: null };
    await a.app.ctx.bus.emit('live.message', { eventId: 'ev', message });
    for (let i = 0; i < 100 && onB.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(onB).toEqual([{ eventId: 'ev', message }]);
    expect(onceA).toHaveLength(1);
    expect(onceB).toHaveLength(0);
  });
});
