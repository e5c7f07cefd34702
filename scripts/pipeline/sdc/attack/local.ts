// The attacker's LP solved locally, exactly. For one suppressed cell, the least (or greatest) value consistent with
// every published relation of every table and year — over the whole release, not a sub-table — without building
// the whole release's LP:
//
// - the LP's variables are a small set S of suppressed cells (the target first); every other cell is held at its
//   true value, so each optimum found is a feasible point of the whole release (primal feasible);
// - the optimum's row duals, extended by zero to every relation outside the LP, price every suppressed cell held
//   outside S: d_j = −Σ_i y_i·a_ij (HiGHS: reduced cost = cost − Aᵀy). A cell that could move in the improving
//   direction (d_j < 0 and below its total, or d_j > 0 and above 0) joins S, and the LP is re-solved warm;
// - when no cell prices in, the point and the duals are optimal for the whole release's LP (primal and dual
//   feasible, complementary slack): the value is the global optimum, and the relations with non-zero duals are
//   a proof of it that holds over everything published.
//
// S grows only where the optimum needs it, so a solve costs what the cell's neighbourhood costs, not what the
// release costs: protection and the audit grow with the number of units, not its square (column generation;
// the certificate is the LP's own optimality conditions).
import type { Model } from 'highs';
import type { CellModel } from '../model.ts';
import { OPTIMAL } from './lp.ts';
import { coefOf, longDualTerm, rowFacts, type RowFacts } from './rows.ts';
import { borrowModel, returnModel, solve } from '../solver.ts';

const EPS = 1e-9;
/**
 * cells joining S per pricing round (at least), most violated first. Measured on the demo's original tables at k = 5 (audit, one
 * thread, primal simplex): 5.1 s with 8, 4.8 with 12 and 16, 5.2 with 24, 5.4 with 32, 6.3 with 64
 */
const JOIN = 16;
/**
 * and, when more cells price in, this share of them: an end whose optimum moves a long row in many units (a commune's
 * cell whose district total is published, at 1,000 units) has thousands of candidates a round, and joining 16 a
 * round took hundreds of rounds to build its LP. Measured on the 1,000-unit fixture (original tables, k = 5, one
 * thread): the first such end 21.0 s with 16 a round, 10.9 s with an eighth of the candidates.
 */
const JOIN_SHARE = 8;
/** points remembered per cell in which it moved at least one household (for the singleton attack; measured on the demo: 64 against 6 saves two thirds of its solves) */
const POINTS_PER_CELL = 64;
/**
 * and at most this many cell values in all the points an attacker keeps (12 bytes each: 192 MB): the LPs carried
 * along a long row at a thousand units hold thousands of cells, nearly every solve of theirs moves a cell with room
 * in its list, and each of those points holds thousands of values. On the 1,000-unit fixture (original tables, k = 5,
 * two threads) the audit's RSS was 2.2 GB after six minutes without the bound (4.9 GB after twenty), 1.6 GB after
 * seven with it. Past the budget no point is kept: the singleton checks solve what a point would have shown.
 */
const POINT_BUDGET = 16_000_000;
/** how far from its truth a cell of a kept point may be and still count as held there (the singleton checks) */
const STILL = 1e-7;

export interface Extreme {
  /** the cell's optimum over the whole release (LP value, not rounded); when stopped early, a feasible value only */
  value: number;
  /** whether `value` is the proven optimum (false: `stop` accepted a feasible point first) */
  exact: boolean;
  /**
   * with `exact`: the relations (ids in the cell model) with a non-zero dual, a proof of the optimum over everything
   * published; empty when the optimum is the cell's own bound (0, its total, or the value it is held at)
   */
  binding: number[];
}

/**
 * A feasible point of the whole release, stored sparsely and compactly: the cells that differ from their true values,
 * in ascending id order, and their values. (As a Map per point, the points kept for the singleton attack took the
 * audit of the 1,000-unit fixture past node's 4 GB heap.)
 */
