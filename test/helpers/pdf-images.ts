import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  PDFRawStream,
} from 'pdf-lib';

/**
 * Every image drawn on every page of a PDF: its pixel size and the size it is printed at (points), read
 * from the page's content stream (`w 0 0 h x y cm /Name Do`), so a test can check resolution as printed.
 */
export async function drawnImages(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  const out: { page: number; pxW: number; pxH: number; ptW: number; ptH: number }[] = [];
  doc.getPages().forEach((page, index) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    let ops = '';
    for (const s of streams) {
      if (s instanceof PDFRawStream) ops += Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
    }
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    for (const m of ops.matchAll(/([\d.]+) 0 0 ([\d.]+) [-\d.]+ [-\d.]+ cm\s+\/(\S+) Do/g)) {
      const obj = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(m[3]!)) : null;
      const dict = obj instanceof PDFRawStream ? obj.dict : null;
      if (!dict) continue;
      const num = (k: string) => (dict.lookup(PDFName.of(k)) as PDFNumber).asNumber();
      out.push({ page: index, pxW: num('Width'), pxH: num('Height'), ptW: Number(m[1]), ptH: Number(m[2]) });
    }
  });
  return out;
}
