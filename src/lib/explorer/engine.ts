/// <reference types="vite/client" />
// The in-browser engine: DuckDB-WASM 1.28.0, self-hosted (Vite emits the .wasm and worker files next to
// the site's own assets), in a worker (started by engine-boot.ts, which downloads and compiles the module:
// duckdb-worker.ts), with every published table loaded into memory and the sandbox locked. 1.28.0 is pinned on purpose: later versions fetch the parquet reader from a CDN (measured: 1.29+ hangs or crashes offline, and online it is a third-party request; the browser suite fails on any request to another origin).
// Browser-only: only the explore page imports this module, and only dynamically.
import * as duckdb from '@duckdb/duckdb-wasm';
import type { ColumnKind, QueryResult } from './result';
import { spawnEngineWorker, type EngineWorker } from './engine-boot';
import type { EngineBundle } from './engine-protocol';

export type EngineStage = 'engine' | 'data' | 'ready';
export interface EngineProgress { stage: EngineStage; bytesLoaded: number; bytesTotal: number }
export interface EngineOptions {
  /** where datapackage.json and the parquet files are, e.g. "/data/" under the site's base */
  dataUrl: string;
  onProgress?: (p: EngineProgress) => void;
  /** results longer than this are cut, so a careless `select *` cannot freeze the page */
  maxRows?: number;
  /** the worker spawnEngineWorker() started, its download under way; started here when absent */
  worker?: EngineWorker;
  /** each engine module's decoded size, for the progress of a compressed download */
  engineBytes?: Partial<Record<EngineBundle, number>>;
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

/** The part of an Arrow table this module reads (apache-arrow's types do not resolve through duckdb-wasm's). */
interface ArrowTable {
  numRows: number;
  schema: { fields: { name: string; type: { typeId: number } }[] };
  getChildAt(i: number): { get(row: number): unknown } | null;
}
interface DataPackage { resources?: { name?: string; path?: string }[] }
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

async function publishedParquet(dataUrl: string): Promise<{ name: string; url: string }[]> {
  const response = await fetch(new URL('datapackage.json', dataUrl));
  if (!response.ok) throw new Error(`datapackage.json: HTTP ${response.status}`);
  const pkg = (await response.json()) as DataPackage;
  return (pkg.resources ?? [])
    .filter((r) => typeof r.path === 'string' && r.path.endsWith('.parquet') && !r.path.includes('/'))
    .map((r) => ({ name: r.path!.slice(0, -'.parquet'.length), url: new URL(r.path!, dataUrl).href }))
    .filter((r) => TABLE_NAME.test(r.name));
}

async function fetchAll(files: { name: string; url: string }[]): Promise<Map<string, Uint8Array>> {
  const buffers = await Promise.all(files.map(async (f) => {
    const response = await fetch(f.url);
    if (!response.ok) throw new Error(`${f.name}.parquet: HTTP ${response.status}`);
    return [f.name, new Uint8Array(await response.arrayBuffer())] as const;
  }));
  return new Map(buffers);
}

// Arrow type ids (apache-arrow's Type enum): Int = 2, Float = 3, Utf8 = 5, Bool = 6, Decimal = 7,
// Date = 8, Timestamp = 10, LargeUtf8 = 20.
function columnKind(typeId: number): ColumnKind {
  switch (typeId) {
    case 2: return 'integer';
    case 3: case 7: return 'number';
    case 5: case 20: return 'text';
    case 6: return 'boolean';
    case 8: case 10: return 'date';
    default: return 'other';
  }
}

function plainValue(value: unknown): unknown {
  // BIGINT arrives as bigint; counts and years fit a double exactly, so give charts a plain number
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'toJSON' in (value as object)) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}

/** A step on the page's performance timeline (read by npm run bench:explorer), on the first start only. */
const mark = (on: boolean, name: string) => { if (on) performance.mark(name); };

async function open(spawned: EngineWorker, data: Promise<Map<string, Uint8Array>>, marks: boolean, onData?: () => void) {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), spawned.worker);
  // The worker started the download and compiles the module as it arrives (duckdb-worker.ts); DuckDB's
  // own request for this URL is answered there with that module, never fetched a second time.
  await Promise.race([db.instantiate(spawned.wasm, null), spawned.failed]);
  mark(marks, 'explorer-wasm-instantiated');
  await db.open({ query: { castDecimalToDouble: true, castTimestampToDate: true } });
  const conn = await db.connect();
  mark(marks, 'explorer-db-opened');
  onData?.();
  const files = await data;
  mark(marks, 'explorer-data-fetched');
  // one round trip to the worker per step, not per table
  await Promise.all([...files].map(([name, bytes]) =>
    // a copy: the buffer is transferred to the worker, and a restart after cancel needs it again
    db.registerFileBuffer(`${name}.parquet`, bytes.slice())));
  await conn.query([...files.keys()].map((name) => `CREATE TABLE "${name}" AS SELECT * FROM '${name}.parquet';`).join('\n'));
  await Promise.all([...files.keys()].map((name) => db.dropFile(`${name}.parquet`)));
  // The sandbox: no file or URL can be read or written from here on, and the setting cannot be undone.
  await conn.query('SET enable_external_access = false; SET lock_configuration = true;');
  mark(marks, 'explorer-tables-loaded');
  return { worker: spawned.worker, db, conn };
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const maxRows = options.maxRows ?? 100_000;
  // the data is small next to the engine: fetch both at once, report the engine's bytes
  const files = publishedParquet(options.dataUrl);
  const buffers = files.then(fetchAll);
  buffers.catch(() => undefined); // reported where it is awaited, inside open()
  const progress = (bytesLoaded: number, bytesTotal: number) => options.onProgress?.({ stage: 'engine', bytesLoaded, bytesTotal });
  const first = options.worker ?? spawnEngineWorker({ bytes: options.engineBytes, onProgress: progress, marks: true });
  let current = open(first, buffers, true, () => options.onProgress?.({ stage: 'data', bytesLoaded: 0, bytesTotal: 0 }));
  let live = await current;
  options.onProgress?.({ stage: 'ready', bytesLoaded: 0, bytesTotal: 0 });
  let cancelRunning: (() => void) | null = null;

  return {
    tables: (await files).map((f) => f.name),
    async query(sql: string): Promise<QueryResult> {
      live = await current;
      const cancelled = new Promise<never>((_, reject) => { cancelRunning = () => reject(new QueryCancelled()); });
      try {
        const table: ArrowTable = await Promise.race([live.conn.query(sql), cancelled]);
        const fields = table.schema.fields;
        const columns = fields.map((f) => ({ name: f.name, kind: columnKind(f.type.typeId) }));
        const n = Math.min(table.numRows, maxRows);
        const vectors = fields.map((_, i) => table.getChildAt(i));
        const rows: unknown[][] = new Array(n);
        for (let r = 0; r < n; r++) rows[r] = vectors.map((v) => plainValue(v?.get(r) ?? null));
        return { columns, rows, truncated: table.numRows > maxRows };
      } finally {
        cancelRunning = null;
      }
    },
    async cancel() {
      if (!cancelRunning) return;
      cancelRunning();
      const old = live;
      old.worker.terminate();
      // a fresh worker: the module comes from the browser's caches (HTTP and compiled code), not the network
      current = open(spawnEngineWorker({ bytes: options.engineBytes }), buffers, false);
      live = await current;
    },
    async close() {
      const l = await current;
      await l.conn.close();
      await l.db.terminate();
    },
  };
}
