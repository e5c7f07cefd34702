// The input template (scripts/template.ts): for review 2024 (standard 2022–2025, 37 units) and 2026 (standard
// 2027–2030, 8 units) the headers and drop-down lists are those of the year, computed here from data/reference
// directly (not through src/lib); a 2026 template filled with a few households of known values goes through the
// pipeline unchanged and publishes the counts computed here.
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geography from '../data/reference/geography.json';
import standardsJson from '../data/reference/standards.json';
import programsJson from '../data/reference/programs.json';
import { householdColumns, matchHeader } from '../scripts/pipeline/input/columns.ts';
import { nextReviewYear, templateFiles } from '../src/lib/input-template.ts';
import { ROOT, run } from './lib/site-build.ts';

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'template-test-')); });
afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

/** The standard and units of a review year, read from the reference files as a data officer would. */
function expectedOf(year: number) {
  const standard = standardsJson.standards.find((s) => s.first_review_year <= year && year <= s.last_review_year)!;
  const day = `${year}-${geography.review_date}`;
  const period = geography.periods.find((p) => p.valid_from <= day && (p.valid_to === null || day <= p.valid_to))!;
  return { standard, units: period.units.map((u) => u.code).sort() };
}

async function template(year: number): Promise<{ households: ExcelJS.Worksheet; communes: ExcelJS.Worksheet; dir: string }> {
  const dir = join(work, String(year));
  const result = await run(process.execPath, ['--import', 'tsx', 'scripts/template.ts', '--year', String(year), '--out', join(dir, 'ho-gia-dinh.xlsx')], { cwd: ROOT });
  expect(result.code, result.stderr).toBe(0);
  const load = async (file: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, file));
    expect(workbook.worksheets).toHaveLength(1);
    return workbook.worksheets[0]!;
  };
  return { households: await load('ho-gia-dinh.xlsx'), communes: await load('communes.xlsx'), dir };
}

const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map(String);

/** The drop-down list on row 2 of a column, as its values. */
function listOf(sheet: ExcelJS.Worksheet, column: number): string[] | undefined {
  const validation = sheet.getRow(2).getCell(column).dataValidation;
  if (!validation || validation.type !== 'list') return undefined;
  return String(validation.formulae[0]).replace(/^"|"$/g, '').split(',');
}

