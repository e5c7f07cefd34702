// A browser context per viewport with one tab reused across navigations, and a log reset before each
// visit: requests (and whether they left the origin), failed requests, console errors, uncaught
// exceptions, and Content-Security-Policy violations (the `securitypolicyviolation` event, recorded by an
// init script, plus Chromium's console reports).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isEngineUrl } from '../../support/browser/engine';

export interface VisitLog {
  url: string;
  requests: string[];
  foreign: string[];
  failed: string[];
  consoleErrors: string[];
  cspViolations: string[];
}

declare global { interface Window { __cspViolations?: string[] } }

export function sameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  const target = url.startsWith('blob:') ? url.slice(5) : url;
  try { return new URL(target).origin === origin; } catch { return false; }
}

export class Visitor {
  private log!: VisitLog;
  /** which visit issued each request, so a request of the previous page cut off by navigating away is not
   *  blamed on the next page */
  private visitOf = new WeakMap<object, number>();
  private visits = 0;
  private constructor(readonly context: BrowserContext, readonly page: Page, readonly origin: string) {}

  static async open(browser: Browser, origin: string, viewport: { width: number; height: number }, javaScriptEnabled = true): Promise<Visitor> {
    const context = await browser.newContext({ viewport, javaScriptEnabled, acceptDownloads: true });
    await context.route('**/*', (route) => (sameOrigin(route.request().url(), origin) ? route.continue() : route.abort('blockedbyclient')));
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
    const page = await context.newPage();
    const v = new Visitor(context, page, origin);
    v.reset('');
    context.on('request', (r) => {
      v.visitOf.set(r, v.visits);
      v.log.requests.push(r.url());
      if (!sameOrigin(r.url(), origin)) v.log.foreign.push(r.url());
    });
    context.on('requestfinished', async (r) => {
      const res = await r.response().catch(() => null);
      if (res && res.status() >= 400) v.log.failed.push(`${res.status()} ${r.url()}`);
    });
    context.on('requestfailed', (r) => {
      const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
      // the browser's own favicon fetch is cut off by the next navigation whenever it comes late
      if (!(aborted && (v.visitOf.get(r) !== v.visits || /\/favicon\.(?:svg|ico)$/.test(r.url())))) v.log.failed.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') v.log.consoleErrors.push(m.text());
      if (/content security policy/i.test(m.text())) v.log.cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => v.log.consoleErrors.push(String(e)));
    return v;
  }

  private reset(url: string) {
    this.log = { url, requests: [], foreign: [], failed: [], consoleErrors: [], cspViolations: [] };
  }

  /** Navigates and waits for the load event and for the network to go quiet; returns the visit's log. */
  async visit(url: string, opts: { idle?: boolean; waitFor?: string } = {}): Promise<VisitLog> {
    this.visits++;
    this.reset(url);
    const res = await this.page.goto(url, { waitUntil: 'load' });
    if (!res || res.status() !== 200) this.log.failed.push(`${res?.status() ?? 'no response'} ${url}`);
    if (opts.waitFor) await this.page.waitForSelector(opts.waitFor, { state: 'attached', timeout: 60_000 });
    if (opts.idle) await this.page.waitForLoadState('networkidle');
    return this.collect();
  }

  /** The log so far for the current page, with the page's own CSP event record merged in. */
  async collect(): Promise<VisitLog> {
    const fromPage = await this.page.evaluate(() => window.__cspViolations ?? []).catch(() => [] as string[]);
    for (const v of fromPage) if (!this.log.cspViolations.includes(v)) this.log.cspViolations.push(v);
    return { ...this.log, requests: [...this.log.requests] };
  }

  async screenshot(file: string): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, fullPage: true });
  }

  close() { return this.context.close(); }
}

/** The problems of one visit, as lines; empty when the page was clean. */
export function problems(log: VisitLog): string[] {
  // Chromium reports a CSP violation both as a console error and as the event: one line for both
  const csp = log.cspViolations.filter((m) => !/^Applying inline style|Refused to/.test(m));
  const lines = [
    ...log.foreign.map((u) => `foreign request: ${u}`),
    ...log.failed.map((u) => `failed request: ${u}`),
    ...log.consoleErrors.filter((m) => !/content security policy/i.test(m) || !csp.length).map((m) => `console error: ${m.slice(0, 160)}`),
    ...csp.map((m) => `CSP violation: ${m.slice(0, 200)}`),
  ];
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (×${n})` : l));
}

/** Requests that belong to the DuckDB engine, which a content page must never load. */
export const engineRequests = (log: VisitLog) => log.requests.filter(isEngineUrl);
