// The attacker's linear programme: for every suppressed cell, the least and greatest value consistent with
// everything published (every relation, 0 ≤ x ≤ its total), by HiGHS. Variables are the suppressed cells only;
// published cells enter as constants. Independent components are solved separately.
import { relationsByCell, type CellModel } from './model.ts';
import { highs } from './solver.ts';

const EPS = 1e-6;
const OPTIMAL = 7;

export type FailureReason = 'exact' | 'narrow' | 'singleton';
export interface AttackFailure {
  cell: number;
  /** the attacker's interval (integer hull of the LP interval) */
  lower: number;
  upper: number;
  reason: FailureReason;
  /** for 'singleton': the cell a household knows to be itself alone */
  singleton?: number;
  /**
   * The relations whose combination proves the narrow interval (non-zero duals of the attacker's two LPs):
   * publishing one cell fewer in any of them breaks that proof. For choosing secondary cells, not for messages.
   */
  binding?: number[][];
}
export interface AttackStats { lpSolves: number; components: number; largestComponent: number }
export interface AttackResult extends AttackStats { failures: AttackFailure[] }

export interface AttackOptions {
  k: number;
  /** also check that a household knowing its own singleton cell pins down no other suppressed cell (default true) */
  singletons?: boolean;
  /** results of components already attacked, keyed by their cells; reused across suppression rounds */
  cache?: Map<string, AttackFailure[]>;
  /**
   * What earlier attacks proved, reused while suppression only grows (suppressing one more cell turns a constant
   * into a variable: the feasible set only grows, so a proven interval stays proven). Never share it between
   * patterns that are not supersets of each other.
   */
  memo?: AttackMemo;
}

/** Cells proven protected, and (singleton, target) pairs proven not pinned, under a smaller pattern. */
export interface AttackMemo { proven: Uint8Array; pairs: Set<number> }
export function newMemo(model: CellModel): AttackMemo {
  return { proven: new Uint8Array(model.cells.length), pairs: new Set() };
}

/** The attacker's interval rounded to whole households (counts are integers). */
const hull = (lo: number, hi: number): [number, number] => [Math.ceil(lo - EPS) + 0, Math.floor(hi + EPS) + 0]; // + 0: no -0

/**
 * Whether an interval protects a cell: at least k wide, or — for a cell whose total is itself under k, where no
 * pattern can give k — the whole [0, total].
 */
export function isProtected(lo: number, hi: number, total: number, k: number): boolean {
  const [l, h] = hull(lo, hi);
  return h - l >= k || (total < k && l <= 0 && h >= total);
}

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

export function attack(model: CellModel, suppressed: Uint8Array, given: AttackOptions): AttackResult {
  const byCell = relationsOf(model);
  const opts: AttackOptions = { ...given, memo: given.memo ?? newMemo(model) };
  const result: AttackResult = { failures: [], lpSolves: 0, components: 0, largestComponent: 0 };
  for (const component of components(model, suppressed)) {
    result.components++;
    result.largestComponent = Math.max(result.largestComponent, component.length);
    const signature = `${opts.singletons !== false}|${component.join(',')}`;
    const cached = opts.cache?.get(signature);
    if (cached) { result.failures.push(...cached); continue; }
    const solved = attackComponent(model, suppressed, component, byCell, opts);
    result.lpSolves += solved.lpSolves;
    result.failures.push(...solved.failures);
    opts.cache?.set(signature, solved.failures);
  }
  result.failures.sort((a, b) => a.cell - b.cell || (a.singleton ?? -1) - (b.singleton ?? -1));
  return result;
}

/** Feasible points kept per component for the singleton attack's proofs without a solve. */
const POOL = 120;
/** Components larger than this are probed by small models first. */
const PROBE_ABOVE = 500;

