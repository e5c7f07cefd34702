// How the demo records become input files: the same mix of layouts the district's communes send
// (canonical English CSV, Vietnamese headers, semicolon exports with grouped digits, Excel workbooks).
import ExcelJS from 'exceljs';
import { programs, standardForReviewYear } from '../../src/lib/reference.ts';
import { FIRST_YEARS, NEW_YEARS, type Commune, type NewUnit } from './geography.ts';
import type { HouseholdRecord } from './records.ts';
import { indicatorsOf } from './records.ts';
import { fixZipTimestamps } from './zip.ts';

export type Layout = 'canonical-csv' | 'vi-csv' | 'vi-semicolon-csv' | 'canonical-xlsx' | 'vi-xlsx';

export interface Column {
  name: string;
  vi: string;
  value: (r: HouseholdRecord, vi: boolean) => string | number;
}

const yesNo = (b: boolean, vi: boolean) => (vi ? (b ? 'có' : 'không') : b ? 'yes' : 'no');
const STATUS_VI = { poor: 'nghèo', near_poor: 'cận nghèo', not_poor: 'không' } as const;
const indicatorNameVi = (year: number, code: string) => standardForReviewYear(year)!.indicators.find((i) => i.code === code)!.name_vi;

/** The optional columns of a household's reference before the 2025 reorganisation (data contract). */
const PREVIOUS: Column[] = [
  { name: 'previous_commune_code', vi: 'Mã xã cũ', value: (r) => r.previous_commune_code ?? '' },
  { name: 'previous_household_id', vi: 'Mã hộ cũ', value: (r) => r.previous_household_id ?? '' },
];

/** The columns of a file of one review year: that year's standard's indicators, the previous references if asked. */
export function columnsFor(year: number, references = false): Column[] {
  return [
    { name: 'review_year', vi: 'Năm rà soát', value: (r) => r.review_year },
    { name: 'commune_code', vi: 'Mã xã', value: (r) => r.commune_code },
    { name: 'household_id', vi: 'Mã hộ', value: (r) => r.household_id },
    ...(references ? PREVIOUS : []),
    { name: 'head_name', vi: 'Họ và tên chủ hộ', value: (r) => r.head_name },
    { name: 'national_id', vi: 'Số CCCD', value: (r) => r.national_id },
    { name: 'phone', vi: 'Số điện thoại', value: (r) => r.phone },
    { name: 'address', vi: 'Địa chỉ', value: (r) => r.address },
    { name: 'village', vi: 'Thôn/Tổ dân phố', value: (r) => r.village },
    { name: 'members', vi: 'Số nhân khẩu', value: (r) => r.members },
    { name: 'area', vi: 'Khu vực', value: (r, vi) => (vi ? (r.area === 'urban' ? 'thành thị' : 'nông thôn') : r.area) },
    { name: 'income_per_capita', vi: 'Thu nhập bình quân', value: (r) => r.income_per_capita },
    { name: 'labour_capacity', vi: 'Khả năng lao động', value: (r, vi) => yesNo(r.labour_capacity, vi) },
    ...indicatorsOf(year).map((code): Column => ({ name: `d_${code}`, vi: `Thiếu hụt ${indicatorNameVi(year, code)}`, value: (r) => (r.deprived[code] ? 1 : 0) })),
    { name: 'recorded_status', vi: 'Phân loại', value: (r, vi) => (vi ? STATUS_VI[r.recorded_status] : r.recorded_status) },
    ...programs.map((p): Column => ({ name: `support_${p.code}`, vi: p.name_vi, value: (r) => (r.support[p.code] ? 1 : 0) })),
  ];
}

/** The columns of the 2021–2025 files without previous references (2022–2025 standard). */
export const COLUMNS: Column[] = columnsFor(2022);
const FLAG_COLUMN = /^(d|support)_/;

/** Which layout a commune's files use, and whether one file holds one review year or all of them. */
export function layoutOf(communeIndex: number): { layout: Layout; perYear: boolean } {
  switch (communeIndex % 4) {
    case 0: return { layout: 'canonical-csv', perYear: true };
    case 1: return { layout: 'vi-csv', perYear: false };
    case 2: return { layout: 'vi-semicolon-csv', perYear: true };
    default: return { layout: communeIndex % 8 === 3 ? 'canonical-xlsx' : 'vi-xlsx', perYear: false };
  }
}

