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
import { coefOf, longDualTerm, rowFacts, type RowFacts } from './attack/rows.ts';
import { borrowModel, returnModel, solve } from './solver.ts';

const EPS = 1e-9;
/**
 * Cells joining per pricing round. Measured on part 1 of the 1,000-unit fixture (75,075 cells, k = 5, one thread,
 * two runs side by side; its round-1 changes): 158 s with 32, 212 s with 16 (on a slower moment of the machine: its
 * attack took 10 % longer, so ≈ 192 s), over 206 s with 96 (stopped); fewer re-solves do not pay for larger LPs.
 */
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
  costs?: LongCosts,
): Change {
  const lp = new ChangeLp(model, byCell, cost, still, costs);
  try {
    return lp.solve(p, sign, m);
  } finally {
    lp.dispose();
  }
}

/**
 * The long relations' cells in order of cost, for pricing them without walking them (a long relation: attack/rows.ts).
 * Every cell of a long relation that no other row with a non-zero dual holds is priced π = dual·coef, so the best of
 * them are the cheapest: per coefficient and direction, the movable cells with room that way by `base` cost
 * ascending, then id. A cell whose cost is no longer its base (suppressed since: free) is `lowered`: it leaves the
 * lists and is priced exactly. Shared by every change LP of one suppression (secondary.ts), or one LP's own.
 */
export class LongCosts {
  readonly facts: RowFacts;
  private readonly lists = new Map<number, LongCostList>();
  private readonly lowered: Uint8Array;
  /** per long relation: its cells in more than one long relation (priced exactly) */
  private readonly multi = new Map<number, number[]>();
  /**
   * per long relation: its lowered cells in no other long relation, per coefficient, by id ascending — each is
   * priced dual·coef exactly (free: cost 0), so a coefficient's best are its first movable cells with room
   */
  private readonly free = new Map<number, Map<number, number[]>>();

  constructor(private readonly model: CellModel, private readonly byCell: number[][], private readonly base: (j: number) => number) {
    this.facts = rowFacts(model);
    this.lowered = new Uint8Array(model.cells.length);
  }

