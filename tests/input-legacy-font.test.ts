// Vietnamese typed in a legacy font (TCVN3 "ABC" / .VnTime, VNI): a workbook written in each encoding — made here
// by converting Unicode text with the inverse of data/reference/legacy-fonts.json — is refused with one line
// naming the encoding (not a list of "missing" columns), and read correctly with --legacy-font, by check-input and
// by the pipeline's input stage alike.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tables from '../data/reference/legacy-fonts.json';
import geography from '../data/reference/geography.json';
import standardsJson from '../data/reference/standards.json';
import { main as checkInputMain } from '../scripts/check-input.ts';
import { parseArgs } from '../scripts/pipeline/cli-args.ts';
import { loadInput } from '../scripts/pipeline/input/index.ts';
import { fromLegacyFont, type LegacyFont } from '../scripts/pipeline/input/legacy-font.ts';

const YEAR = 2024;
const standard = standardsJson.standards.find((s) => s.first_review_year <= YEAR && YEAR <= s.last_review_year)!;
const units = geography.periods.find((p) => p.id === '2019-2024')!.units.map((u) => u.code);

/** Unicode → legacy font, by the inverse table; capitals the font has no code for are written as its lower case
 *  (the .VnTimeH fonts draw those as capitals). */
function toLegacy(font: LegacyFont, text: string): string {
  const inverse = new Map(Object.entries(tables[font].map).map(([legacy, unicode]) => [unicode, legacy]));
  return [...text.normalize('NFC')].map((ch) => inverse.get(ch) ?? inverse.get(ch.toLowerCase()) ?? ch).join('');
}

const HEADERS = ['Năm rà soát', 'Mã xã', 'Mã hộ', 'Số nhân khẩu', 'Khu vực', 'Thu nhập bình quân', 'Khả năng lao động',
  ...standard.indicators.map((i) => `Thiếu hụt ${i.name_vi}`), 'Phân loại'];
const ROWS = [
  [YEAR, units[0]!, 'H-1', 4, 'nông thôn', 1_200_000, 'có', ...standard.indicators.map((_, k) => (k < 4 ? 'có' : 'không')), 'nghèo'],
  [YEAR, units[0]!, 'H-2', 3, 'thành thị', 1_400_000, 'không', ...standard.indicators.map((_, k) => (k < 1 ? 'có' : 'không')), 'cận nghèo'],
];

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'legacy-font-test-')); });
afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

async function inputFolder(name: string, households: { file: string; contents: Buffer | string }): Promise<string> {
  const dir = join(work, name);
  await mkdir(join(dir, 'households'), { recursive: true });
  await writeFile(join(dir, 'communes.csv'), ['review_year,commune_code,total_households', ...units.map((u) => `${YEAR},${u},200`)].join('\n') + '\n');
  await writeFile(join(dir, 'households', households.file), households.contents);
  return dir;
}

async function workbook(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('DS');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function checkInput(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string) => { out += s; } };
  const code = await checkInputMain(args, { stdout: sink, stderr: sink });
  return { code, out };
}

