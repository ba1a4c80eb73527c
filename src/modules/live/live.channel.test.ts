import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { seedLiveEvent } from '../../../test/helpers/live.js';

/** A webinar's questions are online questions: the page offers no "hall", and the API does not store one. */
describe.each(DB_KINDS)('where a question comes from, on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let webinar: { id: string; slug: string };
  let hybrid: Awaited<ReturnType<typeof seedLiveEvent>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer', `org-ch-${kind}@example.test`);
    hybrid = await seedLiveEvent(t, organizer);
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: {
        title: 'Webinar Pemasaran Digital',
        startsAt: '2026-12-31T09:00:00+07:00',
        endsAt: '2026-12-31T11:30:00+07:00',
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/987654321' },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    webinar = r.json();
    const pub = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${webinar.id}/publish`,
      token: organizer,
    });
    expect(pub.statusCode, pub.body).toBeLessThan(300);
  });
  afterAll(() => t.close());

  it('offers no hall on a webinar and stores its questions as online', async () => {
    const page = await t.inject({ method: 'GET', url: `/e/${webinar.slug}/live` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('value="onsite"');
    expect(page.body).toContain('<input type="hidden" name="channel" value="online"/>');
    const q = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${webinar.id}/questions`,
      payload: { text: 'Bagaimana memulai toko daring?', channel: 'onsite' },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.json().channel).toBe('online');
  });

  it('keeps the choice on a hybrid event', async () => {
    const page = await t.inject({ method: 'GET', url: `/e/${hybrid.event.slug}/live` });
    expect(page.body).toContain('value="onsite"');
    expect(page.body).toContain('value="online"');
    const q = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${hybrid.event.id}/questions`,
      payload: { text: 'Pertanyaan dari aula', channel: 'onsite' },
    });
    expect(q.json().channel).toBe('onsite');
  });
});