/** The suppressed cells within `radius` relations of `start` (itself included), sorted. */
function neighbourhood(model: CellModel, byCell: number[][], suppressed: Uint8Array, start: number, radius: number): number[] {
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

/**
 * `probe`: the cells are only a neighbourhood of one cell (the centre); every suppressed cell outside it is held at
 * its true value (more constraints: intervals can only shrink), so whatever this proves holds in the full model;
 * what it cannot prove is left to the full model and not reported. It proves the intervals of the open cells next
 * to the centre, or (singleton) that the centre's household pins none of its neighbours.
 */
function attackComponent(
  model: CellModel, suppressed: Uint8Array, cells: number[], byCell: number[][], opts: AttackOptions,
  probe?: { centre: number; singleton: boolean },
): { failures: AttackFailure[]; lpSolves: number } {
  const { k } = opts;
  const memo = opts.memo;
  const n = cells.length;
  const local = new Map<number, number>(cells.map((c, i) => [c, i]));
  const upper = cells.map((c) => model.cells[c].upper);
  const truth = Float64Array.from(cells, (c) => model.cells[c].value);
  const failures: AttackFailure[] = [];
  const pairKey = (s: number, t: number): number => s * model.cells.length + t;

  // what is left to prove: cells not proven under a smaller pattern, and singleton pairs likewise
  const open: number[] = [];
  for (let i = 0; i < n; i++) if (!memo?.proven[cells[i]]) open.push(i);
  const singletonTargets = (s: number, failed: Set<number>): number[] => {
    // the suppressed cells sharing a relation with the singleton (a cost-bounded reading of the attack: chains
    // through several relations are not followed), whose total leaves others to learn about
    const out = new Set<number>();
    for (const ri of byCell[cells[s]]) {
      for (const c of model.relations[ri].cells) {
        const i = local.get(c);
        if (i === undefined || i === s || failed.has(c) || upper[i] <= 1 || memo?.pairs.has(pairKey(cells[s], c))) continue;
        out.add(i);
      }
    }
    return [...out].sort((a, b) => a - b);
  };
  const singletons = opts.singletons === false || (probe && !probe.singleton) ? []
    : probe ? [local.get(probe.centre)!]
    : cells.flatMap((c, i) => (model.cells[c].value === 1 ? [i] : []));
  if (probe?.singleton) open.length = 0;
  else if (probe) {
    const next = new Set(byCell[probe.centre].flatMap((ri) => model.relations[ri].cells));
    const keep = open.filter((i) => next.has(cells[i]));
    open.length = 0;
    open.push(...keep);
  }
  if (open.length === 0 && singletons.every((s) => singletonTargets(s, new Set()).length === 0)) return { failures, lpSolves: 0 };

  const rowIds = [...new Set(cells.flatMap((c) => byCell[c]))].sort((a, b) => a - b);
  if (rowIds.length === 0 && probe === undefined) {
    // nothing published constrains it: the attacker knows only 0 ≤ x ≤ total
    cells.forEach((c, i) => {
      if (!isProtected(0, upper[i], upper[i], k)) failures.push(verdict(c, 0, upper[i], upper[i]));
      else if (memo) memo.proven[c] = 1;
    });
    return { failures, lpSolves: 0 };
  }

  const { starts, indices, values, rowLower, rowUpper } = attackerRows(model, rowIds, (c) => (suppressed[c] ? local.get(c) : undefined));
  const lp = highs.createModel({
    numCols: n, numRows: rowIds.length, colCost: new Float64Array(n), colLower: new Float64Array(n), colUpper: upper,
    rowLower, rowUpper, matrix: { format: 'csr', numRows: rowIds.length, numCols: n, starts, indices, values },
  });
  let lpSolves = 0;
  let solvesOfProbes = 0;
  // in a large component, small models around a cell first (memo needed to carry what they prove)
  const probeHere = !probe && memo !== undefined && n > PROBE_ABOVE;
  const inComponent = new Set(cells);
  const around = (c: number): number[] => neighbourhood(model, byCell, suppressed, c, 2).filter((x) => inComponent.has(x));
  try {
    lp.options.set('output_flag', false);
    // re-solves after a cost change start from the previous basis; presolve would throw that away
    lp.options.set('presolve', 'off');
    lp.options.set('solver', 'simplex'); // measured: dual simplex re-solves warm about 1.6× faster than 'choose'
    let costCol = -1;
    let lastDual: Float64Array = new Float64Array(0);
    // feasible points met on the way (vertices of the attacker's polytope), for the singleton attack's cheap proofs
    const pool: Float64Array[] = [];
    const run = (): Float64Array => {
      lp.run();
      lpSolves++;
      if (lp.getModelStatus() !== OPTIMAL) {
        throw new Error(`disclosure audit: the attacker's model is not solvable (status ${lp.getModelStatus()}); the relations contradict the published values`);
      }
      const solution = lp.getSolution();
      lastDual = solution.rowDual;
      if (pool.length < POOL) pool.push(solution.colValue);
      return solution.colValue;
    };
    /** The relations of the last solve's proof of optimality. */
    const binding = (): number[] => rowIds.filter((_, row) => Math.abs(lastDual[row]) > 1e-9);
    const solveCosts = (costs: Float64Array): Float64Array => {
      lp.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, costs);
      costCol = -2;
      return run();
    };
    const solve = (col: number, sign: 1 | -1): Float64Array => {
      if (costCol === -2) lp.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, new Float64Array(n));
      else if (costCol >= 0) lp.changeColCost(costCol, 0);
      lp.changeColCost(col, sign);
      costCol = col;
      return run();
    };

    // every solution is a feasible point: it widens what we know of every cell's interval at once; the true
    // values are one, for free
    const bounds = (): { lo: Float64Array; hi: Float64Array; see: (x: Float64Array) => void } => {
      const lo = Float64Array.from(truth);
      const hi = Float64Array.from(truth);
      return { lo, hi, see: (x) => { for (let i = 0; i < n; i++) { if (x[i] < lo[i]) lo[i] = x[i]; if (x[i] > hi[i]) hi[i] = x[i]; } } };
    };
    /** A few objectives over the listed columns (all up, all down, then seeded random signs) push many to both ends at once. */
    const sweep = (known: ReturnType<typeof bounds>, targets: number[], done: (i: number) => boolean, seed: number): number[] => {
      let left = targets.filter((i) => !done(i));
      const sign = seededSigns(seed);
      for (let round = 0; round < 14 && left.length > 8; round++) {
        const costs = new Float64Array(n);
        for (const i of left) costs[i] = round === 0 ? 1 : round === 1 ? -1 : sign();
        known.see(solveCosts(costs));
        const still = left.filter((i) => !done(i));
        if (round >= 2 && still.length > left.length * 0.9) { left = still; break; } // diminishing returns: cell by cell
        left = still;
      }
      return left;
    };

    if (open.length > 0) {
      const main = bounds();
      const proven = (i: number): boolean => memo?.proven[cells[i]] === 1 || isProtected(main.lo[i], main.hi[i], upper[i], k);
      const afterSweep = sweep(main, open, proven, cells[0]);
      const stats = { swept: lpSolves, afterSweep: afterSweep.length, open: open.length };
      for (const i of afterSweep) {
        if (proven(i)) continue;
        // the cheaper end first: the one the true value is further from is the likelier to prove it
        const first: 1 | -1 = truth[i] - main.lo[i] <= main.hi[i] - truth[i] ? 1 : -1;
        const a = solve(i, first); main.see(a);
        if (proven(i)) continue;
        const proofA = binding();
        const b = solve(i, first === 1 ? -1 : 1); main.see(b);
        const [lo, hi] = first === 1 ? [a[i], b[i]] : [b[i], a[i]];
        if (!isProtected(lo, hi, upper[i], k) && !probe) failures.push({ ...verdict(cells[i], lo, hi, upper[i]), binding: [proofA, binding()] });
      }
      if (memo) for (const i of open) if (proven(i)) memo.proven[cells[i]] = 1;
      if (process.env.SDC_DEBUG && !probe) console.error(`component ${n}: ${stats.open} open, ${stats.swept} sweeps left ${stats.afterSweep}, full ${lpSolves - stats.swept}, failures ${failures.length}`);
    }

    const failed = new Set(failures.map((f) => f.cell));
    if (!probe && memo && singletons.some((s) => singletonTargets(s, failed).length > 0)) {
      // more points, from objectives over every cell: each a vertex far from the truth in many directions
      const sign = seededSigns(cells[0] + 1);
      for (let extra = 0; pool.length < POOL / 2 && extra < POOL / 2; extra++) solveCosts(Float64Array.from({ length: n }, () => sign()));
    }
    const sstats = { pairs: 0, pool: 0, probe: 0, full: 0, before: lpSolves, probeSolves: solvesOfProbes };
    for (const s of singletons) {
      if (process.env.SDC_DEBUG && !probe) sstats.pairs += singletonTargets(s, failed).length;
      if (memo && !probe) {
        // without a solve: a point of the pool with x_s = 1, or the one on the segment between a point above 1
        // and one below, is a point the household cannot rule out; a target 1 or more away from its true value
        // there is not pinned
        const targets = new Set(singletonTargets(s, failed));
        const prove = (r: (t: number) => number): void => {
          for (const t of targets) if (Math.abs(r(t) - truth[t]) >= 1 - 1e-7) { targets.delete(t); memo.pairs.add(pairKey(cells[s], cells[t])); }
        };
        const above = pool.filter((p) => p[s] > 1 + 1e-9);
        const below = pool.filter((p) => p[s] < 1 - 1e-9);
        for (const p of pool) if (targets.size > 0 && Math.abs(p[s] - 1) <= 1e-9) prove((t) => p[t]);
        for (const p of above) {
          for (const q of below) {
            if (targets.size === 0) break;
            const lambda = (1 - q[s]) / (p[s] - q[s]);
            prove((t) => q[t] + lambda * (p[t] - q[t]));
          }
        }
      }
      if (process.env.SDC_DEBUG && !probe) sstats.pool += singletonTargets(s, failed).length;
      if (probeHere && singletonTargets(s, failed).length > 0) {
        solvesOfProbes += attackComponent(model, suppressed, around(cells[s]), byCell, opts, { centre: cells[s], singleton: true }).lpSolves;
      }
      const targets = singletonTargets(s, failed);
      if (process.env.SDC_DEBUG && !probe) { sstats.probe += targets.length; }
      if (targets.length === 0) continue;
      // the household knows it is this cell, alone: can it pin down any other suppressed cell?
      lp.changeColBounds(s, 1, 1);
      const known = bounds(); // the true values keep x_s = 1: still a feasible point
      const notPinned = (i: number): boolean => { const [l, h] = hull(known.lo[i], known.hi[i]); return h > l; };
      for (const i of sweep(known, targets, notPinned, cells[s])) {
        if (notPinned(i)) continue;
        const low = solve(i, 1); known.see(low);
        if (notPinned(i)) continue;
        const proofLow = binding();
        const high = solve(i, -1); known.see(high);
        if (notPinned(i) || probe) continue;
        if (pinnedRegardless(model, cells[s], cells[i])) memo?.pairs.add(pairKey(cells[s], cells[i])); // never the pattern's failure
        else {
          const [l, h] = hull(low[i], high[i]);
          failures.push({ cell: cells[i], lower: l, upper: h, reason: 'singleton', singleton: cells[s], binding: [proofLow, binding()] });
        }
      }
      if (memo) for (const i of targets) if (notPinned(i)) memo.pairs.add(pairKey(cells[s], cells[i]));
      lp.changeColBounds(s, 0, upper[s]);
    }
    if (process.env.SDC_DEBUG && !probe && singletons.length > 0) console.error(`  singletons ${singletons.length}: ${sstats.pairs} pairs, ${sstats.pool} left after pool, ${sstats.probe} after probes (${solvesOfProbes - sstats.probeSolves} solves), full ${lpSolves - sstats.before} solves`);
  } finally {
    lp.dispose();
  }
  return { failures, lpSolves: lpSolves + solvesOfProbes };
}

