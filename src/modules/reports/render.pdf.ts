import { readFile } from 'node:fs/promises';
import { PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { CM, fitHeader, wrapMeasured } from '../../shared/pdf.js';
import { drawWith, type Face, face } from '../certificates/index.js';

type PDFFont = Face;
const drawable = (f: Face, t: string) => f.clean(t);
const widthOf = (f: Face, t: string, size: number) => f.width(t, size);
const wrap = (f: Face, t: string, size: number, max: number) =>
  t.split('\n').flatMap((line) => wrapMeasured((x, s) => f.width(x, s), drawable(f, line), size, max));
/** A table cell: breaks at spaces and after "/" ("Pejabat/" + "sambutan"), cuts only a word wider than the cell. */
const wrapCell = (f: Face, t: string, size: number, max: number) =>
  t
    .split('\n')
    .flatMap((line) =>
      fitHeader((x, s) => f.width(x, s), drawable(f, line), size, max).lines.flatMap((l) =>
        f.width(l, size) > max ? wrapMeasured((x, s) => f.width(x, s), l, size, max) : [l],
      ),
    );
/** Printed images never exceed this many points per pixel: 72 / 200 keeps every photo at ≥ 200 ppi. */
const MIN_PPI = 200;

import type { Block } from './reports.document.js';
import { printPhoto } from './reports.images.js';
import type { Narrative } from './reports.schemas.js';

const A4: [number, number] = [595.28, 841.89];
const BLACK = rgb(0.07, 0.07, 0.07);
const GREY = rgb(0.35, 0.35, 0.35);

class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly m: { top: number; left: number; bottom: number; right: number },
    readonly f: { regular: PDFFont; bold: PDFFont; italic: PDFFont },
  ) {
    this.newPage();
  }
  get width() {
    return A4[0] - this.m.left - this.m.right;
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - this.m.top;
  }
  ensure(h: number) {
    if (this.y - h < this.m.bottom) this.newPage();
  }
  lines(
    text: string,
    size: number,
    font: PDFFont,
    opts: { align?: 'left' | 'center' | 'right'; indent?: number; after?: number; color?: typeof BLACK } = {},
  ) {
    const indent = opts.indent ?? 0;
    const lh = size * 1.45;
    for (const line of wrap(font, text, size, this.width - indent)) {
      this.ensure(lh);
      const w = widthOf(font, line, size);
      const x =
        opts.align === 'center'
          ? this.m.left + (this.width - w) / 2
          : opts.align === 'right'
            ? this.m.left + this.width - w
            : this.m.left + indent;
      this.y -= lh;
      drawWith(this.page, font, line, x, this.y + size * 0.3, size, opts.color ?? BLACK);
    }
    this.y -= opts.after ?? size * 0.5;
  }
  table(head: string[] | null, rows: string[][], widths: number[], borders = true) {
    const size = 9.5;
    const pad = 3;
    const lh = size * 1.3;
    const cols = widths.map((w) => (w / 100) * this.width);
    const layout = (r: string[], font: PDFFont) =>
      r.map((c, i) => wrapCell(font, c, size, cols[i]! - 2 * pad));
    const drawRow = (cells: string[][], font: PDFFont, sizes?: number[]) => {
      const h = Math.max(1, ...cells.map((c) => c.length)) * lh + 2 * pad;
      let x = this.m.left;
      cells.forEach((lines, i) => {
        if (borders)
          this.page.drawRectangle({
            x,
            y: this.y - h,
            width: cols[i]!,
            height: h,
            borderColor: GREY,
            borderWidth: 0.5,
          });
        lines.forEach((line, k) => {
          const sz = sizes?.[i] ?? size;
          drawWith(this.page, font, line, x + pad, this.y - pad - (k + 1) * lh + size * 0.3, sz, BLACK);
        });
        x += cols[i]!;
      });
      this.y -= h;
    };
    // Headers never break inside a word: they wrap at spaces and "/", and shrink when a word is too wide.
    const heads = head?.map((h, i) =>
      fitHeader((x, s) => this.f.bold.width(x, s), drawable(this.f.bold, h), size, cols[i]! - 2 * pad),
    );
    const headCells = heads ? heads.map((h) => h.lines) : null;
    const headSizes = heads?.map((h) => h.size);
    const headH = headCells ? Math.max(...headCells.map((c) => c.length)) * lh + 2 * pad : 0;
    this.ensure(headH + lh + 2 * pad);
    if (headCells) drawRow(headCells, this.f.bold, headSizes);
    for (const r of rows) {
      const cells = layout(r, this.f.regular);
      const h = Math.max(1, ...cells.map((c) => c.length)) * lh + 2 * pad;
      if (this.y - h < this.m.bottom) {
        this.newPage();
        if (headCells) drawRow(headCells, this.f.bold, headSizes);
      }
      drawRow(cells, this.f.regular);
    }
    this.y -= 10;
  }
}

