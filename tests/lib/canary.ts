// Canary households (tests/fixtures/canary/canaries.json) written into an input folder in the layouts the
// communes send — Vietnamese-header CSV, semicolon CSV with grouped digits, Excel — and the needles a leak
// scan looks for.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { COLUMNS, groupDigits } from '../../scripts/demo/files.ts';
import type { HouseholdRecord } from '../../scripts/demo/records.ts';
import { pseudonym, pseudonymNeedles, type Needle } from './scan.ts';

export interface Canary {
  file?: 'vi-csv' | 'semicolon-csv' | 'xlsx';
  review_year: number;
  commune_code: string;
  household_id: string;
  head_name: string;
  national_id: string;
  phone: string;
  address: string;
  village: string;
  members: number;
  area: string;
  income_per_capita: number | string;
  labour_capacity: boolean;
  deprived: string[];
  recorded_status: 'poor' | 'near_poor' | 'not_poor';
  support: string[];
}

export const CANARY_FIXTURE = join(import.meta.dirname, '../fixtures/canary/canaries.json');
export const canaries = JSON.parse(readFileSync(CANARY_FIXTURE, 'utf8')) as { valid: Canary[]; invalid: Canary[] };

const PERSONAL = ['head_name', 'national_id', 'phone', 'address', 'village'] as const;

/** A canary as the demo generator's record, so the demo's own column writers lay it out. */
function asRecord(c: Canary): HouseholdRecord {
  return {
    ...c,
    area: c.area as HouseholdRecord['area'],
    income_per_capita: c.income_per_capita as number,
    review_year: c.review_year as HouseholdRecord['review_year'],
    deprived: Object.fromEntries(c.deprived.map((d) => [d, true])),
    support: Object.fromEntries(c.support.map((s) => [s, true])),
  };
}

function cell(c: Canary, column: (typeof COLUMNS)[number], semicolon: boolean): string | number {
  // values the demo would rewrite (area, booleans) keep the fixture's spelling when it is not canonical
  if (column.name === 'area' && c.area !== 'urban' && c.area !== 'rural') return c.area;
  if (column.name === 'income_per_capita' && typeof c.income_per_capita === 'string') return c.income_per_capita;
  if (column.name === 'income_per_capita' && semicolon) return groupDigits(c.income_per_capita as number);
  const value = column.value(asRecord(c), true);
  if (semicolon && /^(d|support)_/.test(column.name)) return value === 1 ? 'x' : '';
  return value;
}

function csvCell(value: string | number, delimiter: string): string {
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Vietnamese headers, comma (LF) or semicolon (BOM, CRLF, grouped income, "x" flags). */
export function canaryCsv(rows: Canary[], semicolon: boolean): string {
  const d = semicolon ? ';' : ',';
  const eol = semicolon ? '\r\n' : '\n';
  const lines = [COLUMNS.map((c) => csvCell(c.vi, d)).join(d), ...rows.map((r) => COLUMNS.map((c) => csvCell(cell(r, c, semicolon), d)).join(d))];
  return `${semicolon ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

export async function canaryXlsx(rows: Canary[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quách Thị Canary Ngọc Diệp';
  const sheet = workbook.addWorksheet('Danh sách hộ');
  sheet.addRow(COLUMNS.map((c) => c.vi));
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => cell(r, c, false)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes the valid canaries into `inputDir/households/` beside whatever is there; returns the paths. */
export async function plantCanaries(inputDir: string, rows: Canary[] = canaries.valid): Promise<string[]> {
  const dir = join(inputDir, 'households');
  await mkdir(dir, { recursive: true });
  const of = (f: Canary['file']) => rows.filter((r) => r.file === f);
  const written: string[] = [];
  const put = async (name: string, contents: string | Buffer) => {
    await writeFile(join(dir, name), contents);
    written.push(`households/${name}`);
  };
  if (of('vi-csv').length) await put('zz-canary-vi.csv', canaryCsv(of('vi-csv'), false));
  if (of('semicolon-csv').length) await put('zz-canary-semicolon.csv', canaryCsv(of('semicolon-csv'), true));
  if (of('xlsx').length) await put('zz-canary.xlsx', await canaryXlsx(of('xlsx')));
  return written;
}

/** Every value of the canaries that must never be published, the pseudonyms under `linkKey` included. */
export function canaryNeedles(rows: Canary[], linkKey?: Buffer): Needle[] {
  const needles = new Map<string, Needle>();
  const add = (n: Needle) => needles.set(`${n.kind}:${n.value}`, n);
  for (const c of rows) {
    const who = c.household_id;
    for (const column of PERSONAL) {
      const value = c[column];
      if (!value) continue;
      add({ label: `${who} ${column}`, value, kind: column === 'national_id' || column === 'phone' ? 'digits' : 'text' });
      // +84 965 … is also written 0965 …
      if (column === 'phone' && /^\+?84/.test(value)) add({ label: `${who} phone (national)`, value: `0${value.replace(/\D/g, '').slice(2)}`, kind: 'digits' });
    }
    add({ label: `${who} household_id`, value: c.household_id, kind: 'code' });
    if (linkKey) pseudonymNeedles(`${who} pseudonym`, pseudonym(linkKey, c.commune_code, c.household_id)).forEach(add);
  }
  return [...needles.values()];
}
