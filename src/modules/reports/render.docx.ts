import { readFile } from 'node:fs/promises';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import sharp from 'sharp';
import type { Block } from './reports.document.js';
import { printPhoto } from './reports.images.js';
import type { Narrative } from './reports.schemas.js';

const CM = 567; // twips per centimetre
const FONT = 'Times New Roman';

/** A zero-width space after "/" lets Word and LibreOffice wrap "Luring/Daring" there, never mid-word. */
const breakable = (t: string) => t.replace(/\//g, '/\u200B');

/** Typed line breaks as breaks inside one paragraph. */
const runs = (text: string, o: { size: number; bold?: boolean; italics?: boolean }) =>
  text.split('\n').map((line, i) => new TextRun({ text: line, break: i ? 1 : 0, font: FONT, ...o }));

const cellPara = (text: string, bold = false) =>
  new Paragraph({ children: runs(breakable(text), { size: 20, bold }) });

const isPng = (data: Buffer) => data[0] === 0x89 && data[1] === 0x50;
/** Pixels at 96 per inch (how docx sizes images) for a printed size that keeps ≥ 200 ppi. */
const PX_PER_INCH = 96;
const MIN_PPI = 200;

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** The report as a Word document to edit: A4, the report's margins, 1.5 line spacing, real tables. */
export async function renderDocx(
  blocks: Block[],
  margins: Narrative['margins'],
  uploadsDir: string,
  meta: { title: string } = { title: 'Laporan Kegiatan' },
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const body = (text: string) =>
    new Paragraph({
      children: runs(text, { size: 24 }),
      spacing: { line: 360, after: 120 },
      alignment: AlignmentType.JUSTIFIED,
    });
  for (const b of blocks) {
    switch (b.t) {
      case 'cover': {
        const logos: ImageRun[] = [];
        for (const path of b.logos) {
          const data = await readFile(`${uploadsDir}/${path}`).catch(() => null);
          if (!data) continue;
          const meta = await sharp(data)
            .metadata()
            .catch(() => null);
          if (!meta?.width || !meta.height) continue;
          const h = 72;
          logos.push(
            new ImageRun({
              type: isPng(data) ? 'png' : 'jpg',
              data,
              transformation: { width: Math.round((meta.width / meta.height) * h), height: h },
            }),
          );
        }
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: logos.length ? 0 : 2400, after: logos.length ? 1200 : 0 },
            children: logos.flatMap((l, i) => (i ? [new TextRun({ text: '     ' }), l] : [l])),
          }),
        );
        for (const l of b.lines) {
          const size = { xl: 36, l: 30, m: 26, s: 22 }[l.size];
          children.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { after: 240 },
              children: [new TextRun({ text: l.text, bold: !!l.bold, size, font: FONT })],
            }),
          );
        }
        break;
      }
      case 'h1':
        children.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 240 },
            children: [new TextRun({ text: b.text, bold: true, size: 28, font: FONT })],
          }),
        );
        break;
      case 'h2':
        children.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            spacing: { before: 200, after: 120 },
            children: [new TextRun({ text: b.text, bold: true, size: 24, font: FONT })],
          }),
        );
        break;
      case 'p':
        children.push(body(b.text));
        break;
      case 'list':
        b.items.forEach((item, k) => {
          const marker = b.markers?.[k];
          children.push(
            marker
              ? // The typed marker ("1.", "a)") with a hanging indent, as a numbered list reads on paper.
                new Paragraph({
                  indent: { left: 720, hanging: 360 },
                  spacing: { line: 360 },
                  children: [new TextRun({ text: `${marker}\t${item}`, size: 24, font: FONT })],
                })
              : new Paragraph({
                  bullet: { level: 0 },
                  children: [new TextRun({ text: item, size: 24, font: FONT })],
                }),
          );
        });
        break;
      case 'kv':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: b.rows.map(
              ([k, v]) =>
                new TableRow({
                  children: [
                    new TableCell({
                      borders: noBorders,
                      width: { size: 35, type: WidthType.PERCENTAGE },
                      children: [cellPara(k)],
                    }),
                    new TableCell({
                      borders: noBorders,
                      width: { size: 65, type: WidthType.PERCENTAGE },
                      children: [cellPara(`: ${v}`)],
                    }),
                  ],
                }),
            ),
          }),
        );
        break;
      case 'table':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: b.head.map(
                  (h, i) =>
                    new TableCell({
                      width: { size: b.widths[i] ?? 10, type: WidthType.PERCENTAGE },
                      children: [cellPara(h, true)],
                    }),
                ),
              }),
              ...b.rows.map(
                (r) =>
                  new TableRow({
                    children: r.map(
                      (c, i) =>
                        new TableCell({
                          width: { size: b.widths[i] ?? 10, type: WidthType.PERCENTAGE },
                          children: [cellPara(c)],
                        }),
                    ),
                  }),
              ),
            ],
          }),
        );
        children.push(new Paragraph({ text: '' }));
        break;
      case 'image': {
        const photo = await printPhoto(`${uploadsDir}/${b.path}`);
        if (!photo) break;
        const { data, width: pxW, height: pxH } = photo;
        // At most 12 cm wide and 10.6 cm high, and never wider than the pixels allow at 200 ppi.
        const w = Math.min(454, (pxW / MIN_PPI) * PX_PER_INCH, (400 * pxW) / pxH);
        const h = (w * pxH) / pxW;
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'jpg',
                data,
                transformation: { width: Math.round(w), height: Math.round(h) },
              }),
            ],
          }),
        );
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: b.caption, italics: true, size: 20, font: FONT })],
          }),
        );
        break;
      }
      case 'signatures':
        children.push(
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 400 },
            children: [new TextRun({ text: b.place, size: 24, font: FONT })],
          }),
        );
        {
          // One row per part (labels, room to sign, names, numbers): the names line up across the columns
          // however many lines each label takes.
          const cell = (paras: Paragraph[]) => new TableCell({ borders: noBorders, children: paras });
          const centred = (text: string, o: { bold?: boolean; underline?: boolean; size?: number } = {}) =>
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                new TextRun({
                  text,
                  bold: !!o.bold,
                  ...(o.underline ? { underline: {} } : {}),
                  size: o.size ?? 24,
                  font: FONT,
                }),
              ],
            });
          const slots = b.slots;
          const row = (make: (s: (typeof slots)[number]) => Paragraph[]) =>
            new TableRow({ children: slots.map((s) => cell(make(s))) });
          children.push(
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                row((s) => s.label.split('\n').map((l) => centred(l))),
                row(() => [new Paragraph({ text: '', spacing: { before: 1000 } })]),
                row((s) => [centred(s.name || '(……………………………)', { bold: true, underline: true })]),
                row((s) => [centred(s.idNumber, { size: 22 })]),
              ],
            }),
          );
        }
        break;
      case 'pagebreak':
        children.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  const doc = new Document({
    creator: 'Aula',
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: margins.top * CM,
              left: margins.left * CM,
              bottom: margins.bottom * CM,
              right: margins.right * CM,
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
