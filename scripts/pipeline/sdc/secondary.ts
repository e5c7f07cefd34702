// Secondary (complementary) suppression over the whole cell model — all tables, all years together — chosen by
// cost. The attacker (attack.ts) checks the pattern first, the singleton attack included: a cell it cannot narrow
// needs nothing (hidden cells protect one another). Each cell it can narrow gets, in each direction it falls short,
// the cheapest change of the release that moves it there (complement.ts), district cells first (their changes run
// through the communes); the cells that change are suppressed. Then the attacker checks again, until it can narrow
// nothing. (Changing every hidden cell first, before any attack, asked each to move its own way — down first — when
// the audit asks only for width: measured on the demo at k = 5, 560 secondary cells against 527, and slower.
// Nor does a first round that asks for changes only for the cells the sweeps' points leave short (attack/sweep.ts),
// the attack starting at round 2: 12.5 % faster on the 37- and 300-unit fixtures (one thread: 19.9 s against 22.8 s,
// one run after the other; 323.5 s against 369.8 s, side by side; the same secondaries within 0.1 %), but on the demo's original tables at
// k = 5 no faster (12.6 s both) and 546 secondary cells against 535; and as much faster at 37 units as at 300, so the
// cost per unit grows as before.)
import { attack, LocalAttacker, newMemo, type AttackMemo, type AttackResult } from './attack.ts';
import { isProtected } from './attack/interval.ts';
import { ChangeLp, cheapestChange, LongCosts, type Change } from './complement.ts';
import { reopenColumn } from './cells.ts';
import { relationsOf } from './attack/singleton.ts';
import type { Cell, CellModel } from './model.ts';
import { checkK, isPrimary, primarySuppression } from './primary.ts';

export interface SuppressOptions {
  k: number;
  /** cells that must stay suppressed (the previous release's suppressed cells) */
  forced?: number[];
  /** columns settled by the district's published zero (cells.ts settleZeroColumns): reopened when a failure needs them */
  settled?: number[];
  /** include the singleton attack (default true) */
  singletons?: boolean;
  /** what protection by blocks proved (blocks.ts, attack/types.ts AttackMemo.blocks): not checked again */
  blocks?: AttackMemo['blocks'];
  /** give up after this many audit rounds (default 50) */
  maxRounds?: number;
  log?: (line: string) => void;
}

export interface SuppressResult {
  suppressed: Uint8Array;
  primary: Uint8Array;
  rounds: number;
  lpSolves: number;
  /** the last audit's verdict: empty failures when protection holds */
  audit: AttackResult;
  /** the cells the attack's singleton pairs excused (pinned by the published poverty table alone) in any round */
  excused: Set<number>;
}

/**
 * What hiding a cell costs a reader, per household it could move: the households it holds (plus one: every hidden
 * cell is a blank; a zero as if it held ZERO_AS), a hundred times more for a district cell — the figure a journalist
 * quotes, moved only when no commune cells can protect a cell.
 */
export function cellCost(cell: Cell): number {
  return ((cell.value === 0 ? ZERO_AS : cell.value) + 1) * (cell.total ? DISTRICT_WEIGHT : 1);
}
const DISTRICT_WEIGHT = 100;
/**
 * A hidden zero can only move up, so protecting it moves others down: priced as a large cell, it is moved only when
 * nothing else will do (measured on the demo at k = 5: 603 secondary cells against 649 priced as 0 households).
 */
const ZERO_AS = 200;

/**
 * How far a suppressed cell must be able to move down and up: k households in all within [0, total] (down first,
 * as far as its value allows), or the whole [0, total] when that is under k.
 */
export function protectionNeeds(cell: Cell, k: number): { down: number; up: number } {
  const { value, upper } = cell;
  if (upper < k) return { down: value, up: upper - value };
  let down = Math.min(value, k);
  const up = Math.min(upper - value, k - down);
  if (up + down < k) down = Math.min(value, k - up);
  return { down, up };
}