function verdict(cell: number, lo: number, hi: number, _total: number): AttackFailure {
  const [l, h] = hull(lo, hi);
  return { cell, lower: l, upper: h, reason: h <= l ? 'exact' : 'narrow' };
}

/** ±1, from a generator seeded by the component, so the audit is deterministic. */
function seededSigns(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 1 ? 1 : -1;
  };
}

/**
 * The relations as the attacker sees them, in CSR form: cells mapped to a variable stay unknown (coefficient
 * in the row), every other cell is published and moves to the row's bound as a constant.
 */
function attackerRows(model: CellModel, rowIds: number[], variable: (cell: number) => number | undefined) {
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

/**
 * Whether a household alone in `singleton` would pin `target` down even if every protected cell were
 * suppressed — from the published poverty table alone (poor_no_labour = 1 gives poor_with_labour = poor − 1;
 * a cell whose total is 0 is 0). No suppression pattern can prevent that, so it is not the pattern's failure.
 * Checked on the relations holding either cell, every other protected cell free: fewer relations can only
 * widen the interval, so a cell pinned here is pinned in the full model too.
 */
function pinnedRegardless(model: CellModel, singleton: number, target: number): boolean {
  const byCell = relationsOf(model);
  const rowIds = [...new Set([...byCell[singleton], ...byCell[target]])].sort((a, b) => a - b);
  const vars = [...new Set(rowIds.flatMap((ri) => model.relations[ri].cells).filter((c) => !model.cells[c].fixed))].sort((a, b) => a - b);
  const local = new Map(vars.map((c, i) => [c, i]));
  const { starts, indices, values, rowLower, rowUpper } = attackerRows(model, rowIds, (c) => local.get(c));
  const n = vars.length;
  const colLower = vars.map((c) => (c === singleton ? 1 : 0));
  const colUpper = vars.map((c) => (c === singleton ? 1 : model.cells[c].upper));
  const lp = highs.createModel({
    numCols: n, numRows: rowIds.length, colCost: new Float64Array(n), colLower, colUpper,
    rowLower, rowUpper, matrix: { format: 'csr', numRows: rowIds.length, numCols: n, starts, indices, values },
  });
  try {
    lp.options.set('output_flag', false);
    const t = local.get(target)!;
    const ends: number[] = [];
    for (const sign of [1, -1]) {
      lp.changeColCost(t, sign);
      lp.run();
      if (lp.getModelStatus() !== OPTIMAL) return false;
      ends.push(lp.getSolution().colValue[t]);
    }
    const [l, h] = hull(ends[0], ends[1]);
    return h <= l;
  } finally {
    lp.dispose();
  }
}

const relationIndex = new WeakMap<CellModel, number[][]>();
function relationsOf(model: CellModel): number[][] {
  let index = relationIndex.get(model);
  if (!index) { index = relationsByCell(model); relationIndex.set(model, index); }
  return index;
}
