// Which requests are the explorer's engine — one answer for the tests and the benchmarks (a content page must never
// load it; the benchmarks count its bytes apart). The engine is DuckDB-WASM's module (duckdb-eh.*.wasm or
// duckdb-mvp.*.wasm), the worker's boot script (duckdb-worker-*.js) and the engine's script (engine-worker-*.js):
// the file names src/lib/explorer/engine-files.ts and engine-boot.ts give them, as Vite hashes them.
const ENGINE_FILE = /(?:^|\/)(?:duckdb-[\w.-]+|engine-worker-[\w-]+\.js)$|\.wasm$/i;

/** True when `url` (a full URL, a path, or a server log's "GET /path") names one of the engine's files. */
export function isEngineUrl(url: string): boolean {
  const path = url.replace(/^[A-Z]+ /, '').replace(/[?#].*$/, '');
  return ENGINE_FILE.test(path);
}
