// The singleton attack: a household alone in a suppressed cell knows that cell is 1. Can it then pin down
// another suppressed cell? Checked for the cells sharing a relation with the singleton (a cost-bounded reading
// of the attack: chains through several relations are not followed), first without a solve from the feasible
// points already met, then by the component's LP with the singleton held at 1.
import { relationsByCell, type CellModel } from '../model.ts';
import { component, neighbourhood, rowsOf, type Component } from './components.ts';
import { hull, notPinned } from './interval.ts';
import { attackerRows, ComponentLp, createLp, OPTIMAL, POOL, Range, seededSigns, sweep } from './lp.ts';
import type { AttackFailure } from './types.ts';

/** Components larger than this get a small model around each singleton first (see probeSingleton). */
export const PROBE_ABOVE = 500;

const pairKey = (model: CellModel, singleton: number, target: number): number => singleton * model.cells.length + target;

/** The columns of the component's cells whose value is 1: the households alone in their cell. */
export function singletonColumns(comp: Component): number[] {
  return comp.cells.flatMap((c, i) => (comp.model.cells[c].value === 1 ? [i] : []));
}

/**
 * The columns a household alone in column `s` could learn about: suppressed cells sharing a relation with it,
 * whose total leaves something to learn (more than 1), not already failed, and not proven safe from it before.
 */
