import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { Db } from '../../../db/database.js';
import { fullName, sortName } from '../../../shared/names.js';
import { CM, drawable, embed, fitHeader, useFonts, widthOf, wrap } from '../../../shared/pdf.js';
import { formatDate, formatTime } from '../../../shared/time.js';
import { type EventRow, signatureLine } from '../../events/index.js';
import { recordedPresence } from '../../program/index.js';
import { attendanceRepository as repo } from '../attendance.repository.js';
import { presenceRows } from '../presence.js';

export type ListKind = 'hall' | 'online' | 'speakers' | 'committee';

interface ListRow {
  name: string;
  /** The name without titles: "Dr. Ahmad" sorts under A. */
  key: string;
  institution: string;
  mode: 'Luring' | 'Daring';
  /** Blank for people who sign on paper; a note of the recorded presence for online people. */
  sign: string;
}

/** One signature slot under the list (the report's approval slots: label, name, NIP/NIDN). */
export interface ListSigner {
  label: string;
  name: string;
  idNumber: string;
}

export interface AttendanceList {
  kind: ListKind;
  only: 'present' | 'all';
  slug: string;
  heading: string;
  event: string;
  dateLine: string;
  placeLine: string;
  /** "Kota Probolinggo, 30 Desember 2021": the event's city (or its organization's) and last day. */
  signLine: string;
  signers: ListSigner[];
  rows: ListRow[];
}

const HEADINGS: Record<ListKind, string> = {
  hall: 'PESERTA LURING',
  online: 'PESERTA DARING',
  speakers: 'NARASUMBER, MODERATOR DAN PEMBAWA ACARA',
  committee: 'PANITIA',
};

const SPEAKER_ROLES = new Set(['speaker', 'moderator', 'mc', 'official']);

/**
 * The rows of one daftar hadir. The hall list is a sheet to sign (everyone expected in the hall, or
 * only those who came); the online list holds only those present by the event's rule, with the
 * recorded proof in place of a signature.
 */
export async function buildList(
  db: Db,
  event: EventRow,
  kind: ListKind,
  only: 'present' | 'all',
  sign: { city: string | null; signers: ListSigner[] } = { city: null, signers: [] },
): Promise<AttendanceList> {
  const tz = event.timezone;
  const base = {
    kind,
    only,
    slug: event.slug,
    signLine: signatureLine(sign.city, Number(event.ends_at), tz, 'id'),
    signers: sign.signers.filter((s) => s.label || s.name),
    heading: HEADINGS[kind],
    event: event.title,
    dateLine: formatDate(Number(event.starts_at), tz, 'id'),
    placeLine: [
      event.venue_name ? [event.venue_name, event.venue_address].filter(Boolean).join(', ') : null,
      event.online_platform ? `Daring (${platformName(event.online_platform)})` : null,
    ]
      .filter(Boolean)
      .join(' dan '),
  };
  if (kind === 'speakers' || kind === 'committee') {
    const people = (await repo.eventPeople(db, event.id)).filter((p) =>
      kind === 'committee' ? p.role === 'committee' : SPEAKER_ROLES.has(p.role),
    );
    // What was recorded (a personal join link used, a door check-in), never the declared presence.
    const seen = await recordedPresence(db, event);
    return {
      ...base,
      rows: people.map((p) => ({
        name: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
        key: sortName(p),
        institution: [p.position, p.institution].filter(Boolean).join(', '),
        mode: (seen.get(p.id)?.mode ?? p.presence) === 'online' ? 'Daring' : 'Luring',
        sign: speakerSign(seen.get(p.id), p.presence, tz),
      })),
    };
  }
  const out: ListRow[] = [];
  for (const r of await presenceRows(db, event)) {
    const { present } = r;
    const name = fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles });
    const key = sortName(r);
    if (kind === 'hall') {
      const inHall = present === 'onsite' || (only === 'all' && r.mode === 'onsite' && present !== 'online');
      if (inHall) out.push({ name, key, institution: r.institution ?? '', mode: 'Luring', sign: '' });
    } else if (present === 'online') {
      const proof = [
        r.joined_at != null ? `masuk ${formatTime(Number(r.joined_at), tz, 'id')}` : null,
        r.codes > 0 ? `${r.codes} kode` : null,
        r.report_minutes != null ? `${r.report_minutes} menit` : null,
      ].filter(Boolean);
      out.push({
        name,
        key,
        institution: r.institution ?? '',
        mode: 'Daring',
        sign: proof.length ? `Hadir (${proof.join(', ')})` : 'Hadir',
      });
    }
  }
  out.sort((a, b) => a.key.localeCompare(b.key, 'id') || a.name.localeCompare(b.name, 'id'));
  return { ...base, rows: out };
}

