// The attacker's LP on hand-built tables whose intervals are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { attack, newMemo } from '../scripts/pipeline/sdc/attack.ts';
import { CellModelBuilder, type CellModel } from '../scripts/pipeline/sdc/model.ts';
import { twoWayTable } from './lib/sdc-two-way.ts';

/** Flags the named cells of a model as suppressed. */
function hide(model: CellModel, ...keys: string[]): Uint8Array {
  const flags = new Uint8Array(model.cells.length);
  for (const key of keys) {
    const cell = model.cells.find((c) => c.key === key);
    if (!cell) throw new Error(`no cell ${key}`);
    flags[cell.id] = 1;
  }
  return flags;
}
const verdicts = (model: CellModel, suppressed: Uint8Array, k: number, singletons = true) =>
  attack(model, suppressed, { k, singletons }).failures.map((f) => ({
    key: model.cells[f.cell].key, lower: f.lower, upper: f.upper, reason: f.reason,
    ...(f.singleton !== undefined ? { singleton: model.cells[f.singleton].key } : {}),
  }));

describe('a two-way table with its margins (the ESSnet handbook case: interval [3, 6])', () => {
  //          c1   c2 | total
  //   r1      4    5 |  9
  //   r2      2    1 |  3
  //   total   6    6 | 12
  // All four inner cells suppressed, margins published. a = r1c1: a ≥ r1 − c2 = 9 − 6 = 3, a ≥ c1 − r2 = 6 − 3 = 3,
  // a ≤ min(r1, c1) = 6, so a ∈ [3, 6]; b = 9 − a ∈ [3, 6]; c = 6 − a ∈ [0, 3]; d = 3 − c ∈ [0, 3].
  const table = twoWayTable;

  it('at k = 5 the cells of row 1 are narrowed to [3, 6] and fail; row 2 cells cover their whole total [0, 3]', () => {
    const model = table();
    expect(verdicts(model, hide(model, 'r1c1', 'r1c2', 'r2c1', 'r2c2'), 5, false)).toEqual([
      { key: 'r1c1', lower: 3, upper: 6, reason: 'narrow' },
      { key: 'r1c2', lower: 3, upper: 6, reason: 'narrow' },
    ]);
  });

  it('at k = 3 every interval is at least 3 wide: protected', () => {
    const model = table();
    expect(verdicts(model, hide(model, 'r1c1', 'r1c2', 'r2c1', 'r2c2'), 3, false)).toEqual([]);
  });

  it('returns every suppressed cell\'s exact interval: r1c1, r1c2 ∈ [3, 6]; r2c1, r2c2 ∈ [0, 3]', () => {
    const model = table();
    for (const k of [3, 5]) {
      const { intervals } = attack(model, hide(model, 'r1c1', 'r1c2', 'r2c1', 'r2c2'), { k, singletons: false, intervals: true });
      const byKey = Object.fromEntries([...intervals!].map(([id, interval]) => [model.cells[id].key, interval]));
      expect(byKey).toEqual({ r1c1: [3, 6], r1c2: [3, 6], r2c1: [0, 3], r2c2: [0, 3] });
    }
  });

  it('with one column published, each hidden cell is exact: [4, 4] and [2, 2]', () => {
    // c2's cells published (5 and 1): a = 9 − 5 = 4, c = 3 − 1 = 2
    const model = table();
    const { intervals } = attack(model, hide(model, 'r1c1', 'r2c1'), { k: 3, singletons: false, intervals: true });
    expect(Object.fromEntries([...intervals!].map(([id, iv]) => [model.cells[id].key, iv]))).toEqual({ r1c1: [4, 4], r2c1: [2, 2] });
  });

  it('without `intervals` the attack returns none', () => {
    const model = table();
    expect(attack(model, hide(model, 'r1c1', 'r1c2', 'r2c1', 'r2c2'), { k: 3, singletons: false }).intervals).toBeUndefined();
  });
});

describe('exact disclosure', () => {
  it('one row of two cells and its total, one cell suppressed: recovered by subtraction', () => {
    // x1 = 9 − 7 = 2 exactly
    const b = new CellModelBuilder();
    const x1 = b.add('t', 'x1', 2, 9);
    const x2 = b.add('t', 'x2', 7, 9);
    const total = b.add('t', 'total', 9, 9, { fixed: true });
    b.relate('row', [[x1, 1], [x2, 1], [total, -1]], '=', 0);
    const model = b.build();
    expect(verdicts(model, hide(model, 'x1'), 5)).toEqual([{ key: 'x1', lower: 2, upper: 2, reason: 'exact' }]);
  });
});

