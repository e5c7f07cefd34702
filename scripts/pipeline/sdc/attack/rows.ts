// Per-relation facts the local LPs (attack/local.ts, complement.ts) need per cell without walking a whole relation:
// a cell's coefficient (binary search: a relation's cells are in ascending id order, model.ts relate), each relation's
// Σ coef·truth (the truth never changes), and which relations are long (the communes-sum-to-the-district rows: one
// cell per unit, N + 1 cells). A walk over a long relation costs what the number of units costs, so the LPs price
// long rows through ordered candidate lists instead (see LONG) and never walk one per round or per cell.
import type { CellModel, Relation } from '../model.ts';

/** Relations with more cells than this are long: priced through ordered candidate lists, not walked. */
export const LONG = 64;

export interface RowFacts {
  /** per relation: Σ coef·truth over all its cells */
  truth: Float64Array;
  /** per relation: 1 when long */
  long: Uint8Array;
  /** per cell: how many long relations hold it */
  longCount: Uint8Array;
}

const cache = new WeakMap<CellModel, RowFacts>();

/** The facts of a model's relations, computed once per model (cells' values and relations never change). */
export function rowFacts(model: CellModel): RowFacts {
  let facts = cache.get(model);
  if (facts && facts.truth.length === model.relations.length) return facts;
  const truth = new Float64Array(model.relations.length);
  const long = new Uint8Array(model.relations.length);
  const longCount = new Uint8Array(model.cells.length);
  model.relations.forEach((r, ri) => {
    let s = 0;
    for (let q = 0; q < r.cells.length; q++) s += r.coefs[q] * model.cells[r.cells[q]].value;
    truth[ri] = s;
    if (r.cells.length > LONG) {
      long[ri] = 1;
      for (const c of r.cells) longCount[c] = Math.min(255, longCount[c] + 1);
    }
  });
  facts = { truth, long, longCount };
  cache.set(model, facts);
  return facts;
}

/** The position of `cell` in the relation (−1 when absent): binary search, falling back to a scan for unsorted cells. */
export function positionOf(rel: Relation, cell: number): number {
  const { cells } = rel;
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    if (c === cell) return mid;
    if (c < cell) lo = mid + 1; else hi = mid - 1;
  }
  return cells.indexOf(cell);
}

/** The coefficient of `cell` in the relation (0 when absent). */
export function coefOf(rel: Relation, cell: number): number {
  const q = positionOf(rel, cell);
  return q < 0 ? 0 : rel.coefs[q];
}

/**
 * Σ dual·coef of `cell` over the long relations that hold it and are rows of an LP with a non-zero dual: the long
 * rows' share of the cell's price (the attacker's reduced cost takes it negated, the change LP's π as it is).
 * `row` maps relation id → LP row, `y` is the LP's row duals.
 */
export function longDualTerm(model: CellModel, facts: RowFacts, byCell: readonly number[][], row: ReadonlyMap<number, number>, y: Float64Array, cell: number, eps: number): number {
  let v = 0;
  for (const ri of byCell[cell]) {
    if (!facts.long[ri]) continue;
    const r = row.get(ri);
    if (r === undefined || Math.abs(y[r]) <= eps) continue;
    v += y[r] * coefOf(model.relations[ri], cell);
  }
  return v;
}
