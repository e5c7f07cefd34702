// npm run bench:explorer — the explorer on a local server in Chromium: navigation start → first result row
// of a ?sql= permalink, cold (a fresh browser profile: empty HTTP and code caches) and warm (later visits in
// the same profile, whose disk caches keep the engine and its compiled code as a returning reader's browser
// does, after a first visit that asked the example questions; an incognito context keeps only a small
// in-memory cache and no compiled code), each step
// of the way (the page's User Timing marks, the engine worker's steps placed on the page's timeline), the
// bytes the engine costs, and per-query times for the example questions.
//
// Served three ways (BENCH_ENCODINGS, default identity,gzip,br): uncompressed (support/browser/harness.ts),
// and compressed as a real host serves it (support/browser/gzip-server.ts: a precompressed file.gz / file.br
// next to the file when the build made one, as nginx's gzip_static / brotli_static send it; otherwise
// node:zlib on the fly, gzip level 6 or brotli quality 5, compressed once before the measured loads).
// Also measures the engine's floor in the same run: a bare page whose worker only downloads and compiles the same
// .wasm, served the same way. Prints medians of BENCH_RUNS loads (default 5). Goal (issue 14): first result ≤ 1.4 s cold and ≤ 0.8 s
// warm, served compressed. The machine's load average is printed: the figures are wall-clock times.
// Uses dist/ (built if stale, see support/browser/site.ts) or E2E_DIST. Writes bench-output/explorer.json.
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, openPage, startServer, type RequestRecord, type StaticServer } from '../../support/browser/harness';
import { startGzipServer } from '../../support/browser/gzip-server';
import { isEngineUrl } from '../../support/browser/engine';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';
import { EXAMPLES } from '../../src/lib/explorer/examples';
import { median } from './stats';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));
const QUERY_REPEATS = Number(process.env.BENCH_QUERY_REPEATS ?? 10);
type Mode = 'identity' | 'gzip' | 'br';
const MODES = (process.env.BENCH_ENCODINGS ?? 'identity,gzip,br').split(',').map((m) => m.trim()) as Mode[];
const GOAL = { cold: 1400, warm: 800 };

