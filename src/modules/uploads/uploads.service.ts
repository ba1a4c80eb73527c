import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';

/**
 * Images that organizers upload (event banners, organization logos). Every file is decoded and
 * re-encoded by sharp, which drops all metadata (EXIF incl. GPS, XMP, ICC comments) unless asked to
 * keep it, and rejects anything that is not really an image whatever its name or content type.
 */
export type ImageKind = 'banner' | 'logo';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const ALLOWED_IMAGES = 'JPEG, PNG, WebP';
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);
/** A decompression bomb (a tiny file claiming 100,000 × 100,000 pixels) is refused before decoding. */
const MAX_INPUT_PIXELS = 40_000_000;

interface Spec {
  dir: string;
  ext: 'jpg' | 'png';
  width: number;
  height: number;
}

// Banners are photos: JPEG at most 960 px wide keeps a typical photo near 50–70 KB (the event page budget is
// 100 KB in all, research/indonesia.md §5) and is large enough for a WhatsApp link preview. A banner keeps its
// own shape (an 8:3 banner with its title in it must not lose the title's ends): it is fitted, not cropped.
// Logos keep transparency as PNG, which pdf-lib can embed in certificates and reports (it reads only PNG and JPEG).
const SPECS: Record<ImageKind, Spec> = {
  banner: { dir: 'banners', ext: 'jpg', width: 960, height: 720 },
  logo: { dir: 'logos', ext: 'png', width: 320, height: 160 },
};

/**
 * Sensible bounds for a banner's shape: from a 4:5 poster to a 4:1 strip. Within them the upload keeps its
 * ratio; outside, it is fitted into the nearest bound on a white band (letterbox), never cut.
 */
const BANNER_RATIO = { min: 4 / 5, max: 4 };

function bannerBox(width: number, height: number): { width: number; height: number; pad: boolean } {
  const r = width / height;
  const ratio = Math.min(BANNER_RATIO.max, Math.max(BANNER_RATIO.min, r));
  const spec = SPECS.banner;
  const w = Math.min(spec.width, Math.round(spec.height * ratio), Math.max(width, 320));
  return { width: w, height: Math.round(w / ratio), pad: ratio !== r };
}

const SAFE_PATH = /^(banners|logos)\/[0-9a-z]{10,40}\.(jpg|png)$/;
const GENERATED_PATH = /^[a-z]{3,20}\/[0-9a-z-]{10,60}\.(jpg|png|webp|pdf)$/;

interface StoredImage {
  /** Relative to DATA_DIR/uploads, served at /uploads/<path>. */
  path: string;
  bytes: number;
  width: number;
  height: number;
}

async function encodeImage(
  input: Buffer,
  kind: ImageKind,
): Promise<{ data: Buffer; width: number; height: number }> {
  if (input.length === 0) throw errors.unsupportedMedia(ALLOWED_IMAGES, 'file');
  if (input.length > MAX_UPLOAD_BYTES) throw errors.tooLarge(MAX_UPLOAD_BYTES / 1024, 'file', 'file');
  const spec = SPECS[kind];
  let format: string | undefined;
  let size = { width: 0, height: 0 };
  try {
    const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    format = meta.format;
    // EXIF orientations 5–8 turn the picture a quarter: its shape is the other way round.
    const turned = (meta.orientation ?? 1) >= 5;
    size = {
      width: (turned ? meta.height : meta.width) ?? 0,
      height: (turned ? meta.width : meta.height) ?? 0,
    };
  } catch {
    throw errors.unsupportedMedia(ALLOWED_IMAGES, 'file');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw errors.unsupportedMedia(ALLOWED_IMAGES, 'file');
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped, so phone photos stay upright.
    const box = kind === 'banner' && size.width && size.height ? bannerBox(size.width, size.height) : null;
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(
        box
          ? { width: box.width, height: box.height, fit: box.pad ? 'contain' : 'fill', background: '#ffffff' }
          : { width: spec.width, height: spec.height, fit: 'inside', withoutEnlargement: kind === 'logo' },
      );
    const out =
      spec.ext === 'jpg'
        ? await pipeline
            .flatten({ background: '#ffffff' })
            .jpeg({ quality: 65, mozjpeg: true })
            .toBuffer({ resolveWithObject: true })
        : await pipeline.png({ compressionLevel: 9, palette: true }).toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    throw errors.unsupportedMedia(ALLOWED_IMAGES, 'file');
  }
}

/** Validates, re-encodes and stores; nothing is written unless the image is valid. */
export async function storeImage(dataDir: string, input: Buffer, kind: ImageKind): Promise<StoredImage> {
  const img = await encodeImage(input, kind);
  const spec = SPECS[kind];
  const rel = `${spec.dir}/${newId()}.${spec.ext}`;
  const dir = join(dataDir, 'uploads', spec.dir);
  await mkdir(dir, { recursive: true });
  const final = join(dataDir, 'uploads', rel);
  // Write then rename: a reader never sees half a file.
  const tmp = `${final}.tmp`;
  await writeFile(tmp, img.data);
  await rename(tmp, final);
  return { path: rel, bytes: img.data.length, width: img.width, height: img.height };
}

/** Copies a stored file under a new name (a duplicated event must not share a file another event may replace). */
export async function copyImage(dataDir: string, path: string): Promise<string | null> {
  if (!SAFE_PATH.test(path)) return null;
  const [dir, file] = path.split('/') as [string, string];
  const rel = `${dir}/${newId()}.${file.split('.')[1]}`;
  try {
    await copyFile(join(dataDir, 'uploads', path), join(dataDir, 'uploads', rel));
    return rel;
  } catch {
    return null;
  }
}

/**
 * Removes files Aula generated (for a deleted event): a path must be one folder and a generated
 * name, so nothing outside DATA_DIR/uploads can ever be named.
 */
export async function removeGeneratedFiles(dataDir: string, paths: (string | null)[]): Promise<void> {
  for (const p of paths) {
    if (p && GENERATED_PATH.test(p)) await rm(join(dataDir, 'uploads', p), { force: true });
  }
}

/** Removes a replaced file; only our own generated paths are ever touched. */
export async function removeImage(dataDir: string, path: string | null): Promise<void> {
  if (!path || !SAFE_PATH.test(path)) return;
  await rm(join(dataDir, 'uploads', path), { force: true });
}
