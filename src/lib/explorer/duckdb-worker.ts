/// <reference types="vite/client" />
// The engine's worker (a classic worker script, bundled by Vite: engine-boot.ts starts it, naming the files in
// its URL's fragment). This small script runs first and starts everything the engine needs at once:
//
// - the engine's download, the moment this worker starts;
// - its compilation with WebAssembly.compileStreaming on the real network response, so compiling overlaps the
//   download and the browser's compiled-code cache applies on the next visit. DuckDB-WASM 1.28 itself
//   re-wraps the response in a JavaScript stream to count bytes (`new Response(body.pipeThrough(…))`), and a
//   response made in JavaScript is never code-cached; it also reports no progress on many loads;
// - bytes are counted here, from a clone of the response, and posted to the page, which only draws them (on a
//   first visit: a returning reader's module comes from the disk cache, where the clone only slowed the compile);
// - the published tables' parquet files, fetched here beside the engine (not on the page's main thread).
//
// The engine's script (engine-worker.ts: DuckDB's blocking API, the tables, the queries) is then loaded with
// importScripts, but only once the compilation has started and the script is in the HTTP cache (fetched here
// at once, beside the module: an immutable asset). importScripts blocks this thread, and this thread feeds the
// streaming compiler: loaded first, DuckDB's script held the compilation back by its whole download and parse
// (measured: ~450 ms of a cold load). Messages the page sends before the engine's handler exists are queued
// and handed to it in order. When DuckDB instantiates, its own fetch of the module is answered with an empty
// response and its instantiateStreaming with the module compiled here: one request for the engine, compiled
// once.
import { bootParams, type EngineBoot, type WorkerMessage } from './engine-protocol';

declare function importScripts(...urls: string[]): void;
declare function postMessage(message: unknown): void;

const named = bootParams(location.hash, location.href);
if (!named) throw new Error('engine worker: no engine files named');
const params = named;
const wasmUrl = params.wasm;
const now = () => performance.timeOrigin + performance.now();
const send = (data: WorkerMessage) => postMessage(data);

send({ boot: 'mark', name: 'explorer-worker-started', at: now() });
const response = fetch(wasmUrl);
// the engine's script into the HTTP cache, read whole (importScripts below then reads it from there)
const script = fetch(params.engine).then((r) => r.arrayBuffer()).catch(() => undefined);
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
/** Every parquet file datapackage.json lists at the data folder's top, named as its table. */
async function publishedData(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const response = await fetch(new URL('datapackage.json', params.data));
  if (!response.ok) throw new Error(`datapackage.json: HTTP ${response.status}`);
  const pkg = (await response.json()) as { resources?: { path?: unknown }[] };
  const files = (pkg.resources ?? []).map((r) => r.path)
    .filter((p): p is string => typeof p === 'string' && p.endsWith('.parquet') && !p.includes('/'))
    .map((p) => ({ name: p.slice(0, -'.parquet'.length), url: new URL(p, params.data).href }))
    .filter((f) => TABLE_NAME.test(f.name));
  return Promise.all(files.map(async (f) => {
    const r = await fetch(f.url);
    if (!r.ok) throw new Error(`${f.name}.parquet: HTTP ${r.status}`);
    return { name: f.name, bytes: new Uint8Array(await r.arrayBuffer()) };
  }));
}
const data = publishedData();
data.catch(() => undefined); // reported where the engine's script awaits it
// the page's messages until the engine's script has set its own handler
const queued: MessageEvent[] = [];
self.onmessage = (e: MessageEvent) => { queued.push(e); };
let compiling: () => void = () => undefined;
const started = new Promise<void>((resolve) => { compiling = resolve; });

/** Counts the body's bytes as they arrive, from a clone (the original goes to the compiler untouched). */
async function countBytes(r: Response) {
  const encoded = r.headers.has('content-encoding');
  const length = Number(r.headers.get('content-length')) || 0;
  // a compressed response's Content-Length counts compressed bytes, the stream gives decoded ones
  const total = encoded || !length ? params.bytes : length;
  const reader = r.body!.getReader();
  let loaded = 0;
  let sent = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    const t = performance.now();
    // a few reports a second: each one is work on the page's main thread (the bar and the text)
    if (t - sent >= 200) {
      sent = t;
      send({ boot: 'progress', bytesLoaded: loaded, bytesTotal: Math.max(total, loaded) });
    }
  }
  send({ boot: 'progress', bytesLoaded: loaded, bytesTotal: Math.max(total, loaded) });
  send({ boot: 'mark', name: 'explorer-wasm-downloaded', at: now() });
}

const compiled: Promise<WebAssembly.Module> = response.then((r) => {
  if (!r.ok) throw new Error(`engine download failed: HTTP ${r.status} ${wasmUrl}`);
  send({ boot: 'mark', name: 'explorer-wasm-response', at: now() });
  // uncounted, the last byte's time is unknown: the benchmark shows no figure for it rather than a wrong one
  if (params.progress) void countBytes(r.clone()).catch(() => undefined);
  const module = WebAssembly.compileStreaming(r);
  compiling();
  return module;
}).then((module) => {
  send({ boot: 'mark', name: 'explorer-wasm-compiled', at: now() });
  return module;
});
compiled.catch((e: unknown) => {
  compiling();
  send({ boot: 'failed', message: e instanceof Error ? e.message : String(e) });
});

const realFetch = self.fetch.bind(self);
self.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : new URL(String(input), location.href).href;
  // DuckDB's own request for the module: it gets the module compiled above instead (instantiateStreaming below)
  if (url === wasmUrl) return Promise.resolve(new Response(null, { status: 200, headers: { 'Content-Type': 'application/wasm' } }));
  return realFetch(input, init);
};
WebAssembly.instantiateStreaming = async (source, imports) => {
  // DuckDB's wrapped empty response: nothing to read, but let go of it
  void Promise.resolve(source).then((r) => r.body?.cancel()).catch(() => undefined);
  const module = await compiled;
  const instance = await WebAssembly.instantiate(module, imports);
  return { module, instance };
};

const boot: EngineBoot = { params, compiled, data, queued, send, now };
(self as unknown as { engineBoot: EngineBoot }).engineBoot = boot;

void Promise.all([started, script]).then(() => {
  try {
    importScripts(params.engine);
  } catch (e) {
    send({ boot: 'failed', message: `engine script: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  send({ boot: 'mark', name: 'explorer-worker-script', at: now() });
});