export function singletonTargets(comp: Component, s: number, failed: Set<number>): number[] {
  const { model, cells, local, upper, byCell, memo } = comp;
  const out = new Set<number>();
  for (const ri of byCell[cells[s]]) {
    for (const c of model.relations[ri].cells) {
      const i = local.get(c);
      if (i === undefined || i === s || failed.has(c) || upper[i] <= 1 || memo.pairs.has(pairKey(model, cells[s], c))) continue;
      out.add(i);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * More feasible points for the pool, from objectives over every cell (each a vertex far from the truth in many
 * directions), until it holds POOL / 2.
 */
export function fillPool(comp: Component, lp: ComponentLp): void {
  const n = comp.cells.length;
  const sign = seededSigns(comp.cells[0] + 1);
  for (let extra = 0; lp.pool.length < POOL / 2 && extra < POOL / 2; extra++) lp.solveCosts(Float64Array.from({ length: n }, () => sign()));
}

/**
 * Singleton pairs proven without a solve: a point of the pool with x_s = 1, or the one on the segment between
 * a point above 1 and one below, is a point the household cannot rule out; a target 1 or more away from its
 * true value there is not pinned. Records what it proves in the memo.
 */
export function proveFromPool(comp: Component, pool: Float64Array[], s: number, failed: Set<number>): void {
  const { model, cells, truth, memo } = comp;
  const targets = new Set(singletonTargets(comp, s, failed));
  const prove = (r: (t: number) => number): void => {
    for (const t of targets) if (Math.abs(r(t) - truth[t]) >= 1 - 1e-7) { targets.delete(t); memo.pairs.add(pairKey(model, cells[s], cells[t])); }
  };
  const above = pool.filter((p) => p[s] > 1 + 1e-9);
  const below = pool.filter((p) => p[s] < 1 - 1e-9);
  for (const p of pool) if (targets.size > 0 && Math.abs(p[s] - 1) <= 1e-9) prove((t) => p[t]);
  for (const p of above) {
    for (const q of below) {
      if (targets.size === 0) break;
      const lambda = (1 - q[s]) / (p[s] - q[s]);
      prove((t) => q[t] + lambda * (p[t] - q[t]));
    }
  }
}

/**
 * The singleton attack by LP: column `s` held at 1, each target's least and greatest value. A target pinned
 * down is a failure — unless the published poverty table alone pins it (pinnedRegardless), which no pattern can
 * prevent. With `report` false (a probe), only what it proves is kept, in the memo. Returns the failures.
 */
export function attackSingleton(comp: Component, lp: ComponentLp, s: number, targets: number[], report: boolean): AttackFailure[] {
  const { model, cells, truth, memo } = comp;
  const failures: AttackFailure[] = [];
  lp.fix(s, 1);
  const range = new Range(truth); // the true values keep x_s = 1: still a feasible point
  const open = (i: number): boolean => notPinned(range.lo[i], range.hi[i]);
  for (const i of sweep(lp, range, targets, open, cells[s])) {
    if (open(i)) continue;
    const low = lp.solve(i, 1); range.see(low);
    if (open(i)) continue;
    const proofLow = lp.binding();
    const high = lp.solve(i, -1); range.see(high);
    if (open(i) || !report) continue;
    if (pinnedRegardless(model, cells[s], cells[i])) memo.pairs.add(pairKey(model, cells[s], cells[i])); // never the pattern's failure
    else {
      const [l, h] = hull(low[i], high[i]);
      failures.push({ cell: cells[i], lower: l, upper: h, reason: 'singleton', singleton: cells[s], binding: [proofLow, lp.binding()] });
    }
  }
  for (const i of targets) if (open(i)) memo.pairs.add(pairKey(model, cells[s], cells[i]));
  lp.release(s);
  return failures;
}

/**
 * A small model first, in a large component: the suppressed cells within two relations of singleton `centre`
 * are variables, every other suppressed cell is held at its true value (more constraints: intervals can only
 * shrink), so a target it proves not pinned is not pinned in the full model either; what it cannot prove is
 * left to the full model. Returns its LP solves.
 */
export function probeSingleton(comp: Component, centre: number): number {
  const { model, suppressed, byCell, k, memo } = comp;
  const inComponent = new Set(comp.cells);
  const cells = neighbourhood(model, byCell, suppressed, centre, 2).filter((x) => inComponent.has(x));
  const probe = component(model, suppressed, cells, byCell, k, memo);
  const s = probe.local.get(centre)!;
  const targets = singletonTargets(probe, s, new Set());
  if (targets.length === 0) return 0;
  const lp = new ComponentLp(model, rowsOf(probe), (c) => (suppressed[c] ? probe.local.get(c) : undefined), probe.upper);
  try {
    attackSingleton(probe, lp, s, targets, false);
  } finally {
    lp.dispose();
  }
  return lp.solves;
}

/**
 * Whether a household alone in `singleton` would pin `target` down even if every protected cell were
 * suppressed — from the published poverty table alone (poor_no_labour = 1 gives poor_with_labour = poor − 1;
 * a cell whose total is 0 is 0). No suppression pattern can prevent that, so it is not the pattern's failure.
 * Checked on the relations holding either cell, every other protected cell free: fewer relations can only
 * widen the interval, so a cell pinned here is pinned in the full model too.
 */
export function pinnedRegardless(model: CellModel, singleton: number, target: number): boolean {
  const byCell = relationsOf(model);
  const rowIds = [...new Set([...byCell[singleton], ...byCell[target]])].sort((a, b) => a - b);
  const vars = [...new Set(rowIds.flatMap((ri) => model.relations[ri].cells).filter((c) => !model.cells[c].fixed))].sort((a, b) => a - b);
  const local = new Map(vars.map((c, i) => [c, i]));
  const colLower = vars.map((c) => (c === singleton ? 1 : 0));
  const colUpper = vars.map((c) => (c === singleton ? 1 : model.cells[c].upper));
  const lp = createLp(attackerRows(model, rowIds, (c) => local.get(c)), vars.length, colLower, colUpper);
  try {
    const t = local.get(target)!;
    const ends: number[] = [];
    for (const sign of [1, -1]) {
      lp.changeColCost(t, sign);
      lp.run();
      if (lp.getModelStatus() !== OPTIMAL) return false;
      ends.push(lp.getSolution().colValue[t]);
    }
    const [l, h] = hull(ends[0], ends[1]);
    return h <= l;
  } finally {
    lp.dispose();
  }
}

const relationIndex = new WeakMap<CellModel, number[][]>();
/** For each cell, the relations holding it; computed once per model. */
export function relationsOf(model: CellModel): number[][] {
  let index = relationIndex.get(model);
  if (!index) { index = relationsByCell(model); relationIndex.set(model, index); }
  return index;
}
