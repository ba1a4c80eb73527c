import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';

const HOUR = 3_600_000;

/** An event at 08.00–12.30 WIB on 5 March 2030 with a rundown, a scheduled attendance code and a stage timer. */
async function dayWithSchedule(t: TestApp, token: string) {
  const e = await createEvent(t, token, {
    title: 'Pelatihan Pemasaran Digital',
    startsAt: '2030-03-05T08:00:00+07:00',
    endsAt: '2030-03-05T12:30:00+07:00',
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
  });
  const item = async (startsAt: string, endsAt: string, title: string) => {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/agenda`,
      token,
      payload: { startsAt, endsAt, kind: 'talk', title },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const first = await item('2030-03-05T08:30:00+07:00', '2030-03-05T10:00:00+07:00', 'Sambutan');
  await item('2030-03-05T10:00:00+07:00', '2030-03-05T12:30:00+07:00', 'Materi');
  const code = await t.inject({
    method: 'POST',
    url: `/api/v1/events/${e.id}/attendance/codes`,
    token,
    payload: { label: 'Sesi 1', opensAt: '2030-03-05T09:00:00+07:00', windowMinutes: 15 },
  });
  expect(code.statusCode, code.body).toBe(201);
  const stage = await t.inject({
    method: 'PUT',
    url: `/api/v1/events/${e.id}/live/stage`,
    token,
    payload: { agendaItemId: first, timerMinutes: 10 },
  });
  expect(stage.statusCode, stage.body).toBe(200);
  return e;
}

describe.each(DB_KINDS)('moving an event moves its day on %s', (kind) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    token = await t.tokenFor('organizer');
  });
  afterAll(() => t.close());

  const times = async (
    id: string,
    tk = token,
  ): Promise<{ agenda: number[]; codes: number[]; stage: number }> => {
    const agenda = (await t.inject({ method: 'GET', url: `/api/v1/events/${id}/agenda`, token: tk })).json();
    const codes = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${id}/attendance/codes`, token: tk })
    ).json();
    const state = await t.app.ctx.db
      .selectFrom('live_state')
      .select(['stage_started_at', 'stage_ends_at'])
      .where('event_id', '=', id)
      .executeTakeFirst();
    return {
      agenda: (agenda.items ?? agenda.agenda ?? agenda).map((a: { startsAt: string }) =>
        Date.parse(a.startsAt),
      ),
      codes: (codes.codes ?? codes).map((c: { opensAt: string }) => Date.parse(c.opensAt)),
      stage: Number(state?.stage_started_at),
    };
  };

  it('a new date and time shift the rundown, the codes and the stage timer by the same offset', async () => {
    const e = await dayWithSchedule(t, token);
    const before = await times(e.id);
    // Next day, 15.00 instead of 08.00: 31 hours later.
    const r = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token,
      payload: { startsAt: '2030-03-06T15:00:00+07:00', endsAt: '2030-03-06T19:30:00+07:00' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = await times(e.id);
    expect(after.agenda).toEqual(before.agenda.map((x) => x + 31 * HOUR));
    expect(after.codes).toEqual(before.codes.map((x) => x + 31 * HOUR));
    expect(after.stage).toBe(before.stage + 31 * HOUR);
    // Only the end changes: nothing moves.
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token,
      payload: { endsAt: '2030-03-06T20:00:00+07:00' },
    });
    expect(await times(e.id)).toEqual(after);
    // Asked not to, the rundown stays where it is.
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token,
      payload: { startsAt: '2030-03-06T16:00:00+07:00', moveSchedule: false },
    });
    expect(await times(e.id)).toEqual(after);
  });

  it('the console shows a preview and moves only after a confirmation; keeping is a choice too', async () => {
    await t.app.ctx.services.auth.createUser({
      email: 'rina@example.test',
      password: 'password123',
      role: 'organizer',
      name: 'Rina',
    });
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rina@example.test', password: 'password123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const csrf = login.json().csrfToken as string;
    const rina = await t.app.ctx.services.auth.createApiToken('rina@example.test');
    const e = await dayWithSchedule(t, rina);
    const before = await times(e.id, rina);
    const form = (extra: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url: `/console/events/${e.id}/edit`,
        cookies: { aula_session: cookie },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          title: 'Pelatihan Pemasaran Digital',
          startsAt: '2030-03-06T15:00',
          endsAt: '2030-03-06T19:30',
          timezone: 'Asia/Jakarta',
          onlinePlatform: 'zoom',
          onlineJoinUrl: 'https://zoom.us/j/123456789',
          ...extra,
        }).toString(),
      });
    const preview = await form({});
    expect(preview.statusCode).toBe(409);
    expect(preview.body).toContain('08.30–10.00');
    expect(preview.body).toContain('15.30–17.00');
    expect(preview.body).toContain('name="schedule" value="move"');
    expect(await times(e.id, rina)).toEqual(before);
    const moved = await form({ schedule: 'move' });
    expect(moved.statusCode, moved.body).toBe(303);
    expect((await times(e.id, rina)).agenda).toEqual(before.agenda.map((x) => x + 31 * HOUR));
    // Back to 08.00 on the 5th, keeping the rundown where it is now (the organizer's choice).
    const kept = await form({ schedule: 'keep', startsAt: '2030-03-05T08:00', endsAt: '2030-03-05T12:30' });
    expect(kept.statusCode, kept.body).toBe(303);
    expect((await times(e.id, rina)).agenda).toEqual(before.agenda.map((x) => x + 31 * HOUR));
  });
});
