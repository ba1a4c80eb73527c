import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';

/** The built-in form is stored in Indonesian and read in English where English is asked for. */
describe.each(DB_KINDS)('the built-in evaluation in English on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('the ticket form, the results and the English report speak English; answers keep their values', async () => {
    const token = await t.tokenFor('organizer');
    const e = await createEvent(t, token, {
      title: 'Seminar Evaluasi UMKM',
      startsAt: '2021-12-30T09:00:00+07:00',
      endsAt: '2021-12-30T12:00:00+07:00',
    });
    const reg = await seedRegistration(t.app.ctx.db, e.id, { name: 'Siti Aminah' });
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/evaluation/open`, token });
    const page = await t.inject({ method: 'GET', url: `/t/${reg.ticketCode}?lang=en` });
    expect(page.body).toContain('The material matched the theme and my needs.');
    expect(page.body).toContain('A WhatsApp group');
    // The choice's value stays the stored Indonesian option, so results count it whatever the page language.
    expect(page.body).toContain('value="Grup WhatsApp"');
    expect(page.body).not.toContain('Materi yang disampaikan');
    const sent = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${reg.ticketCode}/evaluation`,
      payload: {
        answers: {
          materi: 5,
          narasumber: 4,
          diskusi: 4,
          penyelenggaraan: 3,
          teknis: 4,
          manfaat: 5,
          sumber_info: 'Grup WhatsApp',
        },
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const en = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/evaluation/results?lang=en`, token })
    ).json();
    expect(en.questions[0].label).toBe('The material matched the theme and my needs.');
    const source = en.questions.find((q: { id: string }) => q.id === 'sumber_info');
    expect(source.options[0]).toEqual({ label: 'A WhatsApp group', count: 1 });
    const id = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/evaluation/results`, token })
    ).json();
    expect(id.questions[0].label).toContain('Materi yang disampaikan');
    const report = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/report?format=md&lang=en`,
      token,
    });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('The material matched the theme and my needs.');
    expect(report.body).not.toContain('Materi yang disampaikan');
  });
});
