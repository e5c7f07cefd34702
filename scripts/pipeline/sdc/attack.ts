// The attacker: for every suppressed cell, the least and greatest value consistent with everything published
// (every relation of every table and year, 0 ≤ x ≤ its total), each end the exact optimum of the whole release's
// LP, found locally (attack/local.ts); and the singleton attack: a household alone in a suppressed cell knows it
// is 1 — can it then pin down a suppressed cell sharing a relation with it? Feasible points met on the way prove
// most ends and pairs without a solve. The cells are taken in a fixed order (attackOrder), so the result is too; and
// every end is exact whatever the order, so only the work depends on it.
import type { CellModel } from './model.ts';
import { components } from './attack/components.ts';
import { hull, isProtected, verdict } from './attack/interval.ts';
import { LocalAttacker, type LocalLp } from './attack/local.ts';
import { hasMoreToLearn, isSingleton, movesFrom, pairKey, pinnedRegardless, relationsOf } from './attack/singleton.ts';
import { rowFacts } from './attack/rows.ts';
import { sweep } from './attack/sweep.ts';
import { settledByBlocks, type AttackFailure, type AttackMemo } from './attack/types.ts';

export type { AttackFailure, AttackMemo, FailureReason } from './attack/types.ts';
export { isProtected } from './attack/interval.ts';
export { components } from './attack/components.ts';
export { LocalAttacker } from './attack/local.ts';

export interface AttackStats { lpSolves: number; components: number; largestComponent: number; largestLp: number }
export interface AttackResult extends AttackStats {
  failures: AttackFailure[];
  /** with `intervals`: every suppressed cell's exact interval (cell id → [least, greatest], whole households) */
  intervals?: Map<number, [number, number]>;
}

export interface AttackOptions {
  k: number;
  /** also check that a household knowing its own singleton cell pins down no other suppressed cell (default true) */
  singletons?: boolean;
  /**
   * What earlier attacks proved, reused while suppression only grows (suppressing one more cell turns a constant
   * into a variable: the feasible set only grows, so a proven interval stays proven). Never share it between
   * patterns that are not supersets of each other.
   */
  memo?: AttackMemo;
  /** the attacker of an earlier, smaller pattern of the same model (its feasible points stay feasible), reused */
  attacker?: LocalAttacker;
  /** also the exact interval of every suppressed cell (what the published tables allow an attacker to derive) */
  intervals?: boolean;
  /**
   * Only this share of the work: the cells' ends and the singletons' checks of every `of`-th block of suppressed
   * cells, from block `index` (attack/threads.ts runs the shares on threads; together they are the whole attack).
   */
  part?: { index: number; of: number };
}

export function newMemo(model: CellModel): AttackMemo {
  return { proven: new Uint8Array(model.cells.length), pairs: new Set(), excused: new Set() };
}

const EPS = 1e-9;
/**
 * An LP is carried from cell to cell while it has at most CARRY variables (neighbouring cells share relations, so its
 * variables stay useful), or, larger, while the next cell is one of its variables or in one of its rows; and one with a singleton
 * held, from target to target, up to HELD. Measured on the demo's release at k = 5: 21,504 solves without carrying,
 * 7,728 with CARRY = 300 (600: fewer solves but slower LPs).
 */
const CARRY = 300;
const HELD = 150;
/**
 * A larger LP carried along a long row is rebuilt once it has more than REGROW variables and twice what it needed when
 * built (the size after its first cell's ends). An end that moves the long row needs thousands of variables, and its
 * neighbours reuse them: that LP stays. Where the ends need only their own neighbourhoods, each one adds a few cells to
 * the carried LP, and past some thousands every warm re-solve costs what the whole LP costs. Measured on the 1,000-unit
 * fixture (original tables, k = 5, one thread, the ends of one long row each): the 732 ends of deprivation 2021 poor /
 * health insurance took 307 s carried without a limit (the LP past 10,000 variables), 32.2 s with REGROW = 500, 33.0 s
 * with 1,000, 48.7 s with 2,000; poverty_groups 2021 status_mismatch (a first end of 7,951 variables) 35 s and 32 s.
 */
