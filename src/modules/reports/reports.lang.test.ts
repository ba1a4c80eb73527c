import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { checkIn, demoEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';
import { pdfText } from '../../../test/helpers/pdf.js';

// Fixed Indonesian words of the report's structure: none may be left in the English report.
const ID_LABELS = [
  'LAPORAN KEGIATAN',
  'LEMBAR PENGESAHAN',
  'BAB I ',
  'BAB II ',
  'PENDAHULUAN',
  'Hari, tanggal',
  'Susunan Acara',
  'Terdaftar (terkonfirmasi)',
  'Daftar tunggu',
  'Tanda tangan',
  'Daftar Hadir',
  'Hasil Evaluasi',
  'Belum ada evaluasi',
  'Lampiran 1',
  'Tempat (luring)',
  'Terdapat ',
];

describe.each(DB_KINDS)('activity report in two languages on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let slug: string;
  let stats: { attendance: { onsite: number; online: number; total: number } };
  const typed = 'Hujan deras sempat menunda registrasi ulang selama lima belas menit.';

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ organizer, slug } = await demoEvent(t));
    const event = (await t.inject({ method: 'GET', url: `/api/v1/events/${slug}`, token: organizer })).json();
    for (let i = 0; i < 3; i++) {
      const r = await seedRegistration(t.app.ctx.db, event.id, { name: `Peserta ${i}` });
      await checkIn(t, organizer, slug, r.ticketCode);
    }
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${slug}/report/narrative`,
      token: organizer,
      payload: { obstacles: typed },
    });
    stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${slug}/stats`, token: organizer })).json();
  });
  afterAll(() => t.close());

  const get = (query: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url: `/api/v1/events/${slug}/report?${query}`, token: organizer, headers });

  it('is in Bahasa Indonesia by default and in English with lang=en, the narrative kept as typed', async () => {
    const id = await get('format=md');
    expect(id.body).toContain('LEMBAR PENGESAHAN');
    expect(id.body).toContain(`${stats.attendance.total} orang (${stats.attendance.onsite} luring`);
    expect(id.body).toContain(typed);

    const en = await get('format=md&lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-disposition']).toContain('activity-report-');
    for (const label of [
      'ACTIVITY REPORT',
      'APPROVAL SHEET',
      'CHAPTER I INTRODUCTION',
      'CHAPTER II IMPLEMENTATION',
      'CHAPTER III RESULTS AND EVALUATION',
      'CHAPTER IV CLOSING',
      'APPENDICES',
      'Appendix 1. Attendance List of Participants',
      'Day, date',
      'Thursday, 30 December 2021',
      `${stats.attendance.total} people (${stats.attendance.onsite} in the hall, ${stats.attendance.online} online)`,
      'No evaluation has come in yet.',
      'News Article Draft (English)',
    ])
      expect(en.body).toContain(label);
    // The organizer's narrative is not translated.
    expect(en.body).toContain(typed);
    // Everything before the news drafts (which come in both languages) is English.
    const body = en.body.slice(0, en.body.indexOf('News Article Draft (Indonesian)'));
    for (const label of ID_LABELS) expect(body).not.toContain(label);
  });

  it('speaks English in every format, and follows the request locale when lang is not given', async () => {
    const html = await get('format=html&lang=en');
    expect(html.body).toContain('<html lang="en">');
    expect(html.body).toContain('CHAPTER II IMPLEMENTATION');

    const pdf = await get('format=pdf&lang=en');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('ACTIVITY REPORT');
    expect(text).toContain(`${stats.attendance.total} people (${stats.attendance.onsite} in the hall`);
    expect(text).not.toContain('LEMBAR PENGESAHAN');
    const pdfId = (await pdfText((await get('format=pdf&lang=id')).rawPayload)).replace(/\s+/g, ' ');
    expect(pdfId).toContain('LEMBAR PENGESAHAN');

    const docx = await get('format=docx&lang=en');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('CHAPTER I INTRODUCTION');
    expect(xml).not.toContain('BAB I PENDAHULUAN');

    const byLocale = await get('format=md', { 'accept-language': 'en-US,en;q=0.9' });
    expect(byLocale.body).toContain('APPROVAL SHEET');
    const explicit = await get('format=md&lang=id', { 'accept-language': 'en-US,en;q=0.9' });
    expect(explicit.body).toContain('LEMBAR PENGESAHAN');
    expect((await get('format=md&lang=fr')).statusCode).toBe(400);
  });
});
