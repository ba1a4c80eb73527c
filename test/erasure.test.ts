import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/env.js';

/**
 * UU PDP erasure reaches every module that copied the person's name: after "Hapus data saya" the
 * question keeps its text but not the asker's name, and the certificate keeps its number (never reused)
 * but names no one and no longer verifies as valid.
 */
describe.each(DB_KINDS)('erasing a participant reaches questions and certificates on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('forgets the name everywhere, keeps the counts', async () => {
    const token = await t.tokenFor('organizer');
    const e = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token,
        payload: {
          title: 'Seminar UMKM',
          startsAt: '2031-12-30T09:00:00+07:00',
          endsAt: '2031-12-30T12:00:00+07:00',
          venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
        },
      })
    ).json();
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token });
    const reg = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: {
          name: 'Siti Aminah',
          backTitles: 'S.E.',
          phone: '081234567001',
          mode: 'onsite',
          consent: true,
        },
      })
    ).json();
    const q = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/questions`,
      payload: {
        text: 'Bagaimana cara mendapat kartu UMKM?',
        channel: 'onsite',
        authorName: 'Siti Aminah',
        ticketCode: reg.ticketCode,
      },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.body).toContain('Siti Aminah');
    const checkin = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token,
      payload: { ticketCode: reg.ticketCode },
    });
    expect(checkin.statusCode).toBe(201);
    const issued = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: {},
    });
    expect(issued.statusCode, issued.body).toBeLessThan(300);
    const certs = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/certificates`, token })
    ).json().certificates;
    expect(certs).toHaveLength(1);
    const code = certs[0].code as string;
    expect((await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` })).json().status).toBe(
      'valid',
    );

    const erase = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${reg.ticketCode}/erase`,
      payload: { confirm: true },
    });
    expect(erase.statusCode).toBe(200);

    const questions = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/questions?status=pending`,
      token,
    });
    const mine = questions.json().questions.find((x: { text: string }) => x.text.startsWith('Bagaimana'));
    expect(mine).toBeTruthy();
    expect(JSON.stringify(mine)).not.toContain('Siti');
    const verify = await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` });
    expect(verify.json().status).toBe('revoked');
    expect(verify.body).not.toContain('Siti');
    const page = await t.inject({ method: 'GET', url: `/v/${code}` });
    expect(page.body).not.toContain('Siti');
    const stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token })).json();
    expect(stats.questions.total).toBe(1);
  });
});