function platformName(p: string): string {
  return (
    (
      {
        zoom: 'Zoom',
        meet: 'Google Meet',
        jitsi: 'Jitsi',
        youtube: 'YouTube',
        bbb: 'BigBlueButton',
      } as Record<string, string>
    )[p] ?? 'video konferensi'
  );
}

export const COLS = [
  { title: 'No', w: 0.07 },
  { title: 'Nama', w: 0.31 },
  { title: 'Instansi', w: 0.27 },
  { title: 'Luring/Daring', w: 0.13 },
  { title: 'Tanda tangan', w: 0.22 },
];

/** A4 portrait, the familiar layout: title, event, day and date, then the numbered table. */
export async function listPdf(list: AttendanceList): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  useFonts(doc);
  const font = await embed(doc, 'sans');
  const bold = await embed(doc, 'sansBold');
  doc.setTitle(`Daftar Hadir ${list.heading} - ${list.event}`);
  doc.setLanguage('id-ID');
  doc.setProducer('Aula');
  const W = 595.28;
  const H = 841.89;
  const margin = 2 * CM;
  const tableW = W - 2 * margin;
  const size = 9.5;
  const pad = 4;
  const minRow = list.kind === 'hall' || list.kind === 'committee' ? 26 : 18;
  const pages: PDFPage[] = [];
  const black = rgb(0, 0, 0);

  const center = (p: PDFPage, text: string, y: number, f: PDFFont, s: number) => {
    for (const line of wrap(f, drawable(f, text), s, tableW)) {
      p.drawText(line, { x: (W - f.widthOfTextAtSize(line, s)) / 2, y, size: s, font: f, color: black });
      y -= s * 1.35;
    }
    return y;
  };

  const header = (p: PDFPage): number => {
    let y = H - margin;
    y = center(p, 'DAFTAR HADIR', y, bold, 14);
    y = center(p, list.heading, y, bold, 11);
    y = center(p, list.event, y - 2, bold, 11);
    y -= 6;
    for (const [k, v] of [
      ['Hari, tanggal', list.dateLine],
      ['Tempat', list.placeLine || '-'],
    ] as const) {
      p.drawText(k, { x: margin, y, size: 10, font, color: black });
      const lines = wrap(font, drawable(font, `: ${v}`), 10, tableW - 90);
      for (const [i, line] of lines.entries())
        p.drawText(line, { x: margin + 90, y: y - i * 13, size: 10, font, color: black });
      y -= 13 * lines.length;
    }
    y -= 8;
    // Column titles: wrapped at spaces and after "/", never inside a word ("Luring/" above "Daring").
    const heads = COLS.map((c) =>
      fitHeader((t, sz) => widthOf(bold, t, sz), c.title, size, c.w * tableW - 2 * pad),
    );
    const h = Math.max(...heads.map((hd) => hd.lines.length * hd.size * 1.25)) + 2 * pad + 2;
    let x = margin;
    for (const [k, c] of COLS.entries()) {
      const w = c.w * tableW;
      const hd = heads[k]!;
      p.drawRectangle({
        x,
        y: y - h,
        width: w,
        height: h,
        borderColor: black,
        borderWidth: 0.7,
        color: rgb(0.92, 0.92, 0.92),
      });
      const top = y - (h - hd.lines.length * hd.size * 1.25) / 2;
      for (const [j, line] of hd.lines.entries()) {
        p.drawText(line, {
          x: x + (w - widthOf(bold, line, hd.size)) / 2,
          y: top - (j + 1) * hd.size * 1.25 + hd.size * 0.25,
          size: hd.size,
          font: bold,
          color: black,
        });
      }
      x += w;
    }
    return y - h;
  };

  let page = doc.addPage([W, H]);
  pages.push(page);
  let y = header(page);
  const rows = list.rows.length
    ? list.rows
    : [{ name: '', key: '', institution: '', mode: '' as const, sign: '' }];
  for (const [i, r] of rows.entries()) {
    const cells = [list.rows.length ? String(i + 1) : '', r.name, r.institution, r.mode, r.sign].map(
      (text, k) => wrap(font, drawable(font, text), size, COLS[k]!.w * tableW - 2 * pad),
    );
    const h = Math.max(minRow, Math.max(...cells.map((c) => c.length)) * size * 1.3 + 2 * pad);
    if (y - h < margin + 20) {
      page = doc.addPage([W, H]);
      pages.push(page);
      y = header(page);
    }
    let x = margin;
    for (const [k, c] of COLS.entries()) {
      const w = c.w * tableW;
      page.drawRectangle({ x, y: y - h, width: w, height: h, borderColor: black, borderWidth: 0.7 });
      for (const [j, line] of cells[k]!.entries()) {
        const tx = k === 0 || k === 3 ? x + (w - font.widthOfTextAtSize(line, size)) / 2 : x + pad;
        page.drawText(line, { x: tx, y: y - pad - size - j * size * 1.3, size, font, color: black });
      }
      // The paper habit: a small number where each person signs, alternating left and right.
      if (k === 4 && !r.sign && list.rows.length) {
        page.drawText(`${i + 1}.`, {
          x: x + (i % 2 ? w / 2 : pad),
          y: y - pad - 7,
          size: 7,
          font,
          color: rgb(0.4, 0.4, 0.4),
        });
      }
      x += w;
    }
    y -= h;
  }
  // Totals under the table, then the signature block ("Mengetahui") with names and NIP/NIDN.
  const totals = totalLine(list);
  const signH = list.signers.length ? 150 : 0;
  if (y - 30 - signH < margin) {
    page = doc.addPage([W, H]);
    pages.push(page);
    y = H - margin;
  }
  y -= 16;
  page.drawText(totals, { x: margin, y, size: 10, font: bold, color: black });
  if (list.signers.length) {
    y -= 30;
    const line = drawable(font, list.signLine);
    const colW = tableW / list.signers.length;
    page.drawText(line, {
      x: margin + colW * (list.signers.length - 1) + (colW - widthOf(font, line, 10)) / 2,
      y,
      size: 10,
      font,
      color: black,
    });
    y -= 16;
    for (const [i, s] of list.signers.entries()) {
      const cx = margin + colW * i + colW / 2;
      const put = (text: string, yy: number, f: PDFFont, sz: number) => {
        const t = drawable(f, text);
        const tw = widthOf(f, t, sz);
        page.drawText(t, { x: cx - tw / 2, y: yy, size: sz, font: f, color: black });
        return tw;
      };
      const labels =
        i === 0 && list.signers.length > 1 && !/^mengetahui/i.test(s.label)
          ? ['Mengetahui,', s.label]
          : [s.label];
      for (const [k, t] of labels.entries()) put(t, y - k * 13, font, 10);
      const nw = put(s.name || '(……………………………)', y - 80, bold, 10);
      page.drawLine({
        start: { x: cx - nw / 2, y: y - 82 },
        end: { x: cx + nw / 2, y: y - 82 },
        thickness: 0.6,
        color: black,
      });
      if (s.idNumber) put(s.idNumber, y - 95, font, 9.5);
    }
  }
  for (const [i, p] of pages.entries()) {
    const text = `Halaman ${i + 1} dari ${pages.length}`;
    p.drawText(text, {
      x: W - margin - font.widthOfTextAtSize(text, 8),
      y: margin / 2,
      size: 8,
      font,
      color: rgb(0.35, 0.35, 0.35),
    });
  }
  return doc.save();
}

