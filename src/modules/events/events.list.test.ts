import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';

const seminar = {
  startsAt: '2026-03-05T09:00:00+07:00',
  endsAt: '2026-03-05T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/555000111' },
};

type Listed = { slug: string; title: string; online: { joinUrl?: string } | null };

// GET /api/v1/events: the anonymous answer is cached briefly and dropped by the bus events; a
// logged-in caller's join links come from one batched look-up of their team roles.
describe.each(DB_KINDS)('events list on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let moderator: string;
  let checkin: string;
  let stranger: string;
  const list = async (token?: string) => {
    const r = await t.inject({ method: 'GET', url: '/api/v1/events', ...(token ? { token } : {}) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    return r.json().events as Listed[];
  };
  const create = (slug: string) => createEvent(t, organizer, { ...seminar, title: `Seminar ${slug}`, slug });

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    moderator = await t.tokenFor('moderator', 'mod@example.test');
    checkin = await t.tokenFor('checkin', 'door@example.test');
    stranger = await t.tokenFor('organizer');
  });
  afterAll(() => t.close());

  it('shows a publication, an edit and a return to draft to anonymous callers at once', async () => {
    expect(await list()).toEqual([]);
    const e = await create('seminar-cache');
    expect(await list()).toEqual([]);

    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token: organizer });
    expect((await list()).map((x) => x.slug)).toEqual(['seminar-cache']);

    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token: organizer,
      payload: { title: 'Seminar yang diganti judulnya' },
    });
    const after = await list();
    expect(after.map((x) => x.title)).toEqual(['Seminar yang diganti judulnya']);
    // The cached answer is the schema's output: no join link for the public.
    expect(after[0]!.online).toEqual({ platform: 'zoom', streamUrl: null });

    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/unpublish`, token: organizer });
    expect(await list()).toEqual([]);
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token: organizer });
  });

  it('gives join links to the creator and the team moderator only, per event', async () => {
    const mine = await create('seminar-tim');
    const other = await create('seminar-lain');
    for (const e of [mine, other]) {
      await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token: organizer });
    }
    for (const [email, role] of [
      ['mod@example.test', 'moderator'],
      ['door@example.test', 'checkin'],
    ]) {
      const r = await t.inject({
        method: 'PUT',
        url: `/api/v1/events/${mine.id}/team`,
        token: organizer,
        payload: { email, role },
      });
      expect(r.statusCode).toBe(200);
    }
    const joinUrls = async (token?: string) =>
      Object.fromEntries((await list(token)).map((e) => [e.slug, e.online?.joinUrl ?? null]));
    const link = 'https://zoom.us/j/555000111';

    expect(await joinUrls(organizer)).toEqual({
      'seminar-cache': link,
      'seminar-tim': link,
      'seminar-lain': link,
    });
    expect(await joinUrls(moderator)).toEqual({
      'seminar-cache': null,
      'seminar-tim': link,
      'seminar-lain': null,
    });
    expect(await joinUrls(checkin)).toEqual({
      'seminar-cache': null,
      'seminar-tim': null,
      'seminar-lain': null,
    });
    expect(await joinUrls(stranger)).toEqual({
      'seminar-cache': null,
      'seminar-tim': null,
      'seminar-lain': null,
    });
    expect(await joinUrls()).toEqual({ 'seminar-cache': null, 'seminar-tim': null, 'seminar-lain': null });
  });

  it('lists drafts only to those who work on them', async () => {
    const draft = await create('seminar-draf');
    await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${draft.id}/team`,
      token: organizer,
      payload: { email: 'door@example.test', role: 'checkin' },
    });
    const slugs = async (token?: string) => (await list(token)).map((e) => e.slug);
    expect(await slugs(organizer)).toContain('seminar-draf');
    expect(await slugs(checkin)).toContain('seminar-draf');
    expect(await slugs(moderator)).not.toContain('seminar-draf');
    expect(await slugs(stranger)).not.toContain('seminar-draf');
    expect(await slugs()).not.toContain('seminar-draf');
  });
});