  /** The cell's cost changed from its base (it is free now): it is priced exactly from now on. */
  lower(c: number): void {
    if (this.lowered[c]) return;
    this.lowered[c] = 1;
    // a cell in several long relations is priced exactly already
    if (this.facts.longCount[c] !== 1) return;
    const ri = this.byCell[c].find((r) => this.facts.long[r] === 1)!;
    const coef = coefOf(this.model.relations[ri], c);
    let byCoef = this.free.get(ri);
    if (!byCoef) { byCoef = new Map(); this.free.set(ri, byCoef); }
    let ids = byCoef.get(coef);
    if (!ids) { ids = []; byCoef.set(coef, ids); }
    // sorted insertion: cells are lowered in any order
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ids[mid] < c) lo = mid + 1; else hi = mid; }
    ids.splice(lo, 0, c);
  }

  /** Cells' `fixed` changed (settled columns reopened): the lists are built again. */
  reset(): void {
    this.lists.clear();
  }

  isLowered(c: number): boolean { return this.lowered[c] === 1; }

  /** The relation's cells in more than one long relation. */
  multiIn(ri: number): number[] {
    let list = this.multi.get(ri);
    if (!list) {
      list = this.model.relations[ri].cells.filter((c) => this.facts.longCount[c] > 1);
      this.multi.set(ri, list);
    }
    return list;
  }

  /** The relation's lowered cells in no other long relation: coefficient → ids ascending. */
  freeIn(ri: number): ReadonlyMap<number, readonly number[]> {
    return this.free.get(ri) ?? NONE;
  }

  /** The relation's groups: per distinct coefficient, the cells with room up and with room down, by base cost ascending. */
  groups(ri: number): LongCostList {
    let list = this.lists.get(ri);
    if (list) return list;
    const { model } = this;
    const rel = model.relations[ri];
    const byCoef = new Map<number, { up: [number, number][]; down: [number, number][] }>();
    rel.cells.forEach((c, q) => {
      const cell = model.cells[c];
      if (cell.fixed || cell.upper <= 0 || this.facts.longCount[c] > 1) return;
      const a = rel.coefs[q];
      let g = byCoef.get(a);
      if (!g) { g = { up: [], down: [] }; byCoef.set(a, g); }
      const w = this.base(c);
      if (cell.upper - cell.value > EPS) g.up.push([c, w]);
      if (cell.value > EPS) g.down.push([c, w]);
    });
    const order = (xs: [number, number][]): { cells: Int32Array; cost: Float64Array } => {
      xs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
      return { cells: Int32Array.from(xs, (x) => x[0]), cost: Float64Array.from(xs, (x) => x[1]) };
    };
    list = [...byCoef].map(([coef, g]) => ({ coef, up: order(g.up), down: order(g.down) }));
    this.lists.set(ri, list);
    return list;
  }
}
const NONE: ReadonlyMap<number, readonly number[]> = new Map();
type LongCostList = { coef: number; up: { cells: Int32Array; cost: Float64Array }; down: { cells: Int32Array; cost: Float64Array } }[];

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
  /** per long relation: its cells that are variables (in joining order) */
  private readonly varsIn = new Map<number, number[]>();
  private readonly costs: LongCosts;

  /** `costs`: the long relations' cost order shared with other LPs, told of every cost that changed (else one of its own). */
  constructor(
    private readonly model: CellModel, private readonly byCell: number[][], private readonly cost: (j: number) => number,
    private readonly still: ReadonlySet<number> = new Set(), costs?: LongCosts,
  ) {
    this.costs = costs ?? new LongCosts(model, byCell, cost);
    this.lp = borrowModel('dual');
  }

  /** how many cells are variables */
  get size(): number { return this.vars.length; }

  /** Cells whose cost changed (suppressed since they joined): their columns take the new cost. */
  repriced(cells: Iterable<number>): void {
    for (const c of cells) {
      this.costs.lower(c);
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
      // price the cells outside: d(up) = c − π, d(down) = c + π, π = Σ y·a (the long rows through their cost order)
      const { long } = this.costs.facts;
      const pi = new Map<number, number>();
      const longRows: number[] = [];
      this.rowIds.forEach((ri, r) => {
        if (Math.abs(y[r]) <= EPS) return;
        if (long[ri]) { longRows.push(r); return; }
        const rel = model.relations[ri];
        rel.cells.forEach((c, q) => { if (!this.col.has(c) && this.movable(c)) pi.set(c, (pi.get(c) ?? 0) + y[r] * rel.coefs[q]); });
      });
      if (longRows.length > 0) this.priceLongExact(longRows, y, pi);
      const join: [number, number][] = [];
      for (const [c, v] of pi) {
        const { value, upper } = model.cells[c];
        const w = this.cost(c);
        const up = w - v < -EPS && upper - value > EPS ? v - w : 0;
        const down = w + v < -EPS && value > EPS ? -v - w : 0;
        const gain = Math.max(up, down);
        if (gain > 0) join.push([c, gain]);
      }
      for (const r of longRows) this.priceLongRest(r, y[r], pi, join);
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

  /**
   * The long rows' share of π, exactly, for the cells a short row priced and those in several long relations; a
   * long row's free cells (lowered, in no other long relation, not priced by a short row) are priced dual·coef: all
   * of one coefficient gain the same, so only the first JOIN of them that could move (by id, as the choice among
   * equal gains is) can be chosen, and only those are priced. What is left of a long row is priced by its cost
   * order (priceLongRest).
   */
  private priceLongExact(longRows: number[], y: Float64Array, pi: Map<number, number>): void {
    const { model, byCell, row, col, costs } = this;
    const { facts } = costs;
    const termOf = (c: number): number => longDualTerm(model, facts, byCell, row, y, c, EPS);
    for (const [c, v] of pi) if (facts.longCount[c] > 0) pi.set(c, v + termOf(c));
    for (const r of longRows) {
      for (const c of costs.multiIn(this.rowIds[r])) {
        if (col.has(c) || pi.has(c) || !this.movable(c)) continue;
        pi.set(c, termOf(c));
      }
    }
    for (const r of longRows) {
      for (const [coef, cells] of costs.freeIn(this.rowIds[r])) {
        const v = y[r] * coef;
        if (Math.abs(v) <= EPS) continue;
        let taken = 0;
        for (let i = 0; i < cells.length && taken < JOIN; i++) {
          const c = cells[i];
          if (col.has(c) || pi.has(c) || !this.movable(c)) continue;
          const { value, upper } = model.cells[c];
          if (!(v > 0 ? upper - value > EPS : value > EPS)) continue;
          pi.set(c, v);
          taken++;
        }
      }
    }
  }

  /**
   * A long row's other cells, π = dual·coef each: per coefficient, the direction it rewards, its cells by cost
   * ascending while the gain |π| − cost is positive, up to JOIN (the first are the row's best; none: none prices in).
   */
  private priceLongRest(r: number, dual: number, pi: Map<number, number>, join: [number, number][]): void {
    const { col, costs } = this;
    for (const { coef, up, down } of costs.groups(this.rowIds[r])) {
      const v = dual * coef;
      const list = v > 0 ? up : down;
      let taken = 0;
      for (let i = 0; i < list.cells.length && taken < JOIN; i++) {
        const gain = Math.abs(v) - list.cost[i];
        if (!(gain > EPS)) break;
        const c = list.cells[i];
        if (col.has(c) || pi.has(c) || costs.isLowered(c) || !this.movable(c)) continue;
        join.push([c, gain]);
        taken++;
      }
    }
  }

  private movable(c: number): boolean {
    const cell = this.model.cells[c];
    return !cell.fixed && !this.still.has(c) && cell.upper > 0;
  }

  /** Cells become variables (two columns each, with entries in the rows already there), then the rows they bring: one solver call each. */
  private join(cells: number[]): void {
    const { model, byCell, lp } = this;
    const { long, truth } = this.costs.facts;
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
        if (long[ri]) { const list = this.varsIn.get(ri); if (list) list.push(c); else this.varsIn.set(ri, [c]); }
        const r = this.row.get(ri);
        if (r === undefined) continue;
        rows.push(r);
        coefs.push(coefOf(model.relations[ri], c));
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
        const slack = rel.rhs - truth[ri]; // ≥ 0 for ≤, ≤ 0 for ≥, 0 for =
        if (long[ri]) {
          // its variables from varsIn (every variable's relations are listed as it joins)
          for (const x of [...this.varsIn.get(ri)!].sort((p, q) => p - q)) {
            const v = this.col.get(x)!;
            const coef = coefOf(rel, x);
            rows.indices.push(2 * v, 2 * v + 1);
            rows.values.push(coef, -coef);
          }
        } else {
          rel.cells.forEach((x, q) => {
            const v = this.col.get(x);
            if (v === undefined) return;
            rows.indices.push(2 * v, 2 * v + 1);
            rows.values.push(rel.coefs[q], -rel.coefs[q]);
          });
        }
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
