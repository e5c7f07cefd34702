// The attack on several threads, for the audit. By the model's independent parts when they balance (each part on the
// next free thread, parts-threads.ts), else by shares: the suppressed cells are dealt to shares (attack.ts `part`),
// share 0 runs on this thread and the others on worker threads, each with its own copy of the model and its own
// solver. Every end is the exact optimum of the whole release's LP whichever thread finds it, and every singleton
// pair is checked by exactly one thread (by shares, those whose target failed in another share are dropped at the
// merge, as one thread never checks them), so the verdict and the intervals are those of one thread; only the count
// of LP solves differs (each thread sweeps, and feasible points met by one do not save another's solves).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { attack, type AttackOptions, type AttackResult } from '../attack.ts';
import type { CellModel } from '../model.ts';
import { partsOf, type Part } from '../parts.ts';
import { attackParts, CELLS_PER_THREAD, DisclosurePool, hiddenCount, MAX_THREADS, startThread, threadsSet } from '../parts-threads.ts';

/**
 * How many threads the audit's attack uses for this many suppressed cells: one per core, at most MAX_THREADS and
 * one per CELLS_PER_THREAD cells; `SDC_THREADS` in the environment sets it (1: everything on this thread).
 */
export function attackThreads(cells: number, env: NodeJS.ProcessEnv = process.env): number {
  return threadsSet(env) ?? Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.floor(cells / CELLS_PER_THREAD)));
}

/**
 * attack() on `threads` threads (attack(), unchanged, for one). By the model's independent parts (../parts.ts) when
 * none holds more than its thread's share of the suppressed cells (each part's attack keeps every feasible point it
 * meets), else by shares of the suppressed cells. Options other than memo/attacker/part pass through.
 */
export async function attackOnThreads(model: CellModel, suppressed: Uint8Array, options: AttackOptions, threads: number): Promise<AttackResult> {
  if (options.memo || options.attacker || options.part) throw new Error('attackOnThreads: a memo, an attacker or a part cannot be shared between threads');
  if (threads <= 1) return attack(model, suppressed, options);
  const parts = balancedParts(model, suppressed, threads);
  if (!parts) return attackByShares(model, suppressed, options, threads);
  const results = await attackParts(parts.map((p) => ({ model: p.part.model, suppressed: p.suppressed, options })), threads);
  return mergeParts(parts.map((p) => p.part), results);
}

/**
 * The model's parts with suppressed cells to attack, each with its suppressed cells in its ids (balancedParts without
 * the balance).
 */
export function hiddenParts(model: CellModel, suppressed: Uint8Array): { part: Part; suppressed: Uint8Array }[] {
  return partsOf(model)
    .map((part) => ({ part, suppressed: Uint8Array.from(part.ids, (id) => suppressed[id]) }))
    .filter((p) => hiddenCount(p.part.model, p.suppressed) > 0);
}

/**
 * What an attack of one part is a function of: the part's cells (values, bounds, fixed or not), relations and
 * columns, its suppressed cells and the attack's options, as one SHA-256. Two jobs with one key have one result.
 */
export function attackKey(model: CellModel, suppressed: Uint8Array, options: AttackOptions): string {
  return createHash('sha256').update(JSON.stringify([model.cells, model.relations, model.columns, Array.from(suppressed), options])).digest('hex');
}

/**
 * attack() of the whole as the merge of its parts' (as attackOnThreads by parts), a part's result taken from `known`
 * when an attack of the very same part (attackKey) was started before, else run on the pool now. `reused`: how
 * many parts were known.
 */
export async function attackKnownParts(model: CellModel, suppressed: Uint8Array, options: AttackOptions, known: ReadonlyMap<string, Promise<AttackResult>>, pool: DisclosurePool): Promise<AttackResult & { parts: number; reused: number }> {
  const parts = hiddenParts(model, suppressed);
  if (parts.length === 0) return { ...attack(model, suppressed, options), parts: 0, reused: 0 };
  let reused = 0;
  const results = await Promise.all(parts.map((p) => {
    const earlier = known.get(attackKey(p.part.model, p.suppressed, options));
    if (earlier) { reused++; return earlier; }
    const job = { model: p.part.model, suppressed: p.suppressed, options };
    return pool.run<AttackResult>({ task: 'attack', job }, hiddenCount(job.model, job.suppressed));
  }));
  return { ...mergeParts(parts.map((p) => p.part), results), parts: parts.length, reused };
}

