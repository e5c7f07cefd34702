// A real web server (issue 15, item 4): Debian's nginx with the shipped configuration (deploy/nginx/, generated
// from public/_headers by scripts/build/nginx.ts) serving the build, at the root and — a second build, made
// here once — under BASE_PATH=/sub/folder/ with the explorer running a query. The browser suite's request and
// CSP checks (tests/lib/visit.ts) run once over every page type through it; every page gets the headers of
// public/_headers; the build's precompressed files are what nginx sends, the engine's .wasm included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser/harness';
import { startNginx, type NginxServer } from '../../support/browser/nginx';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';
import { headersFor, parseHeadersFile } from '../../support/browser/headers';
import { cspHeader } from '../../src/lib/csp';
import { CACHE_IMMUTABLE, CACHE_SHORT, nginxConfig } from '../../scripts/build/nginx';
import { listRoutes, type Route } from '../lib/routes';
import { Visitor, engineRequests, problems } from '../lib/visit';
import { run, siteWorkDir } from '../lib/site-build';

const SUB = '/sub/folder/';
const rules = () => parseHeadersFile(readFileSync(join(ROOT, 'public', '_headers'), 'utf8'));

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
/** One raw HTTP GET (no decompression, no redirect following). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** One page per kind and language (the browser suite visits them all through its own server; here the
 *  server is the subject), plus a unit of 2025. */
function onePerKind(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.locale}:${r.kind}`;
    if (seen.has(key) && !/communes\/2025\/11473\/$/.test(r.path)) return false;
    seen.add(key);
    return true;
  });
}

const EXPLORER_READY = (r: Route) => (r.kind === 'explore' ? { waitFor: '#result[data-runs]', idle: true } : {});

async function visitAll(browser: Browser, server: NginxServer, routes: Route[]): Promise<Record<string, string[]>> {
  const v = await Visitor.open(browser, server.origin, { width: 1280, height: 800 });
  const found: Record<string, string[]> = {};
  try {
    for (const r of routes) {
      const log = await v.visit(server.url + r.path, EXPLORER_READY(r));
      const bad = problems(log);
      if (r.kind !== 'explore') bad.push(...engineRequests(log).map((u) => `engine request on a content page: ${u}`));
      bad.push(...log.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')).map((u) => `request outside the site's base: ${u}`));
      if (bad.length) found[`/${r.path}`] = bad;
    }
  } finally {
    await v.close();
  }
  return found;
}

/** Every route's response headers against public/_headers' rules for its path (without the base). */
async function headerProblems(server: NginxServer, routes: Route[]): Promise<string[]> {
  const bad: string[] = [];
  const r = rules();
  for (const route of routes) {
    const path = `/${route.path}`;
    const res = await get(server.url + route.path);
    const expected = headersFor(r, path);
    if (res.status !== 200) bad.push(`${path}: ${res.status}`);
    if (res.headers['content-security-policy'] !== cspHeader(path)) bad.push(`${path}: CSP ${String(res.headers['content-security-policy'])}`);
    for (const [k, v] of Object.entries(expected)) {
      if (res.headers[k.toLowerCase()] !== v) bad.push(`${path}: ${k} ${String(res.headers[k.toLowerCase()])} ≠ ${v}`);
    }
    if (res.headers['cache-control'] !== CACHE_SHORT) bad.push(`${path}: Cache-Control ${String(res.headers['cache-control'])}`);
    if (!String(res.headers['content-type']).startsWith('text/html')) bad.push(`${path}: ${String(res.headers['content-type'])}`);
  }
  return bad;
}

