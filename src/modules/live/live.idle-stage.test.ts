import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedLiveEvent, sessionFor } from '../../../test/helpers/live.js';

/** What the live page says while it is empty: nothing on stage (by the time), no questions (by the reader). */
describe.each(DB_KINDS)('the idle stage on %s', (kind) => {
  let t: TestApp;
  let organizer: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer', `org-idle-${kind}@example.test`);
  });
  afterAll(() => t.close());

  it('says an event that ended has ended, not that it has not started', async () => {
    const ev = await seedLiveEvent(t, organizer);
    const id = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` })).body;
    expect(id).toContain('Acara sudah selesai.');
    expect(id).not.toContain('Acara belum dimulai.');
    const en = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live?lang=en` })).body;
    expect(en).toContain('The event has ended.');
  });

  it('says an event under way is under way, and a coming one has not started', async () => {
    const now = Date.now();
    const running = await createEvent(
      t,
      organizer,
      {
        title: 'Seminar yang sedang berjalan',
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
      },
      { publish: true },
    );
    expect((await t.inject({ method: 'GET', url: `/e/${running.slug}/live` })).body).toContain(
      'Acara sedang berlangsung.',
    );
    const coming = await createEvent(
      t,
      organizer,
      {
        title: 'Seminar bulan depan',
        startsAt: new Date(now + 30 * 86_400_000).toISOString(),
        endsAt: new Date(now + 30 * 86_400_000 + 7_200_000).toISOString(),
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/2' },
      },
      { publish: true },
    );
    expect((await t.inject({ method: 'GET', url: `/e/${coming.slug}/live` })).body).toContain(
      'Acara belum dimulai.',
    );
  });

  it('tells a speaker there are no questions for them, not to be the first to ask', async () => {
    const ev = await seedLiveEvent(t, organizer);
    const signed = t.app.signCookie(`${ev.event.id}.${ev.speaker.id}`);
    const k = encodeURIComponent(signed.slice(signed.lastIndexOf('.') + 1));
    const r = await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/speaker/${ev.speaker.id}?k=${k}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Belum ada pertanyaan untuk Anda.');
    expect(r.body).not.toContain('Jadilah yang pertama');
  });

  it('tells the moderator an event has no speakers instead of listing no links', async () => {
    const email = `mod-desk-${kind}@example.test`;
    const token = await t.tokenFor('organizer', email);
    const cookie = (await sessionFor(t, email)).token;
    const bare = await createEvent(t, token, {
      title: 'Seminar tanpa narasumber',
      startsAt: '2026-12-31T09:00:00+07:00',
      endsAt: '2026-12-31T11:00:00+07:00',
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/3' },
    });
    const page = async (id: string) =>
      (
        await t.inject({
          method: 'GET',
          url: `/console/events/${id}/moderate`,
          cookies: { aula_session: cookie },
        })
      ).body;
    const empty = await page(bare.id);
    expect(empty).toContain('Belum ada narasumber di acara ini');
    expect(empty).not.toContain('Kirim tautan ini ke pembicara');
    const ev = await seedLiveEvent(t, token);
    const full = await page(ev.event.id);
    expect(full).toContain('Kirim tautan ini ke pembicara');
    expect(full).toContain('class="speaker-link"');
  });
});