class Point {
  constructor(readonly cells: Int32Array, readonly values: Float64Array) {}

  /** Whether this point leaves the cell at its true value (within STILL). */
  keeps(cell: number, truth: number): boolean {
    return Math.abs(this.at(cell, truth) - truth) <= STILL;
  }

  /** The cell's value at this point: `truth` when the point does not move it. */
  at(cell: number, truth: number): number {
    const { cells } = this;
    let lo = 0;
    let hi = cells.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cells[mid] === cell) return this.values[mid];
      if (cells[mid] < cell) lo = mid + 1;
      else hi = mid - 1;
    }
    return truth;
  }
}

/** A long relation's candidates (LocalAttacker.longList): lists[side + kind], side 0 (coef > 0) or 2 (coef < 0), kind 0 (up) or 1 (down). */
interface LongList {
  lists: { cells: Int32Array; coefs: Float64Array }[];
  multi: number[];
}

export class LocalAttacker {
  /** least and greatest value met per cell in feasible points of the whole release (starts at the truth) */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  solves = 0;
  /** the largest S, for the report */
  largest = 0;
  private readonly moved: Point[][];
  /** cell values held by the points kept (POINT_BUDGET) */
  private kept = 0;
  readonly facts: RowFacts;
  /** per long relation, built when first priced: its candidate cells in pricing order (see LongList) */
  private longLists = new Map<number, LongList>();

  /**
   * `suppressed` is read live: cells suppressed later join the variables of later solves (the feasible set only
   * grows, so the points met stay feasible) — call `refresh()` after suppressing more cells (attack() does), so that
   * the long relations' candidate lists hold them too.
   */
  constructor(readonly model: CellModel, readonly suppressed: Uint8Array, readonly byCell: number[][]) {
    const n = model.cells.length;
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    for (let c = 0; c < n; c++) this.lo[c] = this.hi[c] = model.cells[c].value;
    this.moved = Array.from({ length: n }, () => []);
    this.facts = rowFacts(model);
  }

  /** Forgets the long relations' candidate lists: after more cells are suppressed (or a cell's `fixed` changes). */
  refresh(): void {
    this.longLists = new Map();
  }

  /**
   * A long relation's suppressed cells that could join an LP (not fixed, in no other long relation), in four lists
   * by the sign of their coefficient and the direction they would move, each by |coef|·room descending, then id:
   * every such cell shares the row's dual, so its price is −dual·coef and the best of them are the lists' heads.
   * Cells in more than one long relation are priced exactly (`multi`).
   */
  longList(ri: number): LongList {
    let list = this.longLists.get(ri);
    if (list) return list;
    const { model, suppressed, facts } = this;
    const rel = model.relations[ri];
    const buckets: [number, number, number][][] = [[], [], [], []];
    const multi: number[] = [];
    for (let q = 0; q < rel.cells.length; q++) {
      const c = rel.cells[q];
      const cell = model.cells[c];
      if (!suppressed[c] || cell.fixed) continue;
      if (facts.longCount[c] > 1) { multi.push(c); continue; }
      const a = rel.coefs[q];
      const side = a > 0 ? 0 : 2;
      if (cell.upper - cell.value > EPS) buckets[side].push([c, a, Math.abs(a) * (cell.upper - cell.value)]);
      if (cell.value > EPS) buckets[side + 1].push([c, a, Math.abs(a) * cell.value]);
    }
    const lists = buckets.map((b) => {
      b.sort((x, y) => y[2] - x[2] || x[0] - y[0]);
      return { cells: Int32Array.from(b, (e) => e[0]), coefs: Float64Array.from(b, (e) => e[1]) };
    });
    list = { lists, multi };
    this.longLists.set(ri, list);
    return list;
  }

  /**
   * An LP around `cell` (with `hold`, a household's own singleton cell held at a value the truth satisfies), for
   * one or more extremes of the cell; dispose it after use.
   */
  around(cell: number, hold?: [number, number], frozen?: Uint8Array): LocalLp {
    return new LocalLp(this, cell, hold, frozen);
  }