const REGROW = 1000;

export function attack(model: CellModel, suppressed: Uint8Array, given: AttackOptions): AttackResult {
  const { k } = given;
  const byCell = relationsOf(model);
  const memo = given.memo ?? newMemo(model);
  const attacker = given.attacker ?? new LocalAttacker(model, suppressed, byCell);
  // an earlier attacker's long-relation lists predate the cells suppressed since
  attacker.refresh();
  const wantIntervals = given.intervals === true;
  const before = attacker.solves;
  const parts = components(model, suppressed);
  const result: AttackResult = {
    failures: [], lpSolves: 0, components: parts.length, largestComponent: Math.max(0, ...parts.map((p) => p.length)), largestLp: 0,
    ...(wantIntervals ? { intervals: new Map() } : {}),
  };
  const failed = new Set<number>();
  const mine = given.part ? share(model, suppressed, given.part) : undefined;
  // a few LPs over blocks of suppressed cells first settle most ends at the cells' own bounds and show most cells
  // wide enough (attack/sweep.ts): for the cells of this share not proven before
  const swept = sweep(model, suppressed, byCell, attacker, (c) => (!mine || mine[c] === 1) && (wantIntervals || !memo.proven[c]));

  // one LP carried from cell to cell (its variables stay useful: neighbouring cells share relations) until it grows past
  // CARRY, and past it while the next cell is one of its variables or in one of its rows (see attackOrder) and it has not
  // grown past REGROW and twice its first size
  let lp: LocalLp | undefined;
  // the size the carried LP had after its first cell's ends
  let needed = 0;
  try {
  for (const c of attackOrder(model)) {
    if (!suppressed[c] || model.cells[c].fixed || (mine && !mine[c])) continue;
    const { upper } = model.cells[c];
    const wide = (): boolean => isProtected(attacker.lo[c], attacker.hi[c], upper, k);
    if (!wantIntervals && (memo.proven[c] || wide())) { memo.proven[c] = 1; continue; }
    // an end met at the cell's own bound is exact; any other costs a solve (unless the interval is already wide)
    const proofs: number[][] = [];
    let lo = attacker.lo[c] <= EPS ? 0 : undefined;
    let hi = attacker.hi[c] >= upper - EPS ? upper : undefined;
    const stop = wantIntervals ? undefined : wide;
    if ((lo === undefined || hi === undefined) && !(stop?.())) {
      if (lp && lp.size > CARRY && (!lp.touches(c) || lp.size > Math.max(REGROW, 2 * needed))) { lp.dispose(); lp = undefined; }
      const built = !lp;
      lp ??= attacker.around(c);
      if (lo === undefined) { const e = lp.optimise(c, 1, stop); if (e.exact) { lo = e.value; proofs.push(e.binding); } }
      if (hi === undefined && !(stop?.())) { const e = lp.optimise(c, -1, stop); if (e.exact) { hi = e.value; proofs.push(e.binding); } }
      if (built) needed = lp.size;
    }
    if (lo !== undefined && hi !== undefined) {
      result.intervals?.set(c, hull(lo, hi));
      if (!isProtected(lo, hi, upper, k)) { result.failures.push({ ...verdict(c, lo, hi), binding: proofs }); failed.add(c); continue; }
    }
    memo.proven[c] = 1;
  }
  } finally {
    lp?.dispose();
  }

  if (given.singletons !== false) {
    // a pair settled is remembered only for a memo that outlives this attack (protection's rounds): within one attack
    // each pair is met once, and at a thousand units the pairs of the long relations run to millions
    const settled = (pair: number): void => { if (given.memo) memo.pairs.add(pair); };
    // every singleton held at its truth at once: a point that moves a target by one household or more with all of them
    // held settles all its pairs (each pair asks for such a point with one singleton held: this one is). Per target,
    // 1: such a point was met (points kept, or one LP with every singleton held, attack/local.ts `frozen`); 2: none
    // (its partners are then held half by half, and only those no group settles are checked pair by pair, pinnedBy).
    // At a thousand units a singleton shares its long row with hundreds of hidden cells, and the pairs one by one grew
    // with the square of the units.
    const singles = new Uint8Array(model.cells.length);
    for (let s = 0; s < model.cells.length; s++) if (suppressed[s] && !model.cells[s].fixed && isSingleton(model, s)) singles[s] = 1;
    const clear = new Uint8Array(model.cells.length);
    const counts = new WeakMap<object, number>();
    /** Whether `t` moves by one household or more with every cell of `mask` but `t` held at its truth (one LP). */
    const movesHolding = (t: number, mask: Uint8Array): boolean => {
      const own = mask[t];
      mask[t] = 0;
      const lp = attacker.around(t, undefined, mask);
      try {
        const moves = movesFrom(model.cells[t].value);
        return !lp.optimise(t, -1, moves).exact || !lp.optimise(t, 1, moves).exact;
      } finally {
        lp.dispose();
        mask[t] = own;
      }
    };
    const allHeld = (t: number): boolean => attacker.movedClear(t, singles, counts) || movesHolding(t, singles);
    // a target pinned with every singleton held: its partners (the singletons left to check with it) held half by
    // half. A group held that leaves it moving settles the pairs of all its singletons (each pair holds less); a group
    // that pins it is split, down to single singletons, which are checked pair by pair as before. So a target pinned
    // only by many singletons together costs a few LPs, not one per partner; one pinned by each alone costs at most
    // twice the pairs' LPs. Per such target: its partners left to check pair by pair.
    const group = new Uint8Array(model.cells.length);
    const suspects = new Map<number, Set<number>>();
    const pinnedBy = (t: number, partners: number[]): number[] => {
      if (partners.length <= 1) return partners;
      for (const s of partners) group[s] = 1;
      let moved: boolean;
      try {
        moved = attacker.movedHolding(t, partners, group) || movesHolding(t, group);
      } finally {
        for (const s of partners) group[s] = 0;
      }
      if (moved) return [];
      const half = partners.length >> 1;
      return [...pinnedBy(t, partners.slice(0, half)), ...pinnedBy(t, partners.slice(half))];
    };
    /**
     * the singletons from `s` on that have `t` among their targets and are not settled with it by the points met: every
     * pair (p, t) the loop below meets later is here, or settled by a point (points are only added) before it asks
     */
    const partnersOf = (t: number, s: number): number[] => {
      const out = new Set<number>();
      for (const ri of byCell[t]) {
        for (const p of model.relations[ri].cells) {
          if (p < s || p === t || !singles[p] || (mine && !mine[p]) || memo.pairs.has(pairKey(model, p, t)) || settledByBlocks(memo, p, t)) continue;
          out.add(p);
        }
      }
      return [...out].sort((a, b) => a - b).filter((p) => !attacker.movedWithout(t, p));
    };
    for (let s = 0; s < model.cells.length; s++) {
      if (!singles[s] || (mine && !mine[s])) continue;
      // one LP with the singleton held at 1, for all its targets
      let held: LocalLp | undefined;
      try {
        for (const t of singletonTargets(model, suppressed, byCell, s, failed, memo)) {
          const pair = pairKey(model, s, t);
          const truth = model.cells[t].value;
          // a target settled for every singleton, or for this one by a group held with it (pinnedBy)
          if (clear[t] === 1 || (clear[t] === 2 && !suspects.get(t)!.has(s))) { settled(pair); continue; }
          if (attacker.movedWithout(t, s)) { settled(pair); continue; }
          if (clear[t] === 0) {
            // the shared LP model is lent to one LP at a time
            if (held) { held.dispose(); held = undefined; }
            clear[t] = allHeld(t) ? 1 : 2;
            if (clear[t] === 1) { settled(pair); continue; }
            suspects.set(t, new Set(pinnedBy(t, partnersOf(t, s))));
            if (!suspects.get(t)!.has(s)) { settled(pair); continue; }
          }
          const moves = movesFrom(truth);
          if (held && held.size > HELD) { held.dispose(); held = undefined; }
          held ??= attacker.around(t, [s, 1]);
          const high = held.optimise(t, -1, moves);
          if (!high.exact) { settled(pair); continue; }
          const low = held.optimise(t, 1, moves);
          if (!low.exact) { settled(pair); continue; }
          // pinned: the pattern's failure, unless the published poverty table alone pins it (no pattern can help)
          // (its whole-model check borrows the shared LP: this one is given back first)
          held.dispose();
          held = undefined;
          if (pinnedRegardless(model, s, t)) { settled(pair); memo.excused.add(t); continue; }
          const [l, h] = hull(low.value, high.value);
          result.failures.push({ cell: t, lower: l, upper: h, reason: 'singleton', singleton: s, binding: [low.binding, high.binding] });
        }
      } finally {
        held?.dispose();
      }
    }
  }
  result.lpSolves = attacker.solves - before + swept;
  result.largestLp = attacker.largest;
  result.failures.sort((a, b) => a.cell - b.cell || (a.singleton ?? -1) - (b.singleton ?? -1));
  return result;
}

