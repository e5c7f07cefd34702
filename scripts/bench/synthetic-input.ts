// Synthetic review input for the benchmarks: valid rows (personal columns included, as real files have them),
// household codes stable across years (a sliding window: some leave, some join, most are reviewed again). The same
// rows in several forms, each written once per size and reused:
//   canonical      the contract's canonical CSV, one file per review year
//   messy          the demo's layouts (scripts/demo/files.ts): Vietnamese headers, semicolons with BOM and CRLF,
//                  `1.500.000`, `x`/empty and `có`/`không` flags, one file per commune and year or per commune
//   xlsx           the messy rows as Vietnamese workbooks (the demo's vi-xlsx cells), one per review year
// and `canonical-bad`, `messy-bad`, `xlsx-bad`: the same files with BAD_PER_FILE invalid values in each file
// (run with --drop-invalid; the rows carrying them are left out).
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { programs, standards } from '../../src/lib/reference.ts';
import { geographyCodes } from '../pipeline/input/crossrow.ts';
import { createRng } from '../lib/prng.ts';
import { columnsFor, csvHeader, csvLines, layoutOf, xlsxCells, xlsxHeader, type Layout } from '../demo/files.ts';
import type { HouseholdRecord } from '../demo/records.ts';

export const INPUT_ROOT = join(tmpdir(), 'poverty-bench-input-v2');
export const YEARS = [2021, 2022, 2023, 2024];
export const INDICATORS = standards[0].indicators.map((i) => i.code);
const URBAN = new Set(['11470', '11473']); // the two towns

export type InputKind = 'canonical' | 'canonical-bad' | 'messy' | 'messy-bad' | 'xlsx' | 'xlsx-bad';
export const INPUT_KINDS: InputKind[] = ['canonical', 'canonical-bad', 'messy', 'messy-bad', 'xlsx', 'xlsx-bad'];
/** Invalid values per file in the `-bad` kinds. */
export const BAD_PER_FILE = 3;

interface Row {
  year: number; commune: string; h: number; nid: string; members: number; urban: boolean; income: number;
  labour: boolean; deprived: boolean[]; status: 'poor' | 'near_poor' | 'not_poor'; support: boolean[];
}

/** The rows, review year by review year and commune by commune (the canonical files' order since v2). */
function* synthesise(rows: number, communes: string[]): Generator<Row> {
  const perCommuneYear = Math.ceil(rows / (YEARS.length * communes.length));
  const random = createRng(20240901).next;
  let written = 0;
  for (const year of YEARS) {
    for (const commune of communes) {
      const urban = URBAN.has(commune);
      const line = urban ? 2_000_000 : 1_500_000;
      const offset = (year - YEARS[0]) * Math.floor(perCommuneYear * 0.05);
      for (let i = 0; i < perCommuneYear && written < rows; i++, written++) {
        const h = offset + i;
        const income = random() < 0.06 ? Math.floor(line * (0.5 + random() * 0.5)) : Math.floor(line * (1.1 + random() * 3));
        const deprived = INDICATORS.map(() => random() < (income <= line ? 0.3 : 0.05));
        const count = deprived.filter(Boolean).length;
        const rule = income > line ? 'not_poor' : count >= 3 ? 'poor' : 'near_poor';
        const status = random() < 0.01 ? 'near_poor' : rule; // a few recorded results disagree with the rule
        const nid = String(1e11 + Math.floor(random() * 8.9e11));
        const members = 1 + Math.floor(random() * 6);
        const labour = random() < 0.6;
        const support = programs.map(() => random() < 0.2);
        yield { year, commune, h, nid, members, urban, income, labour, deprived, status, support };
      }
    }
  }
}

const bit = (b: boolean) => (b ? '1' : '0');
function canonicalLine(r: Row): string {
  return [r.year, r.commune, `H${r.h}`, `Nguyễn Văn ${r.h}`, r.nid, `09${String(r.h).padStart(8, '0')}`, `Số ${r.h % 300}`, `Thôn ${r.h % 12}`,
    r.members, r.urban ? 'urban' : 'rural', r.income, bit(r.labour), ...r.deprived.map(bit), r.status, ...r.support.map(bit)].join(',');
}

function record(r: Row): HouseholdRecord {
  return {
    review_year: r.year as HouseholdRecord['review_year'], commune_code: r.commune, household_id: `H${r.h}`,
    head_name: `Nguyễn Văn ${r.h}`, national_id: r.nid, phone: `09${String(r.h).padStart(8, '0')}`, address: `Số ${r.h % 300}`,
    village: `Thôn ${r.h % 12}`, members: r.members, area: r.urban ? 'urban' : 'rural', income_per_capita: r.income,
    labour_capacity: r.labour, deprived: Object.fromEntries(INDICATORS.map((c, i) => [c, r.deprived[i]!])), recorded_status: r.status,
    support: Object.fromEntries(programs.map((p, i) => [p.code, r.support[i]!])),
  };
}

/**
 * The invalid values of a `-bad` file, by position among its data rows (first, middle, last): a number in words,
 * an income in millions, a year out of range; each refused by the rules whatever the layout.
 */
function spoil(position: number, size: number): ((r: Row) => Row) | null {
  const at = [0, Math.floor(size / 2), size - 1];
  const which = at.indexOf(position);
  if (size < BAD_PER_FILE || which < 0) return null;
  return [(r: Row) => ({ ...r, members: Number.NaN }), (r: Row) => ({ ...r, income: -1 }), (r: Row) => ({ ...r, year: 2019 })][which]!;
}
/** A spoiled row as text: NaN members → "bốn", income -1 → "1,5 triệu" (year 2019 writes itself). */
const spoiledText = (text: string, r: Row, delimiter: string) => {
  let out = text;
  if (Number.isNaN(r.members)) out = out.replace(`${delimiter}NaN${delimiter}`, `${delimiter}bốn${delimiter}`);
  if (r.income === -1) out = out.replace(/(^|[,;])-1([,;])/, '$1"1,5 triệu"$2');
  return out;
};

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
async function end(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'close');
}

