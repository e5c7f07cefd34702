// The attacker's linear programme: for every suppressed cell, the least and greatest value consistent with
// everything published (every relation, 0 ≤ x ≤ its total), by HiGHS. Variables are the suppressed cells only;
// published cells enter as constants. Independent components are solved separately, each in three steps:
// interval proofs (attack/intervals.ts), then the singleton attack (attack/singleton.ts), on one LP
// (attack/lp.ts) re-solved warm, so the order of the steps is part of the result.
import type { CellModel } from './model.ts';
import { component, components, rowsOf, type Component } from './attack/components.ts';
import { exactIntervals, proveIntervals, unconstrained } from './attack/intervals.ts';
import { Range } from './attack/lp.ts';
import { ComponentLp } from './attack/lp.ts';
import {
  attackSingleton, fillPool, PROBE_ABOVE, probeSingleton, proveFromPool, relationsOf, singletonColumns, singletonTargets,
} from './attack/singleton.ts';
import type { AttackFailure, AttackMemo } from './attack/types.ts';

export type { AttackFailure, AttackMemo, FailureReason } from './attack/types.ts';
export { isProtected } from './attack/interval.ts';
export { components } from './attack/components.ts';

export interface AttackStats { lpSolves: number; components: number; largestComponent: number }
export interface AttackResult extends AttackStats {
  failures: AttackFailure[];
  /** with `intervals`: every suppressed cell's exact interval (cell id → [least, greatest], whole households) */
  intervals?: Map<number, [number, number]>;
}

export interface AttackOptions {
  k: number;
  /** also check that a household knowing its own singleton cell pins down no other suppressed cell (default true) */
  singletons?: boolean;
  /** results of components already attacked, keyed by their cells; reused across suppression rounds */
  cache?: Map<string, AttackFailure[]>;
  /**
   * What earlier attacks proved, reused while suppression only grows (suppressing one more cell turns a constant
   * into a variable: the feasible set only grows, so a proven interval stays proven). Never share it between
   * patterns that are not supersets of each other.
   */
  memo?: AttackMemo;
  /**
   * Also the exact interval of every suppressed cell (what the published tables allow an attacker to derive),
   * in AttackResult.intervals: the ends the interval proofs did not reach cost a warm solve each. No cache then.
   */
  intervals?: boolean;
}

export function newMemo(model: CellModel): AttackMemo {
  return { proven: new Uint8Array(model.cells.length), pairs: new Set() };
}

export function attack(model: CellModel, suppressed: Uint8Array, given: AttackOptions): AttackResult {
  const byCell = relationsOf(model);
  const memo = given.memo ?? newMemo(model);
  const withSingletons = given.singletons !== false;
  const wantIntervals = given.intervals === true;
  const result: AttackResult = { failures: [], lpSolves: 0, components: 0, largestComponent: 0, ...(wantIntervals ? { intervals: new Map() } : {}) };
  for (const cells of components(model, suppressed)) {
    result.components++;
    result.largestComponent = Math.max(result.largestComponent, cells.length);
    const signature = `${withSingletons}|${cells.join(',')}`;
    const cached = wantIntervals ? undefined : given.cache?.get(signature);
    if (cached) { result.failures.push(...cached); continue; }
    const solved = attackComponent(component(model, suppressed, cells, byCell, given.k, memo), withSingletons, wantIntervals);
    result.lpSolves += solved.lpSolves;
    result.failures.push(...solved.failures);
    solved.intervals?.forEach((interval, i) => result.intervals!.set(cells[i], interval));
    if (!wantIntervals) given.cache?.set(signature, solved.failures);
  }
  result.failures.sort((a, b) => a.cell - b.cell || (a.singleton ?? -1) - (b.singleton ?? -1));
  return result;
}

const debug = (line: string): void => { if (process.env.SDC_DEBUG) console.error(line); };

interface Solved { failures: AttackFailure[]; lpSolves: number; intervals?: [number, number][] }

/**
 * One component: interval proofs for the cells not proven before, then (when asked) every cell's exact interval,
 * then the singleton attack once they hold.
 */
function attackComponent(comp: Component, withSingletons: boolean, wantIntervals: boolean): Solved {
  const { model, suppressed, cells, memo } = comp;
  const n = cells.length;
  // what is left to prove: cells not proven under a smaller pattern, and singleton pairs likewise
  const open: number[] = [];
  for (let i = 0; i < n; i++) if (!memo.proven[cells[i]]) open.push(i);
  const singletons = withSingletons ? singletonColumns(comp) : [];
  const noFailures = new Set<number>();
  if (!wantIntervals && open.length === 0 && singletons.every((s) => singletonTargets(comp, s, noFailures).length === 0)) return { failures: [], lpSolves: 0 };

  const rowIds = rowsOf(comp);
  if (rowIds.length === 0) {
    // the attacker knows only 0 ≤ x ≤ total
    return { failures: unconstrained(comp), lpSolves: 0, ...(wantIntervals ? { intervals: comp.upper.map((u): [number, number] => [0, u]) } : {}) };
  }

  const lp = new ComponentLp(model, rowIds, (c) => (suppressed[c] ? comp.local.get(c) : undefined), comp.upper);
  const failures: AttackFailure[] = [];
  let intervals: [number, number][] | undefined;
  let probeSolves = 0;
  try {
    let range = new Range(comp.truth);
    if (open.length > 0) {
      const proved = proveIntervals(comp, lp, open);
      failures.push(...proved.failures);
      range = proved.range;
      debug(`component ${n}: ${open.length} open, sweeps left ${proved.afterSweep}, ${lp.solves} solves, failures ${failures.length}`);
    }
    if (wantIntervals) {
      const before = lp.solves;
      intervals = exactIntervals(comp, lp, range);
      debug(`  exact intervals: ${lp.solves - before} solves`);
    }

    const failed = new Set(failures.map((f) => f.cell));
    const before = lp.solves;
    if (singletons.some((s) => singletonTargets(comp, s, failed).length > 0)) fillPool(comp, lp);
    // in a large component, a small model around each singleton first
    const probeHere = n > PROBE_ABOVE;
    for (const s of singletons) {
      proveFromPool(comp, lp.pool, s, failed);
      if (probeHere && singletonTargets(comp, s, failed).length > 0) probeSolves += probeSingleton(comp, cells[s]);
      const targets = singletonTargets(comp, s, failed);
      if (targets.length > 0) failures.push(...attackSingleton(comp, lp, s, targets, true));
    }
    if (singletons.length > 0) debug(`  singletons ${singletons.length}: ${probeSolves} probe solves, ${lp.solves - before} full solves`);
  } finally {
    lp.dispose();
  }
  return { failures, lpSolves: lp.solves + probeSolves, ...(intervals ? { intervals } : {}) };
}
