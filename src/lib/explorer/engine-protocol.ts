// What the page and the engine's worker (duckdb-worker.ts) say to each other before DuckDB takes over:
// the worker's start parameters travel in its URL's fragment (so they cannot change the cached script), and
// its reports come back as DuckDB LOG messages whose data is a BootMessage. The files' URLs come from the
// page's build (Vite's ?url imports in engine-boot.ts), so the worker's own bundle carries no copy of them.

export type EngineBundle = 'eh' | 'mvp';

export interface BootParams {
  /** the engine module (.wasm) and DuckDB's worker script for it, both on the worker's own origin */
  wasm: string;
  worker: string;
  /** the module's decoded size, for the progress bar when a compressed response's length cannot say it */
  bytes: number;
}

export type BootMessage =
  | { boot: 'progress'; bytesLoaded: number; bytesTotal: number }
  /** a step, at an absolute time (performance.timeOrigin + now), so the page can place it on its own timeline */
  | { boot: 'mark'; name: string; at: number }
  | { boot: 'failed'; message: string };

export function bootHash(p: BootParams): string {
  return `#${new URLSearchParams({ wasm: p.wasm, worker: p.worker, bytes: String(Math.max(0, Math.round(p.bytes))) })}`;
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
  const worker = resolve(q.get('worker'));
  if (!wasm || !worker) return null;
  const bytes = Number(q.get('bytes'));
  return { wasm, worker, bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : 0 };
}

/** A LOG message from the worker that carries a BootMessage, or null for anything else. */
export function bootMessage(data: unknown): BootMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as { type?: unknown; data?: unknown };
  if (m.type !== 'LOG' || typeof m.data !== 'object' || m.data === null) return null;
  const b = m.data as { boot?: unknown };
  return b.boot === 'progress' || b.boot === 'mark' || b.boot === 'failed' ? (m.data as BootMessage) : null;
}