/** Rows grouped into files: canonical and xlsx one per review year; messy by the demo's layoutOf (the workbook
 *  layouts of the demo become Vietnamese comma CSV, one file per commune). */
function fileOf(kind: InputKind, r: Row, communeIndex: number): { name: string; layout: Layout } {
  if (kind.startsWith('canonical')) return { name: `${r.year}.csv`, layout: 'canonical-csv' };
  if (kind.startsWith('xlsx')) return { name: `${r.year}.xlsx`, layout: 'vi-xlsx' };
  const { layout, perYear } = layoutOf(communeIndex);
  const csv: Layout = layout.endsWith('xlsx') ? 'vi-csv' : layout;
  return { name: `${r.commune}-${perYear && !layout.endsWith('xlsx') ? r.year : 'all'}.csv`, layout: csv };
}

/** Writes (once) the input of `rows` households in the form `kind` and returns its folder; READY holds the number
 *  of rows and of invalid rows. */
export async function generateInput(rows: number, kind: InputKind = 'canonical'): Promise<string> {
  const dir = join(INPUT_ROOT, kind === 'canonical' ? String(rows) : `${kind}-${rows}`);
  if (existsSync(join(dir, 'READY'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'households'), { recursive: true });
  const communes = await geographyCodes();
  const perCommuneYear = Math.ceil(rows / (YEARS.length * communes.length));
  const communesCsv = ['review_year,commune_code,total_households'];
  for (const y of YEARS) for (const c of communes) communesCsv.push(`${y},${c},${Math.ceil(perCommuneYear * 1.1)}`);
  await writeFile(join(dir, 'communes.csv'), `${communesCsv.join('\n')}\n`);
  const bad = kind.endsWith('-bad');

  // first pass: how many rows each file gets (the bad values sit at fixed places among them)
  const sizes = new Map<string, number>();
  const communeIndex = new Map(communes.map((c, i) => [c, i]));
  for (const r of synthesise(rows, communes)) {
    const { name } = fileOf(kind, r, communeIndex.get(r.commune)!);
    sizes.set(name, (sizes.get(name) ?? 0) + 1);
  }

  const canonicalHeader = ['review_year', 'commune_code', 'household_id', 'head_name', 'national_id', 'phone', 'address', 'village', 'members', 'area',
    'income_per_capita', 'labour_capacity', ...INDICATORS.map((c) => `d_${c}`), 'recorded_status', ...programs.map((p) => `support_${p.code}`)].join(',');
  const columns = columnsFor(2022);
  const csvOut = new Map<string, { out: WriteStream; chunk: string[]; position: number }>();
  const xlsxOut = new Map<string, { workbook: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet; position: number }>();
  let written = 0;
  let invalid = 0;
  for (const original of synthesise(rows, communes)) {
    const { name, layout } = fileOf(kind, original, communeIndex.get(original.commune)!);
    const size = sizes.get(name)!;
    if (layout === 'vi-xlsx') {
      let file = xlsxOut.get(name);
      if (!file) {
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'households', name), useSharedStrings: true, useStyles: false });
        const sheet = workbook.addWorksheet('Danh sách hộ');
        sheet.addRow(xlsxHeader(layout, columns)).commit();
        file = { workbook, sheet, position: 0 };
        xlsxOut.set(name, file);
      }
      const spoiler = bad ? spoil(file.position, size) : null;
      const r = spoiler ? spoiler(original) : original;
      if (spoiler) invalid++;
      const cells = xlsxCells(record(r), layout, columns).map((v) => (typeof v === 'number' && Number.isNaN(v) ? 'bốn' : v === -1 ? '1,5 triệu' : v));
      file.sheet.addRow(cells).commit();
      file.position++;
    } else {
      let file = csvOut.get(name);
      if (!file) {
        const out = createWriteStream(join(dir, 'households', name));
        await write(out, layout === 'canonical-csv' && kind.startsWith('canonical') ? `${canonicalHeader}\n` : csvHeader(layout, columns));
        file = { out, chunk: [], position: 0 };
        csvOut.set(name, file);
      }
      const spoiler = bad ? spoil(file.position, size) : null;
      const r = spoiler ? spoiler(original) : original;
      if (spoiler) invalid++;
      const delimiter = layout === 'vi-semicolon-csv' ? ';' : ',';
      let text = kind.startsWith('canonical') ? `${canonicalLine(r)}\n` : csvLines([record(r)], layout, columns).normalize('NFC');
      if (spoiler) text = spoiledText(text, r, delimiter);
      file.chunk.push(text);
      file.position++;
      if (file.chunk.length === 10_000) {
        await write(file.out, file.chunk.join(''));
        file.chunk = [];
      }
    }
    written++;
  }
  for (const file of csvOut.values()) {
    await write(file.out, file.chunk.join(''));
    await end(file.out);
  }
  for (const file of xlsxOut.values()) {
    file.sheet.commit();
    await file.workbook.commit();
  }
  await writeFile(join(dir, 'READY'), `${written} ${invalid}\n`);
  return dir;
}

/** The rows and invalid rows of a generated input. */
export async function inputCounts(dir: string): Promise<{ rows: number; invalid: number }> {
  const [rows, invalid] = (await (await import('node:fs/promises')).readFile(join(dir, 'READY'), 'utf8')).trim().split(' ').map(Number);
  return { rows: rows!, invalid: invalid ?? 0 };
}