describe('two small cells protecting each other', () => {
  it('fail when their known sum (1 + 2 = 3) is under k and their total (13) is not', () => {
    // x1 + x2 = 13 − 10 = 3, so each lies in [0, 3]: 3 wide < 5
    const b = new CellModelBuilder();
    const cells = [['x1', 1], ['x2', 2], ['x3', 10]].map(([key, value]) => b.add('t', key as string, value as number, 13));
    const total = b.add('t', 'total', 13, 13, { fixed: true });
    b.relate('row', [...cells.map((c): [number, number] => [c, 1]), [total, -1]], '=', 0);
    const model = b.build();
    expect(verdicts(model, hide(model, 'x1', 'x2'), 5, false)).toEqual([
      { key: 'x1', lower: 0, upper: 3, reason: 'narrow' },
      { key: 'x2', lower: 0, upper: 3, reason: 'narrow' },
    ]);
  });

  it('pass when the total itself (3) is under k: each covers the whole [0, 3], the most any pattern gives', () => {
    const b = new CellModelBuilder();
    const x1 = b.add('t', 'x1', 1, 3);
    const x2 = b.add('t', 'x2', 2, 3);
    const total = b.add('t', 'total', 3, 3, { fixed: true });
    b.relate('row', [[x1, 1], [x2, 1], [total, -1]], '=', 0);
    const model = b.build();
    expect(verdicts(model, hide(model, 'x1', 'x2'), 5, false)).toEqual([]);
  });

  it('pass when a third cell (10) joins them: each lies in [0, 13]', () => {
    const b = new CellModelBuilder();
    const cells = [['x1', 1], ['x2', 2], ['x3', 10]].map(([key, value]) => b.add('t', key as string, value as number, 13));
    const total = b.add('t', 'total', 13, 13, { fixed: true });
    b.relate('row', [...cells.map((c): [number, number] => [c, 1]), [total, -1]], '=', 0);
    const model = b.build();
    // x1 = 1 is a singleton: knowing it, x2 + x3 = 12, still [0, 12] each, so nothing is pinned
    expect(verdicts(model, hide(model, 'x1', 'x2', 'x3'), 5)).toEqual([]);
  });
});

describe('a singleton that unlocks its neighbours', () => {
  // row: x1 + x2 + x3 + x4 = 20, x4 = 8 published. x1 = 1, x2 = 6 suppressed: x1 + x2 = 12 − x3 ... with x3 = 5
  // published, x1 + x2 = 7 and each lies in [0, 7]: wide enough for k = 5. But the household that is x1 knows
  // x1 = 1, hence x2 = 6 exactly.
  function row(): CellModel {
    const b = new CellModelBuilder();
    const cells = [['x1', 1], ['x2', 6], ['x3', 5], ['x4', 8]].map(([key, value]) => b.add('t', key as string, value as number, 20));
    const total = b.add('t', 'total', 20, 20, { fixed: true });
    b.relate('row', [...cells.map((c): [number, number] => [c, 1]), [total, -1]], '=', 0);
    return b.build();
  }

  it('passes the interval test but fails the singleton attack', () => {
    const model = row();
    expect(verdicts(model, hide(model, 'x1', 'x2'), 5, false)).toEqual([]);
    expect(verdicts(model, hide(model, 'x1', 'x2'), 5)).toEqual([
      { key: 'x2', lower: 6, upper: 6, reason: 'singleton', singleton: 'x1' },
    ]);
  });

  it('is defeated by a third suppressed cell: knowing x1 = 1 leaves x2 + x3 = 11, x2 in [0, 11]', () => {
    const model = row();
    expect(verdicts(model, hide(model, 'x1', 'x2', 'x3'), 5)).toEqual([]);
  });

  it('is not the pattern\'s fault when the published total alone pins the neighbour', () => {
    // poor_no_labour + poor_with_labour = poor (published in full): the one household without labour capacity
    // knows the other 11 have it, whatever is suppressed; both cells are [0, 12] to everyone else.
    const b = new CellModelBuilder();
    const no = b.add('t', 'no_labour', 1, 12);
    const withLabour = b.add('t', 'with_labour', 11, 12);
    const poor = b.add('poverty', 'poor', 12, 12, { fixed: true });
    b.relate('labour split', [[no, 1], [withLabour, 1], [poor, -1]], '=', 0);
    const model = b.build();
    expect(verdicts(model, hide(model, 'no_labour', 'with_labour'), 5)).toEqual([]);
  });
});

