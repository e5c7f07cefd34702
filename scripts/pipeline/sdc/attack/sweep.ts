// Sweeps: a few LPs over every suppressed cell at once, before the cell-by-cell checks. Each optimum is a feasible
// point of the whole release; pushing the suppressed cells down (then up) at once puts most of them at their own
// bound (0, or their total), and an end met at its own bound is exact without a solve of its own (attack.ts) — and
// a cell pushed both ways is often already wide enough for the protection check. The ends left — the interior ones
// — are the only ones solved cell by cell. The sweeps prove nothing by themselves: they are points, and a point
// only ever widens what the attacker is known to reach.
import type { CellModel } from '../model.ts';
import { attackerRows, createLp, OPTIMAL } from './lp.ts';
import type { LocalAttacker } from './local.ts';

/**
 * Sweeps each way at most this many times: the first pushes every wanted cell, each next one only those not yet at
 * their bound that way (the others pushed there again for nothing), until one settles fewer than ENOUGH.
 * Measured on the demo's original tables at k = 5 (medians of three): protection 5.02 s with one sweep each way in
 * the audit only, 4.69 with one in protection's checks too, 4.42 with up to 4, 4.40 with up to 8; the audit on one
 * thread 4.82 s with one, 4.50 with up to 6, 4.37 with up to 12 (7,125 LP solves against 8,959).
 */
const ROUNDS = 8;
const ENOUGH = 10;

/**
 * Pushes the wanted suppressed cells down together, then up together (each weighted by its total, so a small cell
 * counts as much as a large one), again for those the last push left short of their bound, and records each
 * optimum as a feasible point. Returns the solves made.
 */
export function sweep(model: CellModel, suppressed: Uint8Array, byCell: number[][], attacker: LocalAttacker, wanted: (cell: number) => boolean = () => true): number {
  const vars: number[] = [];
  const variable = new Map<number, number>();
  model.cells.forEach((c) => { if (suppressed[c.id] && !c.fixed && c.upper > 0) { variable.set(c.id, vars.length); vars.push(c.id); } });
  const targets = vars.filter(wanted);
  if (targets.length === 0) return 0;
  const rowIds = [...new Set(vars.flatMap((c) => byCell[c]))].sort((a, b) => a - b);
  const lp = createLp(attackerRows(model, rowIds, (c) => variable.get(c)), vars.length, new Float64Array(vars.length), Float64Array.from(vars, (c) => model.cells[c].upper));
  let solves = 0;
  try {
    for (const sign of [1, -1] as const) {
      const atBound = (c: number): boolean => (sign > 0 ? attacker.lo[c] <= 1e-9 : attacker.hi[c] >= model.cells[c].upper - 1e-9);
      let short = targets.filter((c) => !atBound(c));
      for (let round = 0; round < ROUNDS && short.length > 0; round++) {
        const cost = new Float64Array(vars.length);
        for (const c of short) cost[variable.get(c)!] = sign / model.cells[c].upper;
        lp.changeColsCost({ kind: 'range', from: 0, to: vars.length - 1 }, cost);
        lp.run();
        solves++;
        if (lp.getModelStatus() !== OPTIMAL) break;
        const x = lp.getSolution().colValue;
        const point = new Map<number, number>();
        vars.forEach((c, i) => { if (Math.abs(x[i] - model.cells[c].value) > 1e-9) point.set(c, x[i]); });
        attacker.record(point);
        const left = short.filter((c) => !atBound(c));
        if (short.length - left.length < ENOUGH) break;
        short = left;
      }
    }
  } finally {
    lp.dispose();
  }
  return solves;
}
