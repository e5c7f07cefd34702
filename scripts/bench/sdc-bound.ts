// A lower bound on the secondary suppressions ANY method needs on a release (bench:sdc prints it beside both
// methods' counts, so "how far from the best possible" is a measured figure, not a guess). Conditions every
// pattern the audit passes meets, each weaker than the audit's:
//
// - every hidden cell c can move down by d_c and up by u_c with d_c + u_c ≥ min(k, total) (the audit's rule:
//   attack/interval.ts isProtected), d_c ≤ its value, u_c ≤ total − value — unless the published-in-full tables
//   alone narrow c below k whatever is hidden (attack/told.ts: the audit reports such a cell, it does not fail it);
// - in each equation of the release, a hidden cell's move must be balanced by the other hidden cells of that
//   equation alone, each within its own room (the same move must balance every equation it is in; that the moves
//   fit together across equations is NOT required, which is what makes this a relaxation);
// - the singleton attack (attack.ts): a household alone in a hidden cell s (its value 1) knows s. A hidden cell t
//   sharing an equation R with s must still be able to move by a household, and within R only another hidden cell
//   can balance that move, s being known: R holds a third hidden cell — unless the published poverty table alone
//   pins t whatever is hidden (attack/singleton.ts pinnedRegardless, which the audit exempts; checked here with
//   every settleable zero column settled, so at least every pair the audit exempts is exempt here).
//
// Primary cells are hidden (x = 1); every other cell that could be hidden is a 0/1 variable x; minimising the
// hidden cells that are not primary by the bench's rule (primary.ts isPrimary) over these conditions is an integer
// program HiGHS solves exactly (the demo: seconds to minutes). Any pattern the audit passes meets the conditions, so
// its secondary count is at least the optimum. Settled zero columns (cells.ts) count as hideable: protect may reopen
// them.
import type { CellModel } from '../pipeline/sdc/model.ts';
import { settleZeroColumns } from '../pipeline/sdc/cells.ts';
import { isPrimary, primarySuppression } from '../pipeline/sdc/primary.ts';
import { highs } from '../pipeline/sdc/solver.ts';
import { isProtected, requiredWidth } from '../pipeline/sdc/attack/interval.ts';
import { everythingHidden, hasMoreToLearn, isSingleton, pairKey, pinnedRegardless, relationsOf } from '../pipeline/sdc/attack/singleton.ts';
import { sweep } from '../pipeline/sdc/attack/sweep.ts';
import { toldByConstants } from '../pipeline/sdc/attack/told.ts';

export interface SecondaryBound {
  /** the least number of secondary cells over the relaxation (null: not proven within the time limit) */
  bound: number | null;
  seconds: number;
}

export interface BoundOptions {
  /** give up after this long (then the bound is null); default 300 s */
  timeLimitSeconds?: number;
  /** include the singleton attack's condition (default true: the audit checks it) */
  singletons?: boolean;
}

