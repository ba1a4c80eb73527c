import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * PDF helpers shared by certificates and reports: DejaVu fonts (they cover Indonesian and every
 * Latin accent a name may carry), embedded as subsets so a file holds only the glyphs it uses.
 */
const require = createRequire(import.meta.url);

// pdf-lib compresses every stream with pako (pure JavaScript). Node's zlib writes the same zlib
// format natively, several times faster: certificates in bulk spend most of their time here.
// Calls with options (jszip streaming, pako users elsewhere) keep the original implementation.
const pako = require('pako') as {
  deflate: (data: Uint8Array, opts?: unknown) => Uint8Array;
  __aulaNative?: boolean;
};
if (!pako.__aulaNative) {
  const original = pako.deflate;
  pako.deflate = (data, opts) => (opts ? original(data, opts) : deflateSync(data));
  pako.__aulaNative = true;
}

const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');

export type FontName = 'serif' | 'serifBold' | 'serifItalic' | 'sans' | 'sansBold';
const FILES: Record<FontName, string> = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
};

const bytes = new Map<FontName, Uint8Array>();
export function fontBytes(name: FontName): Uint8Array {
  let b = bytes.get(name);
  if (!b) {
    b = readFileSync(join(FONT_DIR, FILES[name]));
    bytes.set(name, b);
  }
  return b;
}

// fontkit parses the whole TTF on every embed (~6 ms for DejaVu). The parsed font is only read by
// pdf-lib (each document makes its own subset from it), so one parse per process serves all.
const parsed = new WeakMap<Uint8Array, unknown>();
const cachingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    let f = parsed.get(data);
    if (!f) {
      f = fontkit.create(data as Buffer, postscriptName);
      parsed.set(data, f);
    }
    return f;
  },
};

export function useFonts(doc: PDFDocument): void {
  doc.registerFontkit(cachingFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
}

export async function embed(doc: PDFDocument, name: FontName): Promise<PDFFont> {
  return doc.embedFont(fontBytes(name), { subset: true });
}

/** Characters the DejaVu fonts cannot draw become "?" instead of failing the whole PDF. */
// Subset fonts are named "ABCDEF+DejaVuSerif" with a new tag per document: cache by the family.
const baseName = (font: PDFFont) => font.name.replace(/^[A-Z]{6}\+/, '');

const charSets = new Map<string, Set<number>>();
export function drawable(font: PDFFont, text: string): string {
  const key = baseName(font);
  let set = charSets.get(key);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charSets.set(key, set);
  }
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 10 || set.has(cp)) out += ch;
    else if (cp === 9) out += ' ';
    else if (cp >= 32) out += '?';
  }
  return out;
}

const advances = new Map<string, Map<string, number>>();
/**
 * Text width from cached per-character advances. pdf-lib's own measure runs fontkit's full layout
 * (GSUB/GPOS) on every call; fitting and wrapping measure hundreds of candidates per page.
 */
export function widthOf(font: PDFFont, text: string, size: number): number {
  const key = baseName(font);
  let m = advances.get(key);
  if (!m) {
    m = new Map();
    advances.set(key, m);
  }
  let w = 0;
  for (const ch of text) {
    let a = m.get(ch);
    if (a === undefined) {
      a = font.widthOfTextAtSize(ch, 1);
      m.set(ch, a);
    }
    w += a;
  }
  return w * size;
}

/** Breaks text into lines no wider than `maxWidth` at `size` (words longer than a line are cut). */
export function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  return wrapMeasured((t, s) => widthOf(font, t, s), text, size, maxWidth);
}

export function wrapMeasured(
  measure: (text: string, size: number) => number,
  text: string,
  size: number,
  maxWidth: number,
): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let w = word;
      while (measure(w, size) > maxWidth && w.length > 1) {
        let cut = w.length - 1;
        while (cut > 1 && measure(w.slice(0, cut), size) > maxWidth) cut--;
        lines.push(w.slice(0, cut));
        w = w.slice(cut);
      }
      line = w;
    }
    lines.push(line);
  }
  return lines;
}

export const MM = 72 / 25.4;
export const CM = 72 / 2.54;

/**
 * A table header in lines that never break inside a word: breaks only at spaces and after "/"
 * ("Luring/" + "Daring"), and the size shrinks (to 6 pt at least) until the longest word fits.
 */
export function fitHeader(
  measure: (text: string, size: number) => number,
  text: string,
  size: number,
  maxWidth: number,
): { lines: string[]; size: number } {
  const tokens = text.split(/\s+/).flatMap((w) => w.split(/(?<=\/)/));
  let s = size;
  while (s > 6 && tokens.some((t) => measure(t, s) > maxWidth)) s -= 0.5;
  const lines: string[] = [];
  let line = '';
  for (const t of tokens) {
    const glue = line && !line.endsWith('/') ? ' ' : '';
    const candidate = `${line}${glue}${t}`;
    if (!line || measure(candidate, s) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = t;
    }
  }
  lines.push(line);
  return { lines, size: s };
}
