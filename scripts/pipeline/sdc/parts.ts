// The cell model's independent parts: cells that no chain of relations links never constrain one another, so each part
// is protected on its own (on its own thread, parts.ts's caller decides) and the union of the parts' patterns is the
// pattern of the whole. On the demo the parts are the review years' groups of linked tables (seven parts of 900–5,100
// cells): protecting them apart, two at a time, halves the stage on two cores.
import type { AttackOptions, FailureReason } from './attack.ts';
import { settleZeroColumns } from './cells.ts';
import type { CellModel } from './model.ts';
import { suppress } from './secondary.ts';
import { BLOCK_UNITS, protectBlocks, unitsOf } from './blocks.ts';

export interface Part {
  /** the part as a model of its own: its cells renumbered in ascending order of their ids in the whole */
  model: CellModel;
  /** the part's cell i is the whole's cell ids[i] */
  ids: number[];
  /** the part's relation r is the whole's relation relations[r] */
  relations: number[];
  /** the part's column i is the whole's column columns[i] */
  columns: number[];
}

/**
 * The parts of the model: its unfixed cells linked through the relations (and the columns) they share, each part
 * with the fixed cells its relations name (constants: a fixed cell may be copied into several parts) and every
 * relation that holds one of its unfixed cells. Call it before any column is settled (cells.ts settleZeroColumns):
 * a settled column's cells count as unfixed here, because suppression may reopen them. Parts are ordered by their
 * smallest cell id; a relation (or a column) of fixed cells only constrains nothing and belongs to no part.
 */
export function partsOf(model: CellModel): Part[] {
  const n = model.cells.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  const link = (cells: readonly number[]): void => {
    let first = -1;
    for (const c of cells) {
      if (model.cells[c].fixed) continue;
      if (first < 0) { first = root(c); continue; }
      const a = root(c);
      if (a !== first) { const [lo, hi] = a < first ? [a, first] : [first, a]; parent[hi] = lo; first = lo; }
    }
  };
  for (const r of model.relations) link(r.cells);
  for (const col of model.columns) link([col.district, ...col.communes]);

  // the parts by their root (the smallest id of the part, so the order is that of their first cells)
  const partOf = new Int32Array(n).fill(-1);
  const roots: number[] = [];
  for (let c = 0; c < n; c++) {
    if (model.cells[c].fixed) continue;
    const r = root(c);
    if (partOf[r] < 0) { partOf[r] = roots.length; roots.push(r); }
    partOf[c] = partOf[r];
  }
  const members: Set<number>[] = roots.map(() => new Set());
  for (let c = 0; c < n; c++) if (partOf[c] >= 0) members[partOf[c]].add(c);
  const relationsOfPart: number[][] = roots.map(() => []);
  model.relations.forEach((r, ri) => {
    const unfixed = r.cells.find((c) => !model.cells[c].fixed);
    if (unfixed === undefined) return;
    const p = partOf[unfixed];
    relationsOfPart[p].push(ri);
    for (const c of r.cells) members[p].add(c); // its fixed cells too
  });
  const columnsOfPart: number[][] = roots.map(() => []);
  model.columns.forEach((col, i) => {
    const unfixed = [col.district, ...col.communes].find((c) => !model.cells[c].fixed);
    if (unfixed !== undefined) columnsOfPart[partOf[unfixed]].push(i); // a settled column (all fixed) is in no part
  });

  return members.map((set, p) => {
    const ids = [...set].sort((a, b) => a - b);
    const local = new Map(ids.map((id, i) => [id, i]));
    const at = (id: number): number => local.get(id)!;
    return {
      ids,
      relations: relationsOfPart[p],
      columns: columnsOfPart[p],
      model: {
        cells: ids.map((id, i) => ({ ...model.cells[id], id: i })),
        // ids keep their order, so each relation's cells stay ascending
        relations: relationsOfPart[p].map((ri) => ({ ...model.relations[ri], cells: model.relations[ri].cells.map(at) })),
        warnings: [],
        columns: columnsOfPart[p].map((i) => ({ district: at(model.columns[i].district), communes: model.columns[i].communes.map(at) })),
      },
    };
  });
}

/** One part's attack (the audit's), as a thread receives it: the part's model, its suppressed cells, the attack's options. */
export interface AttackJob {
  model: CellModel;
  suppressed: Uint8Array;
  options: AttackOptions;
}

/** One part's protection, as a thread receives it: the part's model and, in its ids, the cells that must stay hidden. */
export interface PartJob {
  model: CellModel;
  k: number;
  /** the previous release's suppressed cells of this part */
  forced: number[];
  singletons?: boolean;
  maxRounds?: number;
  /** units per block of blocks.ts (default BLOCK_UNITS): a part of more than twice as many is protected by blocks first */
  blockUnits?: number;
}

export interface PartResult {
  suppressed: Uint8Array;
  primary: Uint8Array;
  rounds: number;
  lpSolves: number;
  /** blocks of units protected before the whole part (blocks.ts); 0 when it was protected whole */
  blocks: number;
  /** the last audit round's failures (part ids): empty when protection holds */
  failures: { cell: number; reason: FailureReason }[];
  /** suppression's progress lines */
  log: string[];
}

/**
 * Protects one part, as protect() did the whole: its zero columns settled where the district zero is published
 * (not hidden before), then secondary suppression (secondary.ts).
 */
export function protectPart(job: PartJob): PartResult {
  const { model, k } = job;
  const hiddenBefore = new Set(job.forced);
  const settled = settleZeroColumns(model, k, (district) => !hiddenBefore.has(district));
  const log: string[] = [];
  // with many units, the communes block by block first (blocks.ts), then the whole from their pattern
  const size = job.blockUnits ?? BLOCK_UNITS;
  const blocks = unitsOf(model) > 2 * size ? protectBlocks(model, k, { forced: job.forced, singletons: job.singletons, size }) : undefined;
  if (blocks) log.push(...blocks.log);
  // the previous release's cells (district ones too) and the blocks' pattern
  const forced = blocks ? [...new Set([...job.forced, ...[...blocks.suppressed].flatMap((x, id) => (x ? [id] : []))])].sort((a, b) => a - b) : job.forced;
  const result = suppress(model, { k, forced, settled, blocks, singletons: job.singletons, maxRounds: job.maxRounds, log: (line) => log.push(line) });
  return {
    suppressed: result.suppressed,
    primary: result.primary,
    rounds: result.rounds,
    lpSolves: result.lpSolves + (blocks?.lpSolves ?? 0),
    blocks: blocks?.blocks ?? 0,
    failures: result.audit.failures.map((f) => ({ cell: f.cell, reason: f.reason })),
    log,
  };
}
