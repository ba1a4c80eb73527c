import { describe, expect, it } from 'vitest';
import {
  computePlan,
  type DistancingRule,
  LayoutError,
  rowLetter,
  SeatLayout,
  violations,
} from './seating.layout.js';

const hall = (rows: number, seats: number, extra: Partial<SeatLayout> = {}): SeatLayout =>
  SeatLayout.parse({ rows: Array.from({ length: rows }, () => seats), ...extra });

describe('seat plan with a distancing rule', () => {
  it('labels rows A…Z, AA…', () => {
    expect([0, 25, 26, 27, 51, 52].map(rowLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('without a rule every seat but the blocked ones is usable', () => {
    const p = computePlan(hall(3, 4, { blocked: ['A1'] }), { kind: 'none', seatGap: 0, rowGap: 0 });
    expect(p.capacity).toBe(11);
    expect(p.cells[0]![0]!.kind).toBe('blocked');
  });

  it('one empty seat between neighbours and one empty row: the kelurahan hall of 52', () => {
    // 8 rows of 26 seats with an aisle after seat 13: rows A, C, E, G used; 7 seats per half-row → 4 × 14 = 56.
    const rule: DistancingRule = { kind: 'gap', seatGap: 1, rowGap: 1 };
    const p = computePlan(
      hall(8, 26, { aisles: [13], blocked: ['A1', 'A2', 'C1', 'C2', 'E1', 'E2', 'G1', 'G2'] }),
      rule,
    );
    expect(p.capacity).toBe(52);
    expect(
      violations(
        hall(8, 26, { aisles: [13] }),
        rule,
        p.usable.map((c) => c.label),
      ),
    ).toEqual([]);
    // Across the aisle seats 13 and 14 are not neighbours: both may be used.
    expect(p.usable.map((c) => c.label)).toContain('C13');
    expect(p.usable.map((c) => c.label)).toContain('C14');
  });

  it('checkerboard leaves nobody beside or in front of anyone', () => {
    const rule: DistancingRule = { kind: 'checkerboard', seatGap: 1, rowGap: 0 };
    const layout = hall(6, 10);
    const p = computePlan(layout, rule);
    expect(p.capacity).toBe(30);
    expect(
      violations(
        layout,
        rule,
        p.usable.map((c) => c.label),
      ),
    ).toEqual([]);
    expect(violations(layout, rule, ['A2', 'B2'])).toHaveLength(1);
  });

  it('reserved guest seats must be usable under the rule and are not offered to the public', () => {
    const rule: DistancingRule = { kind: 'gap', seatGap: 1, rowGap: 0 };
    const p = computePlan(hall(2, 6, { reserved: ['A1', 'A3'] }), rule);
    expect(p.usable).toHaveLength(6);
    expect(p.capacity).toBe(4);
    expect(() => computePlan(hall(2, 6, { reserved: ['A2'] }), rule)).toThrow(LayoutError);
    expect(() => computePlan(hall(2, 6, { blocked: ['Z9'] }), rule)).toThrow(LayoutError);
  });

  it('the violation check catches neighbours and near rows', () => {
    const layout = hall(4, 6);
    expect(violations(layout, { kind: 'gap', seatGap: 2, rowGap: 1 }, ['A1', 'A3'])).toEqual([['A1', 'A3']]);
    expect(violations(layout, { kind: 'gap', seatGap: 2, rowGap: 1 }, ['A1', 'B5'])).toEqual([['A1', 'B5']]);
    expect(violations(layout, { kind: 'gap', seatGap: 2, rowGap: 1 }, ['A1', 'A4', 'C1'])).toEqual([]);
  });
});
