// The parts of the attacker's LP (scripts/pipeline/sdc/attack/), each where it makes a decision, on hand-worked
// models: interval verdicts, components, the attacker's rows, interval proofs, the singleton attack's pieces,
// and the one PRNG its random objectives draw from.
import { describe, expect, it } from 'vitest';
import { createRng } from '../scripts/lib/prng.ts';
import { newMemo } from '../scripts/pipeline/sdc/attack.ts';
import { component, components, neighbourhood, rowsOf } from '../scripts/pipeline/sdc/attack/components.ts';
import { hull, isProtected, notPinned, verdict } from '../scripts/pipeline/sdc/attack/interval.ts';
import { proveIntervals, unconstrained } from '../scripts/pipeline/sdc/attack/intervals.ts';
import { attackerRows, ComponentLp, seededSigns } from '../scripts/pipeline/sdc/attack/lp.ts';
import { attackSingleton, pinnedRegardless, proveFromPool, singletonColumns, singletonTargets } from '../scripts/pipeline/sdc/attack/singleton.ts';
import { CellModelBuilder, relationsByCell, type CellModel } from '../scripts/pipeline/sdc/model.ts';
import { twoWayTable } from './lib/sdc-two-way.ts';

const twoWay = twoWayTable;
const inner = (model: CellModel): Uint8Array => Uint8Array.from(model.cells, (c) => (c.key.length === 4 ? 1 : 0));

describe('interval verdicts', () => {
  it('rounds the LP interval inwards to whole households, tolerating solver noise, never -0', () => {
    expect(hull(2.3, 5.7)).toEqual([3, 5]);
    expect(hull(2.9999999, 6.0000001)).toEqual([3, 6]);
    expect(Object.is(hull(-1e-9, 0)[0], 0)).toBe(true);
  });

  it('protects at least k wide, or the whole [0, total] of a cell whose total is under k', () => {
    expect(isProtected(3, 8, 9, 5)).toBe(true); // 8 − 3 = 5
    expect(isProtected(3, 7.5, 9, 5)).toBe(false); // [3, 7]: 4
    expect(isProtected(0, 3, 3, 5)).toBe(true); // total 3 < k: the whole [0, 3]
    expect(isProtected(1, 3, 3, 5)).toBe(false); // total under k but 0 ruled out
  });

  it('names a failure exact when one value is left, else narrow', () => {
    expect(verdict(7, 2, 2)).toEqual({ cell: 7, lower: 2, upper: 2, reason: 'exact' });
    expect(verdict(7, 2, 4.5)).toEqual({ cell: 7, lower: 2, upper: 4, reason: 'narrow' });
    expect(notPinned(2, 2.5)).toBe(false);
    expect(notPinned(2, 3)).toBe(true);
  });
});

describe('components', () => {
  it('links suppressed cells through the relations they share; published cells do not link', () => {
    const model = twoWay();
    expect(components(model, inner(model))).toEqual([[0, 1, 2, 3]]);
    // r1c1 and r2c2 share no relation: two components, each sorted by its smallest cell
    const apart = new Uint8Array(model.cells.length);
    apart[0] = 1; apart[3] = 1;
    expect(components(model, apart)).toEqual([[0], [3]]);
  });

  it('neighbourhood: the suppressed cells within a number of relations', () => {
    const model = twoWay();
    const byCell = relationsByCell(model);
    expect(neighbourhood(model, byCell, inner(model), 0, 1)).toEqual([0, 1, 2]); // r1c1's row and column
    expect(neighbourhood(model, byCell, inner(model), 0, 2)).toEqual([0, 1, 2, 3]);
  });
});

describe('the attacker rows', () => {
  it('keeps unknown cells as coefficients and moves published cells to the bounds', () => {
    const model = twoWay();
    // r1c1 unknown (column 0), r1c2 published (5): row 1 reads x0 = 9 − 5 = 4; column 1 with r2c1 unknown too
    const rows = attackerRows(model, [0, 2], (c) => ({ 0: 0, 2: 1 } as Record<number, number>)[c]);
    expect(rows).toEqual({ starts: [0, 1, 3], indices: [0, 0, 1], values: [1, 1, 1], rowLower: [4, 6], rowUpper: [4, 6] });
  });
});

describe('interval proofs', () => {
  it('the two-way table at k = 5: the row-1 cells fail [3, 6] with the relations of each end; row 2 proven', () => {
    const model = twoWay();
    const suppressed = inner(model);
    const memo = newMemo(model);
    const comp = component(model, suppressed, [0, 1, 2, 3], relationsByCell(model), 5, memo);
    const lp = new ComponentLp(model, rowsOf(comp), (c) => (suppressed[c] ? comp.local.get(c) : undefined), comp.upper);
    try {
      const { failures } = proveIntervals(comp, lp, [0, 1, 2, 3]);
      expect(failures.map(({ cell, lower, upper, reason }) => ({ cell, lower, upper, reason }))).toEqual([
        { cell: 0, lower: 3, upper: 6, reason: 'narrow' },
        { cell: 1, lower: 3, upper: 6, reason: 'narrow' },
      ]);
      // each end is proven by some of the four relations
      for (const f of failures) {
        expect(f.binding).toHaveLength(2);
        for (const proof of f.binding!) {
          expect(proof.length).toBeGreaterThan(0);
          expect(proof.every((ri) => ri >= 0 && ri < 4)).toBe(true);
        }
      }
      expect([...memo.proven.slice(0, 4)]).toEqual([0, 0, 1, 1]);
    } finally {
      lp.dispose();
    }
  });

  it('a cell no relation holds: only 0 ≤ x ≤ total, which always protects (k wide, or the whole total under k)', () => {
    const b = new CellModelBuilder();
    b.add('t', 'small total', 2, 3); // total 3 < k = 10: the whole [0, 3] is all a pattern can give
    b.add('t', 'large total', 2, 12); // [0, 12] is 12 wide
    const model = b.build();
    const comp = component(model, Uint8Array.of(1, 1), [0, 1], relationsByCell(model), 10, newMemo(model));
    expect(unconstrained(comp)).toEqual([]);
    expect([...comp.memo.proven]).toEqual([1, 1]);
  });
});

