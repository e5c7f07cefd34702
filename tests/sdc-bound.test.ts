// bench:sdc's lower bound on secondary suppressions (scripts/bench/sdc-bound.ts) on tables small enough to know
// the answer by hand, and against a pattern the audit passes (a bound above it would be no bound).
import { describe, expect, it } from 'vitest';
import { secondaryLowerBound } from '../scripts/bench/sdc-bound.ts';
import { CellModelBuilder, type CellModel } from '../scripts/pipeline/sdc/model.ts';
import { suppress } from '../scripts/pipeline/sdc/secondary.ts';
import { isPrimary } from '../scripts/pipeline/sdc/primary.ts';

/** rows × columns of counts, each row's total and each column's total published (fixed), all cells hideable. */
function grid(x: number[][]): CellModel {
  const b = new CellModelBuilder();
  const rowTotals = x.map((r) => r.reduce((s, v) => s + v, 0));
  const ids = x.map((r, i) => r.map((v, j) => b.add('t', `${i}/${j}`, v, rowTotals[i])));
  const rows = rowTotals.map((v, i) => b.add('poverty', `r${i}`, v, v, { fixed: true }));
  const cols = x[0].map((_, j) => x.reduce((s, r) => s + r[j], 0)).map((v, j) => b.add('poverty', `c${j}`, v, v, { fixed: true }));
  x.forEach((r, i) => b.relate(`row ${i}`, [...r.map((_, j): [number, number] => [ids[i][j], 1]), [rows[i], -1]], '=', 0));
  x[0].forEach((_, j) => b.relate(`column ${j}`, [...x.map((_, i): [number, number] => [ids[i][j], 1]), [cols[j], -1]], '=', 0));
  return b.build();
}

describe('the lower bound on secondary suppressions', () => {
  it('a small count in a table with published margins needs the three other corners of a rectangle', () => {
    // 2 is unsafe at k = 5; every other count is safe and large: the rectangle (0,0) (0,1) (1,0) (1,1) is the least
    expect(secondaryLowerBound(grid([[2, 40, 40], [40, 40, 40], [40, 40, 40]]), 5).bound).toBe(3);
  });

  it('two small counts in one row share their row: one rectangle of four cells, two of them secondary', () => {
    expect(secondaryLowerBound(grid([[2, 3, 40], [40, 40, 40], [40, 40, 40]]), 5).bound).toBe(2);
  });

  it('cells too small to give room need more of them: the bound counts rooms, not only cells', () => {
    // the unsafe 2 must move by 5 in all (k = 5), its column partners hold 1 each: down by at most 2, up as room allows
    const model = grid([[2, 40, 40, 40], [1, 40, 40, 40], [1, 40, 40, 40], [1, 40, 40, 40]]);
    const unsafe = model.cells.filter((c) => isPrimary(c, 5)).length;
    expect(unsafe).toBeGreaterThan(1); // the 1s are unsafe too: they protect one another
    expect(secondaryLowerBound(model, 5).bound).toBeGreaterThanOrEqual(3);
  });

  it('a household alone in a cell knows it: its row and its column each need two more hidden cells, not one', () => {
    // the 1 is unsafe at k = 5. Without the singleton attack the rectangle (0,0) (0,1) (1,0) (1,1) is the least: 3.
    // With it, a household in (0,0) that knows it is 1 would read (0,1) off row 0 if (0,0) and (0,1) were its only
    // hidden cells: row 0 needs (0,1) and (0,2), column 0 needs (1,0) and (2,0), and each of those four a partner
    // in its other line — (1,1) serves (0,1) and (1,0), (2,2) serves (0,2) and (2,0): 6
    const x = [[1, 40, 40], [40, 40, 40], [40, 40, 40]];
    expect(secondaryLowerBound(grid(x), 5, { singletons: false }).bound).toBe(3);
    expect(secondaryLowerBound(grid(x), 5).bound).toBe(6);
    const model = grid(x);
    const result = suppress(model, { k: 5 });
    expect(result.audit.failures).toEqual([]);
    expect(model.cells.filter((c) => result.suppressed[c.id] && !isPrimary(c, 5)).length).toBeGreaterThanOrEqual(6);
  });

  it('is never above what a pattern the audit passes hides (a singleton, 1, among them)', () => {
    const x = [[2, 12, 30, 7], [15, 3, 22, 9], [8, 25, 1, 14], [30, 6, 18, 4]];
    const bound = secondaryLowerBound(grid(x), 5).bound!;
    const model = grid(x);
    const result = suppress(model, { k: 5 });
    expect(result.audit.failures).toEqual([]);
    const secondary = model.cells.filter((c) => result.suppressed[c.id] && !isPrimary(c, 5)).length;
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(secondary);
  });
});
