// The shared browser-test harness: a tiny static server over dist/ (node:http, correct MIME types incl.
// application/wasm, honouring the site's base path, byte ranges) and Chromium through playwright-core with
// a log of every request, so a test can fail on any request that leaves the site's origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface ServerOptions {
  /** the site's base path, as astro.config's BASE_PATH; '/' by default */
  base?: string;
  /** extra response headers, e.g. to emulate a host's caching policy */
  headers?: Record<string, string>;
  /** emulate a slow connection: whole-file responses are streamed at about this many bytes per second */
  bytesPerSecond?: number;
  /** told of every request the server receives (method and path), e.g. to count what reached the network */
  onRequest?: (method: string, path: string) => void;
}
export interface StaticServer { url: string; origin: string; close(): Promise<void> }

function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(pathname); } catch { return null; }
  const full = resolve(root, '.' + normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + sep)) return null; // no way out of dist/
  return full;
}

/** Streams a file in 64 KiB chunks paced to `bytesPerSecond`, so a page's download progress can be seen. */
function sendSlowly(res: ServerResponse, file: string, bytesPerSecond: number) {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  stream.on('data', (chunk) => {
    stream.pause();
    res.write(chunk, () => setTimeout(() => stream.resume(), (chunk.length / bytesPerSecond) * 1000));
  });
  stream.on('end', () => res.end());
  stream.on('error', () => res.destroy());
}

function send(req: IncomingMessage, res: ServerResponse, file: string, status: number, headers: Record<string, string>, bytesPerSecond?: number) {
  const size = statSync(file).size;
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const common: Record<string, string> = { 'Content-Type': type, 'Accept-Ranges': 'bytes', ...headers };
  // Vite's hashed assets never change; pages and data are revalidated, as a careful host would serve them
  common['Cache-Control'] ??= file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && status === 200 && size > 0) {
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { ...common, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(status, { ...common, 'Content-Length': String(size) });
  if (req.method === 'HEAD') res.end();
  else if (bytesPerSecond) sendSlowly(res, file, bytesPerSecond);
  else createReadStream(file).pipe(res);
}

/** Serves `distDir` at `base` on 127.0.0.1 and a free port. Directories answer with their index.html;
 *  a directory without its trailing slash is redirected to it (Astro's trailingSlash: 'always'). */
export async function startServer(distDir: string, options: ServerOptions = {}): Promise<StaticServer> {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html')) && !existsSync(root)) throw new Error(`no built site at ${root}: run \`npx astro build\``);
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const headers = options.headers ?? {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    options.onRequest?.(req.method ?? '', url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const notFound = () => {
      const page = join(root, '404.html');
      if (existsSync(page)) send(req, res, page, 404, headers);
      else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    };
    if (url.pathname + '/' === base) {
      res.writeHead(301, { Location: base + url.search }).end();
      return;
    }
    if (!url.pathname.startsWith(base)) return notFound();
    const file = fileFor(root, url.pathname.slice(base.length));
    if (!file || !existsSync(file)) return notFound();
    if (statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const index = join(file, 'index.html');
      return existsSync(index) ? send(req, res, index, 200, headers) : notFound();
    }
    send(req, res, file, 200, headers, options.bytesPerSecond);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // any host but the local server resolves to nothing: a stray request fails fast instead of hanging
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Debian's Chromium, or CHROME_PATH. Never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium, so /usr/bin/chromium exists) or set CHROME_PATH to a Chromium executable`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export interface RequestRecord { url: string; method: string; resourceType: string; status?: number; bytes?: number }
export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  javaScriptEnabled?: boolean;
  /** reuse a context (warm cache); a fresh one otherwise */
  context?: BrowserContext;
  /** abort foreign requests through Playwright routing (default true). Routing turns off the HTTP cache,
   *  so a warm-cache measurement passes false and relies on the resolver rule and the log. */
  blockForeign?: boolean;
  /** let tests inject scripts (axe-core) into a page whose Content-Security-Policy forbids inline scripts */
  bypassCSP?: boolean;
}
export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** every request the page and its workers made, in order */
  requests: RequestRecord[];
  /** requests to any other origin; they are aborted, never sent */
  foreignRequests: string[];
  consoleErrors: string[];
  failedRequests: string[];
  /** throws, listing them, if any request went (or tried to go) to another origin */
  assertSameOrigin(): void;
  /** resolves once no request of the page (or its workers) has been in flight for a moment; throws, naming
   *  them, if some are still in flight after `timeoutMs`. Call it before closing a server the page still
   *  reads from: a response cut short is a console error (net::ERR_CONTENT_LENGTH_MISMATCH) in the page. */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function sameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  // blob: URLs carry their creator's origin: blob:http://127.0.0.1:1234/uuid
  const target = url.startsWith('blob:') ? url.slice(5) : url;
  try { return new URL(target).origin === origin; } catch { return false; }
}

/** Opens `url` (not yet navigated: call page.goto) with request logging wired up first. */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const origin = new URL(url).origin;
  const context = options.context ?? await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
  });
  const ownsContext = !options.context;
  const requests: RequestRecord[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const inFlight = new Set<Request>();
  if (options.blockForeign ?? true) {
    await context.route('**/*', (route) => (sameOrigin(route.request().url(), origin) ? route.continue() : route.abort('blockedbyclient')));
  }
  // context-level events include the requests of the page's dedicated workers (the engine's wasm)
  context.on('request', (r) => {
    inFlight.add(r);
    requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() });
    if (!sameOrigin(r.url(), origin)) foreignRequests.push(r.url());
  });
  context.on('requestfinished', async (r) => {
    inFlight.delete(r);
    const rec = requests.find((x) => x.url === r.url() && x.status === undefined);
    const response = await r.response().catch(() => null);
    if (rec && response) {
      rec.status = response.status();
      rec.bytes = (await r.sizes().catch(() => null))?.responseBodySize;
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${r.url()}`);
    }
  });
  context.on('requestfailed', (r) => {
    inFlight.delete(r);
    if (sameOrigin(r.url(), origin)) failedRequests.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`);
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    page, context, requests, foreignRequests, consoleErrors, failedRequests,
    assertSameOrigin() {
      if (foreignRequests.length) throw new Error(`requests left the site's origin (${origin}):\n  ${foreignRequests.join('\n  ')}`);
    },
    async settled(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      // quiet for 250 ms: a response that starts the next request (a worker's fetch after a page's) counts too
      for (let quietSince = 0; ;) {
        if (inFlight.size) quietSince = 0;
        else if (!quietSince) quietSince = Date.now();
        else if (Date.now() - quietSince >= 250) return;
        if (Date.now() > until) throw new Error(`requests still in flight after ${timeoutMs} ms:\n  ${[...inFlight].map((r) => r.url()).join('\n  ')}`);
        await new Promise((ok) => setTimeout(ok, 25));
      }
    },
    async close() {
      await page.close();
      if (ownsContext) await context.close();
    },
  };
}
