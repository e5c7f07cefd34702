// Sweeps: a few LPs over every suppressed cell at once, before the cell-by-cell ends. Each optimum is a feasible
// point of the whole release; pushing all suppressed cells down (then up) at once puts most of them at their own
// bound (0, or their total), and an end met at its own bound is exact without a solve of its own (attack.ts). The
// ends left — the interior ones — are the only ones solved cell by cell. The sweeps prove nothing by themselves:
// they are points, and a point only ever widens what the attacker is known to reach.
import type { CellModel } from '../model.ts';
import { attackerRows, createLp, OPTIMAL } from './lp.ts';
import type { LocalAttacker } from './local.ts';

/**
 * Pushes every suppressed cell down together, then up together (each weighted by its total, so a small cell
 * counts as much as a large one), and records both optima as feasible points. Returns the solves made.
 */
export function sweep(model: CellModel, suppressed: Uint8Array, byCell: number[][], attacker: LocalAttacker): number {
  const vars: number[] = [];
  const variable = new Map<number, number>();
  model.cells.forEach((c) => { if (suppressed[c.id] && !c.fixed && c.upper > 0) { variable.set(c.id, vars.length); vars.push(c.id); } });
  if (vars.length === 0) return 0;
  const rowIds = [...new Set(vars.flatMap((c) => byCell[c]))].sort((a, b) => a - b);
  const lp = createLp(attackerRows(model, rowIds, (c) => variable.get(c)), vars.length, new Float64Array(vars.length), Float64Array.from(vars, (c) => model.cells[c].upper));
  let solves = 0;
  try {
    for (const sign of [1, -1] as const) {
      lp.changeColsCost({ kind: 'range', from: 0, to: vars.length - 1 }, Float64Array.from(vars, (c) => sign / model.cells[c].upper));
      lp.run();
      solves++;
      if (lp.getModelStatus() !== OPTIMAL) continue;
      const x = lp.getSolution().colValue;
      const point = new Map<number, number>();
      vars.forEach((c, i) => { if (Math.abs(x[i] - model.cells[c].value) > 1e-9) point.set(c, x[i]); });
      attacker.record(point);
    }
  } finally {
    lp.dispose();
  }
  return solves;
}