/** 1500000 → 1.500.000, the way Vietnamese spreadsheets print money. */
export const groupDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function csvCell(value: string | number, delimiter: string): string {
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line of a CSV layout: the semicolon exports come from Excel on Windows, with BOM and CRLF. */
export function csvHeader(layout: Layout, columns: Column[]): string {
  const vi = layout !== 'canonical-csv';
  const semicolon = layout === 'vi-semicolon-csv';
  const delimiter = semicolon ? ';' : ',';
  return (semicolon ? '\uFEFF' : '') + columns.map((c) => csvCell(vi ? c.vi : c.name, delimiter)).join(delimiter) + (semicolon ? '\r\n' : '\n');
}

/** The data lines of a CSV layout, each ended (the benchmark writes millions of them a chunk at a time). */
export function csvLines(records: HouseholdRecord[], layout: Layout, columns: Column[]): string {
  const vi = layout !== 'canonical-csv';
  const semicolon = layout === 'vi-semicolon-csv';
  const delimiter = semicolon ? ';' : ',';
  const eol = semicolon ? '\r\n' : '\n';
  return records.map((r) => columns.map((c) => {
    let value = c.value(r, vi);
    if (semicolon && c.name === 'income_per_capita') value = groupDigits(r.income_per_capita);
    // Excel-style exports mark a flag with "x" and leave the cell empty otherwise
    if (semicolon && FLAG_COLUMN.test(c.name)) value = value === 1 ? 'x' : '';
    return csvCell(value, delimiter);
  }).join(delimiter) + eol).join('');
}

function csvText(records: HouseholdRecord[], layout: Layout, columns: Column[]): string {
  return csvHeader(layout, columns) + csvLines(records, layout, columns);
}

/** A workbook's header cells and the cells of one record (a Vietnamese workbook marks flags with "x"). */
export function xlsxHeader(layout: Layout, columns: Column[]): string[] {
  return columns.map((c) => (layout === 'vi-xlsx' ? c.vi : c.name));
}
export function xlsxCells(r: HouseholdRecord, layout: Layout, columns: Column[]): (string | number)[] {
  const vi = layout === 'vi-xlsx';
  return columns.map((c) => {
    const value = c.value(r, vi);
    if (vi && FLAG_COLUMN.test(c.name)) return value === 1 ? 'x' : '';
    return value;
  });
}

/**
 * Workbooks carry fixed metadata dates so a rerun gives the same bytes: the end of review year 2024's season
 * for the files of 2021–2024 (as before), of the file's review year after that.
 */
const fixedYear = (records: HouseholdRecord[]) => Math.max(2024, ...records.map((r) => r.review_year));

async function xlsxBuffer(records: HouseholdRecord[], layout: Layout, columns: Column[]): Promise<Buffer> {
  const year = fixedYear(records);
  const FIXED_DATE = new Date(Date.UTC(year, 11, 15));
  const vi = layout === 'vi-xlsx';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'demo-data';
  workbook.lastModifiedBy = 'demo-data';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(vi ? 'Danh sách hộ' : 'households');
  sheet.addRow(xlsxHeader(layout, columns));
  sheet.getRow(1).font = { bold: true };
  for (const r of records) sheet.addRow(xlsxCells(r, layout, columns));
  const incomeColumn = columns.findIndex((c) => c.name === 'income_per_capita') + 1;
  sheet.getColumn(incomeColumn).numFmt = '#,##0';
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(buffer, year);
}

export interface DemoFile { path: string; contents: Buffer }

const order = (a: HouseholdRecord, b: HouseholdRecord) => a.review_year - b.review_year || (a.household_id < b.household_id ? -1 : a.household_id > b.household_id ? 1 : 0);

async function fileOf(base: string, rows: HouseholdRecord[], layout: Layout, columns: Column[]): Promise<DemoFile> {
  if (layout.endsWith('xlsx')) return { path: `${base}.xlsx`, contents: await xlsxBuffer(rows, layout, columns) };
  return { path: `${base}.csv`, contents: Buffer.from(csvText(rows, layout, columns).normalize('NFC'), 'utf8') };
}

/** The files of review years 2021–2024, one commune of 2019–2024 at a time. */
export async function householdFiles(communes: Commune[], records: HouseholdRecord[]): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  const years: readonly number[] = FIRST_YEARS;
  for (const [index, commune] of communes.entries()) {
    const { layout, perYear } = layoutOf(index);
    const ofCommune = records.filter((r) => years.includes(r.review_year) && r.commune_code === commune.code).sort(order);
    const groups = perYear
      ? FIRST_YEARS.map((y) => ({ label: String(y), rows: ofCommune.filter((r) => r.review_year === y) }))
      : [{ label: `${FIRST_YEARS[0]}-${FIRST_YEARS[FIRST_YEARS.length - 1]}`, rows: ofCommune }];
    for (const { label, rows } of groups) {
      if (rows.length === 0) continue;
      files.push(await fileOf(`households/${commune.code}-${commune.slug}-${label}`, rows, layout, COLUMNS));
    }
  }
  return files;
}

/**
 * The files of review years 2025 and 2026, one unit of 2025-07 at a time: one file per year (the two years
 * have different forms: the standard changed), the 2025 file with the previous references where the unit
 * keeps them. A unit's code may have named another territory before: the slug names the unit of this period.
 */
export async function newUnitFiles(units: NewUnit[], records: HouseholdRecord[]): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  for (const [index, unit] of units.entries()) {
    const { layout } = layoutOf(index);
    for (const year of NEW_YEARS) {
      const rows = records.filter((r) => r.review_year === year && r.commune_code === unit.code).sort(order);
      if (rows.length === 0) continue;
      const columns = columnsFor(year, year === 2025 && unit.carriesReferences);
      files.push(await fileOf(`households/${unit.code}-${unit.slug}-${year}`, rows, layout, columns));
    }
  }
  return files;
}

/** Households per unit and review year: the 37 communes for 2021–2024, the 8 units for 2025 and 2026. */
export function communesCsv(communes: Commune[], units: NewUnit[]): DemoFile {
  const lines = ['review_year,commune_code,total_households'];
  for (const y of FIRST_YEARS) for (const c of communes) lines.push(`${y},${c.code},${c.totals[y]}`);
  for (const y of NEW_YEARS) for (const u of units) lines.push(`${y},${u.code},${u.totals[y]}`);
  return { path: 'communes.csv', contents: Buffer.from(lines.join('\n') + '\n', 'utf8') };
}
