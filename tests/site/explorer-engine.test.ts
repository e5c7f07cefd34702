// How the explorer loads its engine, in Chromium with a profile on disk (as a reader's browser): the .wasm
// reaches the server once per visit and is compiled from that network response (never through a blob: URL),
// so the browser keeps its compiled code for the next visit; and only the explore pages can start it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, openPage, startServer, type OpenedPage, type StaticServer } from '../../support/browser/harness';
import { DIST, ensureSite } from '../../support/browser/site';
import { isEngineUrl } from '../../support/browser/engine';
import { EXAMPLES } from '../../src/lib/explorer/examples';

const hits: string[] = [];
let server: StaticServer;
let profileDir: string;
let context: BrowserContext;
let visit: OpenedPage;
const wasmFile = () => readdirSync(join(DIST, '_astro')).find((f) => /^duckdb-eh[.-].*\.wasm$/.test(f))!;

/** Every file under `dir`, with its size. */
function files(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.isFile()) out.push({ path: p, size: statSync(p).size });
  }
  return out;
}

beforeAll(async () => {
  await ensureSite();
  server = await startServer(DIST, { onRequest: (method, path) => hits.push(`${method} ${path}`) });
  profileDir = mkdtempSync(join(tmpdir(), 'explorer-engine-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
  });
  // openPage makes no context of its own when given one; no Playwright routing, which would switch off the
  // HTTP cache (foreign hosts still resolve to nothing, and assertSameOrigin reads the log)
  visit = await openPage(null as unknown as Browser, server.url, { context, blockForeign: false });
  await visit.page.goto(`${server.url}explore/?sql=${encodeURIComponent('SELECT 6 * 7 AS answer')}`);
  await visit.page.waitForSelector('#result[data-state="done"]', { timeout: 120_000 });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('the engine module', () => {
  it('reaches the server once per visit, and no blob: URL is ever made of it', async () => {
    expect(await visit.page.textContent('#result td')).toBe('42');
    expect(hits.filter((h) => h.endsWith('.wasm'))).toEqual([`GET /_astro/${wasmFile()}`]);
    expect(visit.requests.filter((r) => r.url.startsWith('blob:'))).toEqual([]);
    visit.assertSameOrigin();
    expect(visit.consoleErrors).toEqual([]);
  });

  it('is compiled from the network response, so the browser keeps its compiled code for the next visit', { timeout: 180_000 }, async () => {
    // Chromium caches compiled WebAssembly only for a module compiled while streaming from a real (HTTP-cached)
    // response, never from a blob: or a JavaScript-made response; it writes the cache some time after compiling
    const wasmBytes = statSync(join(DIST, '_astro', wasmFile())).size;
    const cached = () => {
      const dirs = files(profileDir).filter((f) => /[\\/]Code Cache[\\/]wasm[\\/]/.test(f.path));
      return dirs.reduce((n, f) => n + f.size, 0);
    };
    // once enough of the module has been optimised: a reader asking a few questions gets there
    const deadline = Date.now() + 100_000;
    while (cached() < wasmBytes / 50 && Date.now() < deadline) {
      await visit.page.evaluate(async (sqls) => {
        const engine = (document.querySelector('sql-explorer') as unknown as { engine: { query(s: string): Promise<unknown> } }).engine;
        for (const sql of sqls) await engine.query(sql);
      }, EXAMPLES.map((e) => e.sql('vi')));
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(cached()).toBeGreaterThan(wasmBytes / 50);
  });

  it('on the next visit comes from the caches: no engine byte crosses the network', async () => {
    const before = hits.length;
    await visit.page.goto(`${server.url}explore/?sql=${encodeURIComponent('SELECT 7 * 6 AS answer')}`);
    await visit.page.waitForSelector('#result[data-state="done"]', { timeout: 120_000 });
    expect(await visit.page.textContent('#result td')).toBe('42');
    expect(hits.slice(before).filter(isEngineUrl)).toEqual([]);
  });
});

describe('only the explore pages can start the engine', () => {
  it('no built page names the engine; only the explore pages include the script that starts it', () => {
    const html = files(DIST).filter((f) => f.path.endsWith('.html')).map((f) => relative(DIST, f.path));
    expect(html.length).toBeGreaterThan(50);
    // a preload link would download it for readers without JavaScript or WebAssembly too
    expect(html.filter((p) => /duckdb|\.wasm/.test(readFileSync(join(DIST, p), 'utf8')))).toEqual([]);
    const explorerScript = /<script[^>]+src="[^"]*Explorer\.astro[^"]*\.js"/;
    expect(html.filter((p) => explorerScript.test(readFileSync(join(DIST, p), 'utf8'))).sort()).toEqual(['en/explore/index.html', 'explore/index.html']);
  });

  it('the files the tests and benchmarks count as the engine (isEngineUrl) are exactly the engine the build made', () => {
    const built = readdirSync(join(DIST, '_astro')).filter((f) => !/\.(?:gz|br)$/.test(f));
    const unhashed = built.filter((f) => isEngineUrl(`/_astro/${f}`)).map((f) => f.replace(/[.-][\w-]{8}\.(js|wasm)$/, '.$1'));
    expect(unhashed.sort()).toEqual(['duckdb-eh.wasm', 'duckdb-mvp.wasm', 'duckdb-worker.js', 'engine-worker.js']);
  });
});
