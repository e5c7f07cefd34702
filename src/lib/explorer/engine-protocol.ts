// What the page and the engine's worker say to each other. The worker's start parameters travel in its URL's
// fragment (so they cannot change the cached script); the files' URLs come from the page's build (Vite's ?url
// imports in engine-files.ts), so the worker's own bundle carries no copy of them. The page sends queries and
// gets rows back: DuckDB, its Arrow results and the published tables all stay in the worker.
import type { QueryResult } from './result';

export type EngineBundle = 'eh' | 'mvp';

export interface BootParams {
  /** the engine module (.wasm) and the engine's script (engine-worker.ts), both on the worker's own origin */
  wasm: string;
  engine: string;
  /** the folder of datapackage.json and the parquet files */
  data: string;
  /** the module's decoded size, for the progress bar when a compressed response's length cannot say it */
  bytes: number;
  /** count the module's bytes as they arrive and report them (a first visit's download); a returning reader's
   *  module comes from the disk cache in well under a second, and counting it only slowed its compilation */
  progress: boolean;
}

/** From the worker to the page. */
export type WorkerMessage =
  | { boot: 'progress'; bytesLoaded: number; bytesTotal: number }
  /** a step, at an absolute time (performance.timeOrigin + now), so the page can place it on its own timeline */
  | { boot: 'mark'; name: string; at: number }
  | { boot: 'failed'; message: string }
  /** the engine is open and loading the published tables */
  | { boot: 'data' }
  | { boot: 'ready'; tables: string[] }
  | { reply: number; result: QueryResult }
  | { reply: number; error: string };

/** From the page to the worker: one query, answered by a message with `reply` = `query`. */
export interface QueryRequest { query: number; sql: string; maxRows: number }

export function bootHash(p: BootParams): string {
  return `#${new URLSearchParams({ wasm: p.wasm, engine: p.engine, data: p.data, bytes: String(Math.max(0, Math.round(p.bytes))), progress: p.progress ? '1' : '0' })}`;
}

/** The parameters in `hash`, with the URLs resolved against `base` (the worker's own URL); null when a URL is
 *  missing or on another origin: the worker loads nothing it was not built to load. */
export function bootParams(hash: string, base: string): BootParams | null {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const origin = new URL(base).origin;
  const resolve = (v: string | null) => {
    if (!v) return null;
    const u = new URL(v, base);
    return u.origin === origin ? u.href : null;
  };
  const wasm = resolve(q.get('wasm'));
  const engine = resolve(q.get('engine'));
  const data = resolve(q.get('data'));
  if (!wasm || !engine || !data) return null;
  const bytes = Number(q.get('bytes'));
  return { wasm, engine, data, bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : 0, progress: q.get('progress') !== '0' };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A message from the worker, or null for anything else. */
export function workerMessage(data: unknown): WorkerMessage | null {
  if (!isObject(data)) return null;
  if (typeof data.reply === 'number') {
    if (typeof data.error === 'string') return { reply: data.reply, error: data.error };
    const r = data.result;
    return isObject(r) && Array.isArray(r.columns) && Array.isArray(r.rows) ? (data as WorkerMessage) : null;
  }
  switch (data.boot) {
    case 'progress': return typeof data.bytesLoaded === 'number' && typeof data.bytesTotal === 'number' ? (data as WorkerMessage) : null;
    case 'mark': return typeof data.name === 'string' && typeof data.at === 'number' ? (data as WorkerMessage) : null;
    case 'failed': return typeof data.message === 'string' ? (data as WorkerMessage) : null;
    case 'data': return { boot: 'data' };
    case 'ready': return Array.isArray(data.tables) && data.tables.every((t) => typeof t === 'string') ? (data as WorkerMessage) : null;
    default: return null;
  }
}

/** A query from the page, or null for anything else. */
export function queryRequest(data: unknown): QueryRequest | null {
  if (!isObject(data) || typeof data.query !== 'number' || typeof data.sql !== 'string' || typeof data.maxRows !== 'number') return null;
  return { query: data.query, sql: data.sql, maxRows: data.maxRows };
}

/** What the boot script (duckdb-worker.ts) hands the engine's script (engine-worker.ts), which it loads with
 *  importScripts into the same worker: the download and compile it started, the data it fetched, the page's
 *  messages that came before the engine's handler. */
export interface EngineBoot {
  params: BootParams;
  compiled: Promise<WebAssembly.Module>;
  data: Promise<{ name: string; bytes: Uint8Array }[]>;
  queued: MessageEvent[];
  send(m: WorkerMessage): void;
  /** absolute time, for marks */
  now(): number;
}
