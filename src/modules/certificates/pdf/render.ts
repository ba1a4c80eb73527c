import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { wrapMeasured } from '../../../shared/pdf.js';
import type { FieldBox, Layout, Signer } from '../certificates.schemas.js';
import { type Face, face } from './face.js';
import './qr-mask.js';
import type { CertData, PreparedTemplate, RawImage } from './template.js';
import { Canvas, num, skeletonFor, writePdf } from './writer.js';

const PAGE = { landscape: [841.89, 595.28], portrait: [595.28, 841.89] } as const;

export async function prepareTemplate(input: {
  orientation: 'landscape' | 'portrait';
  layout: Layout;
  signers: Signer[];
  signatureImages: (Uint8Array | null)[];
  logoImages?: Uint8Array[];
  background: { kind: 'image' | 'pdf'; bytes: Uint8Array } | null;
}): Promise<PreparedTemplate> {
  const [width, height] = PAGE[input.orientation];
  const signatures = await Promise.all(input.signatureImages.map((png) => (png ? rawImage(png) : null)));
  const logos = (
    await Promise.all((input.logoImages ?? []).map((img) => rawImage(img, 240).catch(() => null)))
  ).filter((x): x is RawImage => !!x);
  let background: PreparedTemplate['background'] = null;
  if (input.background?.kind === 'image') background = { kind: 'image', jpeg: input.background.bytes };
  if (input.background?.kind === 'pdf')
    background = { kind: 'pdf', doc: await PDFDocument.load(input.background.bytes) };
  return {
    width,
    height,
    layout: input.layout,
    signers: input.signers,
    signatures,
    logos,
    background,
    skeletons: new Map(),
  };
}

/** An image as deflated RGB and alpha planes (a logo at most `maxSide` px: 240 px is 300 ppi at 0.8 in, wider than a logo row prints). */
async function rawImage(bytes: Uint8Array, maxSide?: number): Promise<RawImage> {
  const img = maxSide
    ? sharp(bytes).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    : sharp(bytes);
  const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const rgbBuf = Buffer.alloc(n * 3);
  const alpha = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    rgbBuf[i * 3] = data[i * 4]!;
    rgbBuf[i * 3 + 1] = data[i * 4 + 1]!;
    rgbBuf[i * 3 + 2] = data[i * 4 + 2]!;
    alpha[i] = data[i * 4 + 3]!;
  }
  // Compressed once here; every certificate copies the finished streams instead of re-encoding the image.
  return { width: info.width, height: info.height, rgb: deflateSync(rgbBuf), alpha: deflateSync(alpha) };
}

/** A colour as the operands of `rg`/`RG`: four decimals are finer than the 1/255 steps of #rrggbb. */
const hex = (c: string) =>
  [1, 3, 5].map((i) => String(Math.round((parseInt(c.slice(i, i + 2), 16) / 255) * 1e4) / 1e4)).join(' ');

interface Ctx {
  page: Canvas;
  W: number;
  H: number;
  regular: Face;
  bold: Face;
}

const wrap = (font: Face, text: string, size: number, maxWidth: number) =>
  wrapMeasured((t, s) => font.width(t, s), text, size, maxWidth);
const drawable = (font: Face, text: string) => font.clean(text);

function lineX(ctx: Ctx, box: FieldBox, font: Face, text: string, size: number): number {
  const left = box.x * ctx.W;
  const w = box.width * ctx.W;
  if (box.align === 'left') return left;
  const tw = font.width(text, size);
  return box.align === 'right' ? left + w - tw : left + (w - tw) / 2;
}

function drawText(ctx: Ctx, font: Face, text: string, x: number, y: number, size: number, color: string) {
  const isBold = font === ctx.bold;
  if (isBold) ctx.page.bold = true;
  else ctx.page.regular = true;
  ctx.page.ops += `q\nBT\n${color} rg\n/${isBold ? 'F2' : 'F1'} ${num(size)} Tf\n1 0 0 1 ${num(x)} ${num(y)} Tm\n<${font.codes(text)}> Tj\nET\nQ\n`;
}

/** Draws lines from the box's top; returns the y (points from the bottom) under the last line. */
function drawLines(ctx: Ctx, box: FieldBox, lines: string[], size: number, font: Face, top?: number): number {
  let y = top ?? ctx.H - box.y * ctx.H;
  const color = hex(box.color);
  for (const line of lines) {
    y -= size * 1.05;
    drawText(ctx, font, line, lineX(ctx, box, font, line, size), y, size, color);
    y -= size * 0.2;
  }
  return y;
}

/**
 * Long names with many titles ("Prof. Dr. H. … , S.E., M.Si., Ak., CA") shrink until they fit one
 * line; below half the designed size they wrap onto two lines instead of becoming unreadable.
 */
