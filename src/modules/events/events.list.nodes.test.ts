import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoNodes, type TestApp, type TwoNodes } from '../../../test/helpers/app.js';
import { REDIS_URL, REQUIRE_ALL } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';

/** Two app nodes on one database and one Redis: a change on A drops B's cached anonymous events list at once. */
describe.runIf(REDIS_URL || REQUIRE_ALL)('anonymous events list across two nodes', () => {
  let nodes: TwoNodes;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    nodes = await createTwoNodes(REDIS_URL, 'list');
    ({ a, b } = nodes);
  });
  afterAll(() => nodes?.close());

  /** Resolves once node B has handled the next bus event of that name (its list cache subscribed at boot, so first). */
  const nextOnB = (name: 'event.updated' | 'event.published') =>
    new Promise<void>((resolve) => {
      const off = b.app.ctx.bus.onEveryNode(name, () => {
        off();
        resolve();
      });
    });
  const titlesOnB = async () =>
    ((await b.inject({ method: 'GET', url: '/api/v1/events' })).json().events as { title: string }[]).map(
      (e) => e.title,
    );

  it('shows a publication, an edit and an unpublish made on node A on node B', async () => {
    const organizer = await a.tokenFor('organizer');
    const e = await createEvent(a, organizer, {
      title: 'Seminar di node A',
      startsAt: '2026-03-05T09:00:00+07:00',
      endsAt: '2026-03-05T12:00:00+07:00',
    });
    expect(await titlesOnB()).toEqual([]);

    let seen = nextOnB('event.published');
    await a.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token: organizer });
    await seen;
    expect(await titlesOnB()).toEqual(['Seminar di node A']);

    seen = nextOnB('event.updated');
    await a.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token: organizer,
      payload: { title: 'Diubah di node A' },
    });
    await seen;
    expect(await titlesOnB()).toEqual(['Diubah di node A']);

    seen = nextOnB('event.updated');
    await a.inject({ method: 'POST', url: `/api/v1/events/${e.id}/unpublish`, token: organizer });
    await seen;
    expect(await titlesOnB()).toEqual([]);
  });
});