describe('the singleton attack', () => {
  /**
   * A commune row a + b + c = T (T = 8 published): a = 1 (a singleton), b = 3, c = 4, all suppressed; and a
   * labour split n + w = P (P = 6 published, fixed): n = 1, w = 5, both suppressed.
   */
  function model(): CellModel {
    const b = new CellModelBuilder();
    const [a, bb, c] = [['a', 1], ['b', 3], ['c', 4]].map(([key, value]) => b.add('t', key as string, value as number, 8));
    const total = b.add('t', 'T', 8, 8, { fixed: true });
    const [n, w] = [['n', 1], ['w', 5]].map(([key, value]) => b.add('t', key as string, value as number, 6));
    const poor = b.add('t', 'P', 6, 6, { fixed: true });
    b.relate('row', [[a, 1], [bb, 1], [c, 1], [total, -1]], '=', 0);
    b.relate('labour', [[n, 1], [w, 1], [poor, -1]], '=', 0);
    return b.build();
  }

  it('targets the cells sharing a relation with the singleton whose total leaves something to learn', () => {
    const m = model();
    const comp = component(m, Uint8Array.of(1, 1, 1, 0, 0, 0, 0), [0, 1, 2], relationsByCell(m), 5, newMemo(m));
    expect(singletonColumns(comp)).toEqual([0]);
    expect(singletonTargets(comp, 0, new Set())).toEqual([1, 2]);
    expect(singletonTargets(comp, 0, new Set([1]))).toEqual([2]); // b already failed
  });

  it('a household alone in n pins w = P − 1 whatever is suppressed: not the pattern\'s failure', () => {
    const m = model();
    expect(pinnedRegardless(m, 4, 5)).toBe(true);
    expect(pinnedRegardless(m, 0, 1)).toBe(false); // knowing a = 1 leaves b + c = 7: b ∈ [0, 7]
  });

  it('proves pairs from feasible points without a solve, and by LP otherwise', () => {
    const m = model();
    const suppressed = Uint8Array.of(1, 1, 1, 0, 0, 0, 0);
    const comp = component(m, suppressed, [0, 1, 2], relationsByCell(m), 5, newMemo(m));
    const pairKey = (s: number, t: number) => s * m.cells.length + t;
    // a point with a = 1 and b two away from its true 3: b is proven free; c stays (4 is its true value there)
    proveFromPool(comp, [Float64Array.of(1, 5, 2), Float64Array.of(1, 3, 4)], 0, new Set());
    expect([...comp.memo.pairs]).toEqual([pairKey(0, 1), pairKey(0, 2)]); // c moved by 2 as well in the first point
    const fresh = component(m, suppressed, [0, 1, 2], relationsByCell(m), 5, newMemo(m));
    const lp = new ComponentLp(m, rowsOf(fresh), (c) => (suppressed[c] ? fresh.local.get(c) : undefined), fresh.upper);
    try {
      expect(attackSingleton(fresh, lp, 0, [1, 2], true)).toEqual([]);
      expect([...fresh.memo.pairs].sort((x, y) => x - y)).toEqual([pairKey(0, 1), pairKey(0, 2)]);
    } finally {
      lp.dispose();
    }
  });

  it('a pinned target is a failure when the published tables alone do not pin it', () => {
    // only a and b suppressed: a = 1 known gives b = 8 − 1 − 4 = 3 exactly
    const m = model();
    const suppressed = Uint8Array.of(1, 1, 0, 0, 0, 0, 0);
    const comp = component(m, suppressed, [0, 1], relationsByCell(m), 5, newMemo(m));
    const lp = new ComponentLp(m, rowsOf(comp), (c) => (suppressed[c] ? comp.local.get(c) : undefined), comp.upper);
    try {
      expect(attackSingleton(comp, lp, 0, [1], true).map(({ cell, lower, upper, reason, singleton }) => ({ cell, lower, upper, reason, singleton })))
        .toEqual([{ cell: 1, lower: 3, upper: 3, reason: 'singleton', singleton: 0 }]);
      // as a probe it reports nothing and proves nothing
      expect(attackSingleton(comp, lp, 0, [1], false)).toEqual([]);
      expect(comp.memo.pairs.size).toBe(0);
    } finally {
      lp.dispose();
    }
  });
});

describe('the one PRNG', () => {
  it('is mulberry32: the raw draws for seed 1 (computed independently), next() their fraction of 2^32', () => {
    const a = createRng(1);
    expect([a.uint32(), a.uint32(), a.uint32(), a.uint32()]).toEqual([2693262067, 11749833, 2265367787, 4213581821]);
    const b = createRng(1);
    expect(b.next()).toBe(2693262067 / 2 ** 32);
  });

  it('gives the attack its ±1 signs from the scrambled seed (the bit the audit always used)', () => {
    const sign = seededSigns(7);
    expect(Array.from({ length: 12 }, sign)).toEqual([1, 1, 1, 1, 1, -1, -1, 1, 1, 1, -1, 1]);
  });
});
