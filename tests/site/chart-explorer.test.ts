// Every chart opens in the explorer: in Chromium, a sample of charts of different kinds (a series of a unit
// of 2025 summed from its predecessors, a commune's movements and its support with hidden cells, a unit of
// 2025's deprivation in English) is opened on its page, its "SQL" link is followed in one click, and the
// explorer's answer (DuckDB-WASM over the published parquet files) is compared cell by cell with the chart's
// table view as the build rendered it: numbers read back from the page's formatting, hidden cells hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startServer, type OpenedPage, type StaticServer } from '../../support/browser/harness';
import { DIST, ensureSite } from '../../support/browser/site';
import { chartSpecFromId } from '../../src/lib/charts/spec';
import { chartSql } from '../../src/lib/charts/sql';
import { queryContext } from '../../src/lib/charts/registry';

let server: StaticServer;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  await ensureSite();
  server = await startServer(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

interface ShownCell { text: string; hidden: boolean }

/** A number as the page formats it for its locale ("1.234", "12,5%" in vi; "1,234", "12.5%" in en). */
function readNumber(text: string, locale: 'vi' | 'en'): { value: number; decimals: number } {
  const t = text.replace(/%$/, '').trim();
  const [int, frac = ''] = locale === 'vi' ? t.split(',') : t.split('.');
  const digits = int!.replace(locale === 'vi' ? /\./g : /,/g, '');
  expect(digits, text).toMatch(/^-?\d+$/);
  expect(frac, text).toMatch(/^\d*$/);
  return { value: Number(`${digits}.${frac || '0'}`), decimals: frac.length };
}
const numbersIn = (text: string) => (text.match(/\d[\d.,]*/g) ?? []).map((n) => n.replace(/[.,]/g, ''));

// `hidden`: whether the chart's table view has suppressed cells in the demo release (both sides must show them)
const SAMPLES = [
  { path: 'communes/2025/11473/', id: '2025-11473-series', locale: 'vi' as const, hidden: false },
  { path: 'communes/11482/', id: '11482-movements', locale: 'vi' as const, hidden: true },
  { path: 'communes/11545/', id: '11545-support-y2023', locale: 'vi' as const, hidden: true },
  { path: 'en/communes/2025/11542/', id: '2025-11542-deprivation-y2025', locale: 'en' as const, hidden: true },
  // the monitoring charts' SQL (src/lib/monitoring/*queries.ts) in DuckDB-WASM too
  { path: 'lasting-exits/', id: 'exit-outcomes', locale: 'vi' as const, hidden: true },
  { path: 'en/recorded-vs-rule/', id: 'mismatch', locale: 'en' as const, hidden: true },
];

describe('a chart\'s SQL link opens the explorer with the same rows as its table view', () => {
  it.each(SAMPLES)('$id ($locale)', async ({ path, id, locale, hidden }) => {
    const spec = chartSpecFromId(id);
    const q = chartSql(spec, await queryContext(spec, locale));
    const shownColumns = q.columns.filter((c) => c.label !== undefined);

    const p = await openPage(browser, server.url);
    opened.push(p);
    await p.page.goto(server.url + path);
    const figure = p.page.locator(`figure[id="${id}"]`);
    // the table view as built (a closed <details> holds it: its cells are in the DOM)
    const view: ShownCell[][] = await figure.locator('.chart-tools details table tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => ({ text: (c.textContent ?? '').trim(), hidden: c.classList.contains('supp') }))));
    expect(view.length, id).toBeGreaterThan(0);
    expect(view[0]).toHaveLength(shownColumns.length);

    // one click: the figure's own link, as a reader would follow it
    const link = figure.locator('a[data-explore]');
    expect(new URL(await link.getAttribute('href') ?? '', server.url).pathname).toBe(locale === 'en' ? '/en/explore/' : '/explore/');
    // (the figure may sit in a view not shown by default: follow its address, the same as a click)
    await p.page.goto(new URL(await link.getAttribute('href') ?? '', server.url + path).href);
    await p.page.waitForSelector('#result[data-runs]', { timeout: 120_000 });
    expect(await p.page.getAttribute('#result', 'data-state')).toBe('done');
    expect(await p.page.inputValue('#sql')).toBe(q.sql);

    const names = await p.page.$$eval('#result table thead th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(names).toEqual(q.columns.map((c) => c.name));
    const result: ShownCell[][] = await p.page.$$eval('#result table tbody tr', (rows) =>
      rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => ({ text: c.textContent ?? '', hidden: c.hasAttribute('data-suppressed') }))));
    expect(result).toHaveLength(view.length);

    let hiddenSeen = 0;
    view.forEach((row, i) => {
      shownColumns.forEach((col, j) => {
        const page = row[j]!;
        const got = result[i]![names.indexOf(col.name)]!;
        const where = `${id} row ${i + 1} ${col.name}: page "${page.text}", explorer "${got.text}"`;
        // hidden in one is hidden in the other, never a 0 or an empty cell
        expect(page.hidden, where).toBe(got.hidden);
        if (got.hidden) {
          hiddenSeen += 1;
          // the range the published tables allow (the explorer shows it on the households column) is the page's too
          const range = (text: string) => (col.name === 'households' ? numbersIn(text) : []);
          expect(range(page.text), where).toEqual(range(got.text));
        } else if (got.text === '') {
          expect(page.text, where).toBe('—');
        } else if (col.format === 'year') {
          expect(page.text.match(/\d{4}/)?.[0], where).toBe(got.text);
        } else if (col.format === 'count' || col.format === 'percent') {
          const shown = readNumber(page.text, locale);
          const exact = Number(got.text);
          expect(shown.value, where).toBe(Number(exact.toFixed(shown.decimals)));
        } else {
          expect(page.text, where).toBe(got.text);
        }
      });
    });
    // the samples with hidden cells show them hidden on both sides
    expect(hiddenSeen > 0, id).toBe(hidden);
    expect(p.foreignRequests).toEqual([]);
  }, 180_000);
});
