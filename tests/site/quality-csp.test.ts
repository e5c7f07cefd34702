// The Content-Security-Policy: one string (src/lib/csp.ts) in every page's <meta>, before anything it
// governs, and in public/_headers for hosts that read it, with frame-ancestors per section. In Chromium,
// a host applying those headers lets another site frame an embed and refuses it any other page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, type StaticServer } from '../../support/browser/harness';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';
import { csp, cspHeader } from '../../src/lib/csp';
import { expectedHeadersFile, headersFor, parseHeadersFile } from '../../support/browser/headers';
import { listRoutes } from '../lib/routes';

const headersText = () => readFileSync(join(ROOT, 'public', '_headers'), 'utf8');

describe('the policy', () => {
  it('allows only the site itself, plus WebAssembly compilation, workers and blob: engine bytes for the explorer', () => {
    const d = Object.fromEntries(csp.split(/;\s*/).map((x) => { const [k, ...v] = x.split(' '); return [k, v.join(' ')]; }));
    expect(d).toMatchObject({
      'default-src': "'self'", 'script-src': "'self' 'wasm-unsafe-eval'", 'worker-src': "'self' blob:",
      'style-src': "'self'", 'img-src': "'self' data: blob:", 'connect-src': "'self' blob:", 'font-src': "'self'",
      'object-src': "'none'", 'base-uri': "'self'",
    });
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:|\*/);
    expect(csp).not.toContain('frame-ancestors'); // ignored (with a console error) in a <meta> policy
    expect(cspHeader('/embed/poor-series/')).toMatch(/frame-ancestors \*$/);
    expect(cspHeader('/en/embed/11470-series/')).toMatch(/frame-ancestors \*$/);
    expect(cspHeader('/progress/')).toMatch(/frame-ancestors 'self'$/);
  });

  it('public/_headers is the one generated from src/lib/csp.ts', () => {
    expect(headersText()).toBe(expectedHeadersFile());
  });
});

describe('in the built site', () => {
  beforeAll(() => ensureSite());

  it('every page carries the policy in a <meta> ahead of every stylesheet and script', () => {
    const bad: string[] = [];
    for (const r of listRoutes(DIST)) {
      const html = readFileSync(join(DIST, r.path, 'index.html'), 'utf8');
      const head = html.slice(0, html.indexOf('</head>'));
      const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
      const at = head.indexOf('http-equiv="Content-Security-Policy"');
      const firstAsset = head.search(/<link rel="(?:stylesheet|modulepreload)"|<script|<style/);
      if (metas.length !== 1) bad.push(`/${r.path}: ${metas.length} CSP metas`);
      else if (metas[0][1].replace(/&#39;/g, "'") !== csp) bad.push(`/${r.path}: a different policy`);
      else if (firstAsset >= 0 && firstAsset < at) bad.push(`/${r.path}: a stylesheet or script before the policy`);
    }
    expect(bad).toEqual([]);
  });

  it('no inline script or event handler in any page (they would need \'unsafe-inline\')', () => {
    const bad: string[] = [];
    for (const r of listRoutes(DIST)) {
      const html = readFileSync(join(DIST, r.path, 'index.html'), 'utf8');
      if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html.replace(/<script type="application\/(?:ld\+)?json"[^>]*>/g, ''))) bad.push(`/${r.path}: inline <script>`);
      if (/\son[a-z]+="/.test(html)) bad.push(`/${r.path}: inline event handler`);
      if (/javascript:/.test(html)) bad.push(`/${r.path}: javascript: URL`);
    }
    expect(bad).toEqual([]);
  });

  it('dist/_headers gives every page exactly one policy, with its section\'s frame-ancestors', () => {
    const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
    const bad: string[] = [];
    for (const r of listRoutes(DIST)) {
      const path = `/${r.path}`;
      const h = headersFor(rules, path);
      if (h['Content-Security-Policy'] !== cspHeader(path)) bad.push(`${path}: ${h['Content-Security-Policy'] ?? 'no policy'}`);
      if (h['X-Content-Type-Options'] !== 'nosniff') bad.push(`${path}: no nosniff`);
    }
    expect(bad).toEqual([]);
  });
});

describe('frame-ancestors, as a host applying _headers would send it', () => {
  let browser: Browser;
  let embedHost: StaticServer;
  let pageHost: StaticServer;
  let otherSite: StaticServer;
  let dir: string;

  beforeAll(async () => {
    await ensureSite();
    const rules = parseHeadersFile(headersText());
    embedHost = await startServer(DIST, { headers: headersFor(rules, '/embed/poor-series/') });
    pageHost = await startServer(DIST, { headers: headersFor(rules, '/progress/') });
    dir = mkdtempSync(join(tmpdir(), 'framer-'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>a news site</title>
      <iframe id="embed" title="embed" src="${embedHost.url}embed/poor-series/"></iframe>
      <iframe id="page" title="page" src="${pageHost.url}progress/"></iframe>`);
    otherSite = await startServer(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([embedHost, pageHost, otherSite].map((s) => s?.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('another site can embed a chart but not frame a content page', async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
    await page.goto(otherSite.url, { waitUntil: 'load' });
    const embed = page.frame({ url: /embed\/poor-series/ });
    // one drawing shown (the chart carries a wide and a phone drawing; the frame's width picks one)
    expect(await embed?.locator('figure.chart svg[role="img"]:visible').count()).toBe(1);
    const framedPage = page.frames().find((f) => f !== page.mainFrame() && f !== embed);
    expect(framedPage?.url()).toMatch(/^chrome-error:/); // Chromium's error page instead of /progress/
    expect(refusals.join('\n')).toMatch(/violates the following Content Security Policy directive: "frame-ancestors 'self'"/);
    await page.close();
  });
});