describe('two tables over the same communes', () => {
  // Table A, poor households without labour capacity: a1 + a2 = 8 (district published), a1 = 2, a2 = 6 suppressed,
  // each in [0, 8]. Table B, income-support need: b1 = a1 + n1 (near-poor without labour, n1 = 7) = 9, published
  // with n1. Alone, B says nothing of A; together a1 = 9 − 7 = 2 and a2 = 8 − 2 = 6 exactly.
  function tables(linked: boolean): CellModel {
    const b = new CellModelBuilder();
    const a1 = b.add('A', 'c1', 2, 10);
    const a2 = b.add('A', 'c2', 6, 10);
    const aD = b.add('A', 'district', 8, 20, { total: true });
    b.relate('A: communes sum to the district', [[a1, 1], [a2, 1], [aD, -1]], '=', 0);
    const n1 = b.add('B', 'near_poor_no_labour/c1', 7, 12);
    const b1 = b.add('B', 'in_need/c1', 9, 22);
    if (linked) b.relate('B: need = poor and near-poor without labour', [[b1, 1], [a1, -1], [n1, -1]], '=', 0);
    return b.build();
  }

  it('are safe alone', () => {
    const model = tables(false);
    expect(verdicts(model, hide(model, 'c1', 'c2'), 5)).toEqual([]);
  });

  it('leak together', () => {
    const model = tables(true);
    expect(verdicts(model, hide(model, 'c1', 'c2'), 5)).toEqual([
      { key: 'c1', lower: 2, upper: 2, reason: 'exact' },
      { key: 'c2', lower: 6, upper: 6, reason: 'exact' },
    ]);
  });
});

describe('what the attacker combined, for choosing secondary cells', () => {
  it('names the relation that recovers a lone hidden cell, for both ends of its interval', () => {
    // x1 = 9 − x2 with x2 = 7 published: both the least and the greatest value come from the one row
    const b = new CellModelBuilder();
    const x1 = b.add('t', 'x1', 2, 9);
    const x2 = b.add('t', 'x2', 7, 9);
    const total = b.add('t', 'total', 9, 9, { fixed: true });
    b.relate('row', [[x1, 1], [x2, 1], [total, -1]], '=', 0);
    const model = b.build();
    const [failure] = attack(model, hide(model, 'x1'), { k: 5 }).failures;
    expect(failure.binding!.map((proof) => proof.map((ri) => model.relations[ri].name))).toEqual([['row'], ['row']]);
  });
});

describe('proofs kept between rounds (memo)', () => {
  // x1 + x2 + x3 + x4 = 20 published; x1 = 1, x2 = 6, x3 = 5, x4 = 8
  function row(): CellModel {
    const b = new CellModelBuilder();
    const cells = [['x1', 1], ['x2', 6], ['x3', 5], ['x4', 8]].map(([key, value]) => b.add('t', key as string, value as number, 20));
    const total = b.add('t', 'total', 20, 20, { fixed: true });
    b.relate('row', [...cells.map((c): [number, number] => [c, 1]), [total, -1]], '=', 0);
    return b.build();
  }

  it('solves nothing again once every cell and singleton pair is proven, and judges a larger pattern as a fresh attack does', () => {
    const model = row();
    const memo = newMemo(model);
    // x2, x3, x4 hidden: x2 + x3 + x4 = 19, each in [0, 19]; no singleton among them
    const first = attack(model, hide(model, 'x2', 'x3', 'x4'), { k: 5, memo });
    expect(first.failures).toEqual([]);
    expect(first.lpSolves).toBeGreaterThan(0);
    expect([...memo.proven].map((p, c) => (p ? model.cells[c].key : '')).filter(Boolean)).toEqual(['x2', 'x3', 'x4']);
    // the same pattern again: everything proven, no solve
    expect(attack(model, hide(model, 'x2', 'x3', 'x4'), { k: 5, memo }).lpSolves).toBe(0);
    // x1 hidden too: x1 + x2 + x3 + x4 = 20, all in [0, 20]; knowing x1 = 1 leaves x2 + x3 + x4 = 19: nothing pinned
    const larger = attack(model, hide(model, 'x1', 'x2', 'x3', 'x4'), { k: 5, memo });
    expect(larger.failures).toEqual(attack(model, hide(model, 'x1', 'x2', 'x3', 'x4'), { k: 5 }).failures);
    expect(larger.failures).toEqual([]);
  });
});
