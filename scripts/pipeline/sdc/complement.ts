// Choosing complementary cells by cost (the LP heuristic of Fischetti and Salazar, as τ-ARGUS's optimal and
// network methods use it): to let a suppressed cell p move by m households in one direction, find the cheapest
// change y of the release that keeps every published relation true — Σ a·y = 0 on an equation, within the slack
// of an inequality, each cell within [0, total] — with y_p = ±m. Cells already suppressed change for free; any
// other cell costs what hiding it costs a reader, per household moved. Every cell the change moves is then
// suppressed, and the changed release is a point the attacker cannot rule out: p's interval reaches m away.
//
// The LP is solved locally, as the attack is (attack/local.ts): variables for a small set of cells, every other
// cell unchanged; a cell outside whose reduced cost under the optimum's duals is negative joins, until none does —
// then the change is optimal over the whole release, not a sub-table.
import type { Model } from 'highs';
import type { CellModel } from './model.ts';
import { OPTIMAL } from './attack/lp.ts';
import { borrowModel, returnModel, solve } from './solver.ts';

const EPS = 1e-9;
const JOIN = 32;
/** the reward per household p moves: far above any cell's cost, so the LP moves p as far as it can first */
const REWARD = 1e6;

export interface Change {
  /** how far p moved (≤ m; less when the relations allow no more) */
  moved: number;
  /** cell id → new value, for every cell that changed */
  point: Map<number, number>;
}

/**
 * The cheapest change moving `p` by `m` households in direction `sign` (+1 up, −1 down), with `cost(j)` the price
 * per household of changing cell j (0 for cells already suppressed) and `still` cells that must not change
 * (a household's own singleton cell). Fixed cells (the poverty table) never change.
 */
export function cheapestChange(
  model: CellModel, byCell: number[][], p: number, sign: 1 | -1, m: number, cost: (j: number) => number, still: ReadonlySet<number> = new Set(),
): Change {
  const lp = new ChangeLp(model, byCell, cost, still);
  try {
    return lp.solve(p, sign, m);
  } finally {
    lp.dispose();
  }
}

/**
 * One LP for many changes in a row (its variables stay useful from one cell to its neighbours): the previous cell's
 * reward is taken back, and `repriced` cells (suppressed since) get their new cost. Costs must only change through
 * `repriced`. Dispose it before another LP is built (the model is shared: solver.ts).
 */
export class ChangeLp {
  /** columns come in pairs: 2i = up, 2i+1 = down, for vars[i] */
  private readonly vars: number[] = [];
  private readonly col = new Map<number, number>();
  private readonly rowIds: number[] = [];
  private readonly row = new Map<number, number>();
  private readonly lp: Model;
  private current = -1;

  constructor(private readonly model: CellModel, private readonly byCell: number[][], private readonly cost: (j: number) => number, private readonly still: ReadonlySet<number> = new Set()) {
    this.lp = borrowModel();
  }

  /** how many cells are variables */
  get size(): number { return this.vars.length; }

  /** Cells whose cost changed (suppressed since they joined): their columns take the new cost. */
  repriced(cells: Iterable<number>): void {
    for (const c of cells) {
      const i = this.col.get(c);
      if (i === undefined || c === this.current) continue;
      const w = this.cost(c);
      this.lp.changeColCost(2 * i, w);
      this.lp.changeColCost(2 * i + 1, w);
    }
  }

  solve(p: number, sign: 1 | -1, m: number): Change {
    const { model, lp } = this;
    if (this.current >= 0) this.setColumns(this.current);
    this.current = -1;
    this.join([p]);
    this.current = p;
    this.setColumns(p, sign, m);
    for (;;) {
      const status = solve(lp);
      if (status !== OPTIMAL) throw new Error(`disclosure control: the change LP is not solvable (status ${status})`);
      const { colValue: x, rowDual: y } = lp.getSolution();
      // price the cells outside: d(up) = c − π, d(down) = c + π, π = Σ y·a
      const pi = new Map<number, number>();
      this.rowIds.forEach((ri, r) => {
        if (Math.abs(y[r]) <= EPS) return;
        const rel = model.relations[ri];
        rel.cells.forEach((c, q) => { if (!this.col.has(c) && this.movable(c)) pi.set(c, (pi.get(c) ?? 0) + y[r] * rel.coefs[q]); });
      });
      const join: [number, number][] = [];
      for (const [c, v] of pi) {
        const { value, upper } = model.cells[c];
        const w = this.cost(c);
        const up = w - v < -EPS && upper - value > EPS ? v - w : 0;
        const down = w + v < -EPS && value > EPS ? -v - w : 0;
        const gain = Math.max(up, down);
        if (gain > 0) join.push([c, gain]);
      }
      if (join.length === 0) {
        const point = new Map<number, number>();
        this.vars.forEach((c, i) => {
          const delta = x[2 * i] - x[2 * i + 1];
          if (Math.abs(delta) > 1e-7) point.set(c, model.cells[c].value + delta);
        });
        const i = this.col.get(p)!;
        return { moved: x[2 * i] + x[2 * i + 1], point };
      }
      join.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      this.join(join.slice(0, JOIN).map(([c]) => c));
    }
  }

