import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { type AttendanceFixture, attendanceFixture, happeningNow } from '../test-fixture.js';

describe.each(DB_KINDS)('door search as people speak on %s', (kind) => {
  let t: TestApp;
  let f: AttendanceFixture;
  let eventId: string;
  const tickets: Record<string, string> = {};
  beforeAll(async () => {
    f = await attendanceFixture(kind);
    t = f.t;
    eventId = (await f.newEvent(happeningNow())).id;
    const people = [
      {
        key: 'selma',
        name: 'Sélma Aulia',
        frontTitles: 'Dr. H.',
        backTitles: 'S.E., M.Si.',
        phone: '081310000005',
      },
      { key: 'budi', name: 'Budi Santoso', phone: '+62 812-3456-7890' },
      { key: 'siti', name: 'Siti Nurhaliza', email: 'siti.nur@example.test' },
      { key: 'siti2', name: 'Sitti Rahmah', phone: '0857 1111 2222' },
    ];
    for (const { key, ...p } of people) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/registrations`,
        payload: { ...p, mode: 'onsite', consent: true },
      });
      expect(r.statusCode, r.body).toBe(201);
      tickets[key] = r.json().ticketCode;
    }
  });
  afterAll(() => t.close());

  const find = async (q: string, token = f.door) => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${eventId}/checkins/search?q=${encodeURIComponent(q)}`,
      token,
    });
    return r;
  };
  const names = async (q: string) =>
    ((await find(q)).json().results as { name: string }[]).map((r) => r.name);

  it('finds a phone number in any local spelling, and a part of it', async () => {
    for (const q of [
      '081310000005',
      '0813 1000 0005',
      '0813-1000-0005',
      '+62 813 1000 0005',
      '6281310000005',
      '0813.1000.0005',
      '10000005',
    ]) {
      expect(await names(q), q).toEqual(['Dr. H. Sélma Aulia, S.E., M.Si.']);
    }
    for (const q of ['0812-3456-7890', '081234567890', '+6281234567890', '3456 7890']) {
      expect(await names(q), q).toEqual(['Budi Santoso']);
    }
  });

  it('finds a name without titles or diacritics, in any case and word order, as it is typed', async () => {
    for (const q of ['selma', 'SELMA', 'Dr. Selma', 'aulia selma', 'Sélma, S.E.', 'sel', 'Bapak Budi']) {
      expect((await names(q)).length, q).toBe(1);
    }
    // "sit" is the start of two names; the one starting with it comes first, both are found.
    expect(await names('sit')).toEqual(['Siti Nurhaliza', 'Sitti Rahmah']);
    expect(await names('nurhaliza')).toEqual(['Siti Nurhaliza']);
  });

  it('finds a ticket code and an e-mail; letters in a number make it a name', async () => {
    expect(await names(tickets.budi!)).toEqual(['Budi Santoso']);
    expect(await names(`https://aula.example/t/${tickets.budi}`)).toEqual(['Budi Santoso']);
    expect(await names('siti.nur@example.test')).toEqual(['Siti Nurhaliza']);
    // "0813abc" is not a phone number: searched as a name, it finds nobody (and no phone matches "0813").
    expect(await names('0813abc')).toEqual([]);
  });

  it('refuses a search of one character with the field named; only door staff may search', async () => {
    const one = await find('s');
    expect(one.statusCode).toBe(400);
    expect(one.json().error.message).toContain('q');
    expect((await find('  b  ')).statusCode).toBe(400);
    expect((await find('selma', f.outsider)).statusCode).toBe(403);
    expect((await find('selma', f.moderator)).statusCode).toBe(403);
    expect((await find('selma', f.organizer)).statusCode).toBe(200);
    const anon = await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/checkins/search?q=selma` });
    expect(anon.statusCode).toBe(401);
  });

  it('finds someone who registered a moment ago (the index of the last search is not kept over it)', async () => {
    expect(await names('wulan')).toEqual([]);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      payload: { name: 'Wulan Sari', phone: '0813 2222 4444', mode: 'onsite', consent: true },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(await names('wulan')).toEqual(['Wulan Sari']);
    expect(await names('0813-2222-4444')).toEqual(['Wulan Sari']);
  });
});
