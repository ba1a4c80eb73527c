import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';

const seminar = {
  title: 'Seminar Evaluasi UMKM',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
};
const answers = {
  materi: 5,
  narasumber: 4,
  diskusi: 4,
  penyelenggaraan: 3,
  teknis: 4,
  manfaat: 5,
  saran: 'Tambah sesi praktik',
};

describe.each(DB_KINDS)('evaluation on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  let regs: { id: string; ticketCode: string }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (await createEvent(t, organizer, seminar)).id;
    regs = [];
    for (let i = 0; i < 3; i++)
      regs.push(await seedRegistration(t.app.ctx.db, eventId, { name: `Peserta ${i}` }));
  });
  afterAll(() => t.close());

  it('is closed until the organizer opens it; the default form is in Indonesian', async () => {
    const form = await t.inject({ method: 'GET', url: `/api/v1/tickets/${regs[0]!.ticketCode}/evaluation` });
    expect(form.json().status).toBe('draft');
    expect(form.json().questions[0].label).toContain('Materi');
    const early = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${regs[0]!.ticketCode}/evaluation`,
      payload: { answers },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('evaluation_not_open');
    expect(
      (
        await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/evaluation/open`, token: organizer })
      ).json().status,
    ).toBe('open');
  });

  it('counts an evaluation submitted twice once, even when both arrive at the same moment', async () => {
    const url = `/api/v1/tickets/${regs[0]!.ticketCode}/evaluation`;
    const both = await Promise.all([1, 2].map(() => t.inject({ method: 'POST', url, payload: { answers } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const again = await t.inject({ method: 'POST', url, payload: { answers } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('sudah diterima');
    const results = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/evaluation/results`, token: organizer })
    ).json();
    expect(results.responses).toBe(1);
  });

  it('refuses incomplete or out-of-range answers with a clear message and stores nothing', async () => {
    const url = `/api/v1/tickets/${regs[1]!.ticketCode}/evaluation`;
    const missing = await t.inject({ method: 'POST', url, payload: { answers: { materi: 5 } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('wajib diisi');
    const range = await t.inject({ method: 'POST', url, payload: { answers: { ...answers, materi: 9 } } });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.message).toContain('1–5');
    const choice = await t.inject({
      method: 'POST',
      url,
      payload: { answers: { ...answers, sumber_info: 'Televisi' } },
    });
    expect(choice.statusCode).toBe(400);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/tickets/${regs[1]!.ticketCode}/evaluation` })).json()
        .submitted,
    ).toBe(false);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/tickets/tidakadatidakadatidakada/evaluation',
          payload: { answers },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('takes the no-JavaScript form from the ticket page and shows averages, distributions and comments', async () => {
    const form = new URLSearchParams({
      a_materi: '3',
      a_narasumber: '4',
      a_diskusi: '5',
      a_penyelenggaraan: '5',
      a_teknis: '2',
      a_manfaat: '4',
      a_saran: '',
    });
    const r = await t.inject({
      method: 'POST',
      url: `/t/${regs[1]!.ticketCode}/evaluation`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(r.statusCode).toBe(303);
    const res = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/evaluation/results`, token: organizer })
    ).json();
    const materi = res.questions.find((q: { id: string }) => q.id === 'materi');
    expect(materi).toMatchObject({ average: 4, answered: 2, distribution: [0, 0, 1, 0, 1] });
    expect(res.questions.find((q: { id: string }) => q.id === 'saran').comments).toEqual([
      'Tambah sesi praktik',
    ]);
    const change = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/evaluation`,
      token: organizer,
      payload: { questions: [{ id: 'x', kind: 'text', label: 'Baru?' }] },
    });
    expect(change.statusCode).toBe(409);
  });

  it('only the event’s organizers see results or change the form', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/events/${eventId}/evaluation/results`],
      ['POST', `/api/v1/events/${eventId}/evaluation/close`],
    ] as const) {
      // The event is a draft: to anyone outside its team it does not exist (a stranger's write is refused
      // before anything is looked up: 401).
      expect((await t.inject({ method, url })).statusCode).toBe(method === 'GET' ? 404 : 401);
      for (const role of ['organizer', 'checkin', 'moderator'] as const) {
        expect((await t.inject({ method, url, token: await t.tokenFor(role) })).statusCode).toBe(404);
      }
    }
  });
});
