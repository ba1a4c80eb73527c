import { z } from 'zod';
import { bilingual } from '../../http/validation.js';

/**
 * A hall as the organizer draws it: rows of seats (front row first), aisles between seat numbers, seats
 * that cannot be used (a pillar, the camera) and seats kept for invited guests. Labels are a row letter
 * and the seat number within the row ("C7"), as printed on the seat map and the ticket.
 */
const MAX_ROWS = 60;
const MAX_SEATS_PER_ROW = 60;

const Label = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9]{1,2}$/, {
    message: bilingual({ id: 'label kursi seperti A1 atau C12', en: 'a seat label such as A1 or C12' }),
  });

export const SeatLayout = z.object({
  /** Seats in each row, front to back. */
  rows: z.array(z.number().int().min(1).max(MAX_SEATS_PER_ROW)).min(1).max(MAX_ROWS),
  /** An aisle after these seat numbers (e.g. [4, 8]): seats across an aisle are not neighbours. */
  aisles: z.array(z.number().int().min(1).max(MAX_SEATS_PER_ROW)).max(10).default([]),
  blocked: z.array(Label).max(2000).default([]),
  reserved: z.array(Label).max(500).default([]),
});
export type SeatLayout = z.output<typeof SeatLayout>;

export const DISTANCING_KINDS = ['none', 'gap', 'checkerboard'] as const;
export const DistancingRule = z.object({
  kind: z.enum(DISTANCING_KINDS),
  /** Empty seats between two people in a row (kind "gap"). */
  seatGap: z.number().int().min(0).max(5).default(1),
  /** Empty rows between two used rows (kind "gap"). */
  rowGap: z.number().int().min(0).max(5).default(0),
});
export type DistancingRule = z.output<typeof DistancingRule>;

export const PlanInput = z.object({ layout: SeatLayout, rule: DistancingRule });
export type PlanInput = z.input<typeof PlanInput>;

type CellKind = 'usable' | 'reserved' | 'empty' | 'blocked';
interface Cell {
  label: string;
  row: number;
  /** Seat number within the row, 1-based. */
  seat: number;
  kind: CellKind;
}
export interface ComputedPlan {
  /** Every seat of the drawing, row by row, with its kind after the rule. */
  cells: Cell[][];
  usable: Cell[];
  reserved: Cell[];
  /** Public capacity: usable seats not kept for guests. */
  capacity: number;
}

/** A, B, … Z, AA, AB, … */
export function rowLetter(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export class LayoutError extends Error {
  constructor(readonly text: { id: string; en: string }) {
    super(text.en);
  }
}

/** Row segments between aisles: seat numbers that are neighbours of each other. */
function segments(length: number, aisles: number[]): number[][] {
  const cuts = [...new Set(aisles.filter((a) => a < length))].sort((a, b) => a - b);
  const out: number[][] = [];
  let start = 1;
  for (const cut of [...cuts, length]) {
    const seg: number[] = [];
    for (let s = start; s <= cut; s++) seg.push(s);
    if (seg.length) out.push(seg);
    start = cut + 1;
  }
  return out;
}

/**
 * Applies the distancing rule. "gap": within each row segment, a seat is used when it is at least
 * `seatGap` empty seats from the last used one (blocked seats stay empty and count as distance); only every
 * (rowGap+1)-th row is used. "checkerboard": alternate seats, shifted by one in each next row, so nobody sits
 * beside or directly in front of another person.
 */
export function computePlan(layout: SeatLayout, rule: DistancingRule): ComputedPlan {
  const blocked = new Set(layout.blocked);
  const reserved = new Set(layout.reserved);
  const known = new Set<string>();
  const cells: Cell[][] = layout.rows.map((length, r) => {
    const row: Cell[] = [];
    const usableInRow = new Set<number>();
    const rowUsed = rule.kind !== 'gap' || r % (rule.rowGap + 1) === 0;
    if (rowUsed) {
      for (const seg of segments(length, layout.aisles)) {
        let last = Number.NEGATIVE_INFINITY;
        for (const s of seg) {
          const label = `${rowLetter(r)}${s}`;
          if (blocked.has(label)) continue;
          const ok =
            rule.kind === 'none' ||
            (rule.kind === 'gap' && s - last > rule.seatGap) ||
            (rule.kind === 'checkerboard' && (r + s) % 2 === 1);
          if (ok) {
            usableInRow.add(s);
            last = s;
          }
        }
      }
    }
    for (let s = 1; s <= length; s++) {
      const label = `${rowLetter(r)}${s}`;
      known.add(label);
      const kind: CellKind = blocked.has(label)
        ? 'blocked'
        : usableInRow.has(s)
          ? reserved.has(label)
            ? 'reserved'
            : 'usable'
          : 'empty';
      row.push({ label, row: r, seat: s, kind });
    }
    return row;
  });
  for (const label of [...blocked, ...reserved]) {
    if (!known.has(label)) {
      throw new LayoutError({
        id: `Kursi ${label} tidak ada di denah ini.`,
        en: `Seat ${label} is not in this plan.`,
      });
    }
  }
  const flat = cells.flat();
  for (const label of reserved) {
    const c = flat.find((x) => x.label === label)!;
    if (c.kind !== 'reserved') {
      throw new LayoutError({
        id: `Kursi ${label} tidak dapat dipesan untuk tamu: kursi ini harus kosong menurut aturan jarak atau diblokir.`,
        en: `Seat ${label} cannot be reserved for a guest: the distancing rule keeps it empty, or it is blocked.`,
      });
    }
  }
  const usable = flat.filter((c) => c.kind === 'usable' || c.kind === 'reserved');
  const res = flat.filter((c) => c.kind === 'reserved');
  return { cells, usable, reserved: res, capacity: usable.length - res.length };
}

/**
 * Checks a set of occupied seats against the rule: used by tests and as a last guard before a plan
 * is saved. Returns the pairs that sit too close.
 */
export function violations(layout: SeatLayout, rule: DistancingRule, occupied: string[]): [string, string][] {
  if (rule.kind === 'none') return [];
  const pos = new Map<string, { row: number; seat: number; seg: number }>();
  layout.rows.forEach((length, r) => {
    segments(length, layout.aisles).forEach((seg, i) => {
      for (const s of seg) pos.set(`${rowLetter(r)}${s}`, { row: r, seat: s, seg: i });
    });
  });
  const out: [string, string][] = [];
  const list = occupied.map((l) => [l, pos.get(l)] as const).filter((x) => x[1]);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [la, a] = list[i]!;
      const [lb, b] = list[j]!;
      if (!a || !b) continue;
      let tooClose = false;
      if (rule.kind === 'gap') {
        if (a.row === b.row && a.seg === b.seg && Math.abs(a.seat - b.seat) <= rule.seatGap) tooClose = true;
        if (a.row !== b.row && Math.abs(a.row - b.row) <= rule.rowGap) tooClose = true;
      } else {
        if (a.row === b.row && a.seg === b.seg && Math.abs(a.seat - b.seat) === 1) tooClose = true;
        if (Math.abs(a.row - b.row) === 1 && a.seat === b.seat) tooClose = true;
      }
      if (tooClose) out.push([la, lb]);
    }
  }
  return out;
}

/** Parses "A1, a2 C7" typed in a form into labels. */
export function parseLabels(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

/** Parses "10" or "10, 10, 12" (seats per row) with a row count. */
export function parseRows(rowCount: number, seatsText: string): number[] {
  const parts = seatsText
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((x) => Number(x));
  if (parts.length === 1) return Array.from({ length: rowCount }, () => parts[0]!);
  return parts;
}