/** The engine's .wasm as nginx sends it to a browser that accepts gzip. */
async function checkWasm(server: NginxServer, dist: string) {
  const wasm = readdirSync(join(dist, '_astro')).filter((f) => f.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThan(0);
  for (const f of wasm) {
    const res = await get(`${server.url}_astro/${f}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe(CACHE_IMMUTABLE);
    // the build's own .gz, sent as it is (gzip_static), not compressed again on the fly
    expect(res.body.equals(readFileSync(join(dist, '_astro', `${f}.gz`)))).toBe(true);
    expect(res.body.length).toBeLessThan(statSync(join(dist, '_astro', f)).size / 3);
  }
}

async function check404(server: NginxServer) {
  const res = await get(`${server.url}no-such-page/`, { 'Accept-Encoding': 'gzip' });
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const html = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8');
  expect(html).toContain('Không tìm thấy trang');
  expect(html).toContain('Page not found');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('the shipped configuration', () => {
  it('is the one generated from public/_headers (regenerate with `npm run nginx-config -- --out deploy/nginx/minh-bach-giam-ngheo.conf`)', () => {
    const shipped = readFileSync(join(ROOT, 'deploy', 'nginx', 'minh-bach-giam-ngheo.conf'), 'utf8');
    expect(shipped).toBe(nginxConfig(readFileSync(join(ROOT, 'public', '_headers'), 'utf8')));
  });
});

describe('nginx serving dist/ at the root', () => {
  let server: NginxServer;
  let routes: Route[];
  beforeAll(async () => {
    await ensureSite();
    server = await startNginx(DIST);
    routes = listRoutes(DIST);
  });
  afterAll(async () => { await server?.close(); });

  it('every page type in Chromium: no console error, failed or foreign request, CSP violation; no engine on content pages', async () => {
    expect(onePerKind(routes).length).toBeGreaterThan(30);
    expect(await visitAll(browser, server, onePerKind(routes))).toEqual({});
  }, 600_000);

  it('every page gets the headers of public/_headers: its section\'s policy, nosniff, the referrer policy, a short cache', async () => {
    expect(routes.length).toBeGreaterThan(600);
    expect(await headerProblems(server, routes)).toEqual([]);
  }, 300_000);

  it('sends the engine\'s .wasm as application/wasm, gzip-compressed from the build\'s .gz, cached as immutable', async () => {
    await checkWasm(server, DIST);
  });

  it('sends HTML, CSS, JS, JSON, CSV, SVG and XML compressed, with their types', async () => {
    const samples: [string, RegExp][] = [
      ['communes/11470/', /^text\/html; charset=utf-8$/],
      ['sitemap-0.xml', /^(?:text|application)\/xml/],
      ['data/poverty.csv', /^text\/csv; charset=utf-8$/],
      ['data/datapackage.json', /^application\/json/],
      ['downloads/11470-dimensions-vi.svg', /^image\/svg\+xml/],
    ];
    const assets = readdirSync(join(DIST, '_astro'));
    // the largest stylesheet: files under 1 KiB are sent as they are (gzip_min_length, like the build's precompression)
    const css = assets.filter((f) => f.endsWith('.css')).sort((a, b) => statSync(join(DIST, '_astro', b)).size - statSync(join(DIST, '_astro', a)).size)[0];
    samples.push([`_astro/${css}`, /^text\/css/]);
    samples.push([`_astro/${assets.find((f) => /^engine-worker-.*\.js$/.test(f))}`, /javascript/]);
    for (const [path, type] of samples) {
      expect(existsSync(join(DIST, path)), path).toBe(true);
      const res = await get(server.url + path, { 'Accept-Encoding': 'gzip' });
      expect([path, res.status, res.headers['content-encoding']]).toEqual([path, 200, 'gzip']);
      expect(String(res.headers['content-type']), path).toMatch(type);
    }
    // a reader whose browser takes no gzip gets the file itself
    const plain = await get(`${server.url}communes/11470/`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(readFileSync(join(DIST, 'communes', '11470', 'index.html')))).toBe(true);
  });

  it('answers an unknown address with the bilingual 404 page and a 404 status', async () => {
    await check404(server);
  });

  it('redirects a folder without its slash to it, on the same host and port', async () => {
    const res = await get(`${server.url}progress`);
    expect(res.status).toBe(301);
    expect(new URL(String(res.headers.location), server.url).href).toBe(`${server.url}progress/`);
  });
});

describe(`nginx serving a BASE_PATH=${SUB} build under that sub-folder`, () => {
  let server: NginxServer;
  let work: string;
  let dist: string;
  let routes: Route[];
  beforeAll(async () => {
    work = await siteWorkDir();
    dist = join(work, 'dist');
    // the CLI build, as a host runs it (`BASE_PATH=… npm run build`), into a folder of its own
    const built = await run(process.execPath, ['scripts/astro.mjs', 'build', '--outDir', dist], { env: { ...process.env, BASE_PATH: SUB } });
    if (built.code !== 0) throw new Error(`the sub-folder build failed:\n${built.stderr.slice(-3000)}`);
    chmodSync(work, 0o755); // nginx's workers read it as an unprivileged user
    server = await startNginx(dist, { base: SUB });
    routes = listRoutes(dist);
  }, 1_200_000);
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('links every page, asset and data file under the sub-folder', () => {
    const html = readFileSync(join(dist, 'communes', '11470', 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !r.startsWith(SUB))).toEqual([]);
  });

  it('every page type in Chromium: the same checks, and no request outside the sub-folder', async () => {
    expect(await visitAll(browser, server, onePerKind(routes))).toEqual({});
  }, 600_000);

  it('the explorer runs a query from its permalink and shows the rows', async () => {
    const v = await Visitor.open(browser, server.origin, { width: 1280, height: 800 });
    try {
      const sql = 'SELECT review_year, count(*) AS n FROM poverty GROUP BY review_year ORDER BY review_year';
      const log = await v.visit(`${server.url}explore/?sql=${encodeURIComponent(sql)}`, { waitFor: '#result[data-runs]', idle: true });
      expect(problems(log)).toEqual([]);
      expect(await v.page.getAttribute('#result', 'data-state')).toBe('done');
      const years = await v.page.$$eval('#result table tbody tr', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[0]?.textContent ?? ''));
      expect(years.length).toBeGreaterThanOrEqual(6); // the demo's review years 2021–2026
      expect(years[0]).toBe('2021');
      expect(engineRequests(log).length).toBeGreaterThan(0);
      expect(engineRequests(log).filter((u) => !u.startsWith(server.url))).toEqual([]);
    } finally {
      await v.close();
    }
  }, 300_000);

  it('every page gets the headers of public/_headers for its path under the base', async () => {
    expect(await headerProblems(server, routes)).toEqual([]);
  }, 300_000);

  it('sends the .wasm compressed as application/wasm, and the 404 page for an unknown address', async () => {
    await checkWasm(server, dist);
    await check404(server);
  });

  it('previews, sitemap and robots.txt carry the sub-folder in their URLs', () => {
    const html = readFileSync(join(dist, 'communes', '11470', 'index.html'), 'utf8');
    const image = /<meta property="og:image" content="([^"]+)"/.exec(html)![1];
    expect(new URL(image).pathname.startsWith(`${SUB}og/`)).toBe(true);
    expect(existsSync(join(dist, new URL(image).pathname.slice(SUB.length)))).toBe(true);
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toMatch(new RegExp(`^Sitemap: https?://[^/]+${SUB}sitemap-index\\.xml$`, 'm'));
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(locs.length).toBeGreaterThan(100);
    expect(locs.filter((p) => !p.startsWith(SUB))).toEqual([]);
  });
});