  /**
   * Whether the feasible points met so far show `target` moving by at least one household while `singleton` keeps
   * its true value: one such point, or two that move the singleton opposite ways — the point between them that
   * puts it back is feasible too (the feasible set is convex) and moves the target by the same mix of their moves.
   * The two are looked for among the points that moved the target and those that moved the singleton. Measured on
   * the demo's original tables at k = 5: protection's singleton checks solved 6,732 LPs in the first round with
   * single points only, 2,613 with the pairs too (1.4 s → 0.7 s).
   */
  movedWithout(target: number, singleton: number): boolean {
    const truth = this.model.cells[singleton].value;
    const start = this.model.cells[target].value;
    const own = this.moved[target];
    if (own.some((p) => p.keeps(singleton, truth))) return true;
    const points = [...new Set([...own, ...this.moved[singleton]])];
    const shift = points.map((p) => p.at(singleton, truth) - truth);
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        if (shift[i] * shift[j] >= 0) continue;
        const w = shift[j] / (shift[j] - shift[i]); // the weight of point i, in (0, 1)
        const moved = w * (points[i].at(target, start) - start) + (1 - w) * (points[j].at(target, start) - start);
        if (Math.abs(moved) >= 1 - 1e-7) return true;
      }
    }
    return false;
  }

  /**
   * Whether a feasible point met so far moves `target` by at least one household while every cell of `mask` but the
   * target keeps its true value (the singleton attack, all singletons held at once). `counts` caches, per point, how
   * many cells of the mask it moves (one mask per attack).
   */
  movedClear(target: number, mask: Uint8Array, counts: WeakMap<object, number>): boolean {
    for (const p of this.moved[target]) {
      let n = counts.get(p);
      if (n === undefined) {
        n = 0;
        for (let i = 0; i < p.cells.length; i++) if (mask[p.cells[i]] && !stillAt(p, i, this.model)) n++;
        counts.set(p, n);
      }
      // a point kept for the target moves it: when the target is in the mask, that is one of the count
      if (n - mask[target] === 0) return true;
    }
    return false;
  }

  /**
   * Whether a feasible point met so far moves `target` by at least one household while every cell of `cells` (given
   * also as `mask`, neither holding the target) keeps its true value: each point is read along the shorter of its own
   * cells and `cells` (a group of a few singletons against a point that moved a long row, or the other way round).
   */
  movedHolding(target: number, cells: readonly number[], mask: Uint8Array): boolean {
    const { model } = this;
    const start = model.cells[target].value;
    for (const p of this.moved[target]) {
      let still = true;
      if (cells.length * Math.log2(p.cells.length + 1) < p.cells.length) {
        for (const c of cells) if (!p.keeps(c, model.cells[c].value)) { still = false; break; }
      } else {
        for (let i = 0; i < p.cells.length; i++) if (mask[p.cells[i]] && !stillAt(p, i, model)) { still = false; break; }
      }
      if (still) return true;
    }
    return false;
  }

  /** A feasible point of the whole release met elsewhere (cell → value, every other cell at its truth). */
  record(point: ReadonlyMap<number, number>): void {
    this.widen([...point.keys()], Float64Array.from(point.values()));
  }

  /** A solve's optimum: a feasible point. */
  see(vars: readonly number[], x: Float64Array): void {
    this.solves++;
    this.largest = Math.max(this.largest, vars.length);
    this.widen(vars, x);
  }

  /** Widens the ranges to a feasible point; remembers it for the cells it moves. */
  private widen(vars: readonly number[], x: Float64Array): void {
    const { lo, hi, model } = this;
    let point: Point | undefined;
    vars.forEach((c, i) => {
      if (x[i] < lo[c]) lo[c] = x[i];
      if (x[i] > hi[c]) hi[c] = x[i];
      if (Math.abs(x[i] - model.cells[c].value) >= 1 - 1e-7 && this.moved[c].length < POINTS_PER_CELL && this.kept < POINT_BUDGET) {
        if (!point) { point = pointOf(model, vars, x); this.kept += point.cells.length; }
        this.moved[c].push(point);
      }
    });
  }
}

