import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';

const FORMER = 'Topik yang Anda harapkan di webinar selanjutnya';

/** The built-in "next topics" question fits a hall seminar as well as a webinar, old forms included. */
describe.each(DB_KINDS)('the built-in question about next topics on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('asks about the next event, not the next webinar', async () => {
    const token = await t.tokenFor('organizer');
    const e = await createEvent(t, token, { ...seedSeminar, online: undefined });
    const form = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/evaluation`, token })).json();
    const topik = form.questions.find((q: { id: string }) => q.id === 'topik');
    expect(topik.label).toBe('Topik yang Anda harapkan di acara selanjutnya');
    expect(JSON.stringify(form)).not.toContain('webinar');
  });

  it('reads a form stored with the former wording in the new one, its answers kept', async () => {
    const token = await t.tokenFor('organizer');
    const e = await createEvent(t, token, { ...seedSeminar, title: 'Seminar Lama' });
    const form = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/evaluation`, token })).json();
    const questions = form.questions.map((q: { id: string; label: string }) =>
      q.id === 'topik' ? { ...q, label: FORMER } : q,
    );
    const put = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${e.id}/evaluation`,
      token,
      payload: { questions },
    });
    expect(put.statusCode, put.body).toBe(200);
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/evaluation/open`, token });
    const reg = await seedRegistration(t.app.ctx.db, e.id, { name: 'Siti Aminah' });

    const id = await t.inject({ method: 'GET', url: `/t/${reg.ticketCode}` });
    expect(id.body).toContain('Topik yang Anda harapkan di acara selanjutnya');
    expect(id.body).not.toContain(FORMER);
    const en = await t.inject({ method: 'GET', url: `/t/${reg.ticketCode}?lang=en` });
    expect(en.body).toContain('Topics you would like at the next event');

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
          topik: 'Pemasaran digital',
        },
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    for (const [lang, label] of [
      ['id', 'Topik yang Anda harapkan di acara selanjutnya'],
      ['en', 'Topics you would like at the next event'],
    ] as const) {
      const results = (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${e.id}/evaluation/results?lang=${lang}`,
          token,
        })
      ).json();
      expect(results.questions.find((q: { id: string }) => q.id === 'topik')).toMatchObject({
        label,
        comments: ['Pemasaran digital'],
      });
    }
  });
});
