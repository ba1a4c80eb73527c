import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type Zippable, zipSync } from 'fflate';
import { formatDate } from '../../shared/time.js';
import { CERT_ROLES, type CertRole, ROLE_LABELS } from '../certificates/index.js';
import type { EventRow } from '../events/index.js';
import type { ReportData } from './reports.data.js';
import { produceReport } from './reports.produce.js';
import { formatNumber } from './reports.text.js';
import type { ReportSource } from './reports.versions.js';

/** The daftar hadir files, as the attendance module writes them. */
export interface ListFiles {
  file(
    event: EventRow,
    kind: 'hall' | 'online' | 'speakers' | 'committee',
    only: 'present' | 'all',
    format: 'pdf' | 'xlsx',
  ): Promise<{ body: Buffer; filename: string }>;
}

const LISTS = [
  ['hall', 'all'],
  ['hall', 'present'],
  ['online', 'present'],
  ['speakers', 'all'],
  ['committee', 'all'],
] as const;

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'foto';

async function workbook(sheet: string, head: string[], rows: (string | number)[][], widths: number[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aula';
  const ws = wb.addWorksheet(sheet);
  ws.columns = widths.map((width) => ({ width }));
  const h = ws.addRow(head);
  h.font = { bold: true };
  // Values are written as values: a name starting with "=" stays text, never a formula.
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function certificateRows(d: ReportData) {
  return d.certificates.map((c, i) => [
    i + 1,
    c.number,
    c.name,
    (CERT_ROLES as readonly string[]).includes(c.role) ? ROLE_LABELS[c.role as CertRole].id : c.role,
    c.status === 'valid' ? 'sah' : 'dicabut',
  ]);
}

function evaluationRows(d: ReportData): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const q of d.evaluation.questions) {
    if (q.kind === 'likert')
      rows.push([
        q.label,
        q.average == null ? '-' : formatNumber(q.average, 'id', 2),
        q.answered,
        q.distribution?.join(' / ') ?? '',
      ]);
    else if (q.kind === 'choice')
      for (const o of q.options ?? []) rows.push([`${q.label} — ${o.label}`, '', o.count, '']);
    else for (const c of q.comments ?? []) rows.push([`${q.label}: ${c}`, '', '', '']);
  }
  return rows;
}

/**
 * The SPJ pack a finance office asks for, as one ZIP: the report (PDF and DOCX; the current final version
 * when there is one), every daftar hadir (PDF and XLSX), the documentation photos, the certificate list and
 * the evaluation summary, with a contents file. JPEG, PDF and DOCX are already compressed: stored as is.
 */
export async function buildSpj(
  src: ReportSource,
  lists: ListFiles,
  uploadsDir: string,
): Promise<{ body: Buffer; filename: string }> {
  const d = src.data;
  const e = d.event;
  const files: Zippable = {};
  const stored = { level: 0 as const };
  const contents: string[] = [];
  const add = (path: string, data: Uint8Array, what: string, compress = false) => {
    files[path] = compress ? data : [data, stored];
    contents.push(`${path} — ${what}`);
  };

  const state = src.version ? `final versi ${src.version.version}` : 'draf (belum ditetapkan final)';
  for (const format of ['pdf', 'docx'] as const) {
    const r = await produceReport(src, format, 'id', uploadsDir);
    add(`01-laporan/${r.file}`, Buffer.from(r.body), `Laporan kegiatan, ${state}`);
  }
  for (const [kind, only] of LISTS) {
    for (const format of ['pdf', 'xlsx'] as const) {
      const f = await lists.file(e, kind, only, format);
      add(`02-daftar-hadir/${f.filename}`, f.body, 'Daftar hadir');
    }
  }
  let n = 0;
  for (const p of d.photos) {
    const data = await readFile(`${uploadsDir}/${p.path}`).catch(() => null);
    if (!data) continue;
    n++;
    const name = `${String(n).padStart(2, '0')}-${slugOf(p.caption ?? p.agendaTitle ?? 'dokumentasi')}.jpg`;
    add(`03-dokumentasi/${name}`, data, p.caption ?? 'Dokumentasi kegiatan');
  }
  add(
    '04-sertifikat/daftar-sertifikat.xlsx',
    await workbook(
      'Sertifikat',
      ['No', 'Nomor', 'Nama', 'Sebagai', 'Status'],
      certificateRows(d),
      [6, 34, 40, 16, 10],
    ),
    `Sertifikat yang diterbitkan (${d.certificates.length})`,
  );
  add(
    '05-evaluasi/ringkasan-evaluasi.xlsx',
    await workbook(
      'Evaluasi',
      ['Aspek', 'Rata-rata (1–5)', 'Jumlah jawaban', 'Sebaran 1/2/3/4/5'],
      [[`Responden: ${d.evaluation.responses}`, '', '', ''], ...evaluationRows(d)],
      [70, 16, 16, 20],
    ),
    `Ringkasan evaluasi (${d.evaluation.responses} responden)`,
  );
  const head = [
    'PAKET SPJ — BERKAS PERTANGGUNGJAWABAN KEGIATAN',
    e.title,
    formatDate(e.starts_at, e.timezone, 'id'),
    d.org?.name ?? '',
    `Dibuat oleh Aula ${formatDate(d.generatedAt, e.timezone, 'id')}; laporan: ${state}.`,
    '',
    'Isi:',
  ];
  files['00-isi.txt'] = new TextEncoder().encode(`${[...head, ...contents].join('\r\n')}\r\n`);
  const body = Buffer.from(
    zipSync(files, { level: 6, mtime: new Date(src.version?.finalizedAt ?? d.generatedAt) }),
  );
  return { body, filename: `spj-${e.slug}${src.version ? `-v${src.version.version}` : '-draf'}.zip` };
}
