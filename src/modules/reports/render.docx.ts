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
import type { Block } from './reports.document.js';
import type { Narrative } from './reports.schemas.js';

const CM = 567; // twips per centimetre
const FONT = 'Times New Roman';

const cellPara = (text: string, bold = false) =>
  new Paragraph({ children: [new TextRun({ text, bold, size: 20, font: FONT })] });

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
      children: [new TextRun({ text, size: 24, font: FONT })],
      spacing: { line: 360, after: 120 },
      alignment: AlignmentType.JUSTIFIED,
    });
  for (const b of blocks) {
    switch (b.t) {
      case 'cover':
        children.push(new Paragraph({ text: '', spacing: { before: 2400 } }));
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
        for (const i of b.items)
          children.push(
            new Paragraph({
              bullet: { level: 0 },
              children: [new TextRun({ text: i, size: 24, font: FONT })],
            }),
          );
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
        const data = await readFile(`${uploadsDir}/${b.path}`).catch(() => null);
        if (!data) break;
        const w = 400;
        const h = b.width && b.height ? Math.round((w * b.height) / b.width) : 300;
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: 'jpg', data, transformation: { width: w, height: h } })],
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
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: b.slots.map(
                  (s) =>
                    new TableCell({
                      borders: noBorders,
                      children: [
                        ...s.label.split('\n').map(
                          (l) =>
                            new Paragraph({
                              alignment: AlignmentType.CENTER,
                              children: [new TextRun({ text: l, size: 24, font: FONT })],
                            }),
                        ),
                        new Paragraph({ text: '', spacing: { before: 1200 } }),
                        new Paragraph({
                          alignment: AlignmentType.CENTER,
                          children: [
                            new TextRun({
                              text: s.name || '(……………………………)',
                              bold: true,
                              underline: {},
                              size: 24,
                              font: FONT,
                            }),
                          ],
                        }),
                        new Paragraph({
                          alignment: AlignmentType.CENTER,
                          children: [new TextRun({ text: s.idNumber, size: 22, font: FONT })],
                        }),
                      ],
                    }),
                ),
              }),
            ],
          }),
        );
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