const orders = new WeakMap<CellModel, Int32Array>();
/**
 * The order the cells are attacked in: grouped by the long relation holding them (the communes-sum-to-the-district
 * rows, attack/rows.ts; cells in none first), then by id. An end whose optimum moves the cell's long row needs, for
 * its proof, the cells of that row in every unit that could move (each would price in otherwise): its LP grows with
 * the number of units. Taken one after another, the cells of one long row reuse that LP (it holds the row, and often
 * the cell), and each end costs a warm re-solve and a few rounds instead of a rebuild. Measured on the 300-unit fixture (original tables, k = 5,
 * the audit on one thread): in id order, 4,400 of 30,753 cells' ends took 305 s; in this order all of them took 240 s.
 */
export function attackOrder(model: CellModel): Int32Array {
  let order = orders.get(model);
  if (order && order.length === model.cells.length) return order;
  const { long } = rowFacts(model);
  const byCell = relationsOf(model);
  const group = Int32Array.from(model.cells, (_, c) => byCell[c].find((ri) => long[ri] === 1) ?? -1);
  order = Int32Array.from(model.cells, (_, c) => c).sort((a, b) => group[a] - group[b] || a - b);
  orders.set(model, order);
  return order;
}

/**
 * Blocks of this many suppressed cells (in attack order) are dealt to the shares in turn: neighbouring cells share
 * relations, so a block keeps the carried LP useful, and dealing many blocks evens out the shares' work.
 */
