// The input template on /data/ (both languages): the two links lead to files in the built site, workbooks of the
// review after the latest published one, with the headers of that year's standard (from data/reference directly).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import standardsJson from '../../data/reference/standards.json';
import { DATA, DIST, ensureSite } from '../../support/browser/site';

beforeAll(async () => { await ensureSite(); }, 900_000);

/** The review after the latest published one, from the published poverty table. */
function expectedYear(): number {
  const years = readFileSync(join(DATA, 'poverty.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
  const last = Math.max(...standardsJson.standards.map((s) => s.last_review_year));
  return Math.min(Math.max(...years) + 1, last);
}

describe.each([['vi', ''], ['en', 'en/']] as const)('/data/ (%s)', (_, prefix) => {
  it('links the households template and communes.xlsx of the next review; both are in dist and read', async () => {
    const year = expectedYear();
    const doc = new JSDOM(readFileSync(join(DIST, prefix, 'data', 'index.html'), 'utf8')).window.document;
    const block = doc.querySelector(`[data-input-template="${year}"]`);
    expect(block).not.toBeNull();
    const hrefs = [...block!.querySelectorAll('a[download]')].map((a) => a.getAttribute('href')!);
    expect(hrefs).toHaveLength(2);
    expect(hrefs.some((h) => h.endsWith(`/templates/${year}/communes.xlsx`))).toBe(true);
    const standard = standardsJson.standards.find((s) => s.first_review_year <= year && year <= s.last_review_year)!;
    for (const href of hrefs) {
      const file = join(DIST, href.replace(/^\/+/, ''));
      expect(existsSync(file), href).toBe(true);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const headers = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
      if (href.endsWith('communes.xlsx')) expect(headers).toEqual(['Năm rà soát', 'Mã xã', 'Tổng số hộ']);
      else for (const i of standard.indicators) expect(headers).toContain(`Thiếu hụt ${i.name_vi}`);
    }
  });
});