/** Whether the point's i-th moved cell is still at its truth after all (moved by no more than STILL). */
function stillAt(p: Point, i: number, model: CellModel): boolean {
  return Math.abs(p.values[i] - model.cells[p.cells[i]].value) <= STILL;
}

/** The point of `x` (values of `vars`): only the cells that moved, every other cell of the point is at its truth. */
function pointOf(model: CellModel, vars: readonly number[], x: Float64Array): Point {
  const moved: number[] = [];
  vars.forEach((c, j) => { if (Math.abs(x[j] - model.cells[c].value) > 1e-9) moved.push(j); });
  moved.sort((i, j) => vars[i] - vars[j]);
  return new Point(Int32Array.from(moved, (j) => vars[j]), Float64Array.from(moved, (j) => x[j]));
}

/** The LP over S: grows by pricing, re-solved warm (HiGHS keeps its basis when columns and rows are added). */
export class LocalLp {
  private readonly vars: number[] = [];
  private readonly col = new Map<number, number>();
  /** LP row → relation id, and relation id → LP row */
  private readonly rowIds: number[] = [];
  private readonly row = new Map<number, number>();
  /** per LP row: Σ coef·truth over the row's cells that are not variables */
  private readonly constant: number[] = [];
  /** per variable: its bounds (0 and the cell's total, or the held value) */
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly lp: Model;
  private costCol = -1;
  /** per long relation: its cells that are variables (in joining order) */
  private readonly varsIn = new Map<number, number[]>();

  /**
   * `frozen`: cells held at their truth, never joining S (the LP is then the whole release's with them held: the
   * singleton attack holds every singleton at once, attack.ts)
   */
  constructor(private readonly a: LocalAttacker, cell: number, private readonly hold?: [number, number], private readonly frozen?: Uint8Array) {
    this.lp = borrowModel('primal');
    this.join([cell, ...(hold && hold[0] !== cell ? [hold[0]] : [])]);
  }

  /**
   * The least (sign 1) or greatest (sign −1) value of `cell` (a variable of this LP) over the whole release.
   * `stop`, given the cell's value at a feasible point, may end the search early (then the value is not exact).
   */
  optimise(cell: number, sign: 1 | -1, stop?: (value: number) => boolean): Extreme {
    const { a, lp } = this;
    const { model } = a;
    if (!this.col.has(cell)) this.join([cell]);
    const target = this.col.get(cell)!;
    if (this.costCol >= 0) lp.changeColCost(this.costCol, 0);
    lp.changeColCost(target, sign);
    this.costCol = target;
    for (;;) {
      const status = solve(lp);
      if (status !== OPTIMAL) {
        throw new Error(`disclosure audit: the attacker's model is not solvable (status ${status}); the relations contradict the published values`);
      }
      const { colValue: x, rowDual: y } = lp.getSolution();
      a.see(this.vars, x);
      if (stop?.(x[target])) return { value: x[target], exact: false, binding: [] };
      // at the cell's own bound: nothing can do better, whatever the duals say
      const bound = sign > 0 ? this.lower[target] : this.upper[target];
      if (Math.abs(x[target] - bound) <= 1e-9) return { value: bound, exact: true, binding: [] };
      // price the suppressed cells held at their truth: the short rows walked, the long ones through their lists
      const { long } = a.facts;
      const price = new Map<number, number>();
      const longRows: number[] = [];
      this.rowIds.forEach((ri, r) => {
        const dual = y[r];
        if (Math.abs(dual) <= EPS) return;
        if (long[ri]) { longRows.push(r); return; }
        const rel = model.relations[ri];
        rel.cells.forEach((c, q) => {
          if (this.col.has(c) || !this.priceable(c)) return;
          price.set(c, (price.get(c) ?? 0) - dual * rel.coefs[q]);
        });
      });
      if (longRows.length > 0) this.priceLongTouched(longRows, y, price);
      const join: [number, number][] = [];
      for (const [c, d] of price) {
        const { value, upper } = model.cells[c];
        const room = d < -EPS ? upper - value : d > EPS ? value : 0;
        if (room > EPS) join.push([c, Math.abs(d) * room]);
      }
      for (const r of longRows) this.priceLongRest(r, y[r], price, join);
      if (join.length === 0) {
        return { value: x[target], exact: true, binding: this.rowIds.filter((_, r) => Math.abs(y[r]) > EPS) };
      }
      join.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
      this.join(join.slice(0, Math.max(JOIN, Math.ceil(join.length / JOIN_SHARE))).map(([c]) => c));
    }
  }

