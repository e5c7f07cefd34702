// The in-browser engine as the page sees it: DuckDB-WASM 1.28.0, self-hosted, in a worker (engine-boot.ts
// starts it; duckdb-worker.ts downloads and compiles the module and fetches the published tables;
// engine-worker.ts loads them and answers queries). The page sends SQL and gets plain rows: nothing of
// DuckDB or Apache Arrow runs on its main thread. A query is cancelled by ending the worker, and a fresh,
// identical engine starts from the browser's caches.
// Browser-only: only the explore page imports this module.
import type { QueryResult } from './result';
import { rememberEngine, spawnEngineWorker, type EngineWorker } from './engine-boot';
import type { EngineBundle } from './engine-protocol';

export type EngineStage = 'engine' | 'data' | 'ready';
export interface EngineProgress { stage: EngineStage; bytesLoaded: number; bytesTotal: number }
export interface EngineOptions {
  /** where datapackage.json and the parquet files are, e.g. "/data/" under the site's base */
  dataUrl: string;
  onProgress?: (p: EngineProgress) => void;
  /** results longer than this are cut, so a careless `select *` cannot freeze the page */
  maxRows?: number;
  /** each engine module's decoded size, for the progress of a compressed download */
  engineBytes?: Partial<Record<EngineBundle, number>>;
  /** this browser has run this engine before (engineSeen): no download to count */
  returning?: boolean;
}
export interface Engine {
  tables: string[];
  query(sql: string): Promise<QueryResult>;
  /** Stops a running query by terminating the worker, then starts a fresh, identical engine. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

export class QueryCancelled extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelled';
  }
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const maxRows = options.maxRows ?? 100_000;
  const spawn = (first: boolean): EngineWorker => spawnEngineWorker({
    dataUrl: options.dataUrl,
    bytes: options.engineBytes,
    marks: first,
    // a returning reader's module and a restart's come from the browser's caches (HTTP and compiled code): no
    // download to show
    onProgress: first && !options.returning ? (bytesLoaded, bytesTotal) => options.onProgress?.({ stage: 'engine', bytesLoaded, bytesTotal }) : undefined,
    onData: first ? () => options.onProgress?.({ stage: 'data', bytesLoaded: 0, bytesTotal: 0 }) : undefined,
  });
  let live = spawn(true);
  const tables = await live.ready;
  rememberEngine();
  options.onProgress?.({ stage: 'ready', bytesLoaded: 0, bytesTotal: 0 });
  let restarting: Promise<unknown> = Promise.resolve();
  let running = 0;

  return {
    tables,
    async query(sql: string): Promise<QueryResult> {
      await restarting;
      running++;
      try {
        return await live.query(sql, maxRows);
      } finally {
        running--;
      }
    },
    async cancel() {
      if (running === 0) return;
      live.terminate(new QueryCancelled());
      live = spawn(false);
      restarting = live.ready;
      await restarting;
    },
    async close() {
      live.terminate(new Error('engine closed'));
    },
  };
}
