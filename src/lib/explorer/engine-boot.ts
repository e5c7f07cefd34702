/// <reference types="vite/client" />
// Starts the engine's worker, which starts the engine's download and the published data's at once
// (duckdb-worker.ts), and speaks to it: the worker's reports, its readiness, the queries and their rows.
// Small on purpose: nothing of DuckDB or Apache Arrow runs on the page. Nothing here downloads the engine
// until spawnEngineWorker() is called, and only the explore page calls it.
import workerUrl from './duckdb-worker?worker&url';
import { ENGINE_SCRIPT, ENGINE_WASM } from './engine-files';
import { bootHash, workerMessage, type EngineBundle, type QueryRequest } from './engine-protocol';
import type { QueryResult } from './result';

// WebAssembly exception handling, the test DuckDB-WASM's selectBundle uses (wasm-feature-detect's
// `exceptions`): the 'eh' engine needs it, the 'mvp' engine is the fallback.
const EH_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

let bundleOfThisBrowser: EngineBundle | undefined;
/** Decided once per page: the probe is the page's first use of WebAssembly, a task of its own. */
export function engineBundle(): EngineBundle {
  if (!bundleOfThisBrowser) {
    try {
      bundleOfThisBrowser = WebAssembly.validate(EH_PROBE) ? 'eh' : 'mvp';
    } catch {
      bundleOfThisBrowser = 'mvp';
    }
  }
  return bundleOfThisBrowser;
}

const SEEN_KEY = 'explorer-engine';
/** Whether this browser has run this very engine module before (its file name is its content's hash): then it is
 *  in the disk cache with its compiled code, and starting it before the first paint delays no paint behind a
 *  download. Only the module's address is kept (localStorage), nothing about the reader or their queries. */
export function engineSeen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === ENGINE_WASM[engineBundle()];
  } catch {
    return false;
  }
}
export function rememberEngine(): void {
  try {
    localStorage.setItem(SEEN_KEY, ENGINE_WASM[engineBundle()]);
  } catch {
    // storage off: every visit starts after the first paint, as a first visit does
  }
}

export interface SpawnOptions {
  /** where datapackage.json and the parquet files are, e.g. "/data/" under the site's base */
  dataUrl: string;
  /** each engine module's decoded size (Explorer.astro measures them at build time) */
  bytes?: Partial<Record<EngineBundle, number>>;
  /** counts the module's bytes as they arrive (a download someone is shown; not a returning reader's engine,
   *  which comes from the disk cache, where counting only slowed the compile) */
  onProgress?: (bytesLoaded: number, bytesTotal: number) => void;
  /** the engine is open and loading the tables */
  onData?: () => void;
  /** put the worker's steps on the page's performance timeline (the first start only, not a restart) */
  marks?: boolean;
}

export interface EngineWorker {
  /** the published tables, once loaded; rejects if the worker says the engine cannot be loaded */
  ready: Promise<string[]>;
  /** one query's rows (at most maxRows), or its error as DuckDB words it */
  query(sql: string, maxRows: number): Promise<QueryResult>;
  /** ends the worker; a query under way rejects with `reason` */
  terminate(reason: Error): void;
}

export function spawnEngineWorker(options: SpawnOptions): EngineWorker {
  const bundle = engineBundle();
  const absolute = (u: string) => new URL(u, location.href).href;
  const hash = bootHash({ wasm: absolute(ENGINE_WASM[bundle]), engine: absolute(ENGINE_SCRIPT), data: absolute(options.dataUrl), bytes: options.bytes?.[bundle] ?? 0, progress: options.onProgress !== undefined });
  const worker = new Worker(`${workerUrl}${hash}`);
  if (options.marks) performance.mark('explorer-worker-spawned');
  let settle: { resolve: (t: string[]) => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<string[]>((resolve, reject) => { settle = { resolve, reject }; });
  ready.catch(() => undefined); // awaited by engine.ts; never an unhandled rejection here
  const pending = new Map<number, { resolve: (r: QueryResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  const fail = (e: Error) => {
    settle?.reject(e);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = workerMessage(e.data);
    if (!m) return;
    if ('reply' in m) {
      const p = pending.get(m.reply);
      pending.delete(m.reply);
      if ('error' in m) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    } else if (m.boot === 'progress') options.onProgress?.(m.bytesLoaded, m.bytesTotal);
    else if (m.boot === 'mark') {
      if (options.marks) performance.mark(m.name, { startTime: Math.max(0, m.at - performance.timeOrigin) });
    } else if (m.boot === 'data') options.onData?.();
    else if (m.boot === 'ready') settle?.resolve(m.tables);
    else fail(new Error(m.message));
  });
  worker.addEventListener('error', (e: ErrorEvent) => fail(new Error(e.message || 'the engine worker did not start')));
  return {
    ready,
    query(sql, maxRows) {
      const id = next++;
      const request: QueryRequest = { query: id, sql, maxRows };
      return new Promise<QueryResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage(request);
      });
    },
    terminate(reason) {
      worker.terminate();
      fail(reason);
    },
  };
}
