// Secondary (complementary) suppression over the whole cell model — all tables, all years together.
// First an LP-free pass (protection levels relation by relation), then the attacker's LP: every cell it can
// narrow below k gets a neighbour suppressed (all failures of a round at once), until the audit passes or nothing
// is left to hide. Intervals proven in one round are not solved again (more suppression only widens them).
import { attack, isProtected, newMemo, type AttackFailure, type AttackResult } from './attack.ts';
import { relationsByCell, type Cell, type CellModel } from './model.ts';
import { checkK, primarySuppression } from './primary.ts';

export interface SuppressOptions {
  k: number;
  /** cells that must stay suppressed (the previous release's suppressed cells) */
  forced?: number[];
  /** include the singleton attack (default true) */
  singletons?: boolean;
  /** give up after this many audit rounds (default 500) */
  maxRounds?: number;
  log?: (line: string) => void;
}

export interface SuppressResult {
  suppressed: Uint8Array;
  primary: Uint8Array;
  rounds: number;
  lpSolves: number;
  /** the last audit's verdict: empty failures when protection holds */
  audit: AttackResult;
}

/**
 * Which cell to give up first: keep totals (district rows), then zeros (they are published as such),
 * then the smallest count — the least information lost. Ties by id, for a stable pattern.
 */
function cost(cell: Cell): [number, number, number, number] {
  return [cell.total ? 1 : 0, cell.value === 0 ? 1 : 0, cell.value, cell.id];
}
function cheaper(a: Cell, b: Cell): boolean {
  const ca = cost(a);
  const cb = cost(b);
  for (let i = 0; i < ca.length; i++) if (ca[i] !== cb[i]) return ca[i] < cb[i];
  return false;
}

