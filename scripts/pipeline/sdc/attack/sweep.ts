// Sweeps: a few LPs over many suppressed cells at once (blocks of neighbours, through the short relations and across
// the long ones: BLOCK below), before the cell-by-cell checks.
// Each optimum is a feasible point of the whole release; pushing the suppressed cells down (then up) at once puts
// most of them at their own bound (0, or their total), and an end met at its own bound is exact without a solve of
// its own (attack.ts) — and a cell pushed both ways is often already wide enough for the protection check. The ends
// left — the interior ones — are the only ones solved cell by cell. The sweeps prove nothing by themselves: they
// are points, and a point only ever widens what the attacker is known to reach.
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
 * A sweep's LP holds at most this many cells: a block of neighbours (breadth first through the short relations from
 * a wanted cell, then through the long relations met, one at a time, each bringing its cells' short neighbours),
 * every other cell at its truth, so each optimum is still a feasible point of the whole release. One LP over every
 * suppressed cell costs more than its share as the release grows (HiGHS's iterations grow with the LP, and so does
 * each one): measured on the 300-unit fixture (original tables, k = 5), protection took 157.5 s with one LP over all,
 * 108.5 s by blocks. A block must cross the long relations: the district columns of a large release are long, and a
 * block of one unit's cells, the others at their truth, can hardly move a cell under a published district total.
 * Measured on part 1 of the 1,000-unit fixture (75,075 cells, k = 5, one thread, runs side by side; the same 3,948
 * secondary cells): blocks that stop at the long relations 409 CPU s (its first attack 194 s, 64,665 LP solves);
 * crossing them, blocks of 4,000 cells 379 s (150 s, 24,720 solves, 60 s of them in the sweeps), 1,500 cells 366 s
 * (144 s, 41,008 solves), 600 cells 408 s (181 s, 54,480).
 */
const BLOCK = 1500;

/**
 * Pushes the wanted suppressed cells down together, then up together (each weighted by its total, so a small cell
 * counts as much as a large one), again for those the last push left short of their bound, and records each
 * optimum as a feasible point; block by block (BLOCK). Returns the solves made.
 */
export function sweep(model: CellModel, suppressed: Uint8Array, byCell: number[][], attacker: LocalAttacker, wanted: (cell: number) => boolean = () => true): number {
  const movable = (c: number): boolean => suppressed[c] === 1 && !model.cells[c].fixed && model.cells[c].upper > 0;
  const { long } = attacker.facts;
  const placed = new Uint8Array(model.cells.length); // wanted cells already pushed in a block
  let solves = 0;
  for (let seed = 0; seed < model.cells.length; seed++) {
    if (placed[seed] || !movable(seed) || !wanted(seed)) continue;
    const block = [seed];
    const seen = new Set(block);
    const add = (ri: number): void => {
      for (const c of model.relations[ri].cells) {
        if (block.length >= BLOCK) return;
        if (!seen.has(c) && movable(c)) { seen.add(c); block.push(c); }
      }
    };
    // breadth first through the short relations; when they bring no more, the next long relation met
    const longMet: number[] = [];
    const longSeen = new Set<number>();
    for (let i = 0, next = 0; block.length < BLOCK;) {
      if (i < block.length) {
        for (const ri of byCell[block[i++]]) {
          if (!long[ri]) add(ri);
          else if (!longSeen.has(ri)) { longSeen.add(ri); longMet.push(ri); }
        }
      } else if (next < longMet.length) add(longMet[next++]);
      else break;
    }
    block.sort((a, b) => a - b);
    const targets = block.filter((c) => !placed[c] && wanted(c));
    for (const c of targets) placed[c] = 1;
    solves += sweepBlock(model, byCell, attacker, block, targets);
  }
  return solves;
}

/** The sweeps of one block: `vars` its cells (ascending ids), `targets` those pushed. */
function sweepBlock(model: CellModel, byCell: number[][], attacker: LocalAttacker, vars: number[], targets: number[]): number {
  const variable = new Map(vars.map((c, i) => [c, i]));
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
