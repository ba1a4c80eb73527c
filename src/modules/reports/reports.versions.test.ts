import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { checkIn, createEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';

const seminar = {
  title: 'Seminar Hybrid Pemulihan UMKM',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran', capacity: 60 },
};

describe.each(DB_KINDS)('report versions on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (await createEvent(t, organizer, seminar, { publish: true })).id;
    await checkInNew(2);
  });
  afterAll(() => t.close());

  /** Registers `n` new people and checks them in. */
  async function checkInNew(n: number) {
    for (let i = 0; i < n; i++) {
      const r = await seedRegistration(t.app.ctx.db, eventId, { name: `Peserta ${Math.random()}` });
      await checkIn(t, organizer, eventId, r.ticketCode);
    }
  }
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    t.inject({ method, url: `/api/v1/events/${eventId}${path}`, token: organizer, payload });

  it('is a draft until marked final; the final version keeps its numbers while the data moves on', async () => {
    expect((await api('GET', '/report/versions')).json()).toEqual({ status: 'draft', versions: [] });
    const draft = await api('GET', '/report?format=md');
    expect(draft.headers['x-report-version']).toBe('draft');
    expect(draft.body).toContain('2 orang (2 luring, 0 daring)');

    const fin = await api('POST', '/report/final');
    expect(fin.statusCode).toBe(201);
    expect(fin.json()).toMatchObject({ version: 1, status: 'final', reopenedAt: null });
    expect(fin.json().finalizedAt).toMatch(/\+07:00$/);
    expect(fin.json().finalizedBy).toBeTruthy();

    await checkInNew(1);
    expect((await api('GET', '/stats')).json().attendance.total).toBe(3);
    const md = await api('GET', '/report?format=md');
    expect(md.headers['x-report-version']).toBe('1');
    expect(md.body).toContain('2 orang (2 luring, 0 daring)');
    expect(md.body).toContain('Versi final 1');
    // Reproducible: the same snapshot gives the same PDF bytes, now and later.
    const a = await api('GET', '/report?format=pdf');
    const b = await api('GET', '/report?format=pdf&version=1');
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    expect((await api('GET', '/report?format=md&lang=en')).body).toContain('Final version 1');
    // The news draft of a final report tells the final version's numbers too.
    expect((await api('GET', '/berita?lang=en')).json().text).toContain('2 people attended in the hall');
  });

  it('refuses a second final and narrative edits while final, with a message that says what to do', async () => {
    const again = await api('POST', '/report/final');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('report_already_final');
    expect(again.json().error.message).toContain('Buka kembali');
    const edit = await api('PATCH', '/report/narrative', { obstacles: 'Listrik padam.' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('report_is_final');
    expect((await api('GET', '/report/narrative')).json().obstacles).toBe('');
  });

  it('reopens as a new draft; the next final is version 2 and version 1 stays downloadable', async () => {
    const re = await api('POST', '/report/reopen');
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ version: 1, status: 'reopened' });
    expect((await api('POST', '/report/reopen')).json().error.code).toBe('report_not_final');
    const draft = await api('GET', '/report?format=md');
    expect(draft.headers['x-report-version']).toBe('draft');
    expect(draft.body).toContain('3 orang (3 luring, 0 daring)');
    expect((await api('PATCH', '/report/narrative', { obstacles: 'Listrik padam.' })).statusCode).toBe(200);

    // Two organizers pressing "final" at the same moment make one version.
    const both = await Promise.all([api('POST', '/report/final'), api('POST', '/report/final')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = (await api('GET', '/report/versions')).json();
    expect(list.status).toBe('final');
    expect(list.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'final'],
      [1, 'reopened'],
    ]);
    expect((await api('GET', '/report?format=md')).body).toContain('Listrik padam.');
    const v1 = await api('GET', '/report?format=md&version=1');
    expect(v1.body).toContain('2 orang (2 luring, 0 daring)');
    expect(v1.body).not.toContain('Listrik padam.');
    expect((await api('GET', '/report?format=md&version=9')).statusCode).toBe(404);
    expect((await api('GET', '/report?format=md&version=x')).statusCode).toBe(400);
  });

  it('shows the versions in the console', async () => {
    const page = await t.inject({
      method: 'GET',
      url: `/console/events/${eventId}/report`,
      token: organizer,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Versi laporan');
    expect(page.body).toContain('Buka kembali sebagai draf');
    expect(page.body).toContain('version=1');
    expect(page.body).toContain('version=2');
  });

  it('only the event’s organizers mark final or reopen', async () => {
    const others = await Promise.all(
      (['organizer', 'checkin', 'moderator'] as const).map((role) =>
        t.tokenFor(role, `${role}-x@example.test`),
      ),
    );
    for (const path of ['/report/final', '/report/reopen']) {
      const url = `/api/v1/events/${eventId}${path}`;
      expect((await t.inject({ method: 'POST', url })).statusCode).toBe(401);
      for (const token of others)
        expect((await t.inject({ method: 'POST', url, token })).statusCode).toBe(403);
    }
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/report/versions` })).statusCode,
    ).toBe(401);
  });
});