/** The steps, in the order a load passes them: [mark name, what it is]. */
const STEPS: [string, string][] = [
  ['document', 'page HTML received'],
  ['explorer-boot', 'explorer script running'],
  ['explorer-worker-spawned', 'engine worker created'],
  ['explorer-worker-started', 'engine worker running'],
  ['explorer-wasm-response', 'engine .wasm: response headers'],
  ['explorer-worker-script', 'engine script loaded (worker)'],
  ['explorer-wasm-downloaded', 'engine .wasm: last byte'],
  ['explorer-wasm-compiled', 'engine .wasm: compiled (streaming)'],
  ['explorer-wasm-instantiated', 'engine instantiated'],
  ['explorer-db-opened', 'database opened'],
  ['explorer-data-fetched', 'parquet files fetched'],
  ['explorer-first-table', 'first table loaded'],
  ['explorer-tables-loaded', 'tables loaded, sandbox locked'],
  ['explorer-engine-ready', 'engine ready'],
  ['explorer-first-query', 'first query answered'],
  ['explorer-first-result', 'first result shown'],
];

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)}` : '–');
const mb = (x: number) => `${(x / 1e6).toFixed(2)} MB`;

type Marks = Record<string, number>;

async function readMarks(page: Page): Promise<Marks> {
  // waited for by an observer inside the page, not by polling: Playwright's default polls on every animation
  // frame, which makes the page draw a frame each time — main-thread work of the benchmark's own in what it measures
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    setTimeout(() => reject(new Error('no first result within 120 s')), 120_000);
    if (performance.getEntriesByName('explorer-first-result').length > 0) return resolve();
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('explorer-first-result').length > 0) { observer.disconnect(); resolve(); }
    }).observe({ type: 'mark', buffered: true });
  }));
  // no named helpers inside evaluate(): tsx would wrap them in a __name() the page does not have
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('explorer-') && !(m.name in out)) out[m.name] = m.startTime;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    out.document = nav?.responseEnd ?? NaN;
    out.state = document.querySelector('#result')?.getAttribute('data-state') === 'done' ? 1 : 0;
    return out;
  });
}

interface Transfer { total: number; engine: number; data: number; wasmRequests: number; wasmBytes: number; foreign: number }
function transferOf(requests: RequestRecord[], foreign: number): Transfer {
  // a response from the cache has no body size (Playwright says -1): nothing transferred
  const sized = requests.filter((r) => r.bytes !== undefined).map((r) => ({ ...r, bytes: Math.max(0, r.bytes ?? 0) }));
  const sum = (rs: RequestRecord[]) => rs.reduce((n, r) => n + (r.bytes ?? 0), 0);
  const wasm = requests.filter((r) => /\.wasm(\?|#|$)/.test(r.url));
  return {
    total: sum(sized), engine: sum(sized.filter((r) => isEngineUrl(r.url))), data: sum(sized.filter((r) => r.url.includes('/data/'))),
    wasmRequests: wasm.length, wasmBytes: sum(wasm), foreign,
  };
}

/** A browser with a profile of its own on disk (disk cache and compiled-code cache), as a reader's. */
async function profile(): Promise<{ context: BrowserContext; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-explorer-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 900 },
  });
  return { context, dir, async close() { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

// openPage only uses its browser to make a context, and it is always given one here
const NO_BROWSER = null as unknown as Browser;

async function measure(server: StaticServer, url: string) {
  // one unmeasured load, so an on-the-fly compressor has compressed everything before the clock runs
  const first = await profile();
  const warmup = await openPage(NO_BROWSER, url, { context: first.context, blockForeign: false });
  await warmup.page.goto(url);
  await readMarks(warmup.page);
  await first.close();

  const cold: Marks[] = [];
  let coldTransfer: Transfer | undefined;
  for (let i = 0; i < RUNS; i++) {
    const fresh = await profile();
    const p = await openPage(NO_BROWSER, url, { context: fresh.context, blockForeign: false });
    await p.page.goto(url);
    const m = await readMarks(p.page);
    if (!m.state) throw new Error(`${server.url}: cold run ${i}: the first query did not end in a result`);
    cold.push(m);
    if (i === 0) {
      await p.page.waitForTimeout(300); // let the size accounting of the last responses settle
      coldTransfer = transferOf(p.requests, p.foreignRequests.length);
    }
    p.assertSameOrigin();
    await fresh.close();
  }

  // warm: one profile; the first visit fills the disk cache (and, for the engine, the compiled-code cache)
  const kept = await profile();
  const warmPage = await openPage(NO_BROWSER, url, { context: kept.context, blockForeign: false });
  await warmPage.page.goto(url);
  await readMarks(warmPage.page);
  // A returning reader asked a few questions on the first visit: Chromium writes a module's compiled code to
  // its code cache once enough of it has been optimised (V8's tier-up), not right after compiling. Ask the
  // example questions until it has (at most 60 s), and say whether it did.
  const codeCache = () => {
    const size = (d: string): number => {
      try {
        return readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
      } catch { return 0; }
    };
    return size(join(kept.dir, 'Default', 'Code Cache', 'wasm'));
  };
  const deadline = Date.now() + 60_000;
  while (codeCache() < 1e6 && Date.now() < deadline) {
    await warmPage.page.evaluate(async (sqls) => {
      const engine = (document.querySelector('sql-explorer') as unknown as { engine: { query(s: string): Promise<unknown> } }).engine;
      for (const sql of sqls) await engine.query(sql);
    }, EXAMPLES.map((e) => e.sql('vi')));
    await warmPage.page.waitForTimeout(300);
  }
  const codeCacheBytes = codeCache();
  const warm: Marks[] = [];
  let warmTransfer: Transfer | undefined;
  for (let i = 0; i < RUNS; i++) {
    const before = warmPage.requests.length;
    await warmPage.page.goto(url);
    warm.push(await readMarks(warmPage.page));
    if (i === RUNS - 1) {
      await warmPage.page.waitForTimeout(300);
      warmTransfer = transferOf(warmPage.requests.slice(before), 0);
    }
  }
  return { cold, warm, coldTransfer: coldTransfer!, warmTransfer: warmTransfer!, codeCacheBytes, warmPage, close: kept.close };
}

async function perQuery(page: Page) {
  const out: { id: string; rows: number; engine: number; page: number }[] = [];
  for (const ex of EXAMPLES) {
    const sql = ex.sql('vi');
    const engineTimes = await page.evaluate(async ({ sql, n }) => {
      const engine = (document.querySelector('sql-explorer') as unknown as { engine: { query(s: string): Promise<{ rows: unknown[] }> } }).engine;
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        rows = (await engine.query(sql)).rows.length;
        times.push(performance.now() - t);
      }
      return { times, rows };
    }, { sql, n: QUERY_REPEATS });
    const pageTimes: number[] = [];
    for (let i = 0; i < QUERY_REPEATS; i++) {
      const before = Number(await page.getAttribute('#result', 'data-runs'));
      await page.fill('#sql', sql);
      await page.click('[data-run]');
      await page.waitForFunction((k) => Number(document.querySelector('#result')?.getAttribute('data-runs')) > k, before, { polling: 20 });
      // measured inside the page (guard, engine, Arrow → rows, table drawn), without Playwright's round trips
      pageTimes.push(await page.evaluate(() => performance.getEntriesByName('explorer-run').at(-1)?.duration ?? NaN));
    }
    out.push({ id: ex.id, rows: engineTimes.rows, engine: median(engineTimes.times), page: median(pageTimes) });
  }
  return out;
}

/**
 * The engine's floor on this machine, in this run: a bare page whose worker only downloads and compiles the same
 * .wasm (streaming, from the network response; no DuckDB, no data, nothing else on the page), served the same
 * way: navigation start → compiled. Cold: a fresh profile; warm: later visits in one profile (disk cache). The
 * explorer's first result cannot come before this plus the engine's start, tables and query.
 */
async function floor(mode: Mode): Promise<{ cold: number; warm: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const wasm = readdirSync(join(DIST, '_astro')).find((f) => /^duckdb-eh\..*\.wasm$/.test(f));
  if (!wasm) throw new Error('no duckdb-eh .wasm in dist/_astro');
  mkdirSync(join(dir, '_astro'));
  for (const ext of ['', '.gz', '.br']) {
    if (existsSync(join(DIST, '_astro', wasm + ext))) symlinkSync(join(DIST, '_astro', wasm + ext), join(dir, '_astro', wasm + ext));
  }
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><title>floor</title><script>new Worker('/floor-worker.js').onmessage = (e) => performance.mark('floor-compiled', { startTime: e.data - performance.timeOrigin });</script></html>`);
  writeFileSync(join(dir, 'floor-worker.js'), `WebAssembly.compileStreaming(fetch('/_astro/${wasm}')).then(() => postMessage(performance.timeOrigin + performance.now()));`);
  const server = mode === 'identity' ? await startServer(dir) : await startGzipServer(dir, { encodings: mode === 'br' ? ['br', 'gzip'] : ['gzip'] });
  const compiled = async (page: Page) => page.evaluate(() => new Promise<number>((resolve, reject) => {
    setTimeout(() => reject(new Error('bare compile: nothing within 60 s')), 60_000);
    new PerformanceObserver((list, observer) => {
      const m = list.getEntriesByName('floor-compiled')[0];
      if (m) { observer.disconnect(); resolve(m.startTime); }
    }).observe({ type: 'mark', buffered: true });
  }));
  try {
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await profile();
      const page = await fresh.context.newPage();
      await page.goto(server.url);
      cold.push(await compiled(page));
      await fresh.close();
    }
    const kept = await profile();
    const page = await kept.context.newPage();
    await page.goto(server.url);
    await compiled(page);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(server.url);
      warm.push(await compiled(page));
    }
    await kept.close();
    return { cold: median(cold), warm: median(warm) };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await ensureSite();
