// The harness itself: the static server's MIME types, base path, redirects and ranges; the browser's
// request log catching a request to another origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startServer, type StaticServer } from '../../support/browser/harness';

let dir: string;
let server: StaticServer;
let browser: Browser;
const wasm = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harness-'));
  mkdirSync(join(dir, 'explore'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title><p>home</p>');
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>404</title>');
  writeFileSync(join(dir, 'explore', 'index.html'),
    '<!doctype html><title>x</title><img src="http://example.org/pixel.png" alt=""><script>fetch("https://cdn.example.com/x.js").catch(() => {})</script>');
  writeFileSync(join(dir, '_astro', 'engine.wasm'), wasm);
  writeFileSync(join(dir, 'data.parquet'), 'PAR1xxxxPAR1');
  writeFileSync(join(dir, 'big.bin'), Buffer.alloc(2 << 20, 7));
  mkdirSync(join(dir, 'slow'));
  writeFileSync(join(dir, 'slow', 'index.html'), '<!doctype html><title>slow</title><script>fetch("../big.bin").then((r) => r.arrayBuffer())</script>');
  writeFileSync(join(dir, 'ý.csv'), 'a,b\n');
  server = await startServer(dir, { base: '/giam-ngheo/' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static server', () => {
  it('honours the base path', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/giam-ngheo\/$/);
    expect((await fetch(server.url)).status).toBe(200);
    expect((await fetch(`${server.origin}/index.html`)).status).toBe(404);
    const bare = await fetch(`${server.origin}/giam-ngheo`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/giam-ngheo/']);
  });

  it.each([
    ['', 'text/html; charset=utf-8'],
    ['_astro/engine.wasm', 'application/wasm'],
    ['data.parquet', 'application/vnd.apache.parquet'],
    ['%C3%BD.csv', 'text/csv; charset=utf-8'],
  ])('serves %j as %s', async (path, type) => {
    const r = await fetch(server.url + path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(type);
  });

  it('redirects a directory to its trailing slash, keeping the query', async () => {
    const r = await fetch(`${server.url}explore?sql=1`, { redirect: 'manual' });
    expect([r.status, r.headers.get('location')]).toEqual([301, '/giam-ngheo/explore/?sql=1']);
  });

  it('answers byte ranges', async () => {
    const r = await fetch(`${server.url}_astro/engine.wasm`, { headers: { Range: 'bytes=1-3' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 1-3/8');
    expect(Buffer.from(await r.arrayBuffer())).toEqual(wasm.subarray(1, 4));
  });

  it('never serves outside its folder', async () => {
    for (const path of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e/%2e%2e/etc/passwd', '..%5C..%5Cetc']) {
      expect((await fetch(server.url + path)).status).toBe(404);
    }
  });
});

describe('browser request log', () => {
  it('records and blocks every request to another origin', async () => {
    const p = await openPage(browser, server.url);
    await p.page.goto(`${server.url}explore/`);
    await p.page.waitForLoadState('networkidle');
    expect(p.foreignRequests.sort()).toEqual(['http://example.org/pixel.png', 'https://cdn.example.com/x.js']);
    expect(() => p.assertSameOrigin()).toThrow(/left the site's origin/);
    expect(p.requests[0].url).toBe(`${server.url}explore/`);
    await p.close();
  });

  it('waits until nothing is in flight, so a slow server can close without cutting a response', async () => {
    // 2 MiB at 0.5 MB/s: about four seconds still downloading after the page has loaded, even on a loaded machine
    const slow = await startServer(dir, { base: '/giam-ngheo/', bytesPerSecond: 5e5 });
    const p = await openPage(browser, slow.url);
    await p.page.goto(`${slow.url}slow/`);
    const big = () => p.requests.find((r) => r.url.endsWith('/big.bin'));
    expect(big()?.status).toBeUndefined();
    await expect(p.settled(100)).rejects.toThrow(/in flight after 100 ms:\n.*\/big\.bin/);
    await p.settled();
    expect(big()?.status).toBe(200);
    await slow.close();
    await p.close();
    expect([p.consoleErrors, p.failedRequests]).toEqual([[], []]);
  });

  it('names /usr/bin/chromium and CHROME_PATH when no browser is found', async () => {
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      await expect(launchBrowser()).rejects.toThrow(/\/usr\/bin\/chromium.*CHROME_PATH/);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });
});
