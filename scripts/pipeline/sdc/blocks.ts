// Protection by blocks of units, as τ-ARGUS's modular method (HiTaS) protects a hierarchy by its sub-tables. With many
// units, the commune cells are first protected block by block: each block of BLOCK_UNITS units or a few more (in code
// order) as a model of its own, in which every cell outside the block is a constant at its true value. That attacker
// knows more than the real one (every cell outside the block, published or hidden, a singleton's included), so a block
// cell it cannot narrow, no attacker of the release can: a block's point extended by the true values elsewhere
// satisfies every relation of the whole. Each block costs what a block costs, whatever the number of units.
// The whole part is then protected as before (secondary.ts), starting from the blocks' pattern and told what they
// proved (attack/types.ts AttackMemo.blocks): its attacker checks the district cells, the cells a block could not
// protect (a column's sum over a block can be under k where the district's is not), the cells hidden since, and the
// singleton pairs the blocks did not settle; its changes protect those, the district cells through the communes. The
// audit (audit.ts) then checks everything again, from nothing.
// A part of at most 2·BLOCK_UNITS units is protected whole: the demo (37 units, then 8) is.
import type { CellModel, Relation } from './model.ts';
import { relationsByCell } from './model.ts';
import { suppress } from './secondary.ts';
import { areaOfKey } from './cells.ts';

/**
 * Units per block: about the demo's size, where protecting the whole costs the least per unit. Smaller blocks are a
 * little faster and hide more (their columns' sums are smaller), larger ones slower. Measured on the largest part of
 * the 300-unit fixture (original tables, k = 5, one thread, single runs beside an audit on the other core): blocks of
 * 20 units 46.0 s and 6,244 cells hidden; of 40, 43.0–58.4 s and 6,068–6,069; of 80 (three blocks of 100) 81.2 s and
 * 6,002. (Asking no change in a block for a cell an all-positive equation bounds below k there, so that the whole
 * protects it at once, saved nothing: 46.3 and 46.8 s against 44.5 and 43.0 s, one cell fewer hidden.)
 */
export const BLOCK_UNITS = 40;

/** How many units (area codes) the model's commune cells that may be hidden are in. */
export function unitsOf(model: CellModel): number {
  const units = new Set<string>();
  for (const cell of model.cells) if (!cell.fixed && !cell.total) units.add(areaOfKey(cell.key));
  return units.size;
}

/** The blocks of the model's commune cells that may be hidden: their ids, by block of `size` units or a few more, in code order. */
export function blocksOf(model: CellModel, size: number): number[][] {
  const byUnit = new Map<string, number[]>();
  for (const cell of model.cells) {
    if (cell.fixed || cell.total) continue;
    const unit = areaOfKey(cell.key);
    const ids = byUnit.get(unit) ?? [];
    ids.push(cell.id);
    byUnit.set(unit, ids);
  }
  const units = [...byUnit.keys()].sort();
  const count = Math.max(1, Math.floor(units.length / size));
  return Array.from({ length: count }, (_, b) =>
    units.slice(Math.floor((b * units.length) / count), Math.floor(((b + 1) * units.length) / count)).flatMap((u) => byUnit.get(u)!).sort((x, y) => x - y));
}

/**
 * The block as a model of its own: its cells (renumbered in ascending order of their ids in the whole) and every
 * relation holding one of them, each cell outside the block moved to the right-hand side at its true value.
 */
export function blockModel(model: CellModel, ids: number[], byCell: number[][]): CellModel {
  const local = new Map(ids.map((id, i) => [id, i]));
  const seen = new Set<number>();
  const relations: Relation[] = [];
  for (const id of ids) {
    for (const ri of byCell[id]) {
      if (seen.has(ri)) continue;
      seen.add(ri);
      const r = model.relations[ri];
      const cells: number[] = [];
      const coefs: number[] = [];
      let rhs = r.rhs;
      r.cells.forEach((c, q) => {
        const at = local.get(c);
        if (at === undefined) rhs -= r.coefs[q] * model.cells[c].value;
        else { cells.push(at); coefs.push(r.coefs[q]); }
      });
      relations.push({ name: r.name, cells, coefs, sense: r.sense, rhs });
    }
  }
  return { cells: ids.map((id, i) => ({ ...model.cells[id], id: i })), relations, warnings: [], columns: [] };
}

export interface BlocksResult {
  /** the blocks' hidden cells (ids of the whole), primary and secondary */
  suppressed: Uint8Array;
  /** the blocks' hidden cells their attacker did not narrow: proven for the whole */
  proven: Uint8Array;
  /** each cell's block (−1: in none) */
  of: Int32Array;
  /** the proven cells also proven against every singleton of their block (attack/types.ts AttackMemo.blocks) */
  singletons: Uint8Array;
  blocks: number;
  lpSolves: number;
  log: string[];
}

/** Protects the commune cells block by block (see above); `forced` cells (ids of the whole) stay hidden. */
export function protectBlocks(model: CellModel, k: number, opts: { forced: number[]; singletons?: boolean; size?: number }): BlocksResult {
  const n = model.cells.length;
  const out: BlocksResult = { suppressed: new Uint8Array(n), proven: new Uint8Array(n), of: new Int32Array(n).fill(-1), singletons: new Uint8Array(n), blocks: 0, lpSolves: 0, log: [] };
  const byCell = relationsByCell(model);
  const forced = new Set(opts.forced);
  const blocks = blocksOf(model, opts.size ?? BLOCK_UNITS);
  out.blocks = blocks.length;
  blocks.forEach((ids, b) => {
    const began = performance.now();
    const sub = blockModel(model, ids, byCell);
    const result = suppress(sub, { k, forced: ids.flatMap((id, i) => (forced.has(id) ? [i] : [])), singletons: opts.singletons });
    // a cell the block's attacker narrowed is left to the whole (a column's sum over the block can be under k where
    // the district's is not); every other hidden cell's interval is proven, and its block's singleton pairs unless one failed or was excused
    const narrowed = new Set(result.audit.failures.filter((f) => f.reason !== 'singleton').map((f) => f.cell));
    const pinned = new Set(result.audit.failures.filter((f) => f.reason === 'singleton').map((f) => f.cell));
    const holds = result.audit.failures.length === 0;
    ids.forEach((id, i) => {
      out.of[id] = b;
      if (!result.suppressed[i]) return;
      out.suppressed[id] = 1;
      if (narrowed.has(i)) return;
      out.proven[id] = 1;
      if (!pinned.has(i) && !result.excused.has(i)) out.singletons[id] = 1;
    });
    out.lpSolves += result.lpSolves;
    const hidden = result.suppressed.reduce((s, x) => s + x, 0);
    out.log.push(`block ${b + 1} of ${blocks.length} (${ids.length} cells): ${hidden} hidden, ${result.rounds} rounds, ${holds ? 'holds' : `${result.audit.failures.length} failures left to the whole`}, ${((performance.now() - began) / 1000).toFixed(1)} s`);
  });
  return out;
}
