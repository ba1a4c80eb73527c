import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import type { Locale } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { formatDateTime } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import type { PlanView } from './seating.service.js';

const require = createRequire(import.meta.url);
// The font files are read once per process and never change; caching them saves a disk read per map.
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function fontFiles() {
  if (!fonts) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fonts;
}

function fitText(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t}…`;
}

export function ruleText(v: PlanView, l: Locale): string {
  const r = v.rule;
  if (r.kind === 'none') return l === 'id' ? 'Tanpa aturan jarak' : 'No distancing rule';
  if (r.kind === 'checkerboard') return l === 'id' ? 'Jarak papan catur' : 'Checkerboard distancing';
  return l === 'id'
    ? `Jarak: ${r.seatGap} kursi kosong di antara peserta, ${r.rowGap} baris kosong di antara baris`
    : `Distancing: ${r.seatGap} empty seats between people, ${r.rowGap} empty rows between rows`;
}

/**
 * The printable seat map: A4 landscape, front of the hall at the top, every seat a box with its label and
 * the holder's name (titles as typed), blocked and rule-empty seats greyed. Names are drawn as text with an
 * embedded, subset DejaVu font, so they are never interpreted as anything else.
 */
export async function seatMapPdf(event: EventRow, v: PlanView, l: Locale): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = fontFiles();
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  doc.setTitle(`${l === 'id' ? 'Denah kursi' : 'Seat map'} — ${event.title}`);
  doc.setCreator('Aula');
  const W = 841.89;
  const H = 595.28;
  const margin = 28;
  const rows = v.computed.cells;
  const maxSeats = Math.max(...rows.map((r) => r.length));
  const aisles = new Set(v.layout.aisles);
  const aisleCount = [...aisles].filter((a) => a < maxSeats).length;
  const top = 92;
  const gridW = W - 2 * margin;
  const gridH = H - top - margin - 24;
  const cell = Math.min(64, gridW / (maxSeats + aisleCount * 0.6 + 1), gridH / (rows.length + 0.5));
  const boxW = cell * 0.94;
  const boxH = Math.min(cell * 0.9, 40);
  const rowH = Math.max(boxH + 4, Math.min(cell, gridH / rows.length));
  const pageRows = Math.max(1, Math.floor(gridH / rowH));
  for (let start = 0; start < rows.length; start += pageRows) {
    const p = doc.addPage([W, H]);
    p.drawText(fitText(event.title, bold, 14, gridW), {
      x: margin,
      y: H - margin - 10,
      size: 14,
      font: bold,
    });
    p.drawText(
      fitText(
        `${formatDateTime(event.starts_at, event.timezone, l)} · ${event.venue_name ?? ''}`,
        regular,
        9,
        gridW,
      ),
      { x: margin, y: H - margin - 26, size: 9, font: regular },
    );
    const summary =
      l === 'id'
        ? `${ruleText(v, l)} · kapasitas umum ${v.computed.capacity}, kursi tamu ${v.computed.reserved.length}, terisi ${v.holders.size}`
        : `${ruleText(v, l)} · public capacity ${v.computed.capacity}, guest seats ${v.computed.reserved.length}, taken ${v.holders.size}`;
    p.drawText(fitText(summary, regular, 9, gridW), {
      x: margin,
      y: H - margin - 40,
      size: 9,
      font: regular,
    });
    const stage = l === 'id' ? 'PANGGUNG / DEPAN' : 'STAGE / FRONT';
    p.drawRectangle({ x: margin, y: H - top + 8, width: gridW, height: 14, color: rgb(0.9, 0.92, 0.95) });
    p.drawText(stage, {
      x: margin + gridW / 2 - bold.widthOfTextAtSize(stage, 8) / 2,
      y: H - top + 12,
      size: 8,
      font: bold,
    });
    rows.slice(start, start + pageRows).forEach((row, i) => {
      const y = H - top - 8 - (i + 1) * rowH;
      let x = margin;
      for (const c of row) {
        const h = v.holders.get(c.label);
        const used = c.kind === 'usable' || c.kind === 'reserved';
        p.drawRectangle({
          x,
          y,
          width: boxW,
          height: boxH,
          borderWidth: 0.6,
          borderColor: used ? rgb(0.2, 0.2, 0.2) : rgb(0.75, 0.75, 0.75),
          color:
            c.kind === 'blocked'
              ? rgb(0.85, 0.85, 0.85)
              : c.kind === 'empty'
                ? rgb(0.96, 0.96, 0.96)
                : c.kind === 'reserved'
                  ? rgb(1, 0.97, 0.85)
                  : rgb(1, 1, 1),
        });
        const ls = Math.min(8, boxH / 3.2);
        p.drawText(c.label, {
          x: x + 2,
          y: y + boxH - ls - 1,
          size: ls,
          font: bold,
          color: used ? rgb(0, 0, 0) : rgb(0.6, 0.6, 0.6),
        });
        if (h) {
          const ns = Math.min(6.5, boxH / 4);
          const name = fullName(h);
          const words = fitText(name, regular, ns, (boxW - 4) * 2).split(' ');
          let line1 = '';
          let k = 0;
          while (k < words.length && regular.widthOfTextAtSize(`${line1} ${words[k]}`.trim(), ns) <= boxW - 4)
            line1 = `${line1} ${words[k++]}`.trim();
          const line2 = fitText(words.slice(k).join(' '), regular, ns, boxW - 4);
          p.drawText(line1 || fitText(name, regular, ns, boxW - 4), {
            x: x + 2,
            y: y + boxH / 2 - ns / 2,
            size: ns,
            font: regular,
          });
          if (line2 && line1) p.drawText(line2, { x: x + 2, y: y + 2, size: ns, font: regular });
        }
        x += cell;
        if (aisles.has(c.seat)) x += cell * 0.6;
      }
    });
    const legend =
      l === 'id'
        ? 'Putih: kursi dipakai · Kuning: kursi tamu undangan · Abu-abu muda: dikosongkan oleh aturan jarak · Abu-abu: diblokir'
        : 'White: used seat · Yellow: invited guest seat · Light grey: kept empty by the rule · Grey: blocked';
    p.drawText(legend, { x: margin, y: margin - 8, size: 7.5, font: regular, color: rgb(0.3, 0.3, 0.3) });
  }
  return doc.save();
}