function fitName(
  font: Face,
  text: string,
  size: number,
  maxWidth: number,
): { lines: string[]; size: number } {
  const min = Math.max(9, size * 0.5);
  let s = size;
  while (s > min && font.width(text, s) > maxWidth) s -= 0.5;
  if (font.width(text, s) <= maxWidth) return { lines: [text], size: s };
  const two = Math.max(9, size * 0.6);
  let lines = wrap(font, text, two, maxWidth);
  let t = two;
  while (lines.length > 2 && t > 7) {
    t -= 0.5;
    lines = wrap(font, text, t, maxWidth);
  }
  return { lines, size: t };
}

/** Paragraph text (event title, date and place): wraps, and shrinks when it needs more than `maxLines`. */
function fitParagraph(font: Face, text: string, size: number, maxWidth: number, maxLines: number) {
  let s = size;
  let lines = wrap(font, text, s, maxWidth);
  while (lines.length > maxLines && s > 6) {
    s -= 0.5;
    lines = wrap(font, text, s, maxWidth);
  }
  return { lines, size: s };
}

/**
 * Segments for the QR encoder: the URL up to the code as bytes, the upper-case code as
 * alphanumerics. That is what the encoder's own optimizer would pick, without its per-URL
 * shortest-path search.
 */
function qrSegments(url: string): QRCode.QRCodeSegment[] | string {
  const cut = url.lastIndexOf('/') + 1;
  const code = url.slice(cut);
  if (!cut || !/^[0-9A-Z]{4,}$/.test(code)) return url;
  return [
    { data: Buffer.from(url.slice(0, cut)), mode: 'byte' },
    { data: code, mode: 'alphanumeric' },
  ];
}

const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

function drawQr(ctx: Ctx, box: FieldBox, url: string, code: string) {
  const qr = QRCode.create(qrSegments(url) as string, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = box.width * ctx.W;
  const m = side / (n + 2);
  const x0 = box.x * ctx.W;
  const top = ctx.H - box.y * ctx.H;
  // A white quiet zone, so the code also scans on a dark background; then each run of dark modules
  // as one rectangle of one path.
  let ops = `/AulaQR BMC\nq\n1 1 1 rg\n${n2(x0)} ${n2(top - side)} ${n2(side)} ${n2(side)} re\nf\n0 0 0 rg\n`;
  const data = qr.modules.data;
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      let end = col;
      while (end < n && data[row * n + end]) end++;
      ops += `${n2(x0 + (col + 1) * m)} ${n2(top - (row + 2) * m)} ${n2((end - col) * m)} ${n2(m)} re\n`;
      col = end;
    }
  }
  ctx.page.ops += `${ops}f\nQ\nEMC\n`;
  // Under the QR: the code in groups of four at a readable size (at least 8 pt, bold), then where to type
  // it; the long link itself is in the QR.
  const host = url.replace(/^https?:\/\//, '').replace(/\/v\/.*$/, '/v');
  const codeSize = Math.max(8, box.size + 2);
  const hintSize = Math.max(7, box.size);
  const code4 = drawable(ctx.bold, code);
  const width = Math.max(side * 1.6, ctx.bold.width(code4, codeSize) + 2);
  const at = { ...box, width: width / ctx.W, align: 'left' as const };
  const y = drawLines(ctx, at, [code4], codeSize, ctx.bold, top - side - 1);
  drawLines(ctx, at, [drawable(ctx.regular, `Periksa di ${host}`)], hintSize, ctx.regular, y);
}

/** The organizer's and partners' logos in one centred row, as high as the box's size. */
function drawLogos(ctx: Ctx, box: FieldBox, logos: RawImage[]) {
  if (!logos.length) return;
  const h = box.size;
  const gap = h * 0.35;
  const maxW = box.width * ctx.W;
  let widths = logos.map((l) => (l.width / l.height) * h);
  let total = widths.reduce((a, x) => a + x, 0) + gap * (logos.length - 1);
  const scale = total > maxW ? maxW / total : 1;
  widths = widths.map((w) => w * scale);
  total *= scale;
  const left = box.x * ctx.W;
  let x =
    box.align === 'left' ? left : box.align === 'right' ? left + maxW - total : left + (maxW - total) / 2;
  const top = ctx.H - box.y * ctx.H;
  ctx.page.logos = true;
  logos.forEach((_, i) => {
    const w = widths[i]!;
    ctx.page.ops += `q\n${num(w)} 0 0 ${num(h * scale)} ${num(x)} ${num(top - h * scale)} cm\n/Logo${i} Do\nQ\n`;
    x += w + gap * scale;
  });
}

