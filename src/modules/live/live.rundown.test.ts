import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedLiveEvent } from '../../../test/helpers/live.js';
import { connectLive } from '../../realtime/test-client.js';
import type { ServerMessage, StageDto } from '../../shared/realtime.js';

const stageOf = (m: ServerMessage) => (m.t === 'stage' ? (m.d as StageDto) : null);

describe.each(DB_KINDS)('rundown edits reach the live room on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  const wsUrl = (q = '') => `${base.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live${q}`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('an agenda or people change through the API republishes the stage (now, next, people) to participants and staff', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${ev.event.id}/live/stage`,
      token: organizer,
      payload: { agendaItemId: ev.agenda[1]!.id },
    });
    expect(put.statusCode).toBe(200);
    const pub = await connectLive(wsUrl());
    const staff = await connectLive(wsUrl('?as=staff'), { authorization: `Bearer ${organizer}` });
    await pub.waitFor((m) => m.t === 'snapshot', 'snapshot');
    await staff.waitFor((m) => m.t === 'snapshot', 'snapshot');

    // The item on stage is renamed.
    const rename = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/agenda/${ev.agenda[1]!.id}`,
      token: organizer,
      payload: { title: 'Pemateri 1: Peran pemerintah daerah' },
    });
    expect(rename.statusCode).toBe(200);
    for (const c of [pub, staff]) {
      const m = await c.waitFor(
        (x) => stageOf(x)?.now?.title === 'Pemateri 1: Peran pemerintah daerah',
        'renamed stage',
      );
      expect(stageOf(m)?.next?.title).toBe('Sesi tanya jawab');
    }

    // The speaker on stage gets a new position: the lower third follows.
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/people/${ev.speaker.id}`,
      token: organizer,
      payload: { position: 'Kepala Bidang Usaha Mikro' },
    });
    expect(moved.statusCode).toBe(200);
    await pub.waitFor(
      (x) => stageOf(x)?.now?.people[0]?.position === 'Kepala Bidang Usaha Mikro',
      'new position on stage',
    );

    // What comes next is removed from the rundown: "next" moves on.
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${ev.event.id}/agenda/${ev.agenda[2]!.id}`,
      token: organizer,
    });
    expect(del.statusCode).toBeLessThan(300);
    await pub.waitFor((x) => stageOf(x)?.next?.title === 'Penutup', 'next after removal');

    // The messages are numbered like every other update: in order, no number twice.
    const seqs = pub.messages.map((m) => m.s);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    await pub.close();
    await staff.close();
  });

  it('an event whose room was never opened is edited without touching the live state', async () => {
    const other = await seedLiveEvent(t, organizer, `tanpa-live-${kind}`);
    const r = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${other.event.id}/agenda/${other.agenda[0]!.id}`,
      token: organizer,
      payload: { title: 'Sambutan Camat' },
    });
    expect(r.statusCode).toBe(200);
    const state = await t.app.ctx.db
      .selectFrom('live_state')
      .select('seq')
      .where('event_id', '=', other.event.id)
      .executeTakeFirst();
    expect(state).toBeUndefined();
  });
});
