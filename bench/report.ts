// `npm run bench -- report`: the activity report of an event with 1,000 attendees, 200 questions
// and 20 photos, in every format. Goal: each under 3 s. Baseline in the same run: a plain pdf-lib
// document with as many lines of text as the report's PDF, in a standard font, no layout at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { createTestApp } from '../test/helpers/app.js';
import { pdfText } from '../test/helpers/pdf.js';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';

const t = await createTestApp('sqlite');
const token = await t.tokenFor('organizer');
const user = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', token })).json().user;
const ev = (
  await t.inject({
    method: 'POST',
    url: '/api/v1/events',
    token,
    payload: {
      title: 'Seminar Hybrid: Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
      // On now: scans, joins and codes count only inside the event's presence window.
      startsAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 60 * 60_000).toISOString(),
      venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo' },
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
    },
  })
).json();
const db = t.app.ctx.db;
const hall = await seedRegistrations(db, ev.id, 600, { mode: 'onsite', prefix: 'Peserta Luring' });
const online = await seedRegistrations(db, ev.id, 400, { mode: 'online', prefix: 'Peserta Daring' });
for (const r of hall)
  await t.inject({
    method: 'POST',
    url: `/api/v1/events/${ev.id}/checkins`,
    token,
    payload: { ticketCode: r.ticketCode },
  });
await t.inject({
  method: 'PUT',
  url: `/api/v1/events/${ev.id}/attendance/settings`,
  token,
  payload: { onlineRule: 'join' },
});
for (const r of online) await t.inject({ method: 'GET', url: `/t/${r.ticketCode}/join` });
const event0 = await db.selectFrom('events').selectAll().where('id', '=', ev.id).executeTakeFirstOrThrow();
const qa = t.app.ctx.services.qa;
for (let i = 0; i < 200; i++) {
  // Through the Q&A service (the HTTP route limits questions per address, and all of these come from one).
  const reg = (i % 2 ? online[i] : hall[i])!;
  const { question } = await qa.ask(
    event0,
    {
      text: `Pertanyaan nomor ${i + 1}: bagaimana strategi pemasaran digital untuk usaha mikro di desa?`,
      channel: i % 2 ? 'online' : 'onsite',
      authorName: `Penanya ${i}`,
      anonymous: false,
    },
    { key: `t:${reg.id}`, registrationId: reg.id, name: reg.name },
  );
  const status = i % 3 === 0 ? 'answered' : 'approved';
  const r = await t.inject({
    method: 'PATCH',
    url: `/api/v1/questions/${question.id}`,
    token,
    payload: { status },
  });
  if (r.statusCode !== 200) throw new Error(`moderation failed: ${r.body}`);
}
const media = t.app.ctx.services.media;
// Twenty different phone-sized photos (identical files would be stored once inside the DOCX).
const photos = await Promise.all(
  Array.from({ length: 20 }, (_, i) =>
    sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: { r: 40 + i * 9, g: 120, b: 200 - i * 7 },
        noise: { type: 'gaussian', mean: 100 + i, sigma: 30 },
      },
    })
      .jpeg({ quality: 85 })
      .toBuffer(),
  ),
);
const event = await t.app.ctx.db
  .selectFrom('events')
  .selectAll()
  .where('id', '=', ev.id)
  .executeTakeFirstOrThrow();
// The service takes photos as the upload route stages them: files on disk (issue 13).
mkdirSync(join(t.config.dataDir, 'incoming'), { recursive: true });
const staged = photos.map((data, i) => {
  const path = join(t.config.dataDir, 'incoming', `bench-${i}.part`);
  writeFileSync(path, data);
  return { filename: `IMG_${i}.jpg`, path, bytes: data.length };
});
await media.addPhotos(
  event,
  staged,
  { captions: Array.from({ length: 20 }, (_, i) => `Dokumentasi ${i + 1}`), agendaItemId: null },
  { ...user, via: 'token', csrf: null },
);
const stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/stats`, token })).json();
console.log(
  `event: ${stats.attendance.onsite} present in the hall, ${stats.attendance.online} online, ${stats.questions.total} questions, 20 photos`,
);

const timings: Record<string, number> = {};
const sizes: Record<string, number> = {};
let pdfBytes: Buffer | null = null;
for (const format of ['md', 'html', 'docx', 'pdf'] as const) {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const s = performance.now();
    const r = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.id}/report?format=${format}`,
      token,
    });
    runs.push(performance.now() - s);
    if (r.statusCode !== 200) throw new Error(`${format}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    sizes[format] = r.rawPayload.length;
    if (format === 'pdf') pdfBytes = r.rawPayload;
  }
  timings[format] = Math.min(...runs);
  console.log(
    `${format.padEnd(5)} ${timings[format]!.toFixed(0)} ms (best of 3), ${(sizes[format]! / 1024).toFixed(0)} KB`,
  );
}
// The English report, and a final version rendered from its stored snapshot, should cost what the draft does.
const fin = await t.inject({ method: 'POST', url: `/api/v1/events/${ev.id}/report/final`, token });
if (fin.statusCode !== 201) throw new Error(`final: ${fin.statusCode} ${fin.body.slice(0, 200)}`);
for (const [label, query] of [
  ['pdfEn', 'format=pdf&lang=en'],
  ['pdfFinal', 'format=pdf&version=1'],
] as const) {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const s = performance.now();
    const r = await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/report?${query}`, token });
    runs.push(performance.now() - s);
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  }
  timings[label] = Math.min(...runs);
  console.log(`${label.padEnd(8)} ${timings[label]!.toFixed(0)} ms (best of 3)`);
}
const lines = (await pdfText(pdfBytes!)).split('\n').length;
const plainStart = performance.now();
const plain = await PDFDocument.create();
const font = await plain.embedFont(StandardFonts.Helvetica);
let page = plain.addPage();
for (let i = 0; i < lines; i++) {
  if (i % 50 === 0) page = plain.addPage();
  page.drawText(`Baris ${i} laporan kegiatan`, { x: 50, y: 800 - (i % 50) * 15, size: 10, font });
}
await plain.save();
const plainMs = performance.now() - plainStart;
console.log(`baseline: plain pdf-lib document with ${lines} text lines: ${plainMs.toFixed(0)} ms`);
const worst = Math.max(...Object.values(timings));
console.log(
  JSON.stringify({
    bench: 'report',
    attendees: stats.attendance.total,
    questions: stats.questions.total,
    photos: 20,
    mdMs: Math.round(timings.md!),
    htmlMs: Math.round(timings.html!),
    docxMs: Math.round(timings.docx!),
    pdfMs: Math.round(timings.pdf!),
    pdfEnMs: Math.round(timings.pdfEn!),
    pdfFinalMs: Math.round(timings.pdfFinal!),
    pdfBytes: sizes.pdf,
    docxBytes: sizes.docx,
    worstMs: Math.round(worst),
    goalMs: 3000,
    plainPdfMs: Math.round(plainMs),
    ratio: Math.round((plainMs / timings.pdf!) * 1000) / 1000,
  }),
);
await t.close();
