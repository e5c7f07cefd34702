// Disclosure control by parts (parts.ts) on worker threads: each thread is sent the next part, largest first, when it
// has finished its last. A part's result depends on the part only, so the result is the same on any number of
// threads (and on this thread alone).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { attack, type AttackResult } from './attack.ts';
import { protectPart, type AttackJob, type PartJob, type PartResult } from './parts.ts';

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

/** The threads `SDC_THREADS` sets for disclosure control (protect's parts and the audit), undefined when unset. */
export function threadsSet(env: NodeJS.ProcessEnv): number | undefined {
  if (env.SDC_THREADS === undefined || env.SDC_THREADS === '') return undefined;
  const n = Number(env.SDC_THREADS);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SDC_THREADS must be a whole number of threads, at least 1: ${env.SDC_THREADS}`);
  return n;
}

/** protectPart of every job, in the jobs' order: on this thread for one thread, else on `threads` worker threads. */
export function protectParts(jobs: PartJob[], threads: number): Promise<PartResult[]> {
  if (threads <= 1 || jobs.length <= 1) return Promise.resolve(jobs.map(protectPart));
  return onThreads(jobs.map((job) => ({ task: 'protect' as const, job })), (j) => j.job.model.cells.length, threads);
}

/** attack() of every job, in the jobs' order, on `threads` worker threads (weighed by their suppressed cells). */
export function attackParts(jobs: AttackJob[], threads: number): Promise<AttackResult[]> {
  if (threads <= 1 || jobs.length <= 1) return Promise.resolve(jobs.map((j) => attack(j.model, j.suppressed, j.options)));
  return onThreads(jobs.map((job) => ({ task: 'attack' as const, job })), (j) => j.job.suppressed.reduce((s, x) => s + x, 0), threads);
}

/**
 * A worker thread of disclosure control running `entry` (through attack/thread.mjs, which registers tsx) with `data`
 * as its workerData; nothing of this process's own command line (a test runner's flags are not a thread's).
 */
export function startThread(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(new URL('./attack/thread.mjs', import.meta.url), { execArgv: [], workerData: { entry: entry.href, ...data } });
}

/** Each task on the next free worker thread (part-thread.ts), heaviest first; the results in the tasks' order. */
async function onThreads<T, R>(tasks: T[], weight: (task: T) => number, threads: number): Promise<R[]> {
  const order = tasks.map((_, i) => i).sort((a, b) => weight(tasks[b]) - weight(tasks[a]) || a - b);
  const results: R[] = new Array(tasks.length);
  const workers: Worker[] = [];
  try {
    const runs: Promise<void>[] = [];
    for (let t = 0; t < Math.min(threads, tasks.length); t++) {
      const worker = startThread(new URL('./part-thread.ts', import.meta.url), {});
      workers.push(worker);
      runs.push(new Promise<void>((resolve, reject) => {
        let current = -1;
        const next = (): void => {
          current = order.shift() ?? -1;
          if (current < 0) { resolve(); return; }
          worker.postMessage(tasks[current]);
        };
        worker.on('message', (result: R) => { results[current] = result; next(); });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`disclosure control: thread ${t + 1} of ${threads} stopped (exit code ${code}) before its results`)));
        next();
      }));
    }
    await Promise.all(runs);
    return results;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