/**
 * The change LP is carried from cell to cell up to this many variables (its variables stay useful to neighbours).
 * Measured on the demo at k = 5 (seconds of protect, noisy machine): 63 with a fresh LP per change, 43 carried up
 * to 300 variables, 34 up to 800, 46 up to 2,000.
 */
const CARRY = 800;

export function suppress(model: CellModel, opts: SuppressOptions): SuppressResult {
  const k = checkK(opts.k);
  const primary = primarySuppression(model, k);
  const suppressed = Uint8Array.from(primary);
  for (const id of opts.forced ?? []) if (!model.cells[id].fixed) suppressed[id] = 1;
  const byCell = relationsOf(model); // the attack's index too: built once per model
  const settled = [...(opts.settled ?? [])];
  const attacker = new LocalAttacker(model, suppressed, byCell);
  const memo = newMemo(model);
  if (opts.blocks) { memo.proven.set(opts.blocks.proven); memo.blocks = opts.blocks; }
  const price = (j: number): number => (suppressed[j] ? 0 : cellCost(model.cells[j]));
  // the long relations' cells by cost, shared by every change LP: told of each cell suppressed (free from then on)
  const costs = new LongCosts(model, byCell, (j) => cellCost(model.cells[j]));
  model.cells.forEach((_, j) => { if (suppressed[j]) costs.lower(j); });
  let changes = 0;

  // one change LP carried from cell to cell while it has at most CARRY variables
  let carried: ChangeLp | undefined;
  const change = (c: number, sign: 1 | -1, amount: number): Change => {
    if (carried && carried.size > CARRY) { carried.dispose(); carried = undefined; }
    carried ??= new ChangeLp(model, byCell, price, new Set(), costs);
    return carried.solve(c, sign, amount);
  };
  /** Suppresses what a change moves; the changed release is a point the attacker cannot rule out. */
  const apply = (point: Map<number, number>, queue: number[]): void => {
    const fresh: number[] = [];
    for (const j of point.keys()) if (!suppressed[j]) { suppressed[j] = 1; costs.lower(j); queue.push(j); fresh.push(j); }
    carried?.repriced(fresh);
    attacker.record(point);
    const mirror = reverse(model, byCell, point);
    if (mirror) attacker.record(mirror);
    changes++;
  };
  /** Each queued cell, until its known range is wide enough: a change each way the range falls short. */
  const drain = (queue: number[]): void => {
    try {
      while (queue.length > 0) {
        const c = queue.shift()!;
        const cell = model.cells[c];
        if (isProtected(attacker.lo[c], attacker.hi[c], cell.upper, k)) continue;
        const { down, up } = protectionNeeds(cell, k);
        // the longer way first: its reverse often covers the shorter one without a second LP
        for (const sign of up > down ? [1, -1] as const : [-1, 1] as const) {
          const short = sign > 0 ? up > 0 && attacker.hi[c] < cell.value + up - 1e-9 : down > 0 && attacker.lo[c] > cell.value - down + 1e-9;
          if (short) apply(change(c, sign, sign > 0 ? up : down).point, queue);
        }
      }
    } finally {
      carried?.dispose();
      carried = undefined;
    }
  };

  let lpSolves = 0;
  let rounds = 0;
  const maxRounds = opts.maxRounds ?? 50;
  for (;;) {
    rounds++;
    const began = performance.now();
    const verdict = attack(model, suppressed, { k, singletons: opts.singletons, memo, attacker });
    lpSolves += verdict.lpSolves;
    opts.log?.(`audit round ${rounds}: ${verdict.failures.length} failures, ${verdict.lpSolves} LP solves (largest ${verdict.largestLp} cells), ${((performance.now() - began) / 1000).toFixed(1)} s`);
    if (verdict.failures.length === 0 || rounds >= maxRounds) return { suppressed, primary, rounds, lpSolves, audit: verdict, excused: memo.excused };
    const before = suppressed.reduce((s, x) => s + x, 0);
    // the narrowed cells, district cells first (their changes run through the communes), each in id order
    const narrow = verdict.failures.filter((f) => f.singleton === undefined).map((f) => f.cell);
    const queue = [...narrow.filter((c) => model.cells[c].total), ...narrow.filter((c) => !model.cells[c].total)];
    for (const f of verdict.failures) {
      if (f.singleton === undefined) continue;
      // a household alone in f.singleton pins f.cell: a change that moves f.cell by one while the singleton stays
      const still = new Set([f.singleton]);
      const up = cheapestChange(model, byCell, f.cell, 1, 1, price, still, costs);
      apply(up.moved >= 1 - 1e-9 ? up.point : cheapestChange(model, byCell, f.cell, -1, 1, price, still, costs).point, queue);
    }
    drain(queue);
    const after = suppressed.reduce((s, x) => s + x, 0);
    opts.log?.(`round ${rounds}: ${changes} least-cost changes so far, ${after} cells suppressed`);
    if (after === before) {
      // nothing more to hide with the settled columns published: reopen those in the relations of the failures'
      // proofs (the attacker's view does not change; their cells become hideable), else give up
      const near = new Set<number>();
      for (const f of verdict.failures) for (const proof of f.binding ?? []) for (const ri of proof) for (const c of model.relations[ri].cells) near.add(c);
      for (const f of verdict.failures) for (const ri of byCell[f.cell]) for (const c of model.relations[ri].cells) near.add(c);
      const reopen = settled.filter((i) => [model.columns[i].district, ...model.columns[i].communes].some((c) => near.has(c)));
      if (reopen.length === 0) return { suppressed, primary, rounds, lpSolves, audit: verdict, excused: memo.excused };
      // a reopened column's cells are ordinary cells again: those the rules make unsafe (a commune 0 whose complement
      // is small, told only by the district zero) are suppressed now, as primary suppression would have
      const unsafe: number[] = [];
      for (const i of reopen) {
        reopenColumn(model, i);
        settled.splice(settled.indexOf(i), 1);
        for (const id of [model.columns[i].district, ...model.columns[i].communes]) {
          if (!suppressed[id] && isPrimary(model.cells[id], k)) { suppressed[id] = 1; primary[id] = 1; costs.lower(id); unsafe.push(id); }
        }
      }
      costs.reset(); // the reopened cells are movable now
      // a singleton pair proven "pinned regardless" counted the settled cells as constants: not a proof any more
      memo.pairs.clear();
      opts.log?.(`reopened ${reopen.length} settled zero columns`);
      drain([...verdict.failures.map((f) => f.cell), ...unsafe]);
    }
  }
}