  /** A cell's two columns: as any cell's (cost, room each way), or p's (rewarded, one way, up to m). */
  private setColumns(c: number, sign?: 1 | -1, m = 0): void {
    const i = this.col.get(c)!;
    const { value, upper } = this.model.cells[c];
    if (sign === undefined) {
      const w = this.cost(c);
      this.lp.changeColCost(2 * i, w);
      this.lp.changeColCost(2 * i + 1, w);
      this.lp.changeColBounds(2 * i, 0, upper - value);
      this.lp.changeColBounds(2 * i + 1, 0, value);
    } else {
      this.lp.changeColCost(2 * i, -REWARD);
      this.lp.changeColCost(2 * i + 1, -REWARD);
      this.lp.changeColBounds(2 * i, 0, sign > 0 ? Math.min(m, upper - value) : 0);
      this.lp.changeColBounds(2 * i + 1, 0, sign < 0 ? Math.min(m, value) : 0);
    }
  }

  dispose(): void { returnModel(); }

  private movable(c: number): boolean {
    const cell = this.model.cells[c];
    return !cell.fixed && !this.still.has(c) && cell.upper > 0;
  }

  /** Cells become variables (two columns each, with entries in the rows already there), then the rows they bring: one solver call each. */
  private join(cells: number[]): void {
    const { model, byCell, lp } = this;
    const fresh = [...new Set(cells)].filter((c) => !this.col.has(c));
    if (fresh.length === 0) return;
    const oldRows = this.rowIds.length;
    const cols = { cost: [] as number[], upper: [] as number[], starts: [0], indices: [] as number[], values: [] as number[] };
    for (const c of fresh) {
      this.col.set(c, this.vars.length);
      this.vars.push(c);
      const { value, upper } = model.cells[c];
      const rows: number[] = [];
      const coefs: number[] = [];
      for (const ri of byCell[c]) {
        const r = this.row.get(ri);
        if (r === undefined) continue;
        const rel = model.relations[ri];
        rows.push(r);
        coefs.push(rel.coefs[rel.cells.indexOf(c)]);
      }
      const movable = this.movable(c);
      const w = movable ? this.cost(c) : 0;
      // up, then down (its coefficients negated)
      cols.cost.push(w, w);
      cols.upper.push(movable ? upper - value : 0, movable ? value : 0);
      cols.indices.push(...rows);
      cols.values.push(...coefs);
      cols.starts.push(cols.indices.length);
      cols.indices.push(...rows);
      cols.values.push(...coefs.map((v) => -v));
      cols.starts.push(cols.indices.length);
    }
    const count = 2 * fresh.length;
    lp.addCols({
      cost: Float64Array.from(cols.cost), lower: new Float64Array(count), upper: Float64Array.from(cols.upper),
      matrix: { format: 'csc', numRows: oldRows, numCols: count, starts: Int32Array.from(cols.starts), indices: Int32Array.from(cols.indices), values: Float64Array.from(cols.values) },
    });
    const rows = { lower: [] as number[], upper: [] as number[], starts: [0], indices: [] as number[], values: [] as number[] };
    for (const c of fresh) {
      for (const ri of byCell[c]) {
        if (this.row.has(ri)) continue;
        const rel = model.relations[ri];
        this.row.set(ri, this.rowIds.length);
        this.rowIds.push(ri);
        const lhs = rel.cells.reduce((s, x, q) => s + rel.coefs[q] * model.cells[x].value, 0);
        const slack = rel.rhs - lhs; // ≥ 0 for ≤, ≤ 0 for ≥, 0 for =
        rel.cells.forEach((x, q) => {
          const v = this.col.get(x);
          if (v === undefined) return;
          rows.indices.push(2 * v, 2 * v + 1);
          rows.values.push(rel.coefs[q], -rel.coefs[q]);
        });
        rows.starts.push(rows.indices.length);
        rows.lower.push(rel.sense === '<=' ? -Infinity : slack);
        rows.upper.push(rel.sense === '>=' ? Infinity : slack);
      }
    }
    const added = rows.lower.length;
    if (added > 0) {
      lp.addRows({
        lower: Float64Array.from(rows.lower), upper: Float64Array.from(rows.upper),
        matrix: { format: 'csr', numRows: added, numCols: 2 * this.vars.length, starts: Int32Array.from(rows.starts), indices: Int32Array.from(rows.indices), values: Float64Array.from(rows.values) },
      });
    }
  }
}