  /** whether a cell held outside S may join it: suppressed (read live), not fixed, not frozen */
  private priceable(c: number): boolean {
    return this.a.suppressed[c] === 1 && !this.a.model.cells[c].fixed && !this.frozen?.[c];
  }

  /** whether `cell` is a variable of this LP or in one of its rows */
  touches(cell: number): boolean { return this.col.has(cell) || this.a.byCell[cell].some((ri) => this.row.has(ri)); }

  /** how many cells are variables */
  get size(): number { return this.vars.length; }

  dispose(): void { returnModel(); }

  /**
   * The long rows' share of the prices: the cells already priced by a short row (and those in several long rows)
   * take every long row's term, exactly. What is left of a long row are cells no other row with a non-zero dual
   * holds, priced −dual·coef (priceLongRest).
   */
  private priceLongTouched(longRows: number[], y: Float64Array, price: Map<number, number>): void {
    const { a, col, row } = this;
    const { model, byCell, facts } = a;
    const termOf = (c: number): number => -longDualTerm(model, facts, byCell, row, y, c, EPS);
    for (const [c, d] of price) if (facts.longCount[c] > 0) price.set(c, d + termOf(c));
    for (const r of longRows) {
      for (const c of a.longList(this.rowIds[r]).multi) {
        if (col.has(c) || price.has(c) || !this.priceable(c)) continue;
        price.set(c, termOf(c));
      }
    }
  }

  /**
   * A long row's other cells: each list in its order, skipping the cells already variables or priced, up to JOIN
   * that could move (the lists hold only cells with room, so the first JOIN are the row's best; none means none of
   * the row's cells prices in).
   */
  private priceLongRest(r: number, dual: number, price: Map<number, number>, join: [number, number][]): void {
    const { a, col } = this;
    const { model } = a;
    const { lists } = a.longList(this.rowIds[r]);
    // d = −dual·coef: for coef > 0, up (d < 0) when dual > 0; for coef < 0, up when dual < 0
    for (const list of dual > 0 ? [lists[0], lists[3]] : [lists[1], lists[2]]) {
      let taken = 0;
      for (let i = 0; i < list.cells.length && taken < JOIN; i++) {
        const c = list.cells[i];
        if (col.has(c) || price.has(c) || !this.priceable(c)) continue;
        const d = 0 - dual * list.coefs[i];
        if (Math.abs(d) <= EPS) continue;
        const { value, upper } = model.cells[c];
        const room = d < 0 ? upper - value : value;
        join.push([c, Math.abs(d) * room]);
        taken++;
      }
    }
  }