/**
 * The change run backwards, as far as the cells' bounds and the inequalities allow (at most all the way): also a
 * point the attacker cannot rule out, so each cell it moves is proven to move both ways for one LP. Undefined when
 * it cannot move back at all.
 */
export function reverse(model: CellModel, byCell: number[][], point: ReadonlyMap<number, number>): Map<number, number> | undefined {
  let t = 1;
  for (const [c, x] of point) {
    const { value, upper } = model.cells[c];
    const delta = x - value; // the reverse moves the cell by −delta
    if (delta > 0) t = Math.min(t, value / delta);
    else if (delta < 0) t = Math.min(t, (upper - value) / -delta);
  }
  const seen = new Set<number>();
  for (const c of point.keys()) {
    for (const ri of byCell[c]) {
      if (seen.has(ri)) continue;
      seen.add(ri);
      const r = model.relations[ri];
      if (r.sense === '=') continue;
      let lhs = 0;
      let change = 0; // how the reverse changes the left-hand side, per unit of t
      r.cells.forEach((x, q) => {
        lhs += r.coefs[q] * model.cells[x].value;
        const moved = point.get(x);
        if (moved !== undefined) change -= r.coefs[q] * (moved - model.cells[x].value);
      });
      const slack = r.sense === '<=' ? r.rhs - lhs : lhs - r.rhs; // ≥ 0 at the truth
      const worsens = r.sense === '<=' ? change : -change;
      if (worsens > 1e-12) t = Math.min(t, slack / worsens);
    }
  }
  if (t <= 1e-9) return undefined;
  return new Map([...point].map(([c, x]) => [c, model.cells[c].value - t * (x - model.cells[c].value)]));
}