function drawSignatures(ctx: Ctx, box: FieldBox, prepared: PreparedTemplate) {
  const signers = prepared.signers.slice(0, 2);
  if (!signers.length) return;
  const colW = (box.width * ctx.W) / signers.length;
  const top = ctx.H - box.y * ctx.H;
  const color = hex(box.color);
  signers.forEach((s, i) => {
    const col: FieldBox = {
      ...box,
      x: box.x + (i * colW) / ctx.W,
      width: colW / ctx.W - 0.01,
      align: 'center',
    };
    const pos = s.position
      ? wrap(ctx.regular, drawable(ctx.regular, s.position), box.size, col.width * ctx.W)
      : [];
    let y = drawLines(ctx, col, pos.slice(0, 3), box.size, ctx.regular, top);
    const sigH = box.size * 5;
    const img = prepared.signatures[i];
    if (img) {
      const scale = Math.min(sigH / img.height, (colW * 0.8) / img.width);
      const w = img.width * scale;
      const h = img.height * scale;
      const x = col.x * ctx.W + (colW - w) / 2;
      ctx.page.sigs[i] = true;
      ctx.page.ops += `q\n${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y - sigH + (sigH - h) / 2)} cm\n/Sig${i} Do\nQ\n`;
    }
    y -= sigH;
    const name = drawable(ctx.bold, s.name);
    const nameSize = Math.min(box.size + 1, fitName(ctx.bold, name, box.size + 1, col.width * ctx.W).size);
    y = drawLines(ctx, col, [name], nameSize, ctx.bold, y);
    const nx = lineX(ctx, col, ctx.bold, name, nameSize);
    const ly = num(y + nameSize * 0.05);
    ctx.page.ops += `q\n${color} RG\n0.6 w\n${num(nx)} ${ly} m\n${num(nx + ctx.bold.width(name, nameSize))} ${ly} l\nS\nQ\n`;
    if (s.idNumber) {
      const idLine = drawable(ctx.regular, `${s.idLabel ? `${s.idLabel}. ` : ''}${s.idNumber}`);
      drawLines(ctx, col, [idLine], box.size, ctx.regular, y - 1);
    }
  });
}

/**
 * One certificate as a one-page PDF: vector text in subset DejaVu fonts, a vector QR code. The page's
 * content is written as content-stream text and appended to the template's skeleton (writer.ts): no
 * pdf-lib document per certificate, whose object model was about half of each certificate's time.
 */
export async function renderCertificate(prepared: PreparedTemplate, data: CertData): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([face('serif'), face('serifBold')]);
  const page = new Canvas();
  const ctx: Ctx = { page, W: prepared.width, H: prepared.height, regular, bold };
  const f = prepared.layout.fields;
  const text = (key: 'title' | 'intro' | 'role' | 'number' | 'issued', value: string) => {
    const box = f[key];
    if (!box.visible || !value) return;
    const font = box.bold ? bold : regular;
    const v = drawable(font, value);
    const { lines, size } = fitName(font, v, box.size, box.width * ctx.W);
    drawLines(ctx, box, lines, size, font);
  };
  const para = (key: 'event' | 'dateplace' | 'issuer', value: string, maxLines: number) => {
    const box = f[key];
    if (!box.visible || !value) return;
    const font = box.bold ? bold : regular;
    const { lines, size } = fitParagraph(font, drawable(font, value), box.size, box.width * ctx.W, maxLines);
    drawLines(ctx, box, lines, size, font);
  };
  const t = prepared.layout.texts;
  text('title', t.title);
  text('number', `Nomor: ${data.number}`);
  text('intro', t.intro);
  if (f.name.visible) {
    const font = f.name.bold ? bold : regular;
    const name = drawable(font, data.name);
    const { lines, size } = fitName(font, name, f.name.size, f.name.width * ctx.W);
    drawLines(ctx, f.name, lines, size, font);
  }
  text('role', `${t.rolePrefix ? `${t.rolePrefix} ` : ''}${data.roleText}`.trim());
  para('event', `${t.eventPrefix ? `${t.eventPrefix} ` : ''}“${data.eventTitle}”`, 3);
  para('dateplace', data.datePlace, 2);
  para('issuer', data.issuer, 2);
  text('issued', data.issued);
  if (f.signatures.visible) drawSignatures(ctx, f.signatures, prepared);
  if (f.qr.visible) drawQr(ctx, f.qr, data.verifyUrl, data.code.replace(/(.{4})(?=.)/g, '$1-'));
  if (f.logos.visible) drawLogos(ctx, f.logos, prepared.logos);

  const sk = await skeletonFor(prepared, page);
  return writePdf(sk, page, ctx.W, ctx.H, `Sertifikat ${data.number}`);
}
