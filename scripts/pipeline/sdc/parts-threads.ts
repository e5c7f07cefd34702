// Disclosure control by parts (parts.ts) on worker threads (DisclosurePool): each thread is sent the next task when it
// has finished its last. A part's result depends on the part only, so the result is the same on any number of
// threads (and on this thread alone).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { attack, type AttackResult } from './attack.ts';
import { protectPart, type AttackJob, type PartJob, type PartResult } from './parts.ts';
import type { CellModel } from './model.ts';

/** Fewer cells (a part's, or the audit's hidden cells per thread) are not worth a thread (starting one costs ≈ 1 s: loader, solver, model copy). */
export const CELLS_PER_THREAD = 1000;
export const MAX_THREADS = 8;

/**
 * How many threads protect these parts: one per core, at most MAX_THREADS and one per part of at least
 * CELLS_PER_THREAD cells; `SDC_THREADS` in the environment sets it (1: everything on this thread).
 */
export function partThreads(sizes: number[], env: NodeJS.ProcessEnv = process.env): number {
  return threadsSet(env) ?? Math.max(1, Math.min(availableParallelism(), MAX_THREADS, sizes.filter((s) => s >= CELLS_PER_THREAD).length));
}

/** The threads a pool for disclosure control may need: one per core, at most MAX_THREADS, or as `SDC_THREADS` sets. */
export function poolThreads(env: NodeJS.ProcessEnv = process.env): number {
  return threadsSet(env) ?? Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
}

/** The threads `SDC_THREADS` sets for disclosure control (protect's parts and the audit), undefined when unset. */
export function threadsSet(env: NodeJS.ProcessEnv): number | undefined {
  if (env.SDC_THREADS === undefined || env.SDC_THREADS === '') return undefined;
  const n = Number(env.SDC_THREADS);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SDC_THREADS must be a whole number of threads, at least 1: ${env.SDC_THREADS}`);
  return n;
}

/**
 * protectPart of every job, in the jobs' order: on this thread for one thread, else on `threads` worker threads (the
 * pool's, when one is given: it stays open for the tasks queued after, and `done` hears of each part as it ends).
 */
export async function protectParts(jobs: PartJob[], threads: number, shared?: { pool: DisclosurePool; done: (index: number, result: PartResult) => void }): Promise<PartResult[]> {
  if (threads <= 1 || jobs.length <= 1) return jobs.map(protectPart);
  const pool = shared?.pool ?? new DisclosurePool(threads);
  try {
    return await Promise.all(jobs.map((job, i) => pool.run<PartResult>({ task: 'protect', job }, hideable(job)).then((result) => {
      shared?.done(i, result);
      return result;
    })));
  } finally {
    if (!shared) await pool.close();
  }
}

/** attack() of every job, in the jobs' order, on `threads` worker threads (weighed by their suppressed cells). */
export async function attackParts(jobs: AttackJob[], threads: number): Promise<AttackResult[]> {
  if (threads <= 1 || jobs.length <= 1) return jobs.map((j) => attack(j.model, j.suppressed, j.options));
  const pool = new DisclosurePool(threads);
  try {
    return await Promise.all(jobs.map((job) => pool.run<AttackResult>({ task: 'attack', job }, hiddenCount(job.model, job.suppressed))));
  } finally {
    await pool.close();
  }
}

/** A part's weight for protection: the cells it may hide (its fixed cells are constants). */
function hideable(job: PartJob): number {
  return job.model.cells.reduce((s, c) => s + (c.fixed ? 0 : 1), 0);
}

/**
 * The cells an attack asks about: suppressed and not fixed (a fixed cell is a constant of the published tables). The
 * one count of them: which parts an audit attacks, how it shares them out, and an attack job's weight.
 */
export function hiddenCount(model: CellModel, suppressed: Uint8Array): number {
  let n = 0;
  for (let c = 0; c < model.cells.length; c++) if (suppressed[c] && !model.cells[c].fixed) n++;
  return n;
}

/**
 * A worker thread of disclosure control running `entry` (through attack/thread.mjs, which registers tsx) with `data`
 * as its workerData; nothing of this process's own command line (a test runner's flags are not a thread's).
 */
export function startThread(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(new URL('./attack/thread.mjs', import.meta.url), { execArgv: [], workerData: { entry: entry.href, ...data } });
}

type Task = { task: 'protect'; job: PartJob } | { task: 'attack'; job: AttackJob };
interface Queued { task: Task; weight: number; resolve: (result: never) => void; reject: (error: Error) => void }

/**
 * Worker threads (part-thread.ts) that protect and attack parts, started when first needed, at most `threads`. A free
 * thread takes the next task: protection before attacks (a part's protection is what its audit waits for), each
 * kind heaviest first, then in the order given. One pool serves protection and the audit's attacks of the parts
 * already protected (audit.ts AuditAhead), so a thread with no part left to protect attacks instead of waiting.
 * Any thread's failure fails every task; close() stops the threads.
 */
export class DisclosurePool {
  private readonly queue: Queued[] = [];
  private readonly idle: Worker[] = [];
  private readonly workers: Worker[] = [];
  private readonly running = new Map<Worker, Queued>();
  private failed: Error | undefined;
  private closed = false;

  constructor(readonly threads: number) {}

  run<R>(task: Task, weight: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.failed || this.closed) { reject(this.failed ?? new Error('disclosure control: the thread pool is closed')); return; }
      const item: Queued = { task, weight, resolve: resolve as (r: never) => void, reject };
      const rank = (q: Queued): number => (q.task.task === 'protect' ? 0 : 1);
      let at = this.queue.findIndex((q) => rank(q) > rank(item) || (rank(q) === rank(item) && q.weight < item.weight));
      if (at < 0) at = this.queue.length;
      this.queue.splice(at, 0, item);
      // after the caller's other tasks of this turn: they are ordered before any is sent
      queueMicrotask(() => this.pump());
    });
  }

  /** Starts every thread now (each loads its modules and the solver, ≈ 1 s), before the first task. */
  warm(): void {
    while (!this.closed && this.workers.length < this.threads) this.idle.push(this.start());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('disclosure control: the thread pool closed before this task ran'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.failed) {
      const worker = this.idle.pop() ?? (this.workers.length < this.threads ? this.start() : undefined);
      if (!worker) return;
      const item = this.queue.shift()!;
      this.running.set(worker, item);
      worker.postMessage(item.task);
    }
  }

  private start(): Worker {
    const worker = startThread(new URL('./part-thread.ts', import.meta.url), {});
    const n = this.workers.push(worker);
    worker.on('message', (result: unknown) => {
      const item = this.running.get(worker);
      if (!item) return; // failed meanwhile
      this.running.delete(worker);
      this.idle.push(worker);
      item.resolve(result as never);
      this.pump();
    });
    worker.once('error', (error) => this.fail(error));
    worker.once('exit', (code) => {
      if (!this.closed) this.fail(new Error(`disclosure control: thread ${n} of ${this.threads} stopped (exit code ${code}) before its results`));
    });
    return worker;
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const item of [...this.running.values(), ...this.queue.splice(0)]) item.reject(error);
    this.running.clear();
  }
}
