// communes.xlsx (the communes template) is read as communes.csv is: the same fixtures with their communes.csv
// rewritten as a workbook give the same verdict and the same problems, naming communes.xlsx; with both files
// present the run is refused rather than one of them chosen.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadInput, type LoadResult } from '../scripts/pipeline/input/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/input');

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'communes-xlsx-test-')); });
afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

async function load(dir: string): Promise<LoadResult> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return await loadInput(conn, { inputDir: dir, linkKey: Buffer.from('communes xlsx test key'), dropInvalid: false });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The fixture's communes.csv as communes.xlsx: the same cells as text, header on row 1 (so sheet rows = CSV lines). */
async function asWorkbook(fixture: string, keepCsv: boolean): Promise<string> {
  const dir = join(work, `${fixture}${keepCsv ? '-both' : ''}`);
  await cp(join(FIXTURES, fixture), dir, { recursive: true });
  const lines = (await readFile(join(dir, 'communes.csv'), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tổng số hộ');
  for (const line of lines) sheet.addRow(line.split(','));
  await book.xlsx.writeFile(join(dir, 'communes.xlsx'));
  if (!keepCsv) await rm(join(dir, 'communes.csv'));
  return dir;
}

const messages = (r: LoadResult) => [...r.errors, ...r.warnings].map(formatProblem);

describe.each(['good', 'commune-missing', 'too-many-households', 'year-without-denominators', 'year-without-households', 'unknown-commune'])(
  'fixture %s with communes.xlsx', (fixture) => {
    it('the same verdict and problems as with communes.csv, naming communes.xlsx', async () => {
      const csv = await load(join(FIXTURES, fixture));
      const xlsx = await load(await asWorkbook(fixture, false));
      expect(xlsx.refused).toBe(csv.refused);
      expect(xlsx.rowsLoaded).toBe(csv.rowsLoaded);
      expect(messages(xlsx)).toEqual(messages(csv).map((m) => m.replaceAll('communes.csv', 'communes.xlsx')));
      expect(xlsx.files.find((f) => f.file === 'communes.xlsx')?.format).toBe('xlsx');
    }, 60_000);
  });

describe('both communes.csv and communes.xlsx', () => {
  it('refused, naming both', async () => {
    const result = await load(await asWorkbook('good', true));
    expect(result.refused).toBe(true);
    expect(result.errors.map(formatProblem)).toContain('communes.csv: both communes.csv and communes.xlsx are present: keep one of them (the pipeline will not choose)');
  }, 60_000);

  it('neither: refused, naming both names', async () => {
    const dir = join(work, 'none');
    await cp(join(FIXTURES, 'good'), dir, { recursive: true });
    await rm(join(dir, 'communes.csv'));
    await writeFile(join(dir, 'README.txt'), 'no denominators here\n');
    const result = await load(dir);
    expect(result.refused).toBe(true);
    expect(result.errors.map(formatProblem)[0]).toMatch(/^communes\.csv: file missing: .* as communes\.csv or communes\.xlsx$/);
  }, 60_000);
});
