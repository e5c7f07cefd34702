// Independent parts of the attacker's problem: suppressed cells linked through the relations they share (for the
// report: how large the problem would be as one LP per part).
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
