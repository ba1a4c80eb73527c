import { createRequire } from 'node:module';

/**
 * qrcode's mask selection, computed on flat arrays. qrcode tries all eight masks per symbol and scores
 * each with the four penalty rules of ISO/IEC 18004 through a `get(row, col)` call and a `switch` per
 * module, which was a fifth of a certificate's CPU time once the PDF itself was written directly.
 * This scores the same rules on the same modules and returns the same mask (the test compares it with
 * qrcode's own on many URLs); only the speed differs. The penalty rules stay: they keep codes scannable.
 */
interface BitMatrix {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}
type GetBestMask = (data: BitMatrix, setupFormatFunc: (p: number) => void) => number;

const require = createRequire(import.meta.url);
const maskPattern = require('qrcode/lib/core/mask-pattern') as {
  getBestMask: GetBestMask;
  __aulaFast?: GetBestMask;
};

const maskAt: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** The eight masks of one symbol size as 0/1 arrays; reserved modules (finders, timing, format) are 0. */
const tables = new Map<string, Uint8Array[]>();
function masksFor(m: BitMatrix): Uint8Array[] {
  const size = m.size;
  // The reserved modules depend only on the version, hence on the size (the test checks this holds).
  const key = String(size);
  let t = tables.get(key);
  if (!t) {
    t = maskAt.map((at) => {
      const out = new Uint8Array(size * size);
      for (let r = 0; r < size; r++)
        for (let c = 0; c < size; c++) if (!m.reservedBit[r * size + c] && at(r, c)) out[r * size + c] = 1;
      return out;
    });
    tables.set(key, t);
  }
  return t;
}

function penalty(d: Uint8Array, size: number): number {
  let points = 0;
  // N1: runs of five or more same-coloured modules in a row or a column: 3 + (run - 5).
  for (let a = 0; a < size; a++) {
    let rowRun = 0;
    let colRun = 0;
    let rowLast = -1;
    let colLast = -1;
    let rowBits = 0;
    let colBits = 0;
    for (let b = 0; b < size; b++) {
      const h = d[a * size + b]!;
      const v = d[b * size + a]!;
      if (h === rowLast) rowRun++;
      else {
        if (rowRun >= 5) points += 3 + (rowRun - 5);
        rowLast = h;
        rowRun = 1;
      }
      if (v === colLast) colRun++;
      else {
        if (colRun >= 5) points += 3 + (colRun - 5);
        colLast = v;
        colRun = 1;
      }
      // N3: 1:1:3:1:1 finder-like patterns with four light modules on one side: 40 each.
      rowBits = ((rowBits << 1) & 0x7ff) | h;
      colBits = ((colBits << 1) & 0x7ff) | v;
      if (b >= 10) {
        if (rowBits === 0x5d0 || rowBits === 0x05d) points += 40;
        if (colBits === 0x5d0 || colBits === 0x05d) points += 40;
      }
    }
    if (rowRun >= 5) points += 3 + (rowRun - 5);
    if (colRun >= 5) points += 3 + (colRun - 5);
  }
  // N2: 2×2 blocks of one colour: 3 each.
  let blocks = 0;
  for (let r = 0; r < size - 1; r++) {
    for (let c = 0; c < size - 1; c++) {
      const i = r * size + c;
      const s = d[i]! + d[i + 1]! + d[i + size]! + d[i + size + 1]!;
      if (s === 4 || s === 0) blocks++;
    }
  }
  points += blocks * 3;
  // N4: deviation of the dark share from 50 %, in steps of 5 %: 10 per step.
  let dark = 0;
  for (let i = 0; i < d.length; i++) dark += d[i]!;
  points += Math.abs(Math.ceil((dark * 100) / d.length / 5) - 10) * 10;
  return points;
}

export const originalGetBestMask: GetBestMask = maskPattern.__aulaFast
  ? (maskPattern as unknown as { __aulaOriginal: GetBestMask }).__aulaOriginal
  : maskPattern.getBestMask;

export const fastGetBestMask: GetBestMask = (m, setupFormatFunc) => {
  const masks = masksFor(m);
  const scratch = new Uint8Array(m.data.length);
  let best = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < 8; p++) {
    setupFormatFunc(p);
    const mask = masks[p]!;
    for (let i = 0; i < scratch.length; i++) scratch[i] = m.data[i]! ^ mask[i]!;
    const score = penalty(scratch, m.size);
    if (score < lowest) {
      lowest = score;
      best = p;
    }
  }
  return best;
};

if (!maskPattern.__aulaFast) {
  (maskPattern as unknown as { __aulaOriginal: GetBestMask }).__aulaOriginal = maskPattern.getBestMask;
  maskPattern.getBestMask = fastGetBestMask;
  maskPattern.__aulaFast = fastGetBestMask;
}