/** A JPEG or PNG upload (logos are PNG, photos JPEG); null for anything else. */
async function embedAny(doc: PDFDocument, data: Buffer) {
  const png = data[0] === 0x89 && data[1] === 0x50;
  return (png ? doc.embedPng(data) : doc.embedJpg(data)).catch(() => null);
}

/** Document properties: the title, the language and the instant the data was taken. */
interface DocMeta {
  title: string;
  lang: 'id' | 'en';
  at: number;
}

/** The report as PDF: A4, the report's margins, vector text in DejaVu Serif, page numbers. */
export async function renderPdf(
  blocks: Block[],
  margins: Narrative['margins'],
  uploadsDir: string,
  meta: DocMeta = { title: 'Laporan Kegiatan', lang: 'id', at: Date.now() },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setLanguage(meta.lang);
  doc.setCreator('Aula');
  doc.setProducer('Aula');
  // Dates from the data, not the clock: a final version renders to the same bytes every time.
  doc.setCreationDate(new Date(meta.at));
  doc.setModificationDate(new Date(meta.at));
  const [regular, bold, italic] = await Promise.all([face('serif'), face('serifBold'), face('serifItalic')]);
  const w = new Writer(
    doc,
    {
      top: margins.top * CM,
      left: margins.left * CM,
      bottom: margins.bottom * CM,
      right: margins.right * CM,
    },
    { regular, bold, italic },
  );
  const images = new Map<string, Awaited<ReturnType<PDFDocument['embedJpg']>> | null>();
  let coverPage: PDFPage | null = null;
  for (const b of blocks) {
    switch (b.t) {
      case 'cover': {
        coverPage = w.page;
        // The organizer's and partners' logos in a row above the title, 56 pt high.
        const logos = [];
        for (const path of b.logos) {
          const data = await readFile(`${uploadsDir}/${path}`).catch(() => null);
          const img = data ? await embedAny(doc, data) : null;
          if (img) logos.push(img);
        }
        const lh = 56;
        const widths = logos.map((l) => (l.width / l.height) * lh);
        const total = widths.reduce((a, x) => a + x, 0) + 18 * Math.max(0, logos.length - 1);
        let lx = w.m.left + (w.width - total) / 2;
        logos.forEach((l, i) => {
          w.page.drawImage(l, { x: lx, y: A4[1] - w.m.top - lh, width: widths[i]!, height: lh });
          lx += widths[i]! + 18;
        });
        w.y = A4[1] - w.m.top - (logos.length ? 130 : 120);
        for (const l of b.lines) {
          const size = { xl: 20, l: 16, m: 13, s: 11 }[l.size];
          w.lines(l.text, size, l.bold ? bold : regular, { align: 'center', after: size * 1.1 });
        }
        break;
      }
      case 'h1':
        // Keep a chapter heading with at least a few lines of its text.
        w.ensure(110);
        w.y -= 6;
        w.lines(b.text, 13, bold, { align: 'center', after: 10 });
        break;
      case 'h2':
        w.ensure(70);
        w.lines(b.text, 11.5, bold, { after: 4 });
        break;
      case 'p':
        w.lines(b.text, 11, regular, { after: 7 });
        break;
      case 'list':
        b.items.forEach((item, k) => {
          // A hanging indent: the marker stands alone, the item's lines align after it.
          const marker = b.markers?.[k] ?? '•';
          w.ensure(16);
          const top = w.y;
          drawWith(
            w.page,
            regular,
            drawable(regular, marker),
            w.m.left + 10,
            top - 11 * 1.45 + 11 * 0.3,
            11,
            BLACK,
          );
          w.lines(item, 11, regular, { indent: 30, after: 2 });
        });
        w.y -= 5;
        break;
      case 'kv':
        w.table(
          null,
          b.rows.map(([k, v]) => [k, `: ${v}`]),
          [35, 65],
          false,
        );
        break;
      case 'table':
        w.table(b.head, b.rows, b.widths);
        break;
      case 'image': {
        let img = images.get(b.path);
        if (img === undefined) {
          const photo = await printPhoto(`${uploadsDir}/${b.path}`);
          img = photo ? await embedAny(doc, photo.data) : null;
          images.set(b.path, img);
        }
        if (!img) break;
        const maxW = Math.min(w.width * 0.8, (img.width * 72) / MIN_PPI);
        const scale = Math.min(maxW / img.width, 300 / img.height);
        const iw = img.width * scale;
        const ih = img.height * scale;
        w.ensure(ih + 30);
        w.y -= ih;
        w.page.drawImage(img, { x: w.m.left + (w.width - iw) / 2, y: w.y, width: iw, height: ih });
        w.y -= 4;
        w.lines(b.caption, 9.5, italic, { align: 'center', after: 10, color: GREY });
        break;
      }
      case 'signatures': {
        w.ensure(190);
        w.y -= 10;
        const colW = w.width / Math.max(1, b.slots.length);
        {
          // The place-and-date line stands above the last slot (the one who signs on that day).
          const t = drawable(regular, b.place);
          const cx = w.m.left + colW * (b.slots.length - 1) + colW / 2;
          w.y -= 14;
          drawWith(w.page, regular, t, cx - widthOf(regular, t, 11) / 2, w.y, 11, BLACK);
          w.y -= 10;
        }
        const top = w.y;
        // Labels wrap within their column; every name sits below the tallest label, on one line.
        const labelsOf = (label: string) => label.split('\n').flatMap((l) => wrap(regular, l, 11, colW - 12));
        const tallest = Math.max(1, ...b.slots.map((s) => labelsOf(s.label).length));
        const nameY = top - Math.max(90, 14 * tallest + 62);
        b.slots.forEach((s, i) => {
          const cx = w.m.left + colW * i + colW / 2;
          const put = (text: string, y: number, font: PDFFont, size: number) => {
            const t = drawable(font, text);
            const tw = widthOf(font, t, size);
            drawWith(w.page, font, t, cx - tw / 2, y, size, BLACK);
            return tw;
          };
          for (const [k, l] of labelsOf(s.label).entries()) put(l, top - 14 - k * 14, regular, 11);
          const name = s.name || '(……………………………)';
          const nw = put(name, nameY, bold, 11);
          w.page.drawLine({
            start: { x: cx - nw / 2, y: nameY - 2 },
            end: { x: cx + nw / 2, y: nameY - 2 },
            thickness: 0.6,
            color: BLACK,
          });
          if (s.idNumber) put(s.idNumber, nameY - 16, regular, 10);
        });
        w.y = nameY - 30;
        break;
      }
      case 'pagebreak':
        w.newPage();
        break;
    }
  }
  w.pages.forEach((p, i) => {
    if (p === coverPage) return;
    const label = `${i + 1}`;
    drawWith(p, regular, label, A4[0] - w.m.right - widthOf(regular, label, 9), w.m.bottom / 2, 9, GREY);
  });
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
