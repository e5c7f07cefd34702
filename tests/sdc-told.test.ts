// A cell the published-in-full constants already pin cannot be protected by any pattern (scripts/pipeline/sdc/attack/told.ts):
// worked by hand on a three-cell model.
import { describe, expect, it } from 'vitest';
import { CellModelBuilder } from '../scripts/pipeline/sdc/model.ts';
import { rangeWithEverythingHidden, toldByConstants } from '../scripts/pipeline/sdc/attack/told.ts';

describe('what the constants tell by themselves', () => {
  it('a cell at most a published 0 is pinned; a cell in a sum of two hidden cells is not', () => {
    const b = new CellModelBuilder();
    // a published constant 0 (say: no poor household at the later review), and a cohort of 3 that escaped
    const poorLater = b.add('poverty', '2023/311/poor', 0, 0, { fixed: true });
    const cohort = b.add('poverty', '2022/311/escaped', 3, 3, { fixed: true });
    // the cohort's outcomes a review later: poor again (0), not poor (3)
    const poorAgain = b.add('exit_outcomes', '2022/311/1/poor', 0, 3, { within: 3 });
    const notPoor = b.add('exit_outcomes', '2022/311/1/not_poor', 3, 3, { within: 3 });
    b.relate('poor again ≤ the poor of the later review', [[poorAgain, 1], [poorLater, -1]], '<=', 0);
    b.relate('outcomes add up to the cohort', [[poorAgain, 1], [notPoor, 1], [cohort, -1]], '=', 0);
    const model = b.build();
    // by hand: poorAgain ∈ [0, 0] whatever is hidden, so notPoor = 3 − 0 = 3 too
    expect(rangeWithEverythingHidden(model, poorAgain)).toEqual([0, 0]);
    expect(rangeWithEverythingHidden(model, notPoor)).toEqual([3, 3]);
    expect(toldByConstants(model, poorAgain, 5)).toBe(true);
  });

  it('without the pinning constant the same cell can move the whole cohort', () => {
    const b = new CellModelBuilder();
    const cohort = b.add('poverty', '2022/311/escaped', 9, 9, { fixed: true });
    const poorAgain = b.add('exit_outcomes', '2022/311/1/poor', 2, 9);
    const notPoor = b.add('exit_outcomes', '2022/311/1/not_poor', 7, 9);
    b.relate('outcomes add up to the cohort', [[poorAgain, 1], [notPoor, 1], [cohort, -1]], '=', 0);
    const model = b.build();
    expect(rangeWithEverythingHidden(model, poorAgain)).toEqual([0, 9]);
    expect(toldByConstants(model, poorAgain, 5)).toBe(false);
  });
});
