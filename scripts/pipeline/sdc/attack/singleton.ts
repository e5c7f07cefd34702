// The singleton attack's helpers (the attack itself: attack.ts): a (singleton, target) pair's key, whether the
// published poverty table alone pins a target down (no suppression pattern can prevent that), and the relations
// holding each cell, computed once per model.
import { fixedEpoch } from '../cells.ts';
import { relationsByCell, type CellModel } from '../model.ts';
import { hull } from './interval.ts';
import { LocalAttacker } from './local.ts';
import { attackerRows, createLp, OPTIMAL } from './lp.ts';
import { rowFacts } from './rows.ts';

export const pairKey = (model: CellModel, singleton: number, target: number): number => singleton * model.cells.length + target;

/** A household alone in a cell knows it: a cell of value 1 (when hidden, the singleton attack starts from it). */
export const isSingleton = (model: CellModel, cell: number): boolean => model.cells[cell].value === 1;
/** A cell a singleton could learn something about: its total leaves more than one value. */
export const hasMoreToLearn = (model: CellModel, cell: number): boolean => model.cells[cell].upper > 1;
/** A singleton attack's stop: the target moved by one household or more from its truth (then the pair is settled). */
export const movesFrom = (truth: number) => (v: number): boolean => Math.abs(v - truth) >= 1 - 1e-7;

/**
 * Whether a household alone in `singleton` would pin `target` down even if every protected cell were
 * suppressed — from the published poverty table alone (poor_no_labour = 1 gives poor_with_labour = poor − 1;
 * a cell whose total is 0 is 0). No suppression pattern can prevent that, so it is not the pattern's failure.
 * Checked on the relations holding either cell, every other protected cell free: fewer relations can only
 * widen the interval, so a cell pinned here is pinned in the full model too.
 */
export function pinnedRegardless(model: CellModel, singleton: number, target: number): boolean {
  return pinnedNearby(model, singleton, target) || pinnedByAllPublished(model, singleton, target);
}

/**
 * The same over the whole model (every relation, every protected cell free): a chain of relations from the poverty
 * table can pin a pair the relations holding it alone do not (a cohort poor again ≤ fell_back ≤ poor). Solved
 * locally (attack/local.ts) with every protected cell a candidate variable.
 */
function pinnedByAllPublished(model: CellModel, singleton: number, target: number): boolean {
  const lp = everythingHidden(model).around(target, [singleton, model.cells[singleton].value]);
  try {
    const truth = model.cells[target].value;
    const moves = movesFrom(truth);
    const high = lp.optimise(target, -1, moves);
    if (!high.exact) return false;
    const low = lp.optimise(target, 1, moves);
    if (!low.exact) return false;
    const [l, h] = hull(low.value, high.value);
    return h <= l;
  } finally {
    lp.dispose();
  }
}

function pinnedNearby(model: CellModel, singleton: number, target: number): boolean {
  const byCell = relationsOf(model);
  // long relations (one cell per unit) left out: fewer relations only widen, and pinnedByAllPublished has them all
  const { long } = rowFacts(model);
  const rowIds = [...new Set([...byCell[singleton], ...byCell[target]])].filter((ri) => !long[ri]).sort((a, b) => a - b);
  const vars = [...new Set(rowIds.flatMap((ri) => model.relations[ri].cells).filter((c) => !model.cells[c].fixed))].sort((a, b) => a - b);
  const local = new Map(vars.map((c, i) => [c, i]));
  if (!local.has(target)) return false; // only long relations hold it: the whole model's check decides
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

const everything = new WeakMap<CellModel, { epoch: number; attacker: LocalAttacker }>();
/**
 * The attacker of the pattern that hides every cell that is not a constant, kept per model (its feasible points stay
 * feasible) until cells' `fixed` changes (settled columns reopened): building one costs what the model's size costs.
 */
export function everythingHidden(model: CellModel): LocalAttacker {
  const epoch = fixedEpoch(model);
  const kept = everything.get(model);
  if (kept && kept.epoch === epoch) return kept.attacker;
  const attacker = new LocalAttacker(model, Uint8Array.from(model.cells, (c) => (c.fixed ? 0 : 1)), relationsOf(model));
  everything.set(model, { epoch, attacker });
  return attacker;
}

const relationIndex = new WeakMap<CellModel, number[][]>();
/** For each cell, the relations holding it; computed once per model. */
export function relationsOf(model: CellModel): number[][] {
  let index = relationIndex.get(model);
  if (!index) { index = relationsByCell(model); relationIndex.set(model, index); }
  return index;
}
