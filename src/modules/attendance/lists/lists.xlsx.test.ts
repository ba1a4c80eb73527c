import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../../test/helpers/events.js';

/** Issue 13 point 8: the attendance-list workbook prefixes formula-like cells as the CSV does. */
describe.each(DB_KINDS)('attendance list XLSX on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  const hostile = [
    { name: '=HYPERLINK("http://evil.test","klik")', institution: '@SUM(A1:A9)' },
    { name: '+62 Budi', institution: '-1+1' },
    { name: 'Siti Aminah', institution: 'UMKM Kanigaran' },
  ];
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (
      await createEvent(
        t,
        organizer,
        { ...seedSeminar, startsAt: '2031-12-30T09:00:00+07:00', endsAt: '2031-12-30T12:00:00+07:00' },
        { publish: true },
      )
    ).id;
    for (const [i, p] of hostile.entries()) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/registrations`,
        payload: { ...p, email: `p${i}@example.test`, mode: 'onsite', consent: true },
      });
      expect(r.statusCode, r.body).toBe(201);
      const c = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/checkins`,
        token: organizer,
        payload: { ticketCode: r.json().ticketCode, override: { reason: 'uji coba' } },
      });
      expect(c.statusCode, c.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('writes names and institutions as text with the apostrophe the CSV uses', async () => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${eventId}/attendance/lists/hall?format=xlsx`,
      token: organizer,
    });
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') values.push(cell.value);
      }),
    );
    expect(values).toContain(`'=HYPERLINK("http://evil.test","klik")`);
    expect(values).toContain(`'@SUM(A1:A9)`);
    expect(values).toContain(`'-1+1`);
    expect(values).toContain('Siti Aminah');
    // Nothing formula-like is left without its apostrophe.
    expect(values.filter((v) => /^[=+\-@]/.test(v))).toEqual([]);
  });
});