const BLOCK = 64;

/** The cells of one share: every `of`-th block of the suppressed, unfixed cells in attack order, from block `index`. */
export function share(model: CellModel, suppressed: Uint8Array, part: { index: number; of: number }): Uint8Array {
  const out = new Uint8Array(model.cells.length);
  let position = 0;
  for (const c of attackOrder(model)) {
    if (!suppressed[c] || model.cells[c].fixed) continue;
    if (Math.floor(position / BLOCK) % part.of === part.index) out[c] = 1;
    position++;
  }
  return out;
}

/**
 * The cells a household alone in `s` could learn about: suppressed cells sharing a relation with it, whose total
 * leaves something to learn (more than 1), not already failed, and not proven safe from it before (a cost-bounded
 * reading of the attack: chains through several relations are not followed), nor settled by the blocks' proofs.
 */
function singletonTargets(model: CellModel, suppressed: Uint8Array, byCell: number[][], s: number, failed: Set<number>, memo: AttackMemo): number[] {
  const out = new Set<number>();
  for (const ri of byCell[s]) {
    for (const t of model.relations[ri].cells) {
      if (t === s || !suppressed[t] || model.cells[t].fixed || failed.has(t) || !hasMoreToLearn(model, t) || memo.pairs.has(pairKey(model, s, t)) || settledByBlocks(memo, s, t)) continue;
      out.add(t);
    }
  }
  return [...out].sort((a, b) => a - b);
}
