import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../../test/helpers/events.js';
import { parseMinutes, parseReport } from './imports.service.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('meeting report parsing', () => {
  it('reads durations in the forms Zoom and Meet write them', () => {
    expect(parseMinutes('183')).toBe(183);
    expect(parseMinutes('2 hr 55 min')).toBe(175);
    expect(parseMinutes('45 min')).toBe(45);
    expect(parseMinutes('01:05:40')).toBe(66);
    expect(parseMinutes('soon')).toBeNull();
  });
  it('finds the participant table under Zoom’s meeting block, and reads Meet’s report', () => {
    const zoom = parseReport(fixture('zoom-participants.csv'));
    expect(zoom.source).toBe('zoom');
    expect(zoom.rows).toHaveLength(7);
    expect(zoom.rows[0]).toMatchObject({ name: 'Dewi Lestari', email: 'dewi@example.test', minutes: 183 });
    const meet = parseReport(fixture('meet-attendance.csv'));
    expect(meet.source).toBe('meet');
    expect(meet.rows.map((r) => [r.name, r.minutes])).toEqual([
      ['Dewi Lestari', 175],
      ['Joko Susilo', 45],
    ]);
  });
});

describe.each(DB_KINDS)('attendance import and lists on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let door: string;
  let eventId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    door = await t.tokenFor('checkin');
    eventId = (
      await createEvent(
        t,
        organizer,
        { ...seedSeminar, startsAt: '2031-12-30T09:00:00+07:00', endsAt: '2031-12-30T12:00:00+07:00' },
        { publish: true },
      )
    ).id;
    const people: [string, Record<string, unknown>][] = [
      ['dewi', { name: 'Dewi Lestari', email: 'dewi@example.test', mode: 'online' }],
      ['budi', { name: 'Budi Santoso', phone: '081211112222', mode: 'online' }],
      ['siti', { name: 'Siti Aminah', email: 'siti@example.test', mode: 'online' }],
      ['andi', { name: 'Andi Wijaya', phone: '081233334444', mode: 'online' }],
      [
        'hall',
        {
          name: 'Munawar Hasyim',
          frontTitles: null,
          backTitles: 'S.E.',
          phone: '081255556666',
          institution: 'UMKM <b>Kanigaran</b>',
          mode: 'onsite',
        },
      ],
    ];
    for (const [k, p] of people) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/registrations`,
        payload: { ...p, consent: true },
      });
      expect(r.statusCode, r.body).toBe(201);
      ids[k] = r.json().id;
      ids[`${k}Ticket`] = r.json().ticketCode;
    }
    for (const [name, role, presence] of [
      ['Choirul Arifin', 'speaker', 'onsite'],
      ['Imam Sucahyo', 'official', 'online'],
      ['Rina Panitia', 'committee', 'onsite'],
    ] as const) {
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/people`,
        token: organizer,
        payload: { name, role, presence },
      });
    }
  });
  afterAll(() => t.close());

  const importsCount = async () =>
    (await t.app.ctx.db.selectFrom('attendance_imports').selectAll().execute()).length;

  it('refuses a file that is not a participant report, writing nothing', async () => {
    const url = `/api/v1/events/${eventId}/attendance/imports`;
    const bad = await t.inject({
      method: 'POST',
      url,
      token: organizer,
      payload: { csv: 'Produk,Harga\nKeripik,10000\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('import_unknown_columns');
    expect(bad.json().error.message).toContain('Produk');
    const empty = await t.inject({
      method: 'POST',
      url,
      token: organizer,
      payload: { csv: 'Name,Duration (Minutes)\n' },
    });
    expect(empty.json().error.code).toBe('import_empty');
    expect((await t.inject({ method: 'POST', url, token: organizer, payload: { csv: '' } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await t.inject({
          method: 'POST',
          url,
          token: door,
          payload: { csv: fixture('zoom-participants.csv') },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'POST', url, payload: { csv: fixture('zoom-participants.csv') } }))
        .statusCode,
    ).toBe(401);
    expect(await importsCount()).toBe(0);
  });

  it('imports the Zoom report: matches by e-mail and by name, keeps the rest for review', async () => {
    await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/attendance/settings`,
      token: organizer,
      payload: { onlineRule: 'duration', minPercent: 70 },
    });
    const boundary = 'aulaBoundary';
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="participants_12345678901.csv"',
      'Content-Type: text/csv',
      '',
      fixture('zoom-participants.csv'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/attendance/imports`,
      token: organizer,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(r.statusCode, r.body).toBe(201);
    const imp = r.json();
    expect(imp).toMatchObject({
      source: 'zoom',
      filename: 'participants_12345678901.csv',
      total: 7,
      matched: 4,
      unmatched: 3,
    });
    const byName = (n: string) => imp.rows.find((x: { name: string }) => x.name === n);
    expect(byName('Dewi Lestari').registration.id).toBe(ids.dewi);
    expect(byName('Budi_UMKM Kanigaran (Budi Santoso)').registration.id).toBe(ids.budi);
    expect(byName('Dr. Siti Aminah').registration.id).toBe(ids.siti);
    expect(byName('Galaxy A12').status).toBe('unmatched');
    // Dewi 183 and Budi 59+115 minutes of 180 pass 70%; Siti's 30 minutes do not.
    let stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/stats`, token: organizer })
    ).json();
    expect(stats.attendance).toEqual({ onsite: 0, online: 2, total: 2 });
    // Review: "Galaxy A12" was Andi's phone.
    const rowUrl = `/api/v1/events/${eventId}/attendance/imports/${imp.id}/rows/${byName('Galaxy A12').id}`;
    expect(
      (await t.inject({ method: 'POST', url: rowUrl, token: organizer, payload: { registrationId: 'nope' } }))
        .statusCode,
    ).toBe(404);
    const assigned = await t.inject({
      method: 'POST',
      url: rowUrl,
      token: organizer,
      payload: { registrationId: ids.andi },
    });
    expect(assigned.json()).toMatchObject({ matched: 5, unmatched: 2 });
    const ignore = `/api/v1/events/${eventId}/attendance/imports/${imp.id}/rows/${byName('iPhone Andi').id}`;
    expect(
      (
        await t.inject({ method: 'POST', url: ignore, token: organizer, payload: { registrationId: null } })
      ).json().unmatched,
    ).toBe(1);
    stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/stats`, token: organizer })
    ).json();
    expect(stats.attendance).toEqual({ onsite: 0, online: 3, total: 3 });
    // Importing the same report again replaces minutes instead of adding them up.
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/attendance/imports`,
      token: organizer,
      payload: { csv: fixture('zoom-participants.csv') },
    });
    const row = await t.app.ctx.db
      .selectFrom('attendance')
      .select('report_minutes')
      .where('registration_id', '=', ids.budi!)
      .executeTakeFirstOrThrow();
    expect(row.report_minutes).toBe(174);
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/attendance/imports`, token: organizer })
    ).json().imports;
    expect(list).toHaveLength(2);
  });

  it('writes the daftar hadir as PDF and XLSX in the familiar layout, for organizers only', async () => {
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { ticketCode: ids.hallTicket },
    });
    const url = (list: string, q = '') => `/api/v1/events/${eventId}/attendance/lists/${list}${q}`;
    expect((await t.inject({ method: 'GET', url: url('hall'), token: door })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: url('guests'), token: organizer })).statusCode).toBe(400);
    const pdf = await t.inject({ method: 'GET', url: url('hall', '?format=pdf'), token: organizer });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // One name per list and filter: the full sheet and the present-only one never overwrite each other.
    expect(pdf.headers['content-disposition']).toMatch(/daftar-hadir-luring-semua-[a-z0-9-]+\.pdf/);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    for (const s of [
      'DAFTAR HADIR',
      'PESERTA LURING',
      'Strategi Pemulihan Perekonomian UMKM',
      'Selasa, 30 Desember 2031',
      'Tanda tangan',
      'Munawar Hasyim, S.E.',
      '<b>Kanigaran</b>',
      'Halaman 1 dari 1',
    ]) {
      expect(text, text).toContain(s);
    }
    // The header wraps after the slash, never inside a word.
    expect(text).toMatch(/Luring\/\s*Daring/);
    expect(text).toMatch(/Jumlah: \d+ orang/);
    expect(pdf.rawPayload.length).toBeLessThan(120_000);
    const online = await t.inject({ method: 'GET', url: url('online', '?format=xlsx'), token: organizer });
    expect(online.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(online.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Daftar Hadir')!;
    expect(ws.getCell('A1').value).toBe('DAFTAR HADIR');
    expect(ws.getCell('A2').value).toBe('PESERTA DARING');
    const header = ws.getRow(8).values as string[];
    expect(header.slice(1)).toEqual(['No', 'Nama', 'Instansi', 'Luring/Daring', 'Tanda tangan']);
    const names = [9, 10, 11].map((n) => ws.getRow(n).getCell(2).value);
    expect(names).toEqual(['Andi Wijaya', 'Budi Santoso', 'Dewi Lestari']);
    expect(String(ws.getRow(9).getCell(5).value)).toContain('150 menit');
    const speakers = await t.inject({ method: 'GET', url: url('speakers', '?format=pdf'), token: organizer });
    const st = (
      await extractText(await getDocumentProxy(new Uint8Array(speakers.rawPayload)), { mergePages: true })
    ).text;
    expect(st).toContain('Choirul Arifin');
    expect(st).toContain('Imam Sucahyo');
    expect(st).not.toContain('Rina Panitia');
    const committee = await t.inject({
      method: 'GET',
      url: url('committee', '?format=xlsx'),
      token: organizer,
    });
    const wc = new ExcelJS.Workbook();
    await wc.xlsx.load(committee.rawPayload as unknown as ArrayBuffer);
    expect(wc.getWorksheet('Daftar Hadir')!.getRow(9).getCell(2).value).toBe('Rina Panitia');
  });
});
