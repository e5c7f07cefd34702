/// <reference types="vite/client" />
// The engine's script, loaded by the boot script (duckdb-worker.ts) into the same worker with importScripts once
// the engine's compilation has started: DuckDB-WASM 1.28.0's blocking API (the engine is this worker's alone),
// every published table loaded into memory and the sandbox locked, then queries answered as plain rows. The
// page never loads DuckDB's JavaScript or Apache Arrow: their start, the parquet files and the decoding of
// every result stay off its main thread (on a phone each was a long task while the reader waited).
// 1.28.0 is pinned on purpose: later versions fetch the parquet reader from a CDN (measured: 1.29+ hangs or
// crashes offline, and online it is a third-party request; the browser suite fails on any request to another
// origin).
import { BROWSER_RUNTIME, VoidLogger, createDuckDB, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { queryRequest, type EngineBoot } from './engine-protocol';
import type { ColumnKind, QueryResult } from './result';

const boot = (self as unknown as { engineBoot?: EngineBoot }).engineBoot;
if (!boot) throw new Error('engine script: loaded without the engine worker');
const { params, send, now } = boot;
const mark = (name: string) => send({ boot: 'mark', name, at: now() });

/** The part of an Arrow table this module reads. */
interface ArrowTable {
  numRows: number;
  schema: { fields: { name: string; type: { typeId: number } }[] };
  getChildAt(i: number): { get(row: number): unknown } | null;
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

/** A result as rows of plain values (what structured cloning carries to the page), cut at `maxRows`. */
function plainResult(table: ArrowTable, maxRows: number): QueryResult {
  const fields = table.schema.fields;
  const columns = fields.map((f) => ({ name: f.name, kind: columnKind(f.type.typeId) }));
  const n = Math.min(table.numRows, maxRows);
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows: unknown[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = vectors.map((v) => plainValue(v?.get(r) ?? null));
  return { columns, rows, truncated: table.numRows > maxRows };
}

async function open(): Promise<DuckDBConnection> {
  // the module the boot script compiles is the one the page chose (eh or mvp, by the same feature test as
  // DuckDB's selectBundle): DuckDB's request for it is answered there
  const bundle = { mainModule: params.wasm, mainWorker: '' };
  const db = await createDuckDB({ mvp: bundle, eh: bundle }, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => undefined);
  mark('explorer-wasm-instantiated');
  db.open({ query: { castDecimalToDouble: true, castTimestampToDate: true } });
  const conn = db.connect();
  mark('explorer-db-opened');
  send({ boot: 'data' });
  const files = await boot!.data;
  mark('explorer-data-fetched');
  for (const f of files) db.registerFileBuffer(`${f.name}.parquet`, f.bytes);
  const create = (f: { name: string }) => `CREATE TABLE "${f.name}" AS SELECT * FROM '${f.name}.parquet';`;
  // the first table apart, for the benchmark: on a first visit it costs most of this step (the parquet reader's
  // first run, each of its functions compiled by the browser as it is first called), the rest a few ms each
  if (files.length > 0) conn.query(create(files[0]));
  mark('explorer-first-table');
  if (files.length > 1) conn.query(files.slice(1).map(create).join('\n'));
  for (const f of files) db.dropFile(`${f.name}.parquet`);
  // The sandbox: no file or URL can be read or written from here on, and the setting cannot be undone.
  conn.query('SET enable_external_access = false; SET lock_configuration = true;');
  mark('explorer-tables-loaded');
  send({ boot: 'ready', tables: files.map((f) => f.name) });
  return conn;
}

const ready = open();
ready.catch((e: unknown) => send({ boot: 'failed', message: e instanceof Error ? e.message : String(e) }));

function answer(data: unknown) {
  const q = queryRequest(data);
  if (!q) return;
  void ready.then((conn) => {
    try {
      send({ reply: q.query, result: plainResult(conn.query(q.sql) as unknown as ArrowTable, q.maxRows) });
    } catch (e) {
      send({ reply: q.query, error: e instanceof Error ? e.message : String(e) });
    }
  }, () => undefined);
}

// the engine's handler replaces the boot script's queue: the messages that came before it, in order
self.onmessage = (e: MessageEvent) => answer(e.data);
for (const e of boot.queued.splice(0)) answer(e.data);
