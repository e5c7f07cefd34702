// The parts of disclosure control (scripts/pipeline/sdc/), each where it makes a decision, on hand-worked models:
// interval verdicts, components, the attacker's rows, the local exact attack (its optimum and proof against the
// hand-derived bounds, and that it stays local), the singleton attack, the least-cost change that chooses
// complementary cells and its reverse, the protection each cell needs, and the one PRNG.
import { describe, expect, it } from 'vitest';
import { createRng } from '../scripts/lib/prng.ts';
import { attack, LocalAttacker } from '../scripts/pipeline/sdc/attack.ts';
import { components } from '../scripts/pipeline/sdc/attack/components.ts';
import { hull, isProtected, verdict } from '../scripts/pipeline/sdc/attack/interval.ts';
import { attackerRows } from '../scripts/pipeline/sdc/attack/lp.ts';
import { pinnedRegardless } from '../scripts/pipeline/sdc/attack/singleton.ts';
import { cheapestChange } from '../scripts/pipeline/sdc/complement.ts';
import { CellModelBuilder, relationsByCell, type CellModel } from '../scripts/pipeline/sdc/model.ts';
import { protectionNeeds, reverse } from '../scripts/pipeline/sdc/secondary.ts';
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
});

describe('the attacker rows', () => {
  it('keeps unknown cells as coefficients and moves published cells to the bounds', () => {
    const model = twoWay();
    // r1c1 unknown (column 0), r1c2 published (5): row 1 reads x0 = 9 − 5 = 4; column 1 with r2c1 unknown too
    const rows = attackerRows(model, [0, 2], (c) => ({ 0: 0, 2: 1 } as Record<number, number>)[c]);
    expect(rows).toEqual({ starts: [0, 1, 3], indices: [0, 0, 1], values: [1, 1, 1], rowLower: [4, 6], rowUpper: [4, 6] });
  });
});

