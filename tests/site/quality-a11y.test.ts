// Accessibility in Chromium: axe-core 4.14 with the WCAG 2.0/2.1 A and AA rules on every page type in both
// locales (commune pages and embeds: a sample), with every table view opened so the tables are checked
// too; at 1280×800 and 360×740. Charts: each has an accessible name (its title), its generated summary
// (figcaption and the SVG's aria-label, with the figures in it), and every text drawn in an SVG has a
// contrast of at least 4.5:1 (3:1 when large) against what it is drawn on — read at 1280×800 in the same
// visit as axe, before the table views are opened.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DIST } from '../../support/browser/site';
import { useBuiltSite } from '../lib/use-site';
import { listRoutes, sampleRoutes, type Route } from '../lib/routes';
import { Visitor } from '../lib/visit';
import { contrast, parseColor } from '../lib/contrast';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const site = useBuiltSite();
let routes: Route[];

beforeAll(async () => {
  routes = sampleRoutes(listRoutes(DIST));
});

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }

async function runAxe(page: Page): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  // Runtime.evaluate is not subject to the page's CSP, so axe runs without loosening the policy
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) => r.violations),
    WCAG_AA,
  ) as AxeViolation[];
  return violations.flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 180)}`));
}

const READY = (r: Route) => (r.kind === 'explore' ? { waitFor: '#result[data-runs]', idle: true } : {});

/** Every chart of the page as loaded: its name, its summary, and the contrast of each text drawn. */
async function chartProblems(page: Page): Promise<{ charts: number; bad: string[] }> {
  const report = await page.evaluate(`(() => {
    const out = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      const id = fig.id || '(no id)';
      const title = document.getElementById(fig.getAttribute('aria-labelledby') || '')?.textContent?.trim() ?? '';
      const caption = fig.querySelector('figcaption')?.textContent?.trim() ?? '';
      const svg = fig.querySelector('svg[role="img"]');
      const label = svg?.getAttribute('aria-label')?.trim() ?? '';
      const texts = [];
      for (const t of fig.querySelectorAll('svg text')) {
        if (!t.textContent.trim()) continue;
        const b = t.getBoundingClientRect();
        if (!b.width) continue;
        const cs = getComputedStyle(t);
        let bg = 'rgb(255, 255, 255)';
        for (const e of document.elementsFromPoint(b.x + b.width / 2, b.y + b.height / 2)) {
          if (e === t || t.contains(e) || e.tagName === 'text' || e.tagName === 'tspan') continue;
          if (!e.closest('svg')) break;
          const f = getComputedStyle(e).fill;
          if (e.tagName !== 'svg' && e.tagName !== 'g' && f && f !== 'none' && !f.startsWith('url')) { bg = f; break; }
        }
        texts.push({ text: t.textContent.trim().slice(0, 30), fill: cs.fill, opacity: cs.fillOpacity, size: parseFloat(cs.fontSize), bold: Number(cs.fontWeight) >= 700, bg });
      }
      // a chart drawn as HTML (the heat map: a table of binned cells) is named by its table's caption
      const table = svg ? null : fig.querySelector('table');
      const tableName = table ? (table.caption?.textContent?.trim() || table.getAttribute('aria-label') || '') : '';
      out.push({ id, title, caption, label, hasSvg: !!svg, tableName, texts });
    }
    return out;
  })()`) as { id: string; title: string; caption: string; label: string; hasSvg: boolean; tableName: string; texts: { text: string; fill: string; opacity: string; size: number; bold: boolean; bg: string }[] }[];
  const bad: string[] = [];
  for (const c of report) {
    if (!c.title) bad.push(`${c.id}: no title naming the figure`);
    if (!/\d/.test(c.caption)) bad.push(`${c.id}: summary without figures: "${c.caption}"`);
    if (!c.hasSvg && !c.tableName) bad.push(`${c.id}: neither an svg[role=img] nor a named table`);
    else if (c.hasSvg && !/\d/.test(c.label)) bad.push(`${c.id}: svg aria-label without figures: "${c.label}"`);
    for (const t of c.texts) {
      const fg = parseColor(t.fill);
      const bg = parseColor(t.bg);
      if (!fg || !bg) { bad.push(`${c.id}: unreadable colours for "${t.text}": ${t.fill} on ${t.bg}`); continue; }
      const alpha = fg[3] * Number(t.opacity || 1);
      const blended = [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
      const ratio = contrast(blended, bg);
      const large = t.size >= 24 || (t.size >= 18.66 && t.bold);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${c.id}: "${t.text}" ${t.fill} on ${t.bg}: ${ratio.toFixed(2)}:1`);
    }
  }
  return { charts: report.length, bad: [...new Set(bad)] };
}

interface Pass { axe: Record<string, string[]>; charts: number; chartProblems: Record<string, string[]> }

/** One visit per sampled page at a viewport: the charts read first (at 1280 px, on content pages), then axe. */
async function visitAll(viewport: { width: number; height: number }, readCharts: boolean): Promise<Pass> {
  const v = await Visitor.open(site.browser, site.server.origin, viewport);
  const pass: Pass = { axe: {}, charts: 0, chartProblems: {} };
  try {
    for (const r of routes) {
      await v.visit(site.server.url + r.path, READY(r));
      if (readCharts && r.kind !== 'explore') {
        const { charts, bad } = await chartProblems(v.page);
        pass.charts += charts;
        if (bad.length) pass.chartProblems[`/${r.path}`] = bad;
      }
      const bad = await runAxe(v.page);
      if (bad.length) pass.axe[`/${r.path}`] = bad;
    }
  } finally {
    await v.close();
  }
  return pass;
}

/** Each viewport's pass, run once for the tests that read it (each test can run alone too). */
const passes = new Map<number, Promise<Pass>>();
const passAt = (viewport: { width: number; height: number }): Promise<Pass> => {
  if (!passes.has(viewport.width)) passes.set(viewport.width, visitAll(viewport, viewport.width === 1280));
  return passes.get(viewport.width)!;
};

describe.each([
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
])('axe-core, WCAG 2.1 A + AA, at $width px', (viewport) => {
  it('no violation on any page type, in either locale', async () => {
    // every page type of both locales (sampled communes and embeds): never an empty list checked
    expect(new Set(routes.map((r) => `${r.locale}:${r.kind}`)).size).toBe(32); // 16 page kinds × 2 locales
    expect((await passAt(viewport)).axe).toEqual({});
  }, 600_000);
});

describe('charts', () => {
  it('every chart has a name, its generated summary, and readable text', async () => {
    const pass = await passAt({ width: 1280, height: 800 });
    expect(pass.charts).toBeGreaterThan(20);
    expect(pass.chartProblems).toEqual({});
  }, 600_000);
});
