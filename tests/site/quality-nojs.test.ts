// With JavaScript off (Chromium, javaScriptEnabled: false): the overview, progress, deprivation and a
// commune page, in both locales, show their headline figures, every chart (pre-rendered, visible, with its
// summary) and every table view (a native <details>, opened by a click without any script).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltSite } from '../lib/use-site';
import { Visitor, problems } from '../lib/visit';

const site = useBuiltSite();
let v: Visitor;

beforeAll(async () => {
  v = await Visitor.open(site.browser, site.server.origin, { width: 360, height: 740 }, false);
});
afterAll(async () => {
  await v?.close();
});

/** Headline figures ([data-figure]) each page shows at least. */
const MIN_FIGURES: Record<string, number> = { '': 3, 'progress/': 0, 'deprivation/': 0, 'communes/11470/': 1, 'recorded-vs-rule/': 0, 'what-if/': 0 };
const PAGES = Object.keys(MIN_FIGURES).flatMap((p) => [p, `en/${p}`]);

describe.each(PAGES)('/%s without JavaScript', (path) => {
  it('shows its figures, charts and tables', async () => {
    const log = await v.visit(site.server.url + path);
    // CSP violations are the routes test's business (tests/site/quality-routes.test.ts); here: nothing missing
    expect(problems(log).filter((l) => !/content security policy|^CSP/i.test(l))).toEqual([]);
    const page = v.page;
    const figures = page.locator('[data-figure]');
    // headline figures: the overview's key numbers; the other pages may have none
    const headline = await figures.all();
    expect(headline.length).toBeGreaterThanOrEqual(MIN_FIGURES[path.replace(/^en\//, '')]!);
    const shown = await Promise.all(headline.map((f) => f.innerText()));
    expect(shown.filter((t) => !/\d/.test(t)), 'figures without a number').toEqual([]);
    // the charts shown: other review years' and populations' views are in the page but not displayed
    const charts = await page.locator('figure.chart:visible').all();
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const visual = chart.locator('svg[role="img"], .table-scroll.heatmap').first();
      const box = await visual.boundingBox();
      expect(box?.width ?? 0, `${await chart.getAttribute('id')} drawn`).toBeGreaterThan(100);
      expect(await chart.locator('figcaption').innerText()).toMatch(/\d/);
      // every chart has its table view, which opens without a script
      const details = chart.locator('.chart-tools details');
      expect(await details.count(), `${await chart.getAttribute('id')} table view`).toBe(1);
      await details.locator('summary').click();
      const firstRow = details.locator('table tbody tr').first();
      expect(await firstRow.isVisible(), `${await chart.getAttribute('id')} table view`).toBe(true);
      // the PNG button needs a script: it stays hidden rather than doing nothing
      expect(await chart.locator('button[data-download="png"]').isVisible()).toBe(false);
      expect(await chart.locator('a[data-download="csv"]').isVisible()).toBe(true);
    }
  });
});