  /**
   * Cells become variables: their columns (entries in the rows already there), the shifted bounds of those rows, and
   * the rows they bring (entries for every variable, every other cell a constant) — three calls to the solver for
   * the whole batch: the marshalling of one call per row and column cost more than the solves' pricing.
   */
  private join(cells: number[]): void {
    const { lp, hold } = this;
    const { model, byCell } = this.a;
    const { long, truth } = this.a.facts;
    const fresh = [...new Set(cells)].filter((c) => !this.col.has(c));
    if (fresh.length === 0) return;
    const oldRows = this.rowIds.length;
    const cols = { cost: [] as number[], lower: [] as number[], upper: [] as number[], starts: [0], indices: [] as number[], values: [] as number[] };
    const shifted = new Set<number>();
    for (const c of fresh) {
      this.col.set(c, this.vars.length);
      this.vars.push(c);
      const truth = model.cells[c].value;
      for (const ri of byCell[c]) {
        if (long[ri]) { const list = this.varsIn.get(ri); if (list) list.push(c); else this.varsIn.set(ri, [c]); }
        const r = this.row.get(ri);
        if (r === undefined) continue;
        const rel = model.relations[ri];
        const coef = coefOf(rel, c);
        cols.indices.push(r);
        cols.values.push(coef);
        this.constant[r] -= coef * truth;
        shifted.add(r);
      }
      cols.starts.push(cols.indices.length);
      const [lower, upper] = hold && c === hold[0] ? [hold[1], hold[1]] : [0, model.cells[c].upper];
      this.lower.push(lower);
      this.upper.push(upper);
      cols.cost.push(0);
      cols.lower.push(lower);
      cols.upper.push(upper);
    }
    lp.addCols({
      cost: Float64Array.from(cols.cost), lower: Float64Array.from(cols.lower), upper: Float64Array.from(cols.upper),
      matrix: { format: 'csc', numRows: oldRows, numCols: fresh.length, starts: Int32Array.from(cols.starts), indices: Int32Array.from(cols.indices), values: Float64Array.from(cols.values) },
    });
    if (shifted.size > 0) {
      const rows = Int32Array.from(shifted).sort();
      const bounds = [...rows].map((r) => this.rowBounds(r));
      lp.changeRowsBounds({ kind: 'set', indices: rows }, Float64Array.from(bounds, (b) => b[0]), Float64Array.from(bounds, (b) => b[1]));
    }
    // the relations they bring: every variable of theirs as a coefficient, every other cell as a constant
    const rows = { lower: [] as number[], upper: [] as number[], starts: [0], indices: [] as number[], values: [] as number[] };
    for (const c of fresh) {
      for (const ri of byCell[c]) {
        if (this.row.has(ri)) continue;
        const rel = model.relations[ri];
        const r = this.rowIds.length;
        this.rowIds.push(ri);
        this.row.set(ri, r);
        let constant = 0;
        if (long[ri]) {
          // its variables from varsIn (every variable's relations are listed as it joins), the rest from the truth's sum
          constant = truth[ri];
          for (const x of [...this.varsIn.get(ri)!].sort((p, q) => p - q)) {
            const coef = coefOf(rel, x);
            rows.indices.push(this.col.get(x)!);
            rows.values.push(coef);
            constant -= coef * model.cells[x].value;
          }
        } else {
          rel.cells.forEach((x, q) => {
            const v = this.col.get(x);
            if (v !== undefined) { rows.indices.push(v); rows.values.push(rel.coefs[q]); } else constant += rel.coefs[q] * model.cells[x].value;
          });
        }
        rows.starts.push(rows.indices.length);
        this.constant.push(constant);
        const [lower, upper] = this.rowBounds(r);
        rows.lower.push(lower);
        rows.upper.push(upper);
      }
    }
    const added = rows.lower.length;
    if (added > 0) {
      lp.addRows({
        lower: Float64Array.from(rows.lower), upper: Float64Array.from(rows.upper),
        matrix: { format: 'csr', numRows: added, numCols: this.vars.length, starts: Int32Array.from(rows.starts), indices: Int32Array.from(rows.indices), values: Float64Array.from(rows.values) },
      });
    }
  }

  /** A row's bounds: its relation's right-hand side less the cells held as constants. */
  private rowBounds(r: number): [number, number] {
    const rel = this.a.model.relations[this.rowIds[r]];
    const rhs = rel.rhs - this.constant[r];
    return [rel.sense === '<=' ? -Infinity : rhs, rel.sense === '>=' ? Infinity : rhs];
  }
}
