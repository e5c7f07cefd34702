/// <reference types="vite/client" />
// The engine's files as the site serves them, one place for their URLs (Vite's ?url imports: importing this
// module downloads nothing); engine-boot.ts hands them to the engine's worker. No page names them in its
// HTML (a preload link would make a reader without JavaScript or WebAssembly download 18 MB for nothing).
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import engineScript from './engine-worker?worker&url';
import type { EngineBundle } from './engine-protocol';

/** The engine module of each bundle (the worker compiles the one the browser can run). */
export const ENGINE_WASM: Record<EngineBundle, string> = { eh: ehWasm, mvp: mvpWasm };

/** The engine's script (DuckDB's blocking API and the queries), loaded by the worker once compiling has started. */
export const ENGINE_SCRIPT: string = engineScript;
