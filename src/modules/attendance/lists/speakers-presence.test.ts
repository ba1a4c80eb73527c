import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { seedLiveEvent } from '../../../../test/helpers/live.js';
import { buildList } from './lists.js';

describe.each(DB_KINDS)("the speakers' daftar hadir prints recorded presence on %s", (kind) => {
  let t: TestApp;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    const now = Date.now();
    await t.app.ctx.db
      .updateTable('events')
      .set({ starts_at: now - 3600_000, ends_at: now + 3600_000 })
      .where('id', '=', ev.event.id)
      .execute();
  });
  afterAll(() => t.close());

  it('says "Tidak tercatat" for a declared online person nobody recorded, and the join once recorded', async () => {
    const add = async (name: string) =>
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${ev.event.id}/people`,
          token: organizer,
          payload: { name, role: 'speaker', presence: 'online' },
        })
      ).json() as { id: string };
    const joined = await add('Rina Daring');
    await add('Budi Absen');
    const link = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/people`, token: organizer })
    )
      .json()
      .people.find((p: { id: string }) => p.id === joined.id).joinLink as string;
    expect(
      (await t.inject({ method: 'GET', url: new URL(link).pathname + new URL(link).search })).statusCode,
    ).toBe(302);

    const event = (await t.app.ctx.services.events.find(ev.event.id))!;
    const list = await buildList(t.app.ctx.db, event, 'speakers', 'all');
    const row = (name: string) => list.rows.find((r) => r.name === name)!;
    expect(row('Rina Daring')).toMatchObject({
      mode: 'Daring',
      sign: expect.stringMatching(/^Hadir daring \(masuk \d\d\.\d\d\)$/),
    });
    expect(row('Budi Absen')).toMatchObject({ mode: 'Daring', sign: 'Tidak tercatat' });
    // Hall people sign the sheet on paper.
    expect(row('Choirul Arifin, S.St.Pi., M.M')).toMatchObject({ mode: 'Luring', sign: '' });
  });
});
