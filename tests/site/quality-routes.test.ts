// Every page of the built site in Chromium (playwright-core, Debian's /usr/bin/chromium or CHROME_PATH):
// loads with no console error, no failed request, no request to any other origin and no
// Content-Security-Policy violation; content pages never fetch the DuckDB engine. All 400 pages at
// 1280×800; at 360×740 every page type in both locales (commune pages and commune embeds: a sample of two
// communes, to keep the suite's time reasonable). Full-page screenshots of the pages visited at both
// widths go to screenshots/ (git-ignored).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DIST, ROOT } from '../../support/browser/site';
import { useBuiltSite } from '../lib/use-site';
import { isContent, listRoutes, sampleRoutes, type Route } from '../lib/routes';
import { Visitor, engineRequests, problems } from '../lib/visit';

const SCREENSHOTS = join(ROOT, 'screenshots');
const shotName = (r: Route) => (r.path === '' ? 'index' : r.path.replace(/\/$/, '').replace(/\//g, '_'));

// the explorer runs its first query on load: wait for it (and its chart) so its messages are its own
const EXPLORER_READY = (r: Route) => (r.kind === 'explore' ? { waitFor: '#result[data-runs]', idle: true } : {});

const site = useBuiltSite();
let routes: Route[];

beforeAll(async () => {
  routes = listRoutes(DIST);
});

async function checkAll(targets: Route[], viewport: { width: number; height: number }, screenshots: Set<string>) {
  const v = await Visitor.open(site.browser, site.server.origin, viewport);
  const found: Record<string, string[]> = {};
  try {
    for (const r of targets) {
      const log = await v.visit(site.server.url + r.path, EXPLORER_READY(r));
      const bad = problems(log);
      if (isContent(r)) bad.push(...engineRequests(log).map((u) => `engine request on a content page: ${u}`));
      if (bad.length) found[`/${r.path}`] = bad;
      if (screenshots.has(r.path)) await v.screenshot(join(SCREENSHOTS, String(viewport.width), `${shotName(r)}.png`));
    }
  } finally {
    await v.close();
  }
  return found;
}

describe('every route loads cleanly', () => {
  it('finds the pages of both locales in dist/', () => {
    const kinds = new Set(routes.map((r) => `${r.locale}:${r.kind}`));
    for (const locale of ['vi', 'en']) {
      for (const kind of ['overview', 'progress', 'deprivation', 'communes', 'commune', 'agencies', 'explore', 'data', 'methodology', 'directive', 'embed', 'monitoring', 'newly-escaped', 'lasting-exits', 'recorded-vs-rule', 'what-if']) {
        expect(kinds, `${locale}:${kind}`).toContain(`${locale}:${kind}`);
      }
    }
    // a page per unit per period: 37 of 2019–2024 (/communes/<code>/), 8 of 2025-07, 21 of 2025-01 (the bridge)
    const units = routes.filter((r) => r.kind === 'commune' && r.locale === 'vi').map((r) => r.path);
    expect(units.filter((p) => /^communes\/\d{5}\/$/.test(p))).toHaveLength(37);
    expect(units.filter((p) => /^communes\/2025\/\d{5}\/$/.test(p))).toHaveLength(8);
    expect(units.filter((p) => /^communes\/2025-01\/\d{5}\/$/.test(p))).toHaveLength(21);
    expect(units).toHaveLength(66);
    expect(routes.filter((r) => r.kind === 'other')).toEqual([]);
  });

  it('all pages at 1280×800: no console error, failed or foreign request, CSP violation; no engine on content pages', async () => {
    const shots = new Set(sampleRoutes(routes).map((r) => r.path));
    expect(await checkAll(routes, { width: 1280, height: 800 }, shots)).toEqual({});
  }, 900_000);

  it('every page type at 360×740 (sampled communes and embeds), the same checks', async () => {
    const sample = sampleRoutes(routes);
    expect(await checkAll(sample, { width: 360, height: 740 }, new Set(sample.map((r) => r.path)))).toEqual({});
  }, 600_000);

  it('no page is wider than a 360 px screen (no sideways scrolling of the page itself)', async () => {
    const v = await Visitor.open(site.browser, site.server.origin, { width: 360, height: 740 });
    const wide: Record<string, number> = {};
    try {
      for (const r of sampleRoutes(routes)) {
        await v.visit(site.server.url + r.path);
        const w = await v.page.evaluate(() => document.documentElement.scrollWidth);
        if (w > 360) wide[`/${r.path}`] = w;
      }
    } finally {
      await v.close();
    }
    expect(wide).toEqual({});
  }, 600_000);
});
