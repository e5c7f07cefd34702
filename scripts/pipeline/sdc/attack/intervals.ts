// Interval proofs: for each open cell of a component, the least and greatest value the attacker's LP allows.
// Many cells are proven wide enough at once by a few swept objectives; the rest cost two solves each.
import type { Component } from './components.ts';
import { hull, isProtected, verdict } from './interval.ts';
import { Range, sweep, type ComponentLp } from './lp.ts';
import type { AttackFailure } from './types.ts';

/**
 * The open columns' verdicts: a failure (with the relations proving each end) for every interval narrower
 * than k; every cell proven protected is recorded in the memo.
 */
export function proveIntervals(comp: Component, lp: ComponentLp, open: number[]): { failures: AttackFailure[]; afterSweep: number; range: Range } {
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
  return { failures, afterSweep: afterSweep.length, range };
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

/**
 * The exact interval of every column: its least and greatest value over the attacker's LP, rounded inwards to
 * whole households. An end already met at the column's bound (0 or its total) by an earlier solve is exact
 * without a solve; every other end costs one warm solve, whose point widens the others' ranges for free.
 * Columns in order, ends least first: the order is part of the result only through which solves are skipped.
 */
export function exactIntervals(comp: Component, lp: ComponentLp, range: Range): [number, number][] {
  const { upper } = comp;
  const EPS = 1e-9;
  const out: [number, number][] = [];
  for (let i = 0; i < upper.length; i++) {
    let lo = 0;
    if (range.lo[i] > EPS) { const x = lp.solve(i, 1); range.see(x); lo = x[i]; }
    let hi = upper[i];
    if (range.hi[i] < upper[i] - EPS) { const x = lp.solve(i, -1); range.see(x); hi = x[i]; }
    out.push(hull(lo, hi));
  }
  return out;
}