const FILE_KIND: Record<ListKind, string> = {
  hall: 'luring',
  online: 'daring',
  speakers: 'narasumber',
  committee: 'panitia',
};

/**
 * A distinct name per list and filter, so the full hall sheet and the present-only one never overwrite
 * each other in the downloads folder: `daftar-hadir-luring-hadir-<event>.pdf`.
 */
export const listFilename = (list: AttendanceList, ext: 'pdf' | 'xlsx') =>
  `daftar-hadir-${FILE_KIND[list.kind]}${list.kind === 'hall' ? (list.only === 'present' ? '-hadir' : '-semua') : ''}-${list.slug}.${ext}`;

/** Hall people sign on paper; online people get what was recorded of them, or say that nothing was. */
function speakerSign(seen: { mode: string; ms: number } | undefined, declared: string, tz: string): string {
  if (seen?.mode === 'online') return `Hadir daring (masuk ${formatTime(seen.ms, tz, 'id')})`;
  if (seen) return '';
  return declared === 'online' ? 'Tidak tercatat' : '';
}

/** "Jumlah: 52 orang" under every list (the online list also says how the presence was recorded). */
export function totalLine(list: AttendanceList): string {
  const n = list.rows.length;
  const on = list.rows.filter((r) => r.mode === 'Luring').length;
  const mixed = on > 0 && on < n ? ` (luring ${on}, daring ${n - on})` : '';
  return `Jumlah: ${n} orang${mixed}`;
}
