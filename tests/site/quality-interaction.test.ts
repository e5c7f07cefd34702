// Keyboard alone, in Chromium: Tab reaches the language switch, a chart's table view, the commune search,
// the sortable table headers and the explorer's Run button, and Enter / Space does what a click does.
// Downloads: every chart of one page gives its CSV (parses, the table view's rows), SVG and PNG.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../lib/use-site';
import { Visitor, problems } from '../lib/visit';

const site = useBuiltSite();
let v: Visitor;

beforeAll(async () => {
  v = await Visitor.open(site.browser, site.server.origin, { width: 1280, height: 800 });
});
afterAll(async () => {
  await v?.close();
});

/** Presses Tab until the focused element matches `selector`; fails if it never does. */
async function tabTo(page: Page, selector: string, max = 300): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

describe('keyboard alone', () => {
  it('the language switch: Tab to it, Enter opens the same page in English', async () => {
    await v.visit(`${site.server.url}progress/`);
    await tabTo(v.page, 'a.lang');
    await Promise.all([v.page.waitForURL(`${site.server.url}en/progress/`), v.page.keyboard.press('Enter')]);
    expect(await v.page.getAttribute('html', 'lang')).toBe('en');
  });

  it('a chart\'s table view: Enter opens it, Space closes it', async () => {
    await v.visit(`${site.server.url}progress/`);
    await tabTo(v.page, 'figure.chart details > summary');
    const details = v.page.locator('figure.chart details').first();
    await v.page.keyboard.press('Enter');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator('table tbody tr').first().isVisible()).toBe(true);
    await v.page.keyboard.press('Space');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it('the commune search filters the list as one types, with or without diacritics', async () => {
    await v.visit(`${site.server.url}communes/`);
    await tabTo(v.page, 'commune-search input');
    const all = await v.page.locator('#commune-list li[data-search]').count();
    await v.page.keyboard.type('luu ky');
    const shown = v.page.locator('#commune-list li[data-search]:not([hidden])');
    await expect.poll(() => shown.count()).toBeLessThan(all);
    expect(await shown.count()).toBeGreaterThan(0);
    expect((await shown.allTextContents()).join(' ')).toMatch(/Lưu Kỳ/);
    expect(v.page.url()).toContain('q=luu');
  });

  it('sortable headers: Enter sorts ascending, Space descending', async () => {
    await v.visit(`${site.server.url}progress/`);
    await tabTo(v.page, 'sortable-table thead th button');
    const th = v.page.locator('sortable-table thead th', { has: v.page.locator('button:focus') });
    const col = await th.evaluate((el) => (el as HTMLTableCellElement).cellIndex);
    const column = () => v.page.locator('sortable-table tbody tr').evaluateAll((rows, c) =>
      rows.map((r) => { const cell = (r as HTMLTableRowElement).cells[c] as HTMLElement; return cell.dataset.sort ?? cell.textContent ?? ''; }), col);
    const cmp = (a: string, b: string) => (a !== '' && b !== '' && !isNaN(+a) && !isNaN(+b) ? +a - +b : a.localeCompare(b, 'vi'));
    await v.page.keyboard.press('Enter');
    expect(await th.getAttribute('aria-sort')).toBe('ascending');
    const asc = await column();
    expect(asc).toEqual([...asc].sort(cmp));
    await v.page.keyboard.press('Space');
    expect(await th.getAttribute('aria-sort')).toBe('descending');
    const desc = await column();
    expect(desc).toEqual([...desc].sort((a, b) => cmp(b, a)));
  });

  it('the explorer: Tab to Run, Enter runs the query', async () => {
    const log = await v.visit(`${site.server.url}explore/`, { waitFor: '#result[data-runs]' });
    const runs = Number(await v.page.getAttribute('#result', 'data-runs'));
    await v.page.waitForSelector('button[data-run]:not([disabled])');
    await tabTo(v.page, 'button[data-run]');
    await v.page.keyboard.press('Enter');
    await v.page.waitForFunction((n) => Number(document.querySelector('#result')?.getAttribute('data-runs')) > n, runs, { timeout: 60_000 });
    expect(await v.page.locator('#result table tbody tr').count()).toBeGreaterThan(0);
    expect(problems(await v.collect()).concat(log.foreign)).toEqual([]);
  });
});

describe('the deprivation page\'s years', () => {
  it('a year is a link to its own page; an old permalink (?year=, #year-) lands on that year\'s page, keeping the rest', async () => {
    await v.visit(`${site.server.url}deprivation/`);
    await Promise.all([v.page.waitForURL(`${site.server.url}deprivation/2022/`), v.page.locator('nav[data-year-pages] a[data-year="2022"]').click()]);
    expect(await v.page.locator('section[id^="year-"]').evaluateAll((s) => s.map((e) => e.id))).toEqual(['year-2022']);
    // the permalink of a view of the one page it was: 2023's heat map of near-poor households
    await v.page.goto(`${site.server.url}deprivation/?year=2023&pop=near_poor#heatmap-2023-near_poor`);
    await v.page.waitForURL(`${site.server.url}deprivation/2023/?pop=near_poor#heatmap-2023-near_poor`);
    await v.page.waitForSelector('view-switch[data-ready]');
    expect(await v.page.locator('figure.chart[id^="heatmap"]:visible').evaluateAll((f) => f.map((e) => e.id))).toEqual(['heatmap-near_poor-y2023']);
    await v.page.goto(`${site.server.url}en/deprivation/#year-2021`);
    await v.page.waitForURL(`${site.server.url}en/deprivation/2021/#year-2021`);
    expect(problems(await v.collect())).toEqual([]);
  });
});

describe('chart downloads', () => {
  it('every chart on /deprivation/ gives its CSV (the table view\'s rows), SVG and PNG', async () => {
    await v.visit(`${site.server.url}deprivation/`);
    // the charts shown (other years' and populations' views are in the page, not displayed)
    const figures = await v.page.locator('figure.chart:visible').all();
    expect(figures.length).toBeGreaterThan(1);
    const bad: string[] = [];
    for (const fig of figures) {
      const id = await fig.getAttribute('id');
      const tableRows = await fig.locator('.chart-tools details table tbody tr').count();
      const rowTexts = await fig.locator('.chart-tools details table tbody tr').evaluateAll((rows) =>
        rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim()).filter((t) => /\p{L}/u.test(t))));
      const get = async (selector: string) => {
        try {
          const [download] = await Promise.all([v.page.waitForEvent('download', { timeout: 10_000 }), fig.locator(selector).click()]);
          return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
        } catch {
          bad.push(`${id}: ${selector} gave no download`);
          return { name: '', bytes: Buffer.alloc(0) };
        }
      };
      const csv = await get('[data-download="csv"]');
      const parsed = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
      if (parsed.errors.length) bad.push(`${id}: CSV does not parse: ${parsed.errors[0].message}`);
      // the CSV may be the long form of a pivoted table view: at least its rows, and every row it labels
      if (parsed.data.length - 1 < tableRows) bad.push(`${id}: CSV has ${parsed.data.length - 1} rows, the table view ${tableRows}`);
      const cells = new Set(parsed.data.slice(1).flat().map((c) => c.trim()));
      const absent = rowTexts.filter((texts) => texts.length > 0 && !texts.some((t) => cells.has(t) || [...cells].some((c) => c && t.startsWith(c))));
      if (absent.length) bad.push(`${id}: table rows not in the CSV: ${absent.slice(0, 3).map((t) => t.join(' | ')).join('; ')}`);
      if (csv.name !== `${id}.csv`) bad.push(`${id}: CSV named ${csv.name}`);
      const svg = await get('[data-download="svg"]');
      if (!/^(?:<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg.bytes.toString('utf8'))) bad.push(`${id}: SVG starts with ${svg.bytes.subarray(0, 20)}`);
      const xmlError = await v.page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')?.textContent ?? '', svg.bytes.toString('utf8'));
      if (xmlError) bad.push(`${id}: SVG file is not well-formed XML: ${xmlError.replace(/\s+/g, ' ').slice(0, 120)}`);
      const png = await get('button[data-download="png"]');
      if (png.bytes.length && !png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) bad.push(`${id}: PNG without the PNG signature`);
      if (png.bytes.length && png.bytes.length < 1000) bad.push(`${id}: PNG of ${png.bytes.length} bytes`);
    }
    expect(bad).toEqual([]);
    expect(problems(await v.collect())).toEqual([]);
  });
});
