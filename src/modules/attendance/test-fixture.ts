import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { DbKind } from '../../../test/helpers/env.js';

/**
 * Start and end of an event happening now (started 30 minutes ago, ends in three hours), shifted by
 * `days`: door scans, joins and codes count only inside the event's window, so tests that record presence
 * use an event that is on.
 */
export function happeningNow(days = 0) {
  const start = Math.floor(Date.now() / 60000) * 60000 - 30 * 60000 + days * 24 * 3600 * 1000;
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 210 * 60000).toISOString(),
  };
}

export const seminar = {
  title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
  ...happeningNow(),
  venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: 60 },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
};

export interface AttendanceFixture {
  t: TestApp;
  organizer: string;
  otherOrganizer: string;
  /** A check-in staff account not on any team. */
  outsider: string;
  /** Rina, check-in staff on every event made by `newEvent` (unless `noDoor`). */
  door: string;
  /** Budi, moderator on every event made by `newEvent`. */
  moderator: string;
  eventId: string;
  newEvent(extra?: Record<string, unknown>): Promise<{ id: string; slug: string }>;
  /** How many attendance rows have a hall arrival, across all events. */
  attendanceRows(): Promise<number>;
}

/** One app with an organizer, a door team (Rina) and a moderator (Budi), shared by the attendance API tests. */
export async function attendanceFixture(kind: DbKind): Promise<AttendanceFixture> {
  const t = await createTestApp(kind);
  const organizer = await t.tokenFor('organizer');
  const team: { checkin?: string; moderator?: string } = {};

  async function newEvent(extra: Record<string, unknown> = {}) {
    const { noDoor, ...fields } = extra;
    const e = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: { ...seminar, ...fields },
    });
    if (e.statusCode !== 201) throw new Error(`event: ${e.statusCode} ${e.body}`);
    const id = e.json().id as string;
    await t.inject({ method: 'POST', url: `/api/v1/events/${id}/publish`, token: organizer });
    if (team.checkin && !noDoor)
      await t.app.ctx.services.eventsManage.setTeamRole(id, team.checkin, 'checkin');
    if (team.moderator) await t.app.ctx.services.eventsManage.setTeamRole(id, team.moderator, 'moderator');
    return e.json() as { id: string; slug: string };
  }

  async function teamMember(eventId: string, role: 'checkin' | 'moderator', name: string) {
    const email = `${name.toLowerCase()}.${role}@example.test`;
    const user = await t.app.ctx.services.auth.createUser({ email, password: 'password123', role, name });
    await t.app.ctx.services.eventsManage.setTeamRole(eventId, user.id, role);
    team[role] = user.id;
    return t.app.ctx.services.auth.createApiToken(email);
  }

  const otherOrganizer = await t.tokenFor('organizer');
  const outsider = await t.tokenFor('checkin');
  const eventId = (await newEvent()).id;
  const door = await teamMember(eventId, 'checkin', 'Rina');
  const moderator = await teamMember(eventId, 'moderator', 'Budi');
  return {
    t,
    organizer,
    otherOrganizer,
    outsider,
    door,
    moderator,
    eventId,
    newEvent,
    attendanceRows: async () =>
      Number(
        (
          await t.app.ctx.db
            .selectFrom('attendance')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('checked_in_at', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
