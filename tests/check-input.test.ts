// `npm run check-input` (scripts/check-input.ts) on every bad-input fixture: exit 1, the HTML report names each
// error's file, line, column and reason (as the fixture's expected.json states them, written by hand), nothing is
// written but the report, and neither the report nor the terminal output holds a personal value — scanned with the
// leak scanner (tests/lib/scan.ts) for the fixtures' own personal values and for the canary households.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geography from '../data/reference/geography.json';
import { main } from '../scripts/check-input.ts';
import { householdColumns, matchHeader, personalColumns } from '../scripts/pipeline/input/columns.ts';
import { splitCsvLine } from '../scripts/pipeline/input/sniff.ts';
import { canaries, canaryCsv, canaryNeedles, canaryXlsx } from './lib/canary.ts';
import { describeHits, listFiles, scanAll, type Needle } from './lib/scan.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/input');

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'check-input-test-')); });
afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

async function checkInput(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stdout, stderr };
}

/** The rows of the report's problem tables: file, line, column, severity, reason, value (text, entities decoded). */
function reportRows(html: string): string[][] {
  const decode = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => decode(c[1]!))).filter((cells) => cells.length === 6);
}

/** "households/a.csv line 3, column members: not a whole number: \"x\"" → its parts. */
function parseExpected(message: string): { file: string; line: string | null; column: string | null; reason: string } {
  const m = /^(.+?)(?: line (\d+))?(?:, column ([^:]+))?: (.*)$/.exec(message)!;
  const reason = /^(.*): "(?:[^"\\]|\\.)*"$/.exec(m[4]!)?.[1] ?? m[4]!;
  return { file: m[1]!, line: m[2] ?? null, column: m[3] ?? null, reason };
}

/** The personal values of a fixture's CSV files (distinctive enough to search), as leak-scanner needles. */
async function fixtureNeedles(dir: string, stated: string[]): Promise<Needle[]> {
  const needles: Needle[] = stated.map((value) => ({ label: `stated ${value}`, value, kind: 'code' }));
  for (const path of (await listFiles(dir)).filter((p) => p.endsWith('.csv'))) {
    const text = (await readFile(path)).toString('utf8').replace(/^\uFEFF/, '');
    const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (!head) continue;
    const delimiter = head.split(';').length > head.split(',').length ? ';' : ',';
    const names = matchHeader(splitCsvLine(head, delimiter), householdColumns).names;
    for (const line of lines) {
      splitCsvLine(line, delimiter).forEach((value, i) => {
        const column = names[i];
        if (!column || !personalColumns.has(column) || !value.trim()) return;
        if (/^[\d\s.+-]+$/.test(value) && value.replace(/\D/g, '').length >= 9) needles.push({ label: `${column}`, value, kind: 'digits' });
        else if (value.trim().split(/\s+/).length >= 2 && value.length >= 8) needles.push({ label: `${column}`, value, kind: 'text' });
        else if (value.length >= 6) needles.push({ label: `${column}`, value, kind: 'code' });
      });
    }
  }
  return needles;
}

