// Interval proofs: for each open cell of a component, the least and greatest value the attacker's LP allows.
// Many cells are proven wide enough at once by a few swept objectives; the rest cost two solves each.
import type { Component } from './components.ts';
import { isProtected, verdict } from './interval.ts';
import { Range, sweep, type ComponentLp } from './lp.ts';
import type { AttackFailure } from './types.ts';

/**
 * The open columns' verdicts: a failure (with the relations proving each end) for every interval narrower
 * than k; every cell proven protected is recorded in the memo.
 */
export function proveIntervals(comp: Component, lp: ComponentLp, open: number[]): { failures: AttackFailure[]; afterSweep: number } {
  const { cells, upper, truth, k, memo } = comp;
  const failures: AttackFailure[] = [];
  const range = new Range(truth);
  const proven = (i: number): boolean => memo.proven[cells[i]] === 1 || isProtected(range.lo[i], range.hi[i], upper[i], k);
  const afterSweep = sweep(lp, range, open, proven, cells[0]);
  for (const i of afterSweep) {
    if (proven(i)) continue;
    // the cheaper end first: the one the true value is further from is the likelier to prove it
    const first: 1 | -1 = truth[i] - range.lo[i] <= range.hi[i] - truth[i] ? 1 : -1;
    const a = lp.solve(i, first); range.see(a);
    if (proven(i)) continue;
    const proofA = lp.binding();
    const b = lp.solve(i, first === 1 ? -1 : 1); range.see(b);
    const [lo, hi] = first === 1 ? [a[i], b[i]] : [b[i], a[i]];
    if (!isProtected(lo, hi, upper[i], k)) failures.push({ ...verdict(cells[i], lo, hi), binding: [proofA, lp.binding()] });
  }
  for (const i of open) if (proven(i)) memo.proven[cells[i]] = 1;
  return { failures, afterSweep: afterSweep.length };
}

/** A component no relation constrains: the attacker knows only 0 ≤ x ≤ total. */
export function unconstrained(comp: Component): AttackFailure[] {
  const { cells, upper, k, memo } = comp;
  const failures: AttackFailure[] = [];
  cells.forEach((c, i) => {
    if (!isProtected(0, upper[i], upper[i], k)) failures.push(verdict(c, 0, upper[i]));
    else memo.proven[c] = 1;
  });
  return failures;
}