const firstSql = EXAMPLES[0].sql('vi');
const loadBefore = loadavg()[0];
const results: Record<string, { cold: Marks[]; warm: Marks[]; coldTransfer: Transfer; warmTransfer: Transfer; codeCacheBytes: number }> = {};
let queries: Awaited<ReturnType<typeof perQuery>> = [];
const floors: Partial<Record<Mode, { cold: number; warm: number }>> = {};
for (const mode of MODES) {
  const server = mode === 'identity' ? await startServer(DIST) : await startGzipServer(DIST, { encodings: mode === 'br' ? ['br', 'gzip'] : ['gzip'] });
  const url = `${server.url}explore/?sql=${encodeURIComponent(firstSql)}`;
  const r = await measure(server, url);
  floors[mode] = await floor(mode);
  if (mode === MODES.at(-1)) queries = await perQuery(r.warmPage.page);
  r.warmPage.assertSameOrigin();
  await r.close();
  await server.close();
  results[mode] = { cold: r.cold, warm: r.warm, coldTransfer: r.coldTransfer, warmTransfer: r.warmTransfer, codeCacheBytes: r.codeCacheBytes };
}
const wasmFile = readFileSync(join(ROOT, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
const medians = (runs: Marks[]) => Object.fromEntries(STEPS.map(([k]) => [k, median(runs.map((m) => m[k]))]));
const summary = Object.fromEntries(MODES.map((m) => [m, {
  cold: medians(results[m].cold), warm: medians(results[m].warm),
  coldFirstResult: results[m].cold.map((x) => Math.round(x['explorer-first-result'])),
  warmFirstResult: results[m].warm.map((x) => Math.round(x['explorer-first-result'])),
  coldTransfer: results[m].coldTransfer, warmTransfer: results[m].warmTransfer, codeCacheBytes: results[m].codeCacheBytes,
}]));
const loadAfter = loadavg()[0];

const out: string[] = [];
out.push(`explorer benchmark — Chromium, ${RUNS} page loads per column (medians, ms from navigation start), permalink ?sql= of example "${EXAMPLES[0].id}"`);
out.push(`  machine load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
const header = ['step'.padEnd(38), ...MODES.flatMap((m) => [`${m} cold`.padStart(13), `${m} warm`.padStart(13)])].join('');
out.push(header);
for (const [k, label] of STEPS) {
  out.push([label.padEnd(38), ...MODES.flatMap((m) => [ms(summary[m].cold[k]).padStart(13), ms(summary[m].warm[k]).padStart(13)])].join(''));
}
for (const m of MODES) {
  const s = summary[m];
  out.push(`  ${m}: first result, cold runs ${s.coldFirstResult.join(', ')}; warm runs ${s.warmFirstResult.join(', ')} (engine's compiled code in the browser's cache before the warm runs: ${mb(s.codeCacheBytes)})`);
  const f = floors[m]!;
  out.push(`  ${m}: floor — a bare page that only downloads and compiles the same .wasm: cold ${ms(f.cold)}, warm ${ms(f.warm)}; the explorer's first result is ${ms(s.cold['explorer-first-result'] - f.cold)} / ${ms(s.warm['explorer-first-result'] - f.warm)} ms after it (cold / warm)`);
  out.push(`  ${m}: transferred on a cold load ${mb(s.coldTransfer.total)} (engine ${mb(s.coldTransfer.engine)}, of which .wasm ${mb(s.coldTransfer.wasmBytes)} in ${s.coldTransfer.wasmRequests} request(s); data ${(s.coldTransfer.data / 1e3).toFixed(1)} kB); on a warm visit ${(s.warmTransfer.total / 1e3).toFixed(1)} kB (engine ${(s.warmTransfer.engine / 1e3).toFixed(1)} kB); requests to other origins: ${s.coldTransfer.foreign}`);
}
out.push(`  duckdb-eh.wasm: ${mb(wasmFile.length)} raw, ${mb(gzipSync(wasmFile, { level: 6 }).length)} gzip -6`);
if (queries.length) {
  out.push(`  per query (median of ${QUERY_REPEATS}, ${MODES.at(-1)} server, warm engine):`);
  for (const q of queries) out.push(`    ${q.id.padEnd(18)} ${String(q.rows).padStart(4)} rows   engine ${q.engine.toFixed(1).padStart(6)} ms   run → shown ${q.page.toFixed(1).padStart(6)} ms`);
}
const compressed = MODES.filter((m) => m !== 'identity');
const goals = compressed.map((m) => {
  const c = summary[m].cold['explorer-first-result'];
  const w = summary[m].warm['explorer-first-result'];
  return `${m}: cold ${ms(c)} ms ≤ ${GOAL.cold} ${c <= GOAL.cold ? 'met' : 'NOT met'}, warm ${ms(w)} ms ≤ ${GOAL.warm} ${w <= GOAL.warm ? 'met' : 'NOT met'}`;
});
if (queries.length) goals.push(`later queries < 100 ms (run → shown): ${queries.every((q) => q.page < 100) ? 'met' : 'NOT met'}`);
out.push(`  goals: ${goals.join('; ')}`);
console.log(out.join('\n'));
mkdirSync(join(ROOT, 'bench-output'), { recursive: true });
writeFileSync(join(ROOT, 'bench-output', 'explorer.json'), JSON.stringify({
  runs: RUNS, modes: MODES, load: { before: loadBefore, after: loadAfter }, steps: STEPS, summary, floors, queries,
  raw: results, bytes: { wasmRaw: wasmFile.length, wasmGzip: gzipSync(wasmFile, { level: 6 }).length },
}, null, 2) + '\n');
