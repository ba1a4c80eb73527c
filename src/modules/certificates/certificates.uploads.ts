import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { checkPdf, PDF_CHECK_MS } from '../uploads/index.js';

/** Backgrounds: a photo-quality JPEG or a one-page PDF; both end up inside every certificate, so they stay small. */
export const MAX_BACKGROUND_BYTES = 8 * 1024 * 1024;
const MAX_PDF_BACKGROUND_BYTES = 250 * 1024;
/** A scanned signature is a small picture; a bigger file is almost always a phone photo of a whole page. */
export const MAX_SIGNATURE_BYTES = 300 * 1024;
const MAX_PIXELS = 40_000_000;

export async function readOneFile(
  req: FastifyRequest,
  maxBytes: number,
  allowed: string,
): Promise<{ data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw errors.unsupportedMedia(`multipart/form-data (${allowed})`);
  const fields: Record<string, string> = {};
  let data: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        if (!data && buf.length) data = buf;
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw errors.tooLarge(Math.floor(maxBytes / 1024));
    }
    throw err;
  }
  if (!data)
    throw errors.validation({
      id: `file: pilih berkas (${allowed}).`,
      en: `file: choose a file (${allowed}).`,
    });
  return { data, fields };
}

async function store(dataDir: string, rel: string, data: Uint8Array) {
  const final = join(dataDir, 'uploads', rel);
  await mkdir(join(final, '..'), { recursive: true });
  await writeFile(`${final}.tmp`, data);
  await rename(`${final}.tmp`, final);
}

/** Refuses anything sharp does not read as a JPEG, PNG or WebP picture (the error names `allowed`). */
async function requirePicture(data: Buffer, allowed: string) {
  let format: string | undefined;
  try {
    format = (await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata()).format;
  } catch {
    throw errors.unsupportedMedia(allowed);
  }
  if (!format || !['jpeg', 'png', 'webp'].includes(format)) throw errors.unsupportedMedia(allowed);
}

/**
 * A background is either a one-page PDF (kept as is, so vector designs stay sharp) or an image
 * re-encoded as JPEG at print size (which also drops any metadata). Anything else is refused
 * before a byte is written.
 */
export async function storeBackground(dataDir: string, data: Buffer, orientation: 'landscape' | 'portrait') {
  const allowed = 'JPEG, PNG, WebP, PDF';
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') {
    if (data.length > MAX_PDF_BACKGROUND_BYTES) throw errors.tooLarge(MAX_PDF_BACKGROUND_BYTES / 1024);
    // Read in a worker with a time limit: a padded PDF would otherwise hold the event loop (issue 13).
    const check = await checkPdf({ data });
    if (check.verdict === 'timeout') throw errors.pdfTooComplex(PDF_CHECK_MS / 1000);
    if (check.verdict !== 'ok') throw errors.unsupportedMedia(allowed);
    const pages = check.pages;
    if (pages !== 1) {
      throw errors.validation({
        id: `Latar PDF harus satu halaman (berkas ini ${pages} halaman).`,
        en: `A PDF background must have one page (this file has ${pages}).`,
      });
    }
    const rel = `certificates/${newId()}.pdf`;
    await store(dataDir, rel, data);
    return { path: rel, kind: 'pdf' as const };
  }
  await requirePicture(data, allowed);
  const [w, h] = orientation === 'landscape' ? [2339, 1654] : [1654, 2339];
  // 200 dpi A4 prints cleanly; the quality steps down until the JPEG leaves room for the rest of the certificate.
  let out: Buffer | null = null;
  for (const quality of [78, 68, 58, 48]) {
    out = await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: w, height: h, fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer()
      .catch(() => {
        throw errors.unsupportedMedia(allowed);
      });
    if (out.length <= 230 * 1024) break;
  }
  const rel = `certificates/${newId()}.jpg`;
  await store(dataDir, rel, out!);
  return { path: rel, kind: 'image' as const };
}

export async function storeSignature(dataDir: string, data: Buffer) {
  const allowed = 'PNG, JPEG, WebP';
  if (data.length > MAX_SIGNATURE_BYTES) throw errors.tooLarge(MAX_SIGNATURE_BYTES / 1024);
  await requirePicture(data, allowed);
  const out = await sharp(data, { failOn: 'error' })
    .rotate()
    .resize({ width: 600, height: 240, fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer()
    .catch(() => {
      throw errors.unsupportedMedia(allowed);
    });
  const rel = `certificates/sig-${newId()}.png`;
  await store(dataDir, rel, out);
  return rel;
}
