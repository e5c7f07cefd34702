// Primary suppression: the threshold rule and the complement (group attribute) rule.
import type { Cell, CellModel } from './model.ts';

export function checkK(k: number): number {
  if (!Number.isInteger(k) || k < 3) throw new Error(`k must be an integer of at least 3: ${k}`);
  return k;
}

/**
 * A count of 1 to k−1 households is unsafe, and so is one whose complement within its published total is:
 * "all but two of the poor households here lack X" tells as much as "two have X". Zeros are safe unless
 * their complement is small. The complement is taken within the published total (`upper`) and within the
 * protected count the cell is part of (`within`: a newly_escaped population, an exit cohort), when it has one.
 */
export function isPrimary(cell: Cell, k: number): boolean {
  // a cell whose published total is 0 is told by it: nothing to protect, whatever it is part of
  if (cell.fixed || cell.upper === 0) return false;
  const small = (n: number): boolean => n >= 1 && n < k;
  return small(cell.value) || small(cell.upper - cell.value) || (cell.within !== undefined && small(cell.within - cell.value));
}

export function primarySuppression(model: CellModel, k: number): Uint8Array {
  checkK(k);
  return Uint8Array.from(model.cells, (c) => (isPrimary(c, k) ? 1 : 0));
}
