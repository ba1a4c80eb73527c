// `npm run bench -- certificates`: 1,000 personalized certificates (background photo, two signature
// images, subset DejaVu fonts, a vector QR code each) against a plain pdf-lib page with one text
// line, measured in the same run with the same workers and the same concurrency.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { defaultLayout } from '../src/modules/certificates/certificates.schemas.js';
import { prepareTemplate, renderCertificate } from '../src/modules/certificates/pdf/render.js';
import type { CertData, PreparedTemplate } from '../src/modules/certificates/pdf/template.js';
import '../src/shared/pdf.js';

const N = Number(process.env.BENCH_N ?? 1000);
const CONCURRENCY = 16;
const FRONT = ['', 'Dr. ', 'Dr. H. ', 'Prof. Dr. Hj. ', 'Ir. '];
const BACK = ['', ', S.E.', ', S.Sos., M.M.', ', S.IP., M.IP.', ', S.St.Pi., M.M', ', S.Kom., M.Kom., Ph.D.'];
const NAMES = [
  'Andhi Nur Rahmadi',
  'Siti Rahmawati',
  'Munawar Hasyim',
  'Heri Sutanto',
  'Dwi Arianto',
  'Ni Luh Putu Ayu Kusumawardhani',
  'Choirul Arifin',
];

function dataFor(i: number): CertData {
  return {
    name: `${FRONT[i % FRONT.length]}${NAMES[i % NAMES.length]} ${i}${BACK[i % BACK.length]}`,
    roleText: 'PESERTA',
    number: `${String(i + 1).padStart(3, '0')}/SERT/FISIP-UPM/XII/2021`,
    eventTitle:
      'Seminar Hybrid (Tatap Muka dan Daring): Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
    datePlace:
      'yang diselenggarakan pada Kamis, 30 Desember 2021 di Aula Kelurahan Kanigaran dan secara daring',
    issuer:
      'Program Studi Administrasi Publik FISIP Universitas Panca Marga bekerja sama dengan Kelurahan Kanigaran dan LPM Kota Probolinggo',
    issued: 'Probolinggo, 30 Desember 2021',
    verifyUrl: `https://aula.example.id/v/${(1e11 + i * 7919).toString(36).toUpperCase()}`,
    code: (1e11 + i * 7919).toString(36).toUpperCase(),
  };
}

async function assets(): Promise<{ bg: Buffer; sig: Buffer }> {
  // A background like an organizer's design: a photo-like gradient with texture, as a ~200 KB JPEG.
  const noise = await sharp({
    create: {
      width: 2339,
      height: 1654,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .png()
    .toBuffer();
  const bg = await sharp({ create: { width: 2339, height: 1654, channels: 3, background: '#eef3fb' } })
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: 60, mozjpeg: true })
    .toBuffer();
  const sig = await sharp({
    create: { width: 600, height: 240, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="600" height="240"><path d="M20 180 C 120 20, 240 220, 580 60" stroke="#1a237e" stroke-width="8" fill="none"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  return { bg, sig };
}

/** Each worker prepares the template once from the same bytes, as the server does per template version. */
async function template(a: { bg: Uint8Array; sig: Uint8Array }): Promise<PreparedTemplate> {
  const { bg, sig } = a;
  return prepareTemplate({
    orientation: 'landscape',
    layout: defaultLayout(),
    signers: [
      {
        name: 'Imam Sucahyo, M.AP',
        idLabel: 'NIDN',
        idNumber: '0712345678',
        position: 'Dekan Fakultas Ilmu Sosial dan Ilmu Politik',
      },
      {
        name: 'Dwi Arianto, S.Sos., M.M.',
        idLabel: 'NIP',
        idNumber: '19700101 199003 1 001',
        position: 'Lurah Kanigaran',
      },
    ],
    signatureImages: [sig, sig],
    background: { kind: 'image', bytes: bg },
  });
}

async function plain(i: number): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([841.89, 595.28]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(`Sertifikat nomor ${i}`, { x: 60, y: 500, size: 24, font });
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** Renders items [from, to) with a fixed number in flight (pdf-lib waits on timers; overlap hides it). */
async function run(kind: 'cert' | 'plain', from: number, to: number, t: PreparedTemplate | null) {
  let next = from;
  let maxBytes = 0;
  let total = 0;
  async function lane() {
    while (next < to) {
      const i = next++;
      const bytes = kind === 'cert' ? await renderCertificate(t!, dataFor(i)) : await plain(i);
      maxBytes = Math.max(maxBytes, bytes.length);
      total += bytes.length;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { maxBytes, total };
}

if (!isMainThread) {
  const t = await template(workerData as { bg: Uint8Array; sig: Uint8Array });
  await run('cert', 0, 30, t);
  await run('plain', 0, 30, null);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', async (m: { kind: 'cert' | 'plain'; from: number; to: number }) => {
    const r = await run(m.kind, m.from, m.to, t);
    parentPort!.postMessage({ ...r, maxRss: process.resourceUsage().maxRSS * 1024 });
  });
} else {
  const workers = Math.max(1, Math.min(2, availableParallelism()));
  const bytes = await assets();
  const pool = await Promise.all(
    Array.from({ length: workers }, () => {
      const w = new Worker(new URL(import.meta.url), { workerData: bytes });
      return new Promise<Worker>((resolve) => w.once('message', () => resolve(w)));
    }),
  );
  async function measure(kind: 'cert' | 'plain') {
    const per = Math.ceil(N / workers);
    // Workers are threads of this process: sampling its RSS while they render gives the peak of the run itself.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const start = performance.now();
    const results = await Promise.all(
      pool.map(
        (w, k) =>
          new Promise<{ maxBytes: number; total: number; maxRss: number }>((resolve) => {
            w.once('message', resolve);
            w.postMessage({ kind, from: k * per, to: Math.min(N, (k + 1) * per) });
          }),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    return {
      perSec: N / seconds,
      maxBytes: Math.max(...results.map((r) => r.maxBytes)),
      avgBytes: results.reduce((a, r) => a + r.total, 0) / N,
      maxRss: peakRss,
    };
  }
  const plainR = await measure('plain');
  const certR = await measure('cert');
  const peak = certR.maxRss;
  console.log(`workers: ${workers}, ${CONCURRENCY} in flight each, ${N} documents per kind`);
  console.log(`plain pdf-lib page, one line:   ${plainR.perSec.toFixed(0)}/s, ${plainR.maxBytes} bytes`);
  console.log(`personalized certificates:       ${certR.perSec.toFixed(0)}/s`);
  console.log(
    `  size: max ${(certR.maxBytes / 1024).toFixed(1)} KB, mean ${(certR.avgBytes / 1024).toFixed(1)} KB (limit 300 KB)`,
  );
  console.log(
    `  peak memory while rendering (RSS of the process, both workers): ${(peak / 1048576).toFixed(0)} MB; plain: ${(plainR.maxRss / 1048576).toFixed(0)} MB`,
  );
  console.log(
    JSON.stringify({
      bench: 'certificates',
      n: N,
      workers,
      certificatesPerSec: Math.round(certR.perSec),
      maxBytes: certR.maxBytes,
      peakRssMb: Math.round(peak / 1048576),
      plainPerSec: Math.round(plainR.perSec),
      ratio: Math.round((certR.perSec / plainR.perSec) * 1000) / 1000,
    }),
  );
  await Promise.all(pool.map((w) => w.terminate()));
}