/**
 * The model's parts with suppressed cells to attack (each with its suppressed cells, in its ids) when there are at
 * least `threads` of them and none holds more than a thread's share of the suppressed cells; else undefined.
 */
export function balancedParts(model: CellModel, suppressed: Uint8Array, threads: number): { part: Part; suppressed: Uint8Array }[] | undefined {
  const attacked = hiddenParts(model, suppressed);
  const hidden = attacked.map((p) => hiddenCount(p.part.model, p.suppressed));
  const total = hidden.reduce((s, x) => s + x, 0);
  return attacked.length >= threads && Math.max(...hidden) <= total / threads ? attacked : undefined;
}

/** The parts' attacks as the whole's: their cells, relations and intervals in the whole's ids. */
function mergeParts(parts: Part[], results: AttackResult[]): AttackResult {
  const failures = results.flatMap((r, p) => r.failures.map((f) => ({
    ...f,
    cell: parts[p].ids[f.cell],
    ...(f.singleton === undefined ? {} : { singleton: parts[p].ids[f.singleton] }),
    ...(f.binding === undefined ? {} : { binding: f.binding.map((proof) => proof.map((ri) => parts[p].relations[ri])) }),
  }))).sort((a, b) => a.cell - b.cell || (a.singleton ?? -1) - (b.singleton ?? -1));
  const merged: AttackResult = {
    failures,
    lpSolves: results.reduce((s, r) => s + r.lpSolves, 0),
    components: results.reduce((s, r) => s + r.components, 0),
    largestComponent: Math.max(...results.map((r) => r.largestComponent)),
    largestLp: Math.max(...results.map((r) => r.largestLp)),
  };
  if (results[0].intervals) {
    merged.intervals = new Map(results.flatMap((r, p) => [...r.intervals!].map(([c, v]) => [parts[p].ids[c], v] as [number, [number, number]])).sort((a, b) => a[0] - b[0]));
  }
  return merged;
}

/** attack() over `threads` shares of the suppressed cells, each thread with the whole model. */
async function attackByShares(model: CellModel, suppressed: Uint8Array, options: AttackOptions, threads: number): Promise<AttackResult> {
  const workers: Worker[] = [];
  try {
    const pending: Promise<AttackResult>[] = [];
    for (let index = 1; index < threads; index++) {
      const worker = startThread(new URL('./share.ts', import.meta.url), { model: plain(model), suppressed, options: { ...options, part: { index, of: threads } } });
      workers.push(worker);
      const result = new Promise<AttackResult>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`disclosure audit: attack thread ${index} of ${threads} stopped (exit code ${code}) before its result`)));
      });
      // when this thread's own share throws first, the others are stopped unread: not an unhandled rejection
      result.catch(() => {});
      pending.push(result);
    }
    const own = attack(model, suppressed, { ...options, part: { index: 0, of: threads } });
    return merge([own, ...(await Promise.all(pending))]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The model's data only (a builder's lookup maps stay behind). */
function plain(model: CellModel): CellModel {
  return { cells: model.cells, relations: model.relations, warnings: model.warnings, columns: model.columns };
}

function merge(results: AttackResult[]): AttackResult {
  const [first] = results;
  // one thread checks no singleton pair whose target already failed on its own: neither does the merge keep one
  const failed = new Set(results.flatMap((r) => r.failures.filter((f) => f.reason !== 'singleton').map((f) => f.cell)));
  const failures = results.flatMap((r) => r.failures).filter((f) => f.reason !== 'singleton' || !failed.has(f.cell)).sort((a, b) => a.cell - b.cell || (a.singleton ?? -1) - (b.singleton ?? -1));
  const merged: AttackResult = {
    failures,
    lpSolves: results.reduce((s, r) => s + r.lpSolves, 0),
    components: first.components,
    largestComponent: first.largestComponent,
    largestLp: Math.max(...results.map((r) => r.largestLp)),
  };
  if (first.intervals) {
    const all = results.flatMap((r) => [...r.intervals!]).sort((a, b) => a[0] - b[0]);
    merged.intervals = new Map(all);
  }
  return merged;
}
