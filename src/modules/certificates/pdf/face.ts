import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  type PDFDocument,
  PDFHexString,
  PDFObject,
  type PDFPage,
  type PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib';
import { type FontName, fontBytes } from '../../../shared/pdf.js';

/**
 * A font prepared once per process for certificates: DejaVu subset to the characters Indonesian
 * names and titles use (Latin, Latin-1 and Latin Extended-A, punctuation), compressed once, and
 * copied as finished bytes into each certificate. Per certificate there is then no font parsing,
 * subsetting or compression at all — the cost that dominates a pdf-lib `embedFont` per document.
 */
export interface Face {
  name: string;
  /** Width of `text` at `size` points. */
  width(text: string, size: number): number;
  /** Replaces characters outside the subset by "?" (they would print as empty boxes). */
  clean(text: string): string;
  /** The font objects, added to one document (cached per document by the caller). */
  embed(doc: PDFDocument): PDFRef;
  hex(text: string): PDFHexString;
  /** The glyph codes of `text` as the hex digits of a PDF string (Identity-H, two bytes per glyph). */
  codes(text: string): string;
}

const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2027],
  [0x2030, 0x203a],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
];

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  createSubset(): { includeGlyph(g: FontkitGlyph | number): number; encodeStream(): NodeJS.ReadableStream };
}

/**
 * A PDF object written once as finished bytes and copied into every document that uses it: the
 * font's width array holds a few hundred numbers, which pdf-lib would otherwise turn into objects
 * and format again for each certificate.
 */
class FinishedObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }
  override clone(): PDFObject {
    return this;
  }
  override toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }
  override sizeInBytes(): number {
    return this.bytes.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

const faces = new Map<FontName, Promise<Face>>();

export function face(name: FontName): Promise<Face> {
  let f = faces.get(name);
  if (!f) {
    f = build(name);
    faces.set(name, f);
  }
  return f;
}

async function build(name: FontName): Promise<Face> {
  const font = fontkit.create(fontBytes(name) as Buffer) as unknown as FontkitFont;
  const subset = font.createSubset();
  const gidOf = new Map<number, number>();
  const adv = new Map<number, number>();
  const scale = 1000 / font.unitsPerEm;
  const widths: number[] = [Math.round(font.glyphForCodePoint(0).advanceWidth * scale)];
  for (const [a, b] of RANGES) {
    for (let cp = a; cp <= b; cp++) {
      if (!font.hasGlyphForCodePoint(cp)) continue;
      const g = font.glyphForCodePoint(cp);
      if (!g.id) continue;
      const gid = subset.includeGlyph(g);
      gidOf.set(cp, gid);
      widths[gid] = Math.round(g.advanceWidth * scale);
      adv.set(cp, g.advanceWidth * scale);
    }
  }
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    subset
      .encodeStream()
      .on('data', (d: Buffer) => parts.push(Buffer.from(d)))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
  const hexOf = new Map([...gidOf].map(([cp, gid]) => [cp, gid.toString(16).padStart(4, '0')]));
  const codes = (text: string) => {
    let h = '';
    for (const ch of text) h += hexOf.get(ch.codePointAt(0)!) ?? '0000';
    return h;
  };
  const fontFile = deflateSync(bytes);
  const cmapLines = [...gidOf.entries()].map(
    ([cp, gid]) => `<${gid.toString(16).padStart(4, '0')}> <${cp.toString(16).padStart(4, '0')}>`,
  );
  const chunks: string[] = [];
  for (let i = 0; i < cmapLines.length; i += 100) {
    const part = cmapLines.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  const toUnicode = deflateSync(
    Buffer.from(
      `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${chunks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`,
    ),
  );
  const baseFont = `AULAAA+${font.postscriptName}`;
  const bbox = [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) =>
    Math.round(v * scale),
  );
  const refs = new WeakMap<PDFDocument, PDFRef>();
  const widthArray = new FinishedObject(
    Buffer.from(`[0 [${widths.map((w) => w ?? 0).join(' ')}]]`, 'latin1'),
  );

  return {
    name: font.postscriptName,
    width(text, size) {
      let w = 0;
      for (const ch of text) w += adv.get(ch.codePointAt(0)!) ?? widths[0]!;
      return (w * size) / 1000;
    },
    clean(text) {
      let out = '';
      for (const ch of text.normalize('NFC')) {
        const cp = ch.codePointAt(0)!;
        out += gidOf.has(cp) ? ch : cp === 9 || cp === 10 ? ' ' : cp < 32 ? '' : '?';
      }
      return out;
    },
    hex: (text) => PDFHexString.of(codes(text)),
    codes,
    embed(doc) {
      const known = refs.get(doc);
      if (known) return known;
      const c = doc.context;
      const file = c.register(c.stream(fontFile, { Length1: bytes.length, Filter: 'FlateDecode' }));
      const descriptor = c.register(
        c.obj({
          Type: 'FontDescriptor',
          FontName: baseFont,
          Flags: 4 | (font.italicAngle ? 64 : 0),
          FontBBox: bbox,
          ItalicAngle: font.italicAngle,
          Ascent: Math.round(font.ascent * scale),
          Descent: Math.round(font.descent * scale),
          CapHeight: Math.round((font.capHeight || font.ascent) * scale),
          StemV: 80,
          FontFile2: file,
        }),
      );
      const cid = c.register(
        c.obj({
          Type: 'Font',
          Subtype: 'CIDFontType2',
          BaseFont: baseFont,
          CIDSystemInfo: {
            Registry: PDFString.of('Adobe'),
            Ordering: PDFString.of('Identity'),
            Supplement: 0,
          },
          FontDescriptor: descriptor,
          W: widthArray,
          CIDToGIDMap: 'Identity',
        }),
      );
      const uni = c.register(c.stream(toUnicode, { Filter: 'FlateDecode' }));
      const ref = c.register(
        c.obj({
          Type: 'Font',
          Subtype: 'Type0',
          BaseFont: baseFont,
          Encoding: 'Identity-H',
          DescendantFonts: [cid],
          ToUnicode: uni,
        }),
      );
      refs.set(doc, ref);
      return ref;
    },
  };
}

/** Draws one line of text with a prepared face. */
const fontKeys = new WeakMap<PDFPage, Map<string, ReturnType<PDFPage['node']['newFontDictionary']>>>();

export function drawWith(
  page: PDFPage,
  f: Face,
  text: string,
  x: number,
  y: number,
  size: number,
  color: { red: number; green: number; blue: number },
) {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(f.name);
  if (!key) {
    key = page.node.newFontDictionary(f.name, f.embed(page.doc));
    keys.set(f.name, key);
  }
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    setFillingRgbColor(color.red, color.green, color.blue),
    setFontAndSize(key, size),
    setTextMatrix(1, 0, 0, 1, x, y),
    showText(f.hex(text)),
    endText(),
    popGraphicsState(),
  );
}