describe.each([2024, 2026])('template of review year %i', (year) => {
  let households: ExcelJS.Worksheet;
  let communes: ExcelJS.Worksheet;
  const { standard, units } = expectedOf(year);

  beforeAll(async () => { ({ households, communes } = await template(year)); }, 120_000);

  it('has the Vietnamese headers of the standard in force, each read by the pipeline, every required column present', () => {
    const headers = headersOf(households);
    for (const indicator of standard.indicators) expect(headers).toContain(`Thiếu hụt ${indicator.name_vi}`);
    const otherIndicators = standardsJson.standards.flatMap((s) => s.indicators).filter((i) => !standard.indicators.some((j) => j.code === i.code));
    expect(otherIndicators.length).toBeGreaterThan(0);
    for (const other of otherIndicators) expect(headers).not.toContain(`Thiếu hụt ${other.name_vi}`);
    for (const h of ['Năm rà soát', 'Mã xã', 'Mã hộ', 'Số nhân khẩu', 'Khu vực', 'Thu nhập bình quân', 'Khả năng lao động', 'Phân loại']) expect(headers).toContain(h);
    for (const p of programsJson.programs) expect(headers).toContain(p.name_vi);
    const match = matchHeader(headers, householdColumns);
    expect(match.unknown).toEqual([]);
    expect(match.duplicates).toEqual([]);
    expect(headers).toHaveLength(8 + standard.indicators.length + programsJson.programs.length);
    // no personal column beyond the household code: the template asks only for what the publication uses
    expect(match.names).not.toContain('head_name');
    expect(match.names).not.toContain('national_id');
  });

  it('drop-downs: the units of the year, the standard\'s area words, yes/no, the recorded status', () => {
    const headers = headersOf(households);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(listOf(households, col('Mã xã'))!.sort()).toEqual(units);
    expect(listOf(households, col('Năm rà soát'))).toEqual([String(year)]);
    expect(listOf(households, col('Khu vực'))!.sort()).toEqual(Object.values(standard.area_names_vi).sort());
    expect(listOf(households, col('Phân loại'))).toEqual(['nghèo', 'cận nghèo', 'không nghèo']);
    for (const h of ['Khả năng lao động', ...standard.indicators.map((i) => `Thiếu hụt ${i.name_vi}`), ...programsJson.programs.map((p) => p.name_vi)]) {
      expect(listOf(households, col(h)), h).toEqual(['có', 'không']);
    }
    // every coded column has a list; only the household code and the two numbers have none
    expect(headers.filter((h) => !listOf(households, col(h))).sort()).toEqual(['Mã hộ', 'Số nhân khẩu', 'Thu nhập bình quân'].sort());
    // the list covers the rows a commune fills, not only the first
    expect(households.getRow(5000).getCell(col('Mã xã')).dataValidation?.type).toBe('list');
  });

  it('income as a grouped whole number, a frozen header, a Vietnamese note on every header cell', () => {
    const headers = headersOf(households);
    const income = headers.indexOf('Thu nhập bình quân') + 1;
    expect(households.getColumn(income).numFmt).toBe('#,##0');
    expect(households.getRow(2).getCell(income).dataValidation).toMatchObject({ type: 'whole', formulae: [0] });
    expect(households.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    headers.forEach((h, i) => {
      const note = households.getRow(1).getCell(i + 1).note;
      const text = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
      expect(text.length, h).toBeGreaterThan(20);
      expect(text, h).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    });
    const unitNote = households.getRow(1).getCell(headers.indexOf('Mã xã') + 1).note;
    const unitText = typeof unitNote === 'string' ? unitNote : (unitNote?.texts ?? []).map((t) => t.text).join('');
    const day = `${year}-${geography.review_date}`;
    const names = geography.periods.find((p) => p.valid_from <= day && (p.valid_to === null || day <= p.valid_to))!.units.map((u) => `${u.code} ${u.name_vi}`);
    for (const n of names) expect(unitText).toContain(n);
  });

  it('communes.xlsx: one row per unit of the year, totals left to fill', () => {
    expect(headersOf(communes)).toEqual(['Năm rà soát', 'Mã xã', 'Tổng số hộ']);
    const rows: unknown[][] = [];
    communes.eachRow((row, n) => { if (n > 1) rows.push((row.values as unknown[]).slice(1)); });
    expect(rows.map((r) => String(r[1])).sort()).toEqual(units);
    expect(rows.every((r) => Number(r[0]) === year && (r[2] === undefined || r[2] === null))).toBe(true);
  });
});

describe('a filled 2026 template publishes the values computed here', () => {
  const YEAR = 2026;
  const { standard, units } = expectedOf(YEAR);
  // income below the urban and rural lines, and above both
  const low = Math.min(standard.income_lines.rural, standard.income_lines.urban) - 100_000;
  const high = Math.max(standard.income_lines.rural, standard.income_lines.urban) + 100_000;
  const households = [
    { unit: units[0]!, status: 'nghèo', deprived: 4, income: low },
    { unit: units[0]!, status: 'cận nghèo', deprived: 1, income: low },
    { unit: units[0]!, status: 'nghèo', deprived: 3, income: low },
    { unit: units[1]!, status: 'không nghèo', deprived: 0, income: high },
    { unit: units[1]!, status: 'cận nghèo', deprived: 2, income: low },
    { unit: units[2]!, status: 'nghèo', deprived: 5, income: low },
  ];
  const totals = Object.fromEntries(units.map((u, i) => [u, 100 + 10 * i]));

  it('exit 0; poverty counts per unit and for the district as counted here', async () => {
    const { dir } = await template(YEAR);
    const input = join(work, 'filled');
    await mkdir(join(input, 'households'), { recursive: true });

    const hh = new ExcelJS.Workbook();
    await hh.xlsx.readFile(join(dir, 'ho-gia-dinh.xlsx'));
    const sheet = hh.worksheets[0]!;
    const headers = headersOf(sheet);
    const col = (h: string) => headers.indexOf(h) + 1;
    const list = (h: string) => listOf(sheet, col(h))!;
    households.forEach((h, i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(col('Năm rà soát')).value = YEAR;
      row.getCell(col('Mã xã')).value = Number(h.unit); // as Excel stores a code picked from the list
      row.getCell(col('Mã hộ')).value = `H-${i + 1}`;
      row.getCell(col('Số nhân khẩu')).value = 3;
      row.getCell(col('Khu vực')).value = list('Khu vực')[i % 2]!;
      row.getCell(col('Thu nhập bình quân')).value = h.income;
      row.getCell(col('Khả năng lao động')).value = 'có';
      standard.indicators.forEach((ind, k) => { row.getCell(col(`Thiếu hụt ${ind.name_vi}`)).value = k < h.deprived ? 'có' : 'không'; });
      row.getCell(col('Phân loại')).value = h.status;
      row.commit();
    });
    await hh.xlsx.writeFile(join(input, 'households', 'ho-gia-dinh.xlsx'));

    const cm = new ExcelJS.Workbook();
    await cm.xlsx.readFile(join(dir, 'communes.xlsx'));
    cm.worksheets[0]!.eachRow((row, n) => { if (n > 1) row.getCell(3).value = totals[String(row.getCell(2).value)]!; });
    await cm.xlsx.writeFile(join(input, 'communes.xlsx'));

    const out = join(work, 'filled-out');
    const result = await run(process.execPath, ['--import', 'tsx', 'tests/lib/pipeline-fast.ts', '--input', input, '--out', out, '--report', join(work, 'filled-report.json')], { cwd: ROOT });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/warning/);

    const [head, ...lines] = (await readFile(join(out, 'poverty.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    const names = head!.split(',');
    const published = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v]))).filter((r) => Number(r.review_year) === YEAR);
    const count = (unit: string | null, status: string) => households.filter((h) => (unit === null || h.unit === unit) && h.status === status).length;
    const expected = [
      { area_code: '311', total_households: units.reduce((s, u) => s + totals[u]!, 0), poor: count(null, 'nghèo'), near_poor: count(null, 'cận nghèo') },
      ...units.map((u) => ({ area_code: u, total_households: totals[u]!, poor: count(u, 'nghèo'), near_poor: count(u, 'cận nghèo') })),
    ];
    expect(published.map((r) => ({ area_code: r.area_code, total_households: Number(r.total_households), poor: Number(r.poor), near_poor: Number(r.near_poor) }))
      .sort((a, b) => a.area_code.localeCompare(b.area_code))).toEqual(expected.sort((a, b) => a.area_code.localeCompare(b.area_code)));
    expect(count(null, 'nghèo')).toBe(3);
  }, 300_000);
});

describe('the template /data/ offers (src/lib/input-template.ts)', () => {
  const last = Math.max(...standardsJson.standards.map((s) => s.last_review_year));
  it('is the review after the latest published, or the last year with a standard', () => {
    expect(nextReviewYear([2021, 2022, 2023, 2024, 2025, 2026])).toBe(2027);
    expect(nextReviewYear([2021, 2024])).toBe(2025);
    expect(nextReviewYear([2021, last])).toBe(last);
  });
  it('keeps the name communes.xlsx the pipeline requires', () => {
    expect(templateFiles(2027).communes.split('/').pop()).toBe('communes.xlsx');
    expect(templateFiles(2027).households).toMatch(/^templates\/2027\/[^/]+\.xlsx$/);
  });
});