export function suppress(model: CellModel, opts: SuppressOptions): SuppressResult {
  const k = checkK(opts.k);
  const primary = primarySuppression(model, k);
  const suppressed = Uint8Array.from(primary);
  for (const id of opts.forced ?? []) if (!model.cells[id].fixed) suppressed[id] = 1;
  const byCell = relationsByCell(model);
  // a cell whose total is 0 is known to be 0: hiding it protects nothing
  const candidate = (c: number): boolean => !suppressed[c] && !model.cells[c].fixed && model.cells[c].upper > 0;
  const levels = protectionLevels(model, suppressed, byCell, k, candidate, opts.singletons !== false);

  /** The cheapest publishable cell sharing a relation with `start`, searching outwards through suppressed cells. */
  const nearestCandidate = (start: number): number | undefined => {
    const seen = new Set<number>([start]);
    let frontier = [start];
    while (frontier.length > 0) {
      let best: Cell | undefined;
      const next: number[] = [];
      for (const c of frontier) {
        for (const ri of byCell[c]) {
          for (const other of model.relations[ri].cells) {
            if (seen.has(other)) continue;
            seen.add(other);
            if (candidate(other)) { if (!best || cheaper(model.cells[other], best)) best = model.cells[other]; }
            else if (suppressed[other]) next.push(other);
          }
        }
      }
      if (best) return best.id;
      frontier = next;
    }
    return undefined;
  };

  const cache = new Map<string, AttackFailure[]>();
  const memo = newMemo(model);
  let lpSolves = 0;
  let rounds = 0;
  const maxRounds = opts.maxRounds ?? 500;
  // the singleton attack costs a model per singleton: only once the intervals hold
  let singletons = false;
  /** protection levels for the new cells, then bound propagation, until neither adds a cell */
  const lpFree = (queue: number[]): number => {
    let total = levels.run(queue);
    for (let pass = 0; pass < 100; pass++) {
      const fresh = propagationPass(model, suppressed, k, candidate);
      if (fresh.length === 0) break;
      total += fresh.length + levels.run(fresh);
    }
    return total;
  };
  let added = lpFree(model.cells.filter((c) => suppressed[c.id]).map((c) => c.id));
  for (;;) {
    rounds++;
    const began = performance.now();
    const verdict = attack(model, suppressed, { k, singletons, cache, memo });
    lpSolves += verdict.lpSolves;
    opts.log?.(`suppression round ${rounds}${singletons ? ' (singletons)' : ''}: +${added} by protection levels, ${verdict.failures.length} audit failures, ${verdict.components} components (largest ${verdict.largestComponent}), ${verdict.lpSolves} LP solves, ${((performance.now() - began) / 1000).toFixed(1)} s`);
    if (verdict.failures.length === 0 && !singletons && opts.singletons !== false) { singletons = true; added = 0; continue; }
    if (verdict.failures.length === 0 || rounds >= maxRounds) return { suppressed, primary, rounds, lpSolves, audit: verdict };
    if (process.env.SDC_DEBUG) for (const f of verdict.failures) opts.log?.(`  ${model.cells[f.cell].table} ${model.cells[f.cell].key} v=${model.cells[f.cell].value} u=${model.cells[f.cell].upper} [${f.lower}, ${f.upper}] ${f.reason} ${f.singleton ?? ''} ${byCell[f.cell].map((ri) => model.relations[ri].name).join(' ; ')}`);
    // every failure of the round at once, each with its cheapest neighbour; then the new cells' own protection levels
    const fresh: number[] = [];
    for (const failure of verdict.failures) {
      // break the attacker's proof of each end: the cheapest publishable cell in a relation it combines
      let broke = false;
      for (const proof of failure.binding ?? []) {
        let best = -1;
        for (const ri of proof) {
          for (const j of model.relations[ri].cells) if (candidate(j) && (best < 0 || cheaper(model.cells[j], model.cells[best]))) best = j;
        }
        if (best >= 0) { suppressed[best] = 1; fresh.push(best); broke = true; }
      }
      if (broke) continue;
      const next = nearestCandidate(failure.cell) ?? (failure.singleton !== undefined ? nearestCandidate(failure.singleton) : undefined);
      if (next !== undefined && !suppressed[next]) { suppressed[next] = 1; fresh.push(next); }
    }
    if (fresh.length === 0) return { suppressed, primary, rounds, lpSolves, audit: verdict }; // nothing left to hide
    added = fresh.length + lpFree(fresh);
  }
}

/**
 * The LP-free first pass (τ-ARGUS-style protection levels): a suppressed cell can only move as far as the other
 * suppressed cells of each relation holding it can absorb (or the slack of an inequality allows). While some
 * relation leaves a cell's reachable range [value − down, value + up] narrower than k — or, for a cell whose total
 * is under k, short of the whole [0, total] — suppress the partner in that relation that closes the gap at least
 * cost (commune cells before district totals, then the smallest count, then id), else the one that widens it most.
 * Each relation alone is a necessary condition, not a sufficient one: the LP audit still decides.
 */
