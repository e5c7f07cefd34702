// The HiGHS LP solver (WebAssembly), loaded once per process. Loading is asynchronous but solving is not, so a
// top-level await here lets suppression (a synchronous stage) drive the solver.
import loadHighs, { type Highs, type Model } from 'highs';

export const highs: Highs = await loadHighs();

let shared: Model | undefined;
let lent = false;
/** HiGHS `simplex_strategy` values */
const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;

/**
 * An empty, quiet model for one LP built column by column and re-solved warm (presolve off: it would discard the
 * basis). One model is reused: creating one costs about 0.4 ms, clearing it 0.004 ms, and the local
 * attack and the change LPs build tens of thousands. Give it back with `returnModel` before borrowing again.
 *
 * `simplex`: which simplex re-solves it. The attacker's LPs mostly change only their objective between solves (a
 * cell pushed down, then up, then the next cell): the last optimum stays feasible, and `primal` goes on from it.
 * Measured on the demo's original tables at k = 5 (audit, one thread): 7.6–7.8 s with the dual simplex, 5.7 s with
 * the primal (more solves, 13,053 against 11,227: other optimal vertices, other points met; the same verdict and
 * intervals, as the optima are exact). The change LPs (complement.ts) gained nothing from it: `dual`.
 */
export function borrowModel(simplex: 'primal' | 'dual'): Model {
  if (lent) throw new Error('the shared LP model is already in use');
  lent = true;
  if (!shared) {
    shared = highs.createModel({
      numCols: 0, numRows: 0, colCost: new Float64Array(0), colLower: new Float64Array(0), colUpper: new Float64Array(0),
      rowLower: new Float64Array(0), rowUpper: new Float64Array(0), matrix: { format: 'csr', numRows: 0, numCols: 0, starts: [0], indices: [], values: [] },
    });
    shared.options.set('output_flag', false);
    shared.options.set('presolve', 'off');
    shared.options.set('solver', 'simplex');
  } else {
    shared.clearModel();
  }
  shared.options.set('simplex_strategy', simplex === 'primal' ? SIMPLEX_PRIMAL : SIMPLEX_DUAL);
  return shared;
}

/**
 * Solves a warm-started LP; when HiGHS ends without a verdict (status 15, "unknown": numerical trouble met on
 * large releases, e.g. the 1,000-unit fixture), it drops the basis and solves once more from scratch. Returns the
 * model status (7 = optimal).
 */
export function solve(lp: Model): number {
  lp.run();
  if (lp.getModelStatus() === OPTIMAL_STATUS) return OPTIMAL_STATUS;
  lp.clearSolver();
  lp.run();
  return lp.getModelStatus();
}
const OPTIMAL_STATUS = 7;

export function returnModel(): void {
  lent = false;
}
