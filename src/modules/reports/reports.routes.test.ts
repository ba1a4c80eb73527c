import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { checkIn, demoEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';
import { pdfText } from '../../../test/helpers/pdf.js';

describe.each(DB_KINDS)('activity report on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let slug: string;
  let stats: {
    attendance: { onsite: number; online: number; total: number };
    questions: { total: number; onsite: number; online: number; answered: number };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ organizer, slug } = await demoEvent(t));
    const event = (await t.inject({ method: 'GET', url: `/api/v1/events/${slug}`, token: organizer })).json();
    // The seed: 52 in the hall and 47 online would take long; a smaller crowd shows the same bookkeeping.
    const hall = [];
    for (let i = 0; i < 6; i++)
      hall.push(await seedRegistration(t.app.ctx.db, event.id, { name: `Peserta Luring ${i}` }));
    const online = [];
    for (let i = 0; i < 4; i++)
      online.push(
        await seedRegistration(t.app.ctx.db, event.id, { name: `Peserta Daring ${i}`, mode: 'online' }),
      );
    await seedRegistration(t.app.ctx.db, event.id, { name: '<b>Tidak Hadir</b>' });
    for (const r of hall.slice(0, 5)) await checkIn(t, organizer, slug, r.ticketCode);
    // A second scan of the same ticket never counts twice.
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${slug}/checkins`,
      token: organizer,
      payload: { ticketCode: hall[0]!.ticketCode, override: { reason: 'Tes: di luar jendela acara' } },
    });
    const s = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${slug}/attendance/settings`,
      token: organizer,
      payload: { onlineRule: 'join' },
    });
    expect(s.statusCode).toBe(200);
    // The seminar is long past: its joins count for nothing now, so the organizer records who followed online.
    for (const r of online.slice(0, 3))
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${slug}/attendance/corrections`,
        token: organizer,
        payload: { registrationId: r.id, set: 'online', reason: 'Laporan Zoom' },
      });
    const asked: string[] = [];
    for (const [text, channel] of [
      ['Bagaimana cara mendapatkan kartu UMKM di Kota Probolinggo?', 'onsite'],
      ['Apakah ada pendampingan pemasaran digital untuk usaha kecil?', 'online'],
      ['Bagaimana menentukan produk unggulan One Village One Product?', 'onsite'],
      ['Apakah materi presentasi bisa dibagikan kepada peserta?', 'online'],
      ['<script>alert(1)</script> Bagaimana cara mengurus izin usaha?', 'online'],
    ] as const) {
      const q = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${slug}/questions`,
        token: organizer,
        payload: { text, channel, authorName: 'Peserta' },
      });
      expect(q.statusCode, q.body).toBe(201);
      asked.push(q.json().id);
    }
    for (const id of asked.slice(0, 3)) {
      const a = await t.inject({
        method: 'PATCH',
        url: `/api/v1/questions/${id}`,
        token: organizer,
        payload: { status: 'answered' },
      });
      expect(a.statusCode, a.body).toBe(200);
    }
    const approve = await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${asked[4]}`,
      token: organizer,
      payload: { status: 'approved' },
    });
    expect(approve.statusCode).toBe(200);
    stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${slug}/stats`, token: organizer })).json();
  });
  afterAll(() => t.close());

  it('states the same counts as the stats endpoint, in every format', async () => {
    expect(stats.attendance).toEqual({ onsite: 5, online: 3, total: 8 });
    expect(stats.questions).toMatchObject({ total: 5, onsite: 2, online: 3, answered: 3 });
    const md = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/report?format=md`,
      token: organizer,
    });
    expect(md.statusCode).toBe(200);
    // The question sentence counts the rows of the report's table (approved and answered questions: the
    // pending one is left out of both), never the stats' tally of every question asked.
    const facts = [
      `${stats.attendance.total} orang (${stats.attendance.onsite} luring, ${stats.attendance.online} daring)`,
      'Terdapat 4 pertanyaan dari audiens: 2 dari peserta luring dan 2 dari peserta daring. Sebanyak 3 pertanyaan dijawab',
      `disaksikan oleh ${stats.attendance.onsite} audiens yang hadir di lokasi`,
      `${stats.attendance.online} lainnya yang hadir secara daring`,
    ];
    for (const f of facts) expect(md.body).toContain(f);
    expect(md.body).toContain('BAB II PELAKSANAAN');
    expect(md.body).toContain('LEMBAR PENGESAHAN');
    expect(md.body).toContain('Choirul Arifin, S.St.Pi., M.M');
    expect(md.body).not.toContain('<script>');
    expect(md.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const html = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/report?format=html`,
      token: organizer,
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('&lt;script>');
    for (const f of facts) expect(html.body).toContain(f.replace(/&/g, '&amp;'));

    const pdf = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/report?format=pdf`,
      token: organizer,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    for (const f of facts) expect(text).toContain(f);
    expect(text).toContain('LAPORAN KEGIATAN');

    const docx = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/report?format=docx`,
      token: organizer,
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('BAB I PENDAHULUAN');
    expect(xml).toContain(
      `${stats.attendance.total} orang (${stats.attendance.onsite} luring, ${stats.attendance.online} daring)`,
    );
    // A4 with 4-3-4-3 cm margins.
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2268"/);
    expect(xml).toMatch(/w:left="1701"/);
  });

  it('writes the news article in Indonesian and English from the same numbers', async () => {
    const id = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${slug}/berita?lang=id`, token: organizer })
    ).json();
    expect(id.text).toContain('bekerja sama dengan');
    expect(id.text).toContain('Terdapat 4 pertanyaan');
    const en = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${slug}/berita?lang=en`, token: organizer })
    ).json();
    expect(en.text).toContain(
      `${stats.attendance.onsite} people attended in the hall and ${stats.attendance.online} online`,
    );
  });

  it('keeps the narrative the organizer writes, and refuses bad input', async () => {
    const ok = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${slug}/report/narrative`,
      token: organizer,
      payload: { obstacles: 'Sinyal internet di aula sempat terputus sepuluh menit.' },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${slug}/report/narrative`,
      token: organizer,
      payload: { margins: { top: 40 } },
    });
    expect(bad.statusCode).toBe(400);
    const md = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${slug}/report?format=md`,
      token: organizer,
    });
    expect(md.body).toContain('Sinyal internet di aula sempat terputus sepuluh menit.');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${slug}/report?format=odt`, token: organizer }))
        .statusCode,
    ).toBe(400);
  });

  it('only organizers of the event get the report', async () => {
    const url = `/api/v1/events/${slug}/report?format=md`;
    expect((await t.inject({ method: 'GET', url })).statusCode).toBe(401);
    for (const role of ['organizer', 'checkin', 'moderator'] as const) {
      expect((await t.inject({ method: 'GET', url, token: await t.tokenFor(role) })).statusCode).toBe(403);
    }
  });
});