function protectionLevels(
  model: CellModel, suppressed: Uint8Array, byCell: number[][], k: number, candidate: (c: number) => boolean, singletons: boolean,
): { run: (queue: number[]) => number } {
  const lhs = model.relations.map((r) => r.cells.reduce((s, c, j) => s + r.coefs[j] * model.cells[c].value, 0));
  const EPS = 1e-9;
  /** What cell j, if suppressed, lets the relation's other terms fall (dec) and rise (inc) by. */
  const give = (a: number, j: number): [number, number] => {
    const { value, upper } = model.cells[j];
    return a > 0 ? [a * value, a * (upper - value)] : [-a * (upper - value), -a * value];
  };
  /** How far the cell at position `pos` of relation `ri` can go up and down as that relation alone tells, with `extra` also suppressed. */
  const reach = (ri: number, pos: number, extra = -1): [number, number] => {
    const r = model.relations[ri];
    let plus = r.sense === '<=' ? r.rhs - lhs[ri] : r.sense === '>=' ? Infinity : 0;
    let minus = r.sense === '>=' ? lhs[ri] - r.rhs : r.sense === '<=' ? Infinity : 0;
    r.cells.forEach((j, q) => {
      if (q === pos || (!suppressed[j] && j !== extra)) return;
      const [dec, inc] = give(r.coefs[q], j);
      plus += dec;
      minus += inc;
    });
    const a = r.coefs[pos];
    return a > 0 ? [plus / a, minus / a] : [minus / -a, plus / -a];
  };
  const enough = (c: number, up: number, down: number): boolean => {
    const { value, upper } = model.cells[c];
    const u = Math.floor(Math.min(up, upper - value) + EPS);
    const d = Math.floor(Math.min(down, value) + EPS);
    return u + d >= k || (upper < k && u >= upper - value && d >= value);
  };
  const width = (c: number, up: number, down: number): number => {
    const { value, upper } = model.cells[c];
    return Math.min(up, upper - value) + Math.min(down, value);
  };

  /**
   * The singleton attack, relation by relation: a household alone in `s` knows x_s = 1; then every other
   * suppressed cell j of an equation holding s must still move (width ≥ 1) with s held fixed.
   */
  const singletonRun = (s: number, ri: number): number => {
    const r = model.relations[ri];
    if (r.sense !== '=' || model.cells[s].value !== 1) return 0;
    let added = 0;
    for (const j of r.cells) {
      if (j === s || !suppressed[j] || model.cells[j].fixed || model.cells[j].upper <= 1) continue;
      const pos = r.cells.indexOf(j);
      const moves = (extra: number): boolean => {
        suppressed[s] = 0; // held at its value
        const [up, down] = reach(ri, pos, extra);
        suppressed[s] = 1;
        const { value, upper } = model.cells[j];
        return Math.floor(Math.min(up, upper - value) + EPS) + Math.floor(Math.min(down, value) + EPS) >= 1;
      };
      if (moves(-1)) continue;
      let best = -1;
      for (const x of r.cells) {
        if (x === s || x === j || !candidate(x) || !moves(x)) continue;
        if (best < 0 || cheaper(model.cells[x], model.cells[best])) best = x;
      }
      if (best >= 0) { suppressed[best] = 1; added++; }
    }
    return added;
  };

  const run = (queue: number[]): number => {
    let added = 0;
    const hopeless = new Set<string>();
    while (queue.length > 0) {
      const c = queue.pop()!;
      if (model.cells[c].fixed) continue;
      for (const ri of byCell[c]) {
        if (singletons) {
          const before = added;
          added += singletonRun(c, ri);
          if (added > before) for (const x of model.relations[ri].cells) if (suppressed[x]) queue.push(x);
        }
        const r = model.relations[ri];
        const pos = r.cells.indexOf(c);
        for (;;) {
          const [up, down] = reach(ri, pos);
          if (enough(c, up, down) || hopeless.has(`${c}|${ri}`)) break;
          let best = -1;
          let bestCloses = false;
          let bestGain = -Infinity;
          const base = width(c, up, down);
          for (const j of r.cells) {
            if (j === c || !candidate(j)) continue;
            const [u2, d2] = reach(ri, pos, j);
            const closes = enough(c, u2, d2);
            const gain = width(c, u2, d2) - base;
            if (gain <= EPS) continue;
            const better = best < 0 ? true
              : closes !== bestCloses ? closes
              : closes ? cheaper(model.cells[j], model.cells[best])
              : gain !== bestGain ? gain > bestGain : cheaper(model.cells[j], model.cells[best]);
            if (better) { best = j; bestCloses = closes; bestGain = gain; }
          }
          if (best < 0) { hopeless.add(`${c}|${ri}`); break; }
          suppressed[best] = 1;
          added++;
          queue.push(best);
        }
      }
    }
    return added;
  };
  return { run };
}