/** The statuses the pipeline's input stage loads from a folder. */
async function loadedStatuses(dir: string, legacyFont?: LegacyFont): Promise<{ refused: boolean; statuses: string[]; areas: string[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const loaded = await loadInput(conn, { inputDir: dir, legacyFont, linkKey: Buffer.from('legacy font test key'), dropInvalid: false });
    if (loaded.refused) return { refused: true, statuses: [], areas: [] };
    const rows = (await conn.runAndReadAll('SELECT recorded_status, area FROM households ORDER BY recorded_status')).getRows();
    return { refused: false, statuses: rows.map((r) => String(r[0])), areas: rows.map((r) => String(r[1])).sort() };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const NAMES: Record<LegacyFont, RegExp> = { tcvn3: /TCVN3 \(ABC, fonts \.VnTime\)/, vni: /VNI \(fonts VNI-Times\)/ };

describe.each(['tcvn3', 'vni'] as const)('a workbook typed in %s', (font) => {
  const legacy = (v: string | number) => (typeof v === 'string' ? toLegacy(font, v) : v);

  it('the inverse table round-trips every header and value (the test\'s own control)', () => {
    for (const text of [...HEADERS, 'nghèo', 'cận nghèo', 'nông thôn', 'thành thị', 'có', 'không']) {
      if (/[^\x00-\x7f]/.test(text)) expect(toLegacy(font, text), text).not.toBe(text);
      expect(fromLegacyFont(font, toLegacy(font, text)).toLowerCase()).toBe(text.toLowerCase());
    }
    if (font === 'tcvn3') expect(toLegacy(font, 'Thu nhập bình quân')).toBe('Thu nhËp b×nh qu©n');
  });

  it('refused with one line naming the encoding, not a list of missing columns; read with --legacy-font', async () => {
    const dir = await inputFolder(`${font}-all`, { file: 'ds.xlsx', contents: await workbook(HEADERS.map((h) => toLegacy(font, h)), ROWS.map((r) => r.map(legacy))) });
    const plain = await checkInput(['--input', dir]);
    expect(plain.code, plain.out).toBe(1);
    const lines = plain.out.split('\n').filter((l) => /^\s+error: /.test(l));
    expect(lines, plain.out).toHaveLength(1);
    expect(lines[0]).toMatch(NAMES[font]);
    expect(lines[0]).toContain(`--legacy-font ${font}`);
    expect(lines[0]).toMatch(/households\/ds\.xlsx line 1: the headers match only after/);
    expect(plain.out).not.toMatch(/missing required column/);
    // the other encoding is not named
    expect(plain.out).not.toMatch(NAMES[font === 'tcvn3' ? 'vni' : 'tcvn3']);

    const converted = await checkInput(['--input', dir, '--legacy-font', font]);
    expect(converted.code, converted.out).toBe(0);
    expect(await loadedStatuses(dir, font)).toEqual({ refused: false, statuses: ['near_poor', 'poor'], areas: ['rural', 'urban'] });
  }, 120_000);

  it('a template\'s Unicode headers over values typed in the font: one line naming the encoding; read with --legacy-font', async () => {
    const rows = ROWS.map((r) => r.map(legacy));
    const dir = await inputFolder(`${font}-values`, { file: 'ds.xlsx', contents: await workbook(HEADERS, rows) });
    const plain = await checkInput(['--input', dir]);
    expect(plain.code).toBe(1);
    const named = plain.out.split('\n').filter((l) => /^\s+error: .*match only after/.test(l));
    expect(named, plain.out).toHaveLength(1);
    expect(named[0]).toMatch(NAMES[font]);
    expect(named[0]).toContain('the values of the coded columns (status, area, yes/no)');
    expect(await loadedStatuses(dir, font)).toEqual({ refused: false, statuses: ['near_poor', 'poor'], areas: ['rural', 'urban'] });
  }, 120_000);

  it('a CSV saved from such a sheet (UTF-8) is converted too', async () => {
    const csv = [HEADERS.map(legacy).join(','), ...ROWS.map((r) => r.map(legacy).join(','))].join('\r\n') + '\r\n';
    const dir = await inputFolder(`${font}-csv`, { file: 'ds.csv', contents: csv });
    expect((await checkInput(['--input', dir])).code).toBe(1);
    expect(await loadedStatuses(dir, font)).toEqual({ refused: false, statuses: ['near_poor', 'poor'], areas: ['rural', 'urban'] });
  }, 120_000);
});

describe('--legacy-font on the pipeline command line', () => {
  it('accepts tcvn3 and vni, refuses anything else', () => {
    expect(parseArgs(['--legacy-font', 'tcvn3'])).toMatchObject({ kind: 'run', options: { legacyFont: 'tcvn3' } });
    expect(parseArgs(['--legacy-font=VNI'])).toMatchObject({ kind: 'run', options: { legacyFont: 'vni' } });
    expect(parseArgs(['--legacy-font', 'viqr'])).toMatchObject({ kind: 'usage-error' });
    expect(parseArgs([])).toMatchObject({ kind: 'run', options: { legacyFont: undefined } });
  });
});
