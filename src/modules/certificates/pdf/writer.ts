import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { face } from './face.js';
import type { PreparedTemplate, Skeleton } from './template.js';

/** A coordinate or size in content-stream text: three decimals, a thousandth of a point. */
export const num = (x: number) => {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? '0' : String(r);
};

/**
 * The page being drawn: its content stream as text, and which of the template's shared objects
 * (the two faces, the signature images) it uses.
 */
export class Canvas {
  ops = '';
  regular = false;
  bold = false;
  sigs = [false, false];
  logos = false;
}

async function buildSkeleton(prepared: PreparedTemplate, use: Canvas): Promise<Skeleton> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const c = doc.context;
  const fonts: string[] = [];
  const xobjects: string[] = [];
  const [regular, bold] = await Promise.all([face('serif'), face('serifBold')]);
  if (use.regular) fonts.push(`/F1 ${regular.embed(doc).toString()}`);
  if (use.bold) fonts.push(`/F2 ${bold.embed(doc).toString()}`);
  let background = '';
  const bg = prepared.background;
  if (bg?.kind === 'image') {
    const img = await doc.embedJpg(bg.jpeg);
    xobjects.push(`/Bg ${img.ref.toString()}`);
    background = `q\n${num(prepared.width)} 0 0 ${num(prepared.height)} 0 0 cm\n/Bg Do\nQ\n`;
  } else if (bg?.kind === 'pdf') {
    const [emb] = await doc.embedPages([bg.doc.getPage(0)]);
    xobjects.push(`/Bg ${emb!.ref.toString()}`);
    const sx = num(prepared.width / emb!.width);
    const sy = num(prepared.height / emb!.height);
    background = `q\n${sx} 0 0 ${sy} 0 0 cm\n/Bg Do\nQ\n`;
  } else {
    // No background: a double frame, so a certificate without a design still looks like one.
    const [W, H] = [prepared.width, prepared.height];
    background = `q\n0.04 0.24 0.43 RG\n3 w\n18 18 ${num(W - 36)} ${num(H - 36)} re\nS\n0.8 w\n26 26 ${num(W - 52)} ${num(H - 52)} re\nS\nQ\n`;
  }
  const images = [
    ...prepared.signatures.map((img, i) => ({ img, name: `Sig${i}`, used: use.sigs[i] })),
    ...prepared.logos.map((img, i) => ({ img, name: `Logo${i}`, used: use.logos })),
  ];
  images.forEach(({ img, name, used }) => {
    if (!img || !used) return;
    const image = (data: Uint8Array, extra: Record<string, unknown>) =>
      c.register(
        c.stream(data, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: img.width,
          Height: img.height,
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
          ...extra,
        }),
      );
    const smask = image(img.alpha, { ColorSpace: 'DeviceGray' });
    xobjects.push(`/${name} ${image(img.rgb, { ColorSpace: 'DeviceRGB', SMask: smask }).toString()}`);
  });
  await doc.flush();
  // The page tree and the catalog stay as pdf-lib numbered them; their text is written here,
  // because the page they point to is the certificate's own.
  const rootRef = c.trailerInfo.Root as PDFRef;
  const pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const next = c.largestObjectNumber + 1;
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\x81\x81\x81\x81\n\n', 'latin1')];
  const offsets: number[] = new Array(next).fill(0);
  let at = parts[0]!.length;
  const put = (n: number, body: Buffer) => {
    offsets[n] = at;
    const b = Buffer.concat([
      Buffer.from(`${n} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n\n', 'latin1'),
    ]);
    parts.push(b);
    at += b.length;
  };
  put(pagesRef.objectNumber, Buffer.from(`<< /Type /Pages /Kids [ ${next} 0 R ] /Count 1 >>`, 'latin1'));
  put(
    rootRef.objectNumber,
    Buffer.from(`<< /Type /Catalog /Pages ${pagesRef.objectNumber} 0 R >>`, 'latin1'),
  );
  for (const [ref, obj] of c.enumerateIndirectObjects()) {
    if (ref === rootRef || ref === pagesRef) continue;
    const body = Buffer.alloc(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    put(ref.objectNumber, body);
  }
  const resources = `<< /Font << ${fonts.join(' ')} >> /XObject << ${xobjects.join(' ')} >> >>`;
  return {
    prefix: Buffer.concat(parts),
    offsets,
    next,
    pages: pagesRef.objectNumber,
    root: rootRef.objectNumber,
    resources,
    background,
  };
}

export function skeletonFor(prepared: PreparedTemplate, use: Canvas): Promise<Skeleton> {
  const key = `${+use.regular}${+use.bold}${use.sigs.map((s) => +s).join('')}${+use.logos}`;
  let s = prepared.skeletons.get(key);
  if (!s) {
    s = buildSkeleton(prepared, use);
    prepared.skeletons.set(key, s);
    s.catch(() => prepared.skeletons.delete(key));
  }
  return s;
}

/** A text string for the info dictionary: UTF-16BE with a byte order mark, as hex. */
function textString(text: string): string {
  let h = '<FEFF';
  for (let i = 0; i < text.length; i++) h += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${h}>`;
}

/** The certificate's own objects (page, content, info) after the skeleton, and a fresh cross-reference table. */
export function writePdf(sk: Skeleton, page: Canvas, W: number, H: number, title: string): Buffer {
  // Level 1: most of the cost of a small deflate is setting up the compressor at higher levels;
  // the stream (~10 KB of text and QR path) comes out ~0.4 KB larger than at the default level.
  const content = deflateSync(Buffer.from(sk.background + page.ops, 'latin1'), { level: 1 });
  const [pageNo, contentNo, infoNo] = [sk.next, sk.next + 1, sk.next + 2];
  const offsets = sk.offsets.slice();
  let at = sk.prefix.length;
  offsets[pageNo] = at;
  const pageObj = `${pageNo} 0 obj\n<< /Type /Page /Parent ${sk.pages} 0 R /MediaBox [ 0 0 ${num(W)} ${num(H)} ] /Resources ${sk.resources} /Contents ${contentNo} 0 R >>\nendobj\n\n${contentNo} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`;
  at += pageObj.length;
  const afterStream = '\nendstream\nendobj\n\n';
  at += content.length + afterStream.length;
  offsets[contentNo] = sk.prefix.length + pageObj.indexOf(`${contentNo} 0 obj`);
  offsets[infoNo] = at;
  let tail = `${infoNo} 0 obj\n<< /Title ${textString(title)} /Producer (Aula) /Creator (Aula) >>\nendobj\n\n`;
  const xrefAt = at + tail.length;
  tail += `xref\n0 ${infoNo + 1}\n0000000000 65535 f \n`;
  for (let n = 1; n <= infoNo; n++) {
    tail += offsets[n] ? `${String(offsets[n]).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  }
  tail += `trailer\n<< /Size ${infoNo + 1} /Root ${sk.root} 0 R /Info ${infoNo} 0 R >>\n\nstartxref\n${xrefAt}\n%%EOF`;
  return Buffer.concat([
    sk.prefix,
    Buffer.from(pageObj, 'latin1'),
    content,
    Buffer.from(afterStream + tail, 'latin1'),
  ]);
}
