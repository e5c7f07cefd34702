/// <reference types="vite/client" />
// Starts the engine's worker, which starts the engine's download at once (duckdb-worker.ts). Small on
// purpose: the explorer's own script imports it statically and calls it first thing, before the engine's
// JavaScript (engine.ts, loaded on demand) has even been requested. Nothing here downloads the engine
// until spawnEngineWorker() is called, and only the explore page calls it.
import workerUrl from './duckdb-worker?worker&url';
import { ENGINE_FILES } from './engine-files';
import { bootHash, bootMessage, type EngineBundle } from './engine-protocol';

// WebAssembly exception handling, the test DuckDB-WASM's selectBundle uses (wasm-feature-detect's
// `exceptions`): the 'eh' engine needs it, the 'mvp' engine is the fallback.
const EH_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

export function engineBundle(): EngineBundle {
  try {
    return WebAssembly.validate(EH_PROBE) ? 'eh' : 'mvp';
  } catch {
    return 'mvp';
  }
}

export interface SpawnOptions {
  /** each engine module's decoded size (Explorer.astro measures them at build time) */
  bytes?: Partial<Record<EngineBundle, number>>;
  onProgress?: (bytesLoaded: number, bytesTotal: number) => void;
  /** put the worker's steps on the page's performance timeline (the first start only, not a restart) */
  marks?: boolean;
}

export interface EngineWorker {
  worker: Worker;
  bundle: EngineBundle;
  /** the module's absolute URL: DuckDB's instantiate() is given this one, which the worker answers itself */
  wasm: string;
  /** rejects if the worker says the engine cannot be loaded (DuckDB would otherwise wait for ever) */
  failed: Promise<never>;
}

export function spawnEngineWorker(options: SpawnOptions = {}): EngineWorker {
  const bundle = engineBundle();
  const files = ENGINE_FILES[bundle];
  const absolute = (u: string) => new URL(u, location.href).href;
  const worker = new Worker(`${workerUrl}${bootHash({ wasm: absolute(files.wasm), worker: absolute(files.worker), bytes: options.bytes?.[bundle] ?? 0 })}`);
  if (options.marks) performance.mark('explorer-worker-spawned');
  let fail: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  failed.catch(() => undefined); // awaited in a race by engine.ts; never an unhandled rejection here
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = bootMessage(e.data);
    if (!m) return;
    if (m.boot === 'progress') options.onProgress?.(m.bytesLoaded, m.bytesTotal);
    else if (m.boot === 'mark') {
      if (options.marks) performance.mark(m.name, { startTime: Math.max(0, m.at - performance.timeOrigin) });
    } else fail(new Error(m.message));
  });
  worker.addEventListener('error', (e: ErrorEvent) => fail(new Error(e.message || 'the engine worker did not start')));
  return { worker, bundle, wasm: absolute(files.wasm), failed };
}