/**
 * Bound propagation over the suppressed cells (what an attacker derives relation by relation, repeated): sound
 * for the attacker, so a cell it narrows below k fails the LP too. For each such cell, a partner is suppressed in
 * a relation that narrowed it, following those relations through suppressed cells when none has a publishable
 * cell. Returns the cells it suppressed; repeated by the caller until nothing narrows.
 */
function propagationPass(model: CellModel, suppressed: Uint8Array, k: number, candidate: (c: number) => boolean): number[] {
  const n = model.cells.length;
  const lo = new Float64Array(n);
  const hi = Float64Array.from(model.cells, (c) => c.upper);
  const bindLo = new Int32Array(n).fill(-1);
  const bindHi = new Int32Array(n).fill(-1);
  const active: { ri: number; vars: number[]; coefs: number[]; rl: number; ru: number }[] = [];
  model.relations.forEach((r, ri) => {
    const vars: number[] = [];
    const coefs: number[] = [];
    let constant = 0;
    r.cells.forEach((c, j) => { if (suppressed[c]) { vars.push(c); coefs.push(r.coefs[j]); } else constant += r.coefs[j] * model.cells[c].value; });
    if (vars.length === 0) return;
    active.push({ ri, vars, coefs, rl: r.sense === '<=' ? -Infinity : r.rhs - constant, ru: r.sense === '>=' ? Infinity : r.rhs - constant });
  });
  const TOL = 1e-7;
  for (let pass = 0; pass < 60; pass++) {
    let changed = false;
    for (const { ri, vars, coefs, rl, ru } of active) {
      let min = 0;
      let max = 0;
      for (let q = 0; q < vars.length; q++) {
        const a = coefs[q];
        if (a > 0) { min += a * lo[vars[q]]; max += a * hi[vars[q]]; } else { min += a * hi[vars[q]]; max += a * lo[vars[q]]; }
      }
      for (let q = 0; q < vars.length; q++) {
        const c = vars[q];
        const a = coefs[q];
        const ownMin = a > 0 ? a * lo[c] : a * hi[c];
        const ownMax = a > 0 ? a * hi[c] : a * lo[c];
        const tLo = rl - (max - ownMax); // a·x ≥ tLo
        const tHi = ru - (min - ownMin); // a·x ≤ tHi
        const [l, h] = a > 0 ? [tLo / a, tHi / a] : [tHi / a, tLo / a];
        if (l > lo[c] + TOL) { lo[c] = Math.min(l, hi[c]); bindLo[c] = ri; changed = true; }
        if (h < hi[c] - TOL) { hi[c] = Math.max(h, lo[c]); bindHi[c] = ri; changed = true; }
      }
    }
    if (!changed) break;
  }

  const fresh: number[] = [];
  for (let c = 0; c < n; c++) {
    if (!suppressed[c] || model.cells[c].fixed || isProtected(lo[c], hi[c], model.cells[c].upper, k)) continue;
    // breadth-first through the relations that narrowed it
    const seenCells = new Set<number>([c]);
    const seenRelations = new Set<number>();
    let frontier = [c];
    let pick = -1;
    for (let depth = 0; depth < 6 && frontier.length > 0 && pick < 0; depth++) {
      const next: number[] = [];
      for (const x of frontier) {
        for (const ri of [bindLo[x], bindHi[x]]) {
          if (ri < 0 || seenRelations.has(ri)) continue;
          seenRelations.add(ri);
          for (const j of model.relations[ri].cells) {
            if (candidate(j)) { if (pick < 0 || cheaper(model.cells[j], model.cells[pick])) pick = j; }
            else if (suppressed[j] && !seenCells.has(j)) { seenCells.add(j); next.push(j); }
          }
        }
      }
      frontier = next;
    }
    if (pick >= 0 && !suppressed[pick]) { suppressed[pick] = 1; fresh.push(pick); }
  }
  return fresh;
}
