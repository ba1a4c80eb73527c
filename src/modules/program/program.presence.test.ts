import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { seedLiveEvent } from '../../../test/helpers/live.js';

interface PersonOut {
  id: string;
  name: string;
  presence: string;
  joinLink?: string | null;
  attended?: { mode: string; at: string } | null;
}

describe.each(DB_KINDS)('remote officials and speakers as participants on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let dean: PersonOut;
  const people = async (token?: string) =>
    (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${ev.event.id}/people`,
        ...(token ? { token } : {}),
      })
    ).json().people as PersonOut[];
  /** Moves the event around now, so joins fall inside (or, shifted, outside) its window. */
  const eventAt = (startOffsetMs: number) =>
    t.app.ctx.db
      .updateTable('events')
      .set({ starts_at: Date.now() + startOffsetMs, ends_at: Date.now() + startOffsetMs + 3 * 3600_000 })
      .where('id', '=', ev.event.id)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    door = await teamMember(t, organizer, ev.event.id, 'checkin', `door-p-${kind}@example.test`);
    dean = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/people`,
        token: organizer,
        payload: { name: 'Ahmad Dekan', frontTitles: 'Prof. Dr.', role: 'official', presence: 'online' },
      })
    ).json();
  });
  afterAll(() => t.close());

  it('gives organizers a join link for online people and what was recorded; others see neither', async () => {
    const list = await people(organizer);
    const d = list.find((p) => p.id === dean.id)!;
    expect(d.joinLink).toMatch(new RegExp(`/e/${ev.event.slug}/people/${dean.id}/join\\?k=.+`));
    expect(d.attended).toBeNull();
    expect(list.find((p) => p.id === ev.speaker.id)).toMatchObject({ joinLink: null, attended: null });
    for (const p of await people()) expect(p).not.toHaveProperty('joinLink');
    for (const p of await people(door)) expect(p).not.toHaveProperty('attended');
  });

  it('records a join through the personal link, then sends the person on to the meeting', async () => {
    await eventAt(10 * 60_000);
    const link = (await people(organizer)).find((p) => p.id === dean.id)!.joinLink!;
    const path = new URL(link).pathname + new URL(link).search;
    const forged = await t.inject({ method: 'GET', url: path.replace(/k=.*/, 'k=forged') });
    expect(forged.statusCode).toBe(403);
    const other = await t.inject({ method: 'GET', url: path.replace(dean.id, ev.speaker.id) });
    expect(other.statusCode).toBe(403);
    expect((await people(organizer)).find((p) => p.id === dean.id)!.attended).toBeNull();
    const r = await t.inject({ method: 'GET', url: path });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('https://zoom.us/j/123456789');
    expect((await people(organizer)).find((p) => p.id === dean.id)!.attended).toMatchObject({
      mode: 'online',
    });
  });

  it('counts only joins inside the event window', async () => {
    // The same join, seen against an event a week away: kept, but proves nothing.
    await eventAt(7 * 24 * 3600_000);
    expect((await people(organizer)).find((p) => p.id === dean.id)!.attended).toBeNull();
    await eventAt(10 * 60_000);
  });

  it('lets door staff check a speaker in at the hall; strangers cannot', async () => {
    const url = `/api/v1/events/${ev.event.id}/people/${ev.speaker.id}/checkin`;
    expect((await t.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await t.inject({ method: 'POST', url, token: await t.tokenFor('checkin') })).statusCode).toBe(
      403,
    );
    const r = await t.inject({ method: 'POST', url, token: door });
    expect(r.statusCode).toBe(200);
    expect(r.json().attended.mode).toBe('onsite');
    expect(
      (await t.inject({ method: 'POST', url: url.replace(ev.speaker.id, 'nobody'), token: door })).statusCode,
    ).toBe(404);
    expect((await people(organizer)).find((p) => p.id === ev.speaker.id)!.attended).toMatchObject({
      mode: 'onsite',
    });
  });

  it("finds programme people in the door's search, with their hall check-in", async () => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.event.id}/checkins/search?q=${encodeURIComponent('arifin')}`,
      token: door,
    });
    expect(r.statusCode).toBe(200);
    const hit = r.json().results.find((x: { personId?: string }) => x.personId === ev.speaker.id);
    expect(hit).toMatchObject({ name: 'Choirul Arifin, S.St.Pi., M.M', mode: 'onsite' });
    expect(hit.checkedInAt).toMatch(/^\d{4}-/);
  });
});