/** The bound for a freshly built cell model (build.ts buildCellModel; its zero columns get settled here). */
export function secondaryLowerBound(model: CellModel, k: number, options: BoundOptions = {}): SecondaryBound {
  const { timeLimitSeconds = 300, singletons = true } = options;
  const started = performance.now();
  // the bench's rule for "primary", on the cells as built (before any column is settled)
  const notPrimary = model.cells.map((cell) => !isPrimary(cell, k));
  const counted = (c: number): boolean => notPrimary[c];
  const settledCells = new Set(settleZeroColumns(model, k, () => true).flatMap((i) => [model.columns[i].district, ...model.columns[i].communes]));
  const primary = primarySuppression(model, k);
  const hideable = (c: number): boolean => (!model.cells[c].fixed || settledCells.has(c)) && model.cells[c].upper > 0;
  const isHidden = (c: number): boolean => primary[c] === 1 && !model.cells[c].fixed;

  const rows: string[] = [];
  const moving = new Set<number>(); // cells with d and u
  const chosen = new Set<number>(); // cells with an x
  let n = 0;
  for (const rel of model.relations) {
    if (rel.sense !== '=') continue;
    rel.cells.forEach((p, qp) => {
      const ap = rel.coefs[qp];
      if (ap === 0 || !(isHidden(p) || hideable(p))) return;
      moving.add(p);
      if (!isHidden(p)) chosen.add(p);
      // p down by δ needs Σ_{c≠p} a_c·Δ_c = a_p·δ; up by δ, −a_p·δ: each other cell gives at most its room that way
      for (const way of ['d', 'u'] as const) {
        const positive = way === 'd' ? ap > 0 : ap < 0;
        let constant = 0;
        const terms: string[] = [];
        rel.cells.forEach((c, q) => {
          const a = rel.coefs[q];
          if (c === p || a === 0 || !(isHidden(c) || hideable(c))) return;
          const cell = model.cells[c];
          const room = (positive === a > 0 ? cell.upper - cell.value : cell.value) * Math.abs(a) / Math.abs(ap);
          if (room <= 0) return;
          if (isHidden(c)) constant += room;
          else { terms.push(` - ${room} x${c}`); chosen.add(c); }
        });
        rows.push(` r${n++}: ${way}${p}${terms.join('')} <= ${constant}`);
      }
    });
  }
  if (singletons) {
    const hideableOnly = (c: number): boolean => !isHidden(c) && hideable(c);
    const exempt = new Map<number, boolean>();
    for (const rel of model.relations) {
      if (rel.sense !== '=') continue;
      const cells = rel.cells.filter((c, q) => rel.coefs[q] !== 0 && (isHidden(c) || hideableOnly(c)));
      for (const s of cells) {
        if (!isSingleton(model, s)) continue;
        for (const t of cells) {
          if (t === s || !hasMoreToLearn(model, t)) continue;
          const others = cells.filter((u) => u !== s && u !== t);
          if (others.some(isHidden)) continue; // a primary cell of R already meets it
          const key = pairKey(model, s, t);
          if (!exempt.has(key)) exempt.set(key, pinnedRegardless(model, s, t));
          if (exempt.get(key)) continue;
          // Σ_u x_u ≥ [x_s] + [x_t] − 1 (a primary cell's x is 1): when both are hidden, some u is
          const both = [s, t].filter(hideableOnly);
          if (others.length === 0 && both.length === 0) continue; // no pattern meets it: exempt above (pinned by R)
          rows.push(` s${n++}:${others.map((u) => ` + x${u}`).join('')}${both.map((v) => ` - x${v}`).join('')} >= ${1 - both.length}`);
          for (const c of [...others, ...both]) chosen.add(c);
        }
      }
    }
  }
  // a cell the published-in-full tables narrow below k whatever is hidden is reported by the audit, not failed
  // (attack/told.ts): no width asked of it. Known wide from a feasible point of the everything-hidden release (a
  // sweep first), else by its two LPs
  const everything = everythingHidden(model);
  sweep(model, Uint8Array.from(model.cells, (cell) => (cell.fixed ? 0 : 1)), relationsOf(model), everything);
  const told = (c: number): boolean => !isProtected(everything.lo[c], everything.hi[c], model.cells[c].upper, k) && toldByConstants(model, c, k);
  for (const c of moving) {
    const { value, upper } = model.cells[c];
    const need = told(c) ? 0 : requiredWidth(upper, k);
    if (isHidden(c)) {
      rows.push(` w${c}: d${c} + u${c} >= ${need}`);
    } else {
      rows.push(` w${c}: d${c} + u${c} - ${need} x${c} >= 0`, ` dd${c}: d${c} - ${value} x${c} <= 0`, ` uu${c}: u${c} - ${upper - value} x${c} <= 0`);
    }
  }
  const xs = [...chosen].sort((a, b) => a - b);
  const objective = xs.filter(counted).map((c) => `x${c}`);
  const lp = [
    'Minimize', ` obj: ${objective.length > 0 ? objective.join(' + ') : '0'}`,
    'Subject To', ...rows,
    'Bounds', ...[...moving].flatMap((c) => [` 0 <= d${c} <= ${model.cells[c].value}`, ` 0 <= u${c} <= ${model.cells[c].upper - model.cells[c].value}`]),
    'Binary', ...xs.map((c) => ` x${c}`),
    'End', '',
  ].join('\n');
  const solution = highs.solve(lp, { time_limit: timeLimitSeconds, mip_rel_gap: 0, output_flag: false } as Parameters<typeof highs.solve>[1]);
  const seconds = (performance.now() - started) / 1000;
  return { bound: solution.Status === 'Optimal' ? Math.round(solution.ObjectiveValue) : null, seconds };
}
