/// <reference types="vite/client" />
// The engine's files as the site serves them, one place for their URLs (Vite's ?url imports: importing this
// module downloads nothing). The explore pages name the module in a preload link; engine-boot.ts hands both
// files to the engine's worker.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { EngineBundle } from './engine-protocol';

export const ENGINE_FILES: Record<EngineBundle, { wasm: string; worker: string }> = {
  eh: { wasm: ehWasm, worker: ehWorker },
  mvp: { wasm: mvpWasm, worker: mvpWorker },
};
