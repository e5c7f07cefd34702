// What the published-in-full tables tell by themselves: a cell's range when every protected cell is hidden. A
// cell that range already pins (or narrows below k) cannot be protected by any suppression pattern — the
// poverty table, published in full by the contract, tells it — so hiding more cannot help and its narrow
// interval is not the release's doing. The audit reports such cells instead of failing on them.
import type { CellModel } from '../model.ts';
import { hull, isProtected } from './interval.ts';
import { everythingHidden } from './singleton.ts';

/** The cell's range, in whole households, when every cell that is not a constant is hidden. */
export function rangeWithEverythingHidden(model: CellModel, cell: number): [number, number] {
  const lp = everythingHidden(model).around(cell);
  try {
    return hull(lp.optimise(cell, 1).value, lp.optimise(cell, -1).value);
  } finally {
    lp.dispose();
  }
}

/** Whether no suppression pattern can protect the cell at k: the constants alone narrow it below k. */
export function toldByConstants(model: CellModel, cell: number, k: number): boolean {
  const [lo, hi] = rangeWithEverythingHidden(model, cell);
  return !isProtected(lo, hi, model.cells[cell].upper, k);
}
