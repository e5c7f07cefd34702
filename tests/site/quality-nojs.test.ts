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

const PAGES = ['', 'progress/', 'deprivation/', 'communes/11470/'].flatMap((p) => [p, `en/${p}`]);

describe.each(PAGES)('/%s without JavaScript', (path) => {
  it('shows its figures, charts and tables', async () => {
    const log = await v.visit(site.server.url + path);
    // CSP violations are the routes test's business (tests/site/quality-routes.test.ts); here: nothing missing
    expect(problems(log).filter((l) => !/content security policy|^CSP/i.test(l))).toEqual([]);
    const page = v.page;
    const figures = page.locator('[data-figure]');
    if (path === '' || path === 'en/') expect(await figures.count()).toBeGreaterThan(2);
    for (const f of await figures.all()) expect(await f.innerText()).toMatch(/\d/);
    // the charts shown: other review years' and populations' views are in the page but not displayed
    const charts = await page.locator('figure.chart:visible').all();
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const visual = chart.locator('svg[role="img"], .table-scroll.heatmap').first();
      const box = await visual.boundingBox();
      expect(box?.width ?? 0, `${await chart.getAttribute('id')} drawn`).toBeGreaterThan(100);
      expect(await chart.locator('figcaption').innerText()).toMatch(/\d/);
      const details = chart.locator('.chart-tools details');
      if (await details.count()) {
        await details.locator('summary').click();
        const firstRow = details.locator('table tbody tr').first();
        expect(await firstRow.isVisible(), `${await chart.getAttribute('id')} table view`).toBe(true);
        expect(await details.locator('table tbody tr').count()).toBeGreaterThan(0);
      }
      // the PNG button needs a script: it stays hidden rather than doing nothing
      expect(await chart.locator('button[data-download="png"]').isVisible()).toBe(false);
      expect(await chart.locator('a[data-download="csv"]').isVisible()).toBe(true);
    }
  });
});
