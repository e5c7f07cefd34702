// npm run bench:explorer — the explorer on a local server in Chromium: page-to-first-result time, cold
// (empty cache) and warm (cached engine), the bytes the engine costs, and per-query times for the example
// questions. Prints medians; the goal is a first result within 2 s on localhost and later queries < 100 ms.
// Uses dist/ (built if stale, see support/browser/site.ts) or E2E_DIST.
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, startServer } from '../../support/browser/harness';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';
import { EXAMPLES } from '../../src/lib/explorer/examples';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUERY_REPEATS = Number(process.env.BENCH_QUERY_REPEATS ?? 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1e6).toFixed(2)} MB`;

await ensureSite();
const server = await startServer(DIST);
const browser = await launchBrowser();
const firstSql = EXAMPLES[0].sql('vi');
const url = `${server.url}explore/?sql=${encodeURIComponent(firstSql)}`;

async function marks(page: import('playwright-core').Page) {
  await page.waitForFunction(() => performance.getEntriesByName('explorer-first-result').length > 0, undefined, { timeout: 60_000 });
  // no named helpers inside evaluate(): tsx would wrap them in a __name() the page does not have
  return page.evaluate(() => ({
    engineModule: performance.getEntriesByName('explorer-engine-module')[0]?.startTime ?? NaN,
    wasm: performance.getEntriesByName('explorer-wasm-instantiated')[0]?.startTime ?? NaN,
    engineReady: performance.getEntriesByName('explorer-engine-ready')[0]?.startTime ?? NaN,
    firstResult: performance.getEntriesByName('explorer-first-result')[0]?.startTime ?? NaN,
    state: document.querySelector('#result')?.getAttribute('data-state'),
  }));
}

// cold: a fresh browser context per run, so nothing is cached
type Marks = { engineModule: number; wasm: number; engineReady: number; firstResult: number };
const cold: Marks[] = [];
let transfer = { total: 0, engine: 0, data: 0, foreign: 0 };
for (let i = 0; i < RUNS; i++) {
  const p = await openPage(browser, url, { blockForeign: false });
  await p.page.goto(url);
  const m = await marks(p.page);
  if (m.state !== 'done') throw new Error(`cold run ${i}: first query ended in state ${m.state}`);
  cold.push(m);
  if (i === 0) {
    await p.page.waitForTimeout(300); // let the size accounting of the last responses settle
    const sized = p.requests.filter((r) => r.bytes !== undefined);
    transfer = {
      total: sized.reduce((n, r) => n + (r.bytes ?? 0), 0),
      engine: sized.filter((r) => /duckdb|engine\./.test(r.url)).reduce((n, r) => n + (r.bytes ?? 0), 0),
      data: sized.filter((r) => r.url.includes('/data/')).reduce((n, r) => n + (r.bytes ?? 0), 0),
      foreign: p.foreignRequests.length,
    };
  }
  p.assertSameOrigin();
  await p.close();
}

// warm: one context, the first visit fills the HTTP cache, the next ones are measured
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const warmPage = await openPage(browser, url, { context, blockForeign: false });
await warmPage.page.goto(url);
await marks(warmPage.page);
const warm: Marks[] = [];
for (let i = 0; i < RUNS; i++) {
  await warmPage.page.goto(url);
  warm.push(await marks(warmPage.page));
}

// per query: the engine alone (engine.query), and the page (run → table and chart drawn)
const perQuery: { id: string; rows: number; engine: number; page: number }[] = [];
for (const ex of EXAMPLES) {
  const sql = ex.sql('vi');
  const engineTimes = await warmPage.page.evaluate(async ({ sql, n }) => {
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
    const before = Number(await warmPage.page.getAttribute('#result', 'data-runs'));
    await warmPage.page.fill('#sql', sql);
    await warmPage.page.click('[data-run]');
    await warmPage.page.waitForFunction((k) => Number(document.querySelector('#result')?.getAttribute('data-runs')) > k, before);
    // measured inside the page (guard, engine, Arrow → rows, table drawn), without Playwright's round trips
    pageTimes.push(await warmPage.page.evaluate(() => performance.getEntriesByName('explorer-run').at(-1)?.duration ?? NaN));
  }
  perQuery.push({ id: ex.id, rows: engineTimes.rows, engine: median(engineTimes.times), page: median(pageTimes) });
}
warmPage.assertSameOrigin();
await context.close();
await browser.close();
await server.close();

const wasmFile = readFileSync(join(ROOT, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
const report = {
  runs: RUNS,
  cold: { engineModuleMs: median(cold.map((c) => c.engineModule)), wasmInstantiatedMs: median(cold.map((c) => c.wasm)), engineReadyMs: median(cold.map((c) => c.engineReady)), firstResultMs: median(cold.map((c) => c.firstResult)), all: cold.map((c) => Math.round(c.firstResult)) },
  warm: { engineModuleMs: median(warm.map((c) => c.engineModule)), wasmInstantiatedMs: median(warm.map((c) => c.wasm)), engineReadyMs: median(warm.map((c) => c.engineReady)), firstResultMs: median(warm.map((c) => c.firstResult)), all: warm.map((c) => Math.round(c.firstResult)) },
  bytes: { ...transfer, wasmRaw: wasmFile.length, wasmGzip: gzipSync(wasmFile, { level: 6 }).length },
  queries: perQuery,
};

console.log(`explorer benchmark — ${RUNS} page loads each, ${QUERY_REPEATS} repeats per query, Chromium on ${server.url}`);
console.log(`  page → first result, cold (empty cache):  median ${ms(report.cold.firstResultMs)}  (engine module ${ms(report.cold.engineModuleMs)}, wasm instantiated ${ms(report.cold.wasmInstantiatedMs)}, tables ready ${ms(report.cold.engineReadyMs)})  runs ${report.cold.all.join(', ')}`);
console.log(`  page → first result, warm (cached):       median ${ms(report.warm.firstResultMs)}  (engine module ${ms(report.warm.engineModuleMs)}, wasm instantiated ${ms(report.warm.wasmInstantiatedMs)}, tables ready ${ms(report.warm.engineReadyMs)})  runs ${report.warm.all.join(', ')}`);
console.log(`  transferred on a cold load: ${mb(transfer.total)} in all, engine ${mb(transfer.engine)}, data ${(transfer.data / 1e3).toFixed(1)} kB; requests to other origins: ${transfer.foreign}`);
console.log(`  duckdb-eh.wasm: ${mb(report.bytes.wasmRaw)} raw, ${mb(report.bytes.wasmGzip)} gzip (what a compressing host sends)`);
console.log('  per query (median):');
for (const q of perQuery) console.log(`    ${q.id.padEnd(18)} ${String(q.rows).padStart(4)} rows   engine ${q.engine.toFixed(1).padStart(6)} ms   run → shown ${q.page.toFixed(1).padStart(6)} ms`);
const goals = [
  `first result ≤ 2 s (cold): ${report.cold.firstResultMs <= 2000 ? 'met' : 'NOT met'}`,
  `later queries < 100 ms (run → shown): ${perQuery.every((q) => q.page < 100) ? 'met' : 'NOT met'}`,
];
console.log(`  goals: ${goals.join('; ')}`);
mkdirSync(join(ROOT, 'bench-output'), { recursive: true });
writeFileSync(join(ROOT, 'bench-output', 'explorer.json'), JSON.stringify(report, null, 2) + '\n');
