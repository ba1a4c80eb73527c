import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { jsQR } from './qr.js';

/** The text of a PDF, all pages merged (what a reader would copy). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

/**
 * Decodes the QR code exactly as drawn: reads the rectangles inside the page's `/AulaQR` marked
 * content, paints them into a bitmap, and hands it to jsQR. What a phone camera sees is what this sees.
 */
export async function decodeQr(pdf: Uint8Array): Promise<string | null> {
  const doc = await PDFDocument.load(pdf);
  const page = doc.getPage(0);
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let ops = '';
  for (const s of streams) {
    if (s instanceof PDFRawStream) ops += Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
  }
  const start = ops.indexOf('/AulaQR BMC');
  const end = ops.indexOf('EMC', start);
  if (start < 0 || end < 0) return null;
  const rects = [...ops.slice(start, end).matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re/g)].map((m) =>
    m.slice(1, 5).map(Number),
  ) as [number, number, number, number][];
  const [bg, ...dark] = rects;
  if (!bg || !dark.length) return null;
  const module = Math.min(...dark.map((r) => r[3]));
  const scale = 4 / module;
  const w = Math.ceil(bg[2] * scale) + 16;
  const h = Math.ceil(bg[3] * scale) + 16;
  const img = new Uint8ClampedArray(w * h * 4).fill(255);
  for (const [x, y, rw, rh] of dark) {
    const x0 = Math.round((x - bg[0]) * scale) + 8;
    const y0 = Math.round((bg[1] + bg[3] - (y + rh)) * scale) + 8;
    for (let yy = y0; yy < y0 + Math.round(rh * scale); yy++) {
      for (let xx = x0; xx < x0 + Math.round(rw * scale); xx++) {
        const i = (yy * w + xx) * 4;
        img[i] = img[i + 1] = img[i + 2] = 0;
      }
    }
  }
  return jsQR(img, w, h)?.data ?? null;
}
