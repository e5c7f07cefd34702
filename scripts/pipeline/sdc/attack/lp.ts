// The attacker's linear programme for one component: its rows (every relation holding a variable, published
// cells moved to the bounds as constants), and a HiGHS model re-solved for one objective after another.
// Solves are warm-started from the previous basis, so the order of calls is part of the result (which
// optimal vertex, which duals): callers keep it deterministic.
import type { Model, NumberInput } from 'highs';
import { createRng } from '../../../lib/prng.ts';
import type { CellModel } from '../model.ts';
import { highs } from '../solver.ts';

export const OPTIMAL = 7;

/** Feasible points kept per component for the singleton attack's proofs without a solve. */
export const POOL = 120;

export interface AttackerRows {
  starts: number[]; indices: number[]; values: number[]; rowLower: number[]; rowUpper: number[];
}

/**
 * The relations as the attacker sees them, in CSR form: cells mapped to a variable stay unknown (coefficient
 * in the row), every other cell is published and moves to the row's bound as a constant.
 */
export function attackerRows(model: CellModel, rowIds: number[], variable: (cell: number) => number | undefined): AttackerRows {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const ri of rowIds) {
    const r = model.relations[ri];
    let constant = 0;
    r.cells.forEach((c, j) => {
      const i = variable(c);
      if (i !== undefined) { indices.push(i); values.push(r.coefs[j]); } else constant += r.coefs[j] * model.cells[c].value;
    });
    starts.push(indices.length);
    const rhs = r.rhs - constant;
    rowLower.push(r.sense === '<=' ? -Infinity : rhs);
    rowUpper.push(r.sense === '>=' ? Infinity : rhs);
  }
  return { starts, indices, values, rowLower, rowUpper };
}

/** An LP over `n` columns with bounds [colLower, colUpper] and the given rows, zero cost, quiet. */
export function createLp(rows: AttackerRows, n: number, colLower: NumberInput, colUpper: NumberInput): Model {
  const { starts, indices, values, rowLower, rowUpper } = rows;
  const numRows = rowLower.length;
  const lp = highs.createModel({
    numCols: n, numRows, colCost: new Float64Array(n), colLower, colUpper,
    rowLower, rowUpper, matrix: { format: 'csr', numRows, numCols: n, starts, indices, values },
  });
  lp.options.set('output_flag', false);
  return lp;
}

/**
 * The attacker's LP over one component's cells (variables 0..n−1, bounds [0, total]), with what its solves
 * teach: the duals of the last solve (the relations of its proof) and the first POOL solutions (feasible points).
 */
export class ComponentLp {
  /** feasible points met on the way (vertices of the attacker's polytope), for the singleton attack's cheap proofs */
  readonly pool: Float64Array[] = [];
  solves = 0;
  private readonly lp: Model;
  private readonly n: number;
  /** the column holding the objective's single non-zero cost, −1 none, −2 a whole cost vector */
  private costCol = -1;
  private lastDual: Float64Array = new Float64Array(0);

  constructor(model: CellModel, private readonly rowIds: number[], variable: (cell: number) => number | undefined, private readonly upper: number[]) {
    this.n = upper.length;
    this.lp = createLp(attackerRows(model, rowIds, variable), this.n, new Float64Array(this.n), upper);
    // re-solves after a cost change start from the previous basis; presolve would throw that away
    this.lp.options.set('presolve', 'off');
    this.lp.options.set('solver', 'simplex'); // measured: dual simplex re-solves warm about 1.6× faster than 'choose'
  }

  /** Minimises sign · x_col: sign 1 gives the least value of the column, −1 the greatest. */
  solve(col: number, sign: 1 | -1): Float64Array {
    if (this.costCol === -2) this.lp.changeColsCost({ kind: 'range', from: 0, to: this.n - 1 }, new Float64Array(this.n));
    else if (this.costCol >= 0) this.lp.changeColCost(this.costCol, 0);
    this.lp.changeColCost(col, sign);
    this.costCol = col;
    return this.run();
  }

  /** Minimises Σ costs · x. */
  solveCosts(costs: Float64Array): Float64Array {
    this.lp.changeColsCost({ kind: 'range', from: 0, to: this.n - 1 }, costs);
    this.costCol = -2;
    return this.run();
  }

  /** The relations (ids in the cell model) of the last solve's proof of optimality: its non-zero duals. */
  binding(): number[] {
    return this.rowIds.filter((_, row) => Math.abs(this.lastDual[row]) > 1e-9);
  }

  /** Holds a column at one value (a household that knows its own cell), or frees it again to [0, total]. */
  fix(col: number, value: number): void { this.lp.changeColBounds(col, value, value); }
  release(col: number): void { this.lp.changeColBounds(col, 0, this.upper[col]); }

  dispose(): void { this.lp.dispose(); }

  private run(): Float64Array {
    this.lp.run();
    this.solves++;
    if (this.lp.getModelStatus() !== OPTIMAL) {
      throw new Error(`disclosure audit: the attacker's model is not solvable (status ${this.lp.getModelStatus()}); the relations contradict the published values`);
    }
    const solution = this.lp.getSolution();
    this.lastDual = solution.rowDual;
    if (this.pool.length < POOL) this.pool.push(solution.colValue);
    return solution.colValue;
  }
}

/** What the solves so far show a cell can be: the least and greatest value met, starting from the true values (a feasible point, for free). */
export class Range {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  constructor(truth: Float64Array) {
    this.lo = Float64Array.from(truth);
    this.hi = Float64Array.from(truth);
  }
  /** Widens every cell's range to a feasible point at once. */
  see(x: Float64Array): void {
    const { lo, hi } = this;
    for (let i = 0; i < lo.length; i++) { if (x[i] < lo[i]) lo[i] = x[i]; if (x[i] > hi[i]) hi[i] = x[i]; }
  }
}

/** ±1, from the project's PRNG seeded by the component, so the audit is deterministic. */
export function seededSigns(seed: number): () => number {
  const rng = createRng((seed * 2654435761) >>> 0);
  return () => (rng.uint32() & 1 ? 1 : -1);
}

/**
 * A few objectives over the listed columns (all up, all down, then seeded random signs) push many to both
 * ends at once. Returns the columns `done` does not yet accept, for solving one by one.
 */
export function sweep(lp: ComponentLp, range: Range, targets: number[], done: (i: number) => boolean, seed: number): number[] {
  const n = range.lo.length;
  let left = targets.filter((i) => !done(i));
  const sign = seededSigns(seed);
  for (let round = 0; round < 14 && left.length > 8; round++) {
    const costs = new Float64Array(n);
    for (const i of left) costs[i] = round === 0 ? 1 : round === 1 ? -1 : sign();
    range.see(lp.solveCosts(costs));
    const still = left.filter((i) => !done(i));
    if (round >= 2 && still.length > left.length * 0.9) { left = still; break; } // diminishing returns: cell by cell
    left = still;
  }
  return left;
}
