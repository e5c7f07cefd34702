// Independent parts of the attacker's problem: suppressed cells linked through the relations they share.
import type { CellModel } from '../model.ts';

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