describe('the local exact attack', () => {
  it('the two-way table at k = 5: each end is the hand-derived bound, with the relations that prove it', () => {
    const model = twoWay();
    const suppressed = inner(model);
    const attacker = new LocalAttacker(model, suppressed, relationsByCell(model));
    // a = r1c1 ∈ [3, 6], c = r2c1 ∈ [0, 3] (see tests/lib/sdc-two-way.ts)
    const ends = (cell: number) => {
      const lp = attacker.around(cell);
      try {
        return [lp.optimise(cell, 1), lp.optimise(cell, -1)];
      } finally {
        lp.dispose();
      }
    };
    const [aLow, aHigh] = ends(0);
    expect([aLow.value, aHigh.value]).toEqual([3, 6]);
    expect(aLow.exact && aHigh.exact).toBe(true);
    // a ≥ 3 needs a row and a column (a = 9 − b, b ≤ 6 = c2 − d): the proof names relations of the table only
    for (const proof of [aLow.binding, aHigh.binding]) {
      expect(proof.length).toBeGreaterThan(0);
      expect(proof.every((ri) => ri >= 0 && ri < 4)).toBe(true);
    }
    const [cLow, cHigh] = ends(2);
    expect([cLow.value + 0, cHigh.value + 0]).toEqual([0, 3]); // + 0: the solver may say −0
    // every solve's optimum is a feasible point of the whole table: the ranges met are within the true intervals
    expect([attacker.lo[0], attacker.hi[0], attacker.lo[3], attacker.hi[3]].every((v) => v >= 0 && v <= 6)).toBe(true);
  });

  it('stays local: on a 40 × 3 table, a cell\'s ends are exact with a few of its 120 suppressed cells as variables', () => {
    // rows r = 0..39 with three cells (r + 5, 7, 9 + r % 4), row totals and column totals published, all inner cells suppressed
    const b = new CellModelBuilder();
    const rows = 40;
    const cells: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const values = [r + 5, 7, 9 + (r % 4)];
      const total = values.reduce((x, y) => x + y, 0);
      cells.push(values.map((v, c) => b.add('t', `${r}/${c}`, v, total)));
      const rowTotal = b.add('t', `${r}/total`, total, total, { fixed: true });
      b.relate(`row ${r}`, [...cells[r].map((id): [number, number] => [id, 1]), [rowTotal, -1]], '=', 0);
    }
    for (let c = 0; c < 3; c++) {
      const sum = cells.reduce((s, row) => s + b.cells[row[c]].value, 0);
      const colTotal = b.add('t', `total/${c}`, sum, sum, { fixed: true });
      b.relate(`column ${c}`, [...cells.map((row): [number, number] => [row[c], 1]), [colTotal, -1]], '=', 0);
    }
    const model = b.build();
    const suppressed = Uint8Array.from(model.cells, (c) => (c.fixed ? 0 : 1));
    const attacker = new LocalAttacker(model, suppressed, relationsByCell(model));
    const lp = attacker.around(cells[0][1]);
    try {
      // cell (0, 1) = 7 within its row total 5 + 7 + 9 = 21: any value from 0 to 21 (the other rows absorb the change)
      expect(lp.optimise(cells[0][1], 1)).toMatchObject({ value: 0, exact: true });
      expect(lp.optimise(cells[0][1], -1)).toMatchObject({ value: 21, exact: true });
    } finally {
      lp.dispose();
    }
    expect(attacker.largest).toBeLessThan(120);
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

  it('a household alone in n pins w = P − 1 whatever is suppressed: not the pattern\'s failure', () => {
    const m = model();
    expect(pinnedRegardless(m, 4, 5)).toBe(true);
    expect(pinnedRegardless(m, 0, 1)).toBe(false); // knowing a = 1 leaves b + c = 7: b ∈ [0, 7]
    expect(attack(m, Uint8Array.of(0, 0, 0, 0, 1, 1, 0), { k: 2 }).failures.filter((f) => f.reason === 'singleton')).toEqual([]);
  });

  it('a, b, c suppressed: knowing a = 1 leaves b + c = 7, so neither is pinned', () => {
    const m = model();
    expect(attack(m, Uint8Array.of(1, 1, 1, 0, 0, 0, 0), { k: 3 }).failures.filter((f) => f.reason === 'singleton')).toEqual([]);
  });

  it('only a and b suppressed: knowing a = 1 gives b = 8 − 1 − 4 = 3 exactly, a failure naming the singleton', () => {
    const m = model();
    const failures = attack(m, Uint8Array.of(1, 1, 0, 0, 0, 0, 0), { k: 3 }).failures.filter((f) => f.reason === 'singleton');
    expect(failures.map(({ cell, lower, upper, singleton }) => ({ cell, lower, upper, singleton }))).toEqual([{ cell: 1, lower: 3, upper: 3, singleton: 0 }]);
  });

  it('a point between two that move the singleton opposite ways keeps it still: the target moves by their mix', () => {
    const m = model();
    const suppressed = Uint8Array.of(1, 1, 1, 0, 0, 0, 0);
    const [a, b, c] = [0, 1, 2];
    const seen = (points: [number, number, number][]): LocalAttacker => {
      const attacker = new LocalAttacker(m, suppressed, relationsByCell(m));
      for (const [x, y, z] of points) attacker.record(new Map([[a, x], [b, y], [c, z]]));
      return attacker;
    };
    // (3, 5, 0) moves a by +2 and b by +2; (0, 4, 4) moves a by −1 and b by +1. A third of the first and two thirds of
    // the second keep a = 1 and move b by 2/3 + 2/3 = 4/3: the point (1, 13/3, 8/3), which sums to 8
    expect(seen([[3, 5, 0], [0, 4, 4]]).movedWithout(b, a)).toBe(true);
    // (3, 1, 4) moves b by −2 and (0, 4, 4) by +1: the mix that keeps a = 1 moves b by −2/3 + 2/3 = 0
    expect(seen([[3, 1, 4], [0, 4, 4]]).movedWithout(b, a)).toBe(false);
    // one point that leaves a at 1 is enough
    expect(seen([[1, 0, 7]]).movedWithout(b, a)).toBe(true);
    // moves of a the same way never mix back to a = 1
    expect(seen([[3, 5, 0], [2, 0, 6]]).movedWithout(b, a)).toBe(false);
  });

  /** A row a + d + b = T (T = 5 published): a = 1 and d = 1 two singletons, b = 3, all three suppressed. */
  function twoSingletons(): CellModel {
    const m = new CellModelBuilder();
    const [a, d, b] = [['a', 1], ['d', 1], ['b', 3]].map(([key, value]) => m.add('t', key as string, value as number, 5));
    const total = m.add('t', 'T', 5, 5, { fixed: true });
    m.relate('row', [[a, 1], [d, 1], [b, 1], [total, -1]], '=', 0);
    return m.build();
  }

  it('an LP with every singleton held keeps them all at their truth: a and d held give b = 5 − 1 − 1 = 3', () => {
    const m = twoSingletons();
    const suppressed = Uint8Array.of(1, 1, 1, 0);
    const attacker = new LocalAttacker(m, suppressed, relationsByCell(m));
    const held = attacker.around(2, undefined, Uint8Array.of(1, 1, 0, 0));
    try {
      expect(held.optimise(2, -1)).toMatchObject({ value: 3, exact: true });
      expect(held.optimise(2, 1)).toMatchObject({ value: 3, exact: true });
      expect(held.size).toBe(1);
    } finally {
      held.dispose();
    }
    const free = attacker.around(2);
    try {
      expect(free.optimise(2, -1)).toMatchObject({ value: 5, exact: true });
      expect(free.optimise(2, 1)).toMatchObject({ value: 0, exact: true });
    } finally {
      free.dispose();
    }
  });

  it('pinned only with both singletons held, by no household alone: each pair is then checked on its own, and none fails', () => {
    // a household knows its own cell, not the other singleton's: knowing a = 1 leaves d + b = 4, b ∈ [0, 4]
    const m = twoSingletons();
    expect(attack(m, Uint8Array.of(1, 1, 1, 0), { k: 2 }).failures).toEqual([]);
    // with d shown (d = 1 published), a household alone in a pins b = 3: the failure still names it
    const failures = attack(m, Uint8Array.of(1, 0, 1, 0), { k: 2 }).failures.filter((f) => f.reason === 'singleton');
    expect(failures.map(({ cell, lower, upper, singleton }) => ({ cell, lower, upper, singleton }))).toEqual([{ cell: 2, lower: 3, upper: 3, singleton: 0 }]);
  });

  /**
   * A row a1 + a2 + a3 + a4 + b + c = T (T = 12, fixed): four singletons a1…a4, b = 3, c = 5, all suppressed; and
   * a1 + b = W with W = 4 shown (not fixed: the pattern's choice). Every singleton held pins b and c; a household
   * alone in a1 gives b = W − 1 = 3 (the pattern's failure); one alone in a2, a3 or a4 leaves a1 free, and b with it.
   */
  function manySingletons(): CellModel {
    const m = new CellModelBuilder();
    const [a1, a2, a3, a4, b, c] = [['a1', 1], ['a2', 1], ['a3', 1], ['a4', 1], ['b', 3], ['c', 5]]
      .map(([key, value]) => m.add('t', key as string, value as number, 12));
    const total = m.add('t', 'T', 12, 12, { fixed: true });
    const w = m.add('t', 'W', 4, 12);
    m.relate('row', [[a1, 1], [a2, 1], [a3, 1], [a4, 1], [b, 1], [c, 1], [total, -1]], '=', 0);
    m.relate('pair', [[a1, 1], [b, 1], [w, -1]], '=', 0);
    return m.build();
  }

  it('a target pinned with every singleton held: its partners held half by half find the one that pins it alone', () => {
    const m = manySingletons();
    const failures = attack(m, Uint8Array.of(1, 1, 1, 1, 1, 1, 0, 0), { k: 3 }).failures;
    expect(failures.map(({ cell, lower, upper, reason, singleton }) => ({ cell, lower, upper, reason, singleton })))
      .toEqual([{ cell: 4, lower: 3, upper: 3, reason: 'singleton', singleton: 0 }]);
    // with W hidden too, b = W − a1 moves with W: no household alone pins anything
    expect(attack(m, Uint8Array.of(1, 1, 1, 1, 1, 1, 0, 1), { k: 3 }).failures).toEqual([]);
  });
});

describe('choosing complementary cells by cost', () => {
  /**
   * A 2 × 3 table, margins published (fixed):
   *          c1   c2   c3 | total
   *   r1      2   40    9 |  51
   *   r2     30   50    8 |  88
   *   total  32   90   17 | 139
   * To move r1c1 = 2 up by 3, a row-1 cell goes down by 3 and a column-1 cell down by 3, closed by a fourth cell
   * in row 2 going up by 3. By households, the cheapest cycle is r1c1 → r1c3 (9) → r2c3 (8) → r2c1 (30): cost
   * 9 + 8 + 30 = 47 (plus one a cell), against 40 + 50 + 30 through column 2.
   */
  function table(): { model: CellModel; id: (key: string) => number } {
    const b = new CellModelBuilder();
    const values: Record<string, number> = { r1c1: 2, r1c2: 40, r1c3: 9, r2c1: 30, r2c2: 50, r2c3: 8 };
    const ids = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, b.add('t', key, v, 139)]));
    const margin = (key: string, cells: string[]) => {
      const total = cells.reduce((s, c) => s + values[c], 0);
      const id = b.add('t', key, total, total, { fixed: true });
      b.relate(key, [...cells.map((c): [number, number] => [ids[c], 1]), [id, -1]], '=', 0);
    };
    margin('r1', ['r1c1', 'r1c2', 'r1c3']);
    margin('r2', ['r2c1', 'r2c2', 'r2c3']);
    margin('c1', ['r1c1', 'r2c1']);
    margin('c2', ['r1c2', 'r2c2']);
    margin('c3', ['r1c3', 'r2c3']);
    return { model: b.build(), id: (key) => ids[key] };
  }

  it('moves the cheapest cycle, and every cell it moves by the amount asked', () => {
    const { model, id } = table();
    const cost = (j: number) => model.cells[j].value + 1;
    const change = cheapestChange(model, relationsByCell(model), id('r1c1'), 1, 3, cost);
    expect(change.moved).toBe(3);
    expect(Object.fromEntries([...change.point].map(([c, v]) => [model.cells[c].key, v]))).toEqual({ r1c1: 5, r1c3: 6, r2c3: 11, r2c1: 27 });
  });

  it('cells already suppressed cost nothing: with r1c2 and r2c2 hidden, the cycle runs through column 2', () => {
    const { model, id } = table();
    const hidden = new Set([id('r1c2'), id('r2c2')]);
    const cost = (j: number) => (hidden.has(j) ? 0 : model.cells[j].value + 1);
    const change = cheapestChange(model, relationsByCell(model), id('r1c1'), 1, 3, cost);
    expect(Object.fromEntries([...change.point].map(([c, v]) => [model.cells[c].key, v]))).toEqual({ r1c1: 5, r1c2: 37, r2c2: 53, r2c1: 27 });
  });

  it('moves as far as the relations allow, and keeps a singleton cell still', () => {
    const { model, id } = table();
    const cost = (j: number) => model.cells[j].value + 1;
    // r1c1 = 2 can go down by 2 at most
    expect(cheapestChange(model, relationsByCell(model), id('r1c1'), -1, 5, cost).moved).toBe(2);
    // with r2c1 held, column 1 cannot change: r1c1 cannot move at all
    const held = cheapestChange(model, relationsByCell(model), id('r1c1'), 1, 3, cost, new Set([id('r2c1')]));
    expect(held.moved).toBe(0);
    expect(held.point.size).toBe(0);
  });

  it('the reverse of a change is a feasible point too, as far as the bounds allow', () => {
    const { model, id } = table();
    // r1c1 +3, r1c3 −3, r2c3 +3, r2c1 −3 reversed: r1c1 −3 would be −1, so only 2/3 of the way: r1c1 0, r1c3 11, r2c3 6, r2c1 32
    const point = new Map([[id('r1c1'), 5], [id('r1c3'), 6], [id('r2c3'), 11], [id('r2c1'), 27]]);
    const back = reverse(model, relationsByCell(model), point)!;
    expect([...back.values()].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 11, 6, 32]);
  });

  it('how far each cell must move: k in all within [0, total], down first; the whole range under k', () => {
    const cell = (value: number, upper: number) => ({ id: 0, table: 't', key: 'x', value, upper, fixed: false, total: false });
    expect(protectionNeeds(cell(2, 100), 5)).toEqual({ down: 2, up: 3 });
    expect(protectionNeeds(cell(0, 100), 5)).toEqual({ down: 0, up: 5 });
    expect(protectionNeeds(cell(40, 100), 5)).toEqual({ down: 5, up: 0 });
    expect(protectionNeeds(cell(98, 100), 5)).toEqual({ down: 5, up: 0 }); // complement 2: [93, 98] leaves it within [2, 7]
    expect(protectionNeeds(cell(3, 6), 5)).toEqual({ down: 3, up: 2 }); // down as far as the value, the rest up
    expect(protectionNeeds(cell(1, 3), 5)).toEqual({ down: 1, up: 2 }); // total under k: the whole [0, 3]
  });
});

describe('the one PRNG', () => {
  it('is mulberry32: the raw draws for seed 1 (computed independently), next() their fraction of 2^32', () => {
    const a = createRng(1);
    expect([a.uint32(), a.uint32(), a.uint32(), a.uint32()]).toEqual([2693262067, 11749833, 2265367787, 4213581821]);
    const b = createRng(1);
    expect(b.next()).toBe(2693262067 / 2 ** 32);
  });

});
