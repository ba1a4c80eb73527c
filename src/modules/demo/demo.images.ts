import fontkit from '@pdf-lib/fontkit';
import sharp from 'sharp';
import { type FontName, fontBytes } from '../../shared/pdf.js';

/**
 * Placeholder pictures for the demo: a logo per organization (initials on a coloured shape) and a
 * banner (the title on a calm background). They are drawn as SVG and rasterized by sharp. The letters
 * are glyph outlines taken from the DejaVu fonts Aula already ships, not SVG <text>: librsvg would look
 * for system fonts, and a fresh server may have none, which would leave the shapes blank.
 */

interface Glyphs {
  unitsPerEm: number;
  layout(text: string): {
    advanceWidth: number;
    glyphs: { path: { toSVG(): string } }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
}

// Parsed fonts are immutable and the same for every app in the process; parsing one costs milliseconds.
const fonts = new Map<FontName, Glyphs>();
function font(name: FontName): Glyphs {
  let f = fonts.get(name);
  if (!f) {
    f = fontkit.create(Buffer.from(fontBytes(name))) as unknown as Glyphs;
    fonts.set(name, f);
  }
  return f;
}

const widthOf = (f: Glyphs, text: string, size: number) =>
  (f.layout(text).advanceWidth * size) / f.unitsPerEm;

/** One line of text as SVG paths, with its left end of the baseline at (x, y). */
function textPath(name: FontName, text: string, size: number, x: number, y: number, fill: string): string {
  const f = font(name);
  const run = f.layout(text);
  const s = size / f.unitsPerEm;
  let pen = 0;
  const parts: string[] = [];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    const d = g.path.toSVG();
    if (d) {
      // Font outlines grow upwards; SVG grows downwards.
      parts.push(
        `<path transform="translate(${(x + (pen + p.xOffset) * s).toFixed(2)} ${(y - p.yOffset * s).toFixed(2)}) scale(${s.toFixed(5)} ${(-s).toFixed(5)})" d="${d}"/>`,
      );
    }
    pen += p.xAdvance;
  });
  return `<g fill="${fill}">${parts.join('')}</g>`;
}

function wrap(name: FontName, text: string, size: number, maxWidth: number): string[] {
  const f = font(name);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && widthOf(f, next, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

interface LogoSpec {
  initials: string;
  colour: string;
  shape: 'circle' | 'rounded' | 'hexagon';
}

export function logoSvg({ initials, colour, shape }: LogoSpec): string {
  const size = 240;
  const c = size / 2;
  const outline =
    shape === 'circle'
      ? `<circle cx="${c}" cy="${c}" r="${c - 8}"/>`
      : shape === 'rounded'
        ? `<rect x="8" y="8" width="${size - 16}" height="${size - 16}" rx="44"/>`
        : `<polygon points="${[0, 1, 2, 3, 4, 5]
            .map((k) => {
              const a = (Math.PI / 3) * k + Math.PI / 6;
              return `${(c + (c - 8) * Math.cos(a)).toFixed(1)},${(c + (c - 8) * Math.sin(a)).toFixed(1)}`;
            })
            .join(' ')}"/>`;
  const textSize = initials.length > 2 ? 72 : 92;
  const f = font('sansBold');
  const w = widthOf(f, initials, textSize);
  // Cap height of DejaVu Sans Bold is ~0.73 em: this centres the capitals optically.
  const baseline = c + textSize * 0.365;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
<g fill="${colour}">${outline}</g>
<g fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="4" transform="translate(${c} ${c}) scale(0.86) translate(${-c} ${-c})">${outline}</g>
${textPath('sansBold', initials, textSize, c - w / 2, baseline, '#ffffff')}
</svg>`;
}

interface BannerSpec {
  title: string;
  /** A short line under the title (date, place). */
  subtitle: string;
  /** A small tag in the corner that says this is sample content. */
  tag: string;
}

export function bannerSvg({ title, subtitle, tag }: BannerSpec): string {
  const W = 960;
  const H = 540;
  const margin = 72;
  let size = 44;
  let lines = wrap('sansBold', title, size, W - 2 * margin);
  while (lines.length > 4 && size > 28) {
    size -= 2;
    lines = wrap('sansBold', title, size, W - 2 * margin);
  }
  const lead = size * 1.25;
  const subSize = 22;
  const gap = size * 0.3 + 24 + subSize;
  // Centre the block from the top of the first line's capitals to the subtitle's baseline.
  const first = (H - (size * 0.73 + (lines.length - 1) * lead + gap)) / 2 + size * 0.73;
  const titlePaths = lines.map((l, i) => textPath('sansBold', l, size, margin, first + i * lead, '#12332f'));
  const sub = textPath('sans', subtitle, subSize, margin, first + (lines.length - 1) * lead + gap, '#2f5d56');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eef5f2"/><stop offset="1" stop-color="#cfe3dd"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<circle cx="${W - 90}" cy="70" r="190" fill="#9cc9bd" fill-opacity="0.25"/>
<circle cx="${W - 20}" cy="${H - 10}" r="150" fill="#7fb5a7" fill-opacity="0.18"/>
<rect x="${margin}" y="${margin - 30}" width="56" height="6" rx="3" fill="#2f7d6d"/>
${titlePaths.join('\n')}
${sub}
${textPath('sans', tag, 16, margin, H - 36, '#4d7a72')}
</svg>`;
}

/** SVG → PNG; the uploads pipeline then re-encodes it like any uploaded image. */
export const rasterize = (svg: string) => sharp(Buffer.from(svg)).png().toBuffer();