// the list of cases must exist before describe.each runs
const refusedFixtures = readdirSync(FIXTURES).filter((name) => JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')).refused === true);

describe('check-input on each bad-input fixture', () => {
  it('covers the bad-input fixtures', () => {
    expect(refusedFixtures.length).toBeGreaterThanOrEqual(12);
  });

  it('positive control: the needles of a fixture are found when its values are shown', async () => {
    const needles = await fixtureNeedles(join(FIXTURES, 'masking'), []);
    expect(needles.map((n) => n.value)).toEqual(expect.arrayContaining(['HH-SECRET-42', 'Canary Zebulon Quốc', '012345678901']));
    const scan = await scanAll({ needles }, { texts: [{ source: 'x.html', text: '<td>CANARY ZEBULON QUOC</td><td>0123 4567 8901</td>' }] });
    expect(new Set(scan.hits.map((h) => h.value))).toEqual(new Set(['Canary Zebulon Quốc', '012345678901']));
  });

  describe.each(refusedFixtures)('%s', (name) => {
    it('exit 1; the HTML report names file, line, column and reason of every error; no personal value; nothing else written', async () => {
      const dir = join(FIXTURES, name);
      const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as { errors: string[]; canaries?: string[]; options?: { encoding?: string } };
      const out = join(work, name);
      await mkdir(out, { recursive: true });
      const html = join(out, 'report.html');
      const before = (await listFiles(dir)).length;
      const result = await checkInput(['--input', dir, '--html', html, ...(expected.options?.encoding ? ['--encoding', expected.options.encoding] : [])]);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(await listFiles(out)).toEqual([html]);
      expect((await listFiles(dir)).length).toBe(before);

      const page = await readFile(html, 'utf8');
      expect(page).toMatch(/^<!doctype html>\n<html lang="vi">/);
      expect(page).not.toMatch(/<script|<link|src=|@import|url\(/i);
      const rows = reportRows(page);
      expect(expected.errors.length).toBeGreaterThan(0);
      for (const message of expected.errors) {
        const want = parseExpected(message);
        const row = rows.find((r) => r[0] === want.file && r[1] === (want.line ?? '—') && r[3] === 'lỗi' && r[4] === want.reason
          && (want.column === null ? r[2] === '' : r[2] === want.column || r[2]!.startsWith(`${want.column} (`)));
        expect(row, `${message}\n${JSON.stringify(rows)}`).toBeDefined();
        // the terminal table names the file too, and the message itself is among the first lines shown
      }
      expect(result.stdout).toContain(parseExpected(expected.errors[0]!).file);

      const needles = await fixtureNeedles(dir, expected.canaries ?? []);
      const scan = await scanAll({ needles }, { texts: [{ source: 'report.html', text: page }, { source: 'stdout', text: result.stdout }, { source: 'stderr', text: result.stderr }] });
      expect(scan.hits, describeHits(scan.hits)).toEqual([]);
    }, 120_000);
  });
});

describe('check-input on the canary households (the leak test\'s bad rows, in CSV, semicolon CSV and Excel)', () => {
  it('exit 1, every canary row reported with its problems, no canary value in the report or the output', async () => {
    const dir = join(work, 'canaries');
    await mkdir(join(dir, 'households'), { recursive: true });
    const rows = [...canaries.invalid, ...canaries.valid];
    const years = [...new Set(rows.map((c) => c.review_year))].sort();
    const unitsOf = (year: number) => {
      const day = `${year}-${geography.review_date}`;
      return geography.periods.find((p) => p.valid_from <= day && (p.valid_to === null || day <= p.valid_to))!.units.map((u) => u.code);
    };
    await writeFile(join(dir, 'communes.csv'), ['review_year,commune_code,total_households', ...years.flatMap((y) => unitsOf(y).map((u) => `${y},${u},500`))].join('\n') + '\n');
    const as = (layout: 'vi-csv' | 'semicolon-csv' | 'xlsx') => canaries.invalid.map((c) => ({ ...c, file: layout, household_id: `${c.household_id}${layout === 'vi-csv' ? '' : `-${layout}`}` }));
    await writeFile(join(dir, 'households', 'bad-vi.csv'), canaryCsv(as('vi-csv'), false));
    await writeFile(join(dir, 'households', 'bad-semicolon.csv'), canaryCsv(as('semicolon-csv'), true));
    await writeFile(join(dir, 'households', 'bad.xlsx'), await canaryXlsx(as('xlsx')));
    await writeFile(join(dir, 'households', 'good.csv'), canaryCsv(canaries.valid, false));
    const html = join(work, 'canaries.html');
    const result = await checkInput(['--input', dir, '--html', html]);
    expect(result.code, result.stdout).toBe(1);
    const page = await readFile(html, 'utf8');
    const reported = reportRows(page);
    for (const file of ['households/bad-vi.csv', 'households/bad-semicolon.csv', 'households/bad.xlsx']) {
      expect(reported.some((r) => r[0] === file && r[2].startsWith('national_id') && r[5] === '***'), file).toBe(true);
      expect(reported.some((r) => r[0] === file && r[2].startsWith('income_per_capita')), file).toBe(true);
    }
    const needles = [
      ...canaryNeedles(rows),
      ...['semicolon-csv', 'xlsx'].flatMap((l) => canaryNeedles(canaries.invalid.map((c) => ({ ...c, household_id: `${c.household_id}-${l}` })))),
    ];
    const scan = await scanAll({ needles }, { texts: [{ source: 'report.html', text: page }, { source: 'stdout', text: result.stdout }, { source: 'stderr', text: result.stderr }] });
    expect(scan.hits, describeHits(scan.hits)).toEqual([]);
  }, 120_000);
});

describe('check-input on good input', () => {
  it('exit 0 and a report that says there is no error', async () => {
    const html = join(work, 'good.html');
    const result = await checkInput(['--input', join(FIXTURES, 'good'), '--html', html]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/no problems found/);
    expect(await readFile(html, 'utf8')).toContain('Không có lỗi.');
  }, 60_000);

  it('usage errors exit 2', async () => {
    expect((await checkInput([])).code).toBe(2);
    expect((await checkInput(['--input', 'x', '--legacy-font', 'viqr'])).code).toBe(2);
  });
});
