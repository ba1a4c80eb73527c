import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoNodes, type TestApp, type TwoNodes } from '../../../test/helpers/app.js';
import { REDIS_URL, REQUIRE_ALL } from '../../../test/helpers/env.js';
import { DEMO_SLUG } from '../demo/index.js';

/** Two app nodes on one database and one Redis: a change on A drops B's cached event page at once. */
describe.runIf(REDIS_URL || REQUIRE_ALL)('event page cache across two nodes', () => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'site');
    ({ a, b } = nodes);
    await a.app.ctx.services.demo.load({ ownerEmail: null });
  });
  afterAll(() => nodes?.close());

  /** Resolves once node B has handled the next `event.updated` (its page cache runs first, being registered at boot). */
  const nextUpdateOnB = () =>
    new Promise<void>((resolve) => {
      const off = b.app.ctx.bus.onEveryNode('event.updated', () => {
        off();
        resolve();
      });
    });

  it('shows an edit and an unpublish made on node A on node B, without waiting for the cache to expire', async () => {
    const admin = await a.tokenFor('admin');
    expect((await b.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body).not.toContain(
      'Diubah di node A',
    );
    let seen = nextUpdateOnB();
    await a.inject({
      method: 'PATCH',
      url: `/api/v1/events/${DEMO_SLUG}`,
      token: admin,
      payload: { title: 'Diubah di node A' },
    });
    await seen;
    expect((await b.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body).toContain('Diubah di node A');
    seen = nextUpdateOnB();
    await a.inject({ method: 'POST', url: `/api/v1/events/${DEMO_SLUG}/unpublish`, token: admin });
    await seen;
    expect((await b.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).statusCode).toBe(404);
  });
});
