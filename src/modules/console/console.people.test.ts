import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { sessionFor } from '../../../test/helpers/live.js';

/** The add-person form starts where the event's people are: online for a webinar, in the hall otherwise. */
describe.each(DB_KINDS)('the people form on %s', (kind) => {
  let t: TestApp;
  let token: string;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const email = `org-people-${kind}@example.test`;
    token = await t.tokenFor('organizer', email);
    cookie = (await sessionFor(t, email)).token;
  });
  afterAll(() => t.close());

  const selected = async (eventId: string) => {
    const r = await t.inject({
      method: 'GET',
      url: `/console/events/${eventId}/people`,
      cookies: { aula_session: cookie },
    });
    expect(r.statusCode).toBe(200);
    const select = r.body.slice(r.body.indexOf('name="presence"'));
    return /<option value="(\w+)" selected/.exec(select.slice(0, select.indexOf('</select>')))?.[1];
  };

  it('starts a webinar speaker online and a hybrid seminar speaker in the hall', async () => {
    const webinar = await createEvent(t, token, {
      title: 'Webinar Pemasaran Digital',
      startsAt: '2026-12-31T09:00:00+07:00',
      endsAt: '2026-12-31T11:30:00+07:00',
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
    });
    expect(await selected(webinar.id)).toBe('online');
    const hybrid = await createEvent(t, token, seedSeminar);
    expect(await selected(hybrid.id)).toBe('onsite');
  });
});
