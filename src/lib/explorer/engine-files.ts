/// <reference types="vite/client" />
// The engine's files as the site serves them, one place for their URLs (Vite's ?url imports: importing this
// module downloads nothing); engine-boot.ts hands them to the engine's worker. No page names them in its
// HTML (a preload link would make a reader without JavaScript or WebAssembly download 18 MB for nothing).
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { EngineBundle } from './engine-protocol';

export const ENGINE_FILES: Record<EngineBundle, { wasm: string; worker: string }> = {
  eh: { wasm: ehWasm, worker: ehWorker },
  mvp: { wasm: mvpWasm, worker: mvpWorker },
};
