// Every page of the built site in Chromium (playwright-core, Debian's /usr/bin/chromium or CHROME_PATH):
// loads with no console error, no failed request, no request to any other origin and no
// Content-Security-Policy violation; content pages never fetch the DuckDB engine. All 400 pages at
// 1280×800; at 360×740 every page type in both locales (commune pages and commune embeds: a sample of two
// communes, to keep the suite's time reasonable); the 360 px pass also measures each page's width, in the
// same visit. With SCREENSHOTS=1, full-page screenshots of the sampled pages at both widths go to
// screenshots/ (git-ignored): nothing is asserted on them.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DIST, ROOT } from '../../support/browser/site';
import { useBuiltSite } from '../lib/use-site';
import { isContent, listRoutes, sampleRoutes, type Route } from '../lib/routes';
import { Visitor, engineRequests, problems } from '../lib/visit';

const SCREENSHOTS = join(ROOT, 'screenshots');
const SHOOT = process.env.SCREENSHOTS === '1';
const shotName = (r: Route) => (r.path === '' ? 'index' : r.path.replace(/\/$/, '').replace(/\//g, '_'));

// the explorer runs its first query on load: wait for it (and its chart) so its messages are its own
const EXPLORER_READY = (r: Route) => (r.kind === 'explore' ? { waitFor: '#result[data-runs]', idle: true } : {});

const site = useBuiltSite();
let routes: Route[];

beforeAll(async () => {
  routes = listRoutes(DIST);
});

interface Pass { problems: Record<string, string[]>; wide: Record<string, number> }

/** One visit per page at a viewport: its problems and, when asked, how much wider than the screen the page is. */
async function checkAll(targets: Route[], viewport: { width: number; height: number }, screenshots: Set<string>, measureWidth = false): Promise<Pass> {
  const v = await Visitor.open(site.browser, site.server.origin, viewport);
  const pass: Pass = { problems: {}, wide: {} };
  try {
    for (const r of targets) {
      const log = await v.visit(site.server.url + r.path, EXPLORER_READY(r));
      const bad = problems(log);
      if (isContent(r)) bad.push(...engineRequests(log).map((u) => `engine request on a content page: ${u}`));
      if (bad.length) pass.problems[`/${r.path}`] = bad;
      if (measureWidth) {
        const w = await v.page.evaluate(() => document.documentElement.scrollWidth);
        if (w > viewport.width) pass.wide[`/${r.path}`] = w;
      }
      if (SHOOT && screenshots.has(r.path)) await v.screenshot(join(SCREENSHOTS, String(viewport.width), `${shotName(r)}.png`));
    }
  } finally {
    await v.close();
  }
  return pass;
}

/** The sampled pages at 360×740, visited once for the two tests that read them (either runs alone too). */
let narrow: Promise<Pass> | undefined;
const narrowPass = (): Promise<Pass> => {
  if (!narrow) {
    const sample = sampleRoutes(routes);
    narrow = checkAll(sample, { width: 360, height: 740 }, new Set(sample.map((r) => r.path)), true);
  }
  return narrow;
};

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
    expect((await checkAll(routes, { width: 1280, height: 800 }, shots)).problems).toEqual({});
  }, 900_000);

  it('every page type at 360×740 (sampled communes and embeds), the same checks', async () => {
    expect((await narrowPass()).problems).toEqual({});
  }, 600_000);

  it('no page is wider than a 360 px screen (no sideways scrolling of the page itself)', async () => {
    // measured in the 360 px pass once each page has loaded (the explorer once its first query has run)
    expect((await narrowPass()).wide).toEqual({});
  }, 600_000);
});
