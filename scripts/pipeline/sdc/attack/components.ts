// Independent parts of the attacker's problem (suppressed cells linked through the relations they share), and
// one component as its LP sees it: its cells as columns, with what the attack needs to know of each.
import type { CellModel } from '../model.ts';
import type { AttackMemo } from './types.ts';

/** Union-find over suppressed cells: two cells are linked when a relation holds both. */
export function components(model: CellModel, suppressed: Uint8Array): number[][] {
  const parent = new Int32Array(model.cells.length).map((_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  for (const r of model.relations) {
    let first = -1;
    for (const c of r.cells) {
      if (!suppressed[c]) continue;
      if (first < 0) first = c; else { const a = root(first); const b = root(c); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let c = 0; c < model.cells.length; c++) {
    if (!suppressed[c]) continue;
    const r = root(c);
    const list = byRoot.get(r) ?? [];
    list.push(c);
    byRoot.set(r, list);
  }
  return [...byRoot.values()]; // roots are each component's smallest cell, so the order is stable
}

/** The suppressed cells within `radius` relations of `start` (itself included), sorted. */
export function neighbourhood(model: CellModel, byCell: number[][], suppressed: Uint8Array, start: number, radius: number): number[] {
  const seen = new Set<number>([start]);
  let frontier = [start];
  for (let step = 0; step < radius; step++) {
    const next: number[] = [];
    for (const c of frontier) {
      for (const ri of byCell[c]) {
        for (const j of model.relations[ri].cells) if (suppressed[j] && !seen.has(j)) { seen.add(j); next.push(j); }
      }
    }
    frontier = next;
  }
  return [...seen].sort((a, b) => a - b);
}

export interface Component {
  model: CellModel;
  suppressed: Uint8Array;
  /** the component's cells (ids in the model), sorted; column i of its LP is cells[i] */
  cells: number[];
  /** cell id → column */
  local: Map<number, number>;
  /** per column: the published total the cell lies within */
  upper: number[];
  /** per column: the true value */
  truth: Float64Array;
  /** for each cell of the model, the relations holding it */
  byCell: number[][];
  k: number;
  memo: AttackMemo;
}

export function component(model: CellModel, suppressed: Uint8Array, cells: number[], byCell: number[][], k: number, memo: AttackMemo): Component {
  return {
    model, suppressed, cells, byCell, k, memo,
    local: new Map<number, number>(cells.map((c, i) => [c, i])),
    upper: cells.map((c) => model.cells[c].upper),
    truth: Float64Array.from(cells, (c) => model.cells[c].value),
  };
}

/** The relations holding any of the component's cells, ascending: the rows of its LP. */
export function rowsOf(comp: Component): number[] {
  return [...new Set(comp.cells.flatMap((c) => comp.byCell[c]))].sort((a, b) => a - b);
}
