// The input template of a review year (docs/input-format.md "Input template"): a households workbook with the
// Vietnamese headers the pipeline reads for the standard in force that year, a drop-down list on every coded
// column, number formats, a frozen header and a note on each header cell; and a communes.xlsx with one row per
// unit of the year, its total left for the data officer. Every header and accepted value comes from the pipeline's
// own tables (scripts/pipeline/input/columns.ts, rules.ts) and the reference data (src/lib/reference.ts,
// src/lib/geography.ts), so a filled template is read exactly as the pipeline reads any file.
import ExcelJS from 'exceljs';
import { communeColumns, householdColumns, type ColumnSpec } from './pipeline/input/columns.ts';
import { MEMBERS_MAX, MEMBERS_MIN, yearsWithStandard } from './pipeline/input/rules.ts';
import { fixZipTimestamps } from './demo/zip.ts';
import { columnLetter } from './pipeline/input/transcode.ts';
import { programs, standardForReviewYear, type Standard } from '../src/lib/reference.ts';
import { sameUnits, unitsOfReviewYear, type Unit } from '../src/lib/geography.ts';

/** Rows the drop-down lists and number formats cover (a commune's assessed households in one review). */
export const TEMPLATE_ROWS = 10_000;
export const HOUSEHOLDS_SHEET = 'Danh sách hộ';
export const COMMUNES_SHEET = 'Tổng số hộ';

/** The yes/no and status words the drop-downs offer: spellings the pipeline's rules accept (rules.ts). */
export const YES_NO = ['có', 'không'] as const;
export const STATUS_WORDS = { poor: 'nghèo', near_poor: 'cận nghèo', not_poor: 'không nghèo' } as const;

export interface TemplateColumn {
  spec: ColumnSpec;
  /** the header written: a Vietnamese header of the pipeline's alias table */
  header: string;
  /** the drop-down's values, for a coded column */
  list?: string[];
  /** whole-number bounds, for a number column */
  whole?: { min: number; max?: number };
  numFmt?: string;
  width: number;
  note: string;
}

function spec(columns: ColumnSpec[], name: string): ColumnSpec {
  const found = columns.find((c) => c.name === name);
  if (!found) throw new Error(`no such input column: ${name}`);
  return found;
}

/** A header the pipeline accepts for the column: `preferred` when it is one of its aliases, else the first alias. */
function headerOf(column: ColumnSpec, preferred?: string): string {
  if (preferred !== undefined) {
    if (!column.aliases.includes(preferred)) throw new Error(`not a header of ${column.name}: ${preferred}`);
    return preferred;
  }
  return column.aliases[0] ?? column.name;
}

const unitList = (units: Unit[]) => units.map((u) => `${u.code} ${u.name_vi}`).join('; ');
const formatVnd = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The standard in force for a review year; a year without one has no template. */
export function templateStandard(year: number): Standard {
  const standard = yearsWithStandard.includes(year) ? standardForReviewYear(year) : undefined;
  if (!standard) throw new Error(`no poverty standard in force for review year ${year} (templates exist for ${yearsWithStandard[0]}–${yearsWithStandard[yearsWithStandard.length - 1]})`);
  return standard;
}

/** The columns of a year's households template, in order. */
export function templateColumns(year: number): TemplateColumn[] {
  const standard = templateStandard(year);
  const units = unitsOfReviewYear(year);
  const c = (name: string) => spec(householdColumns, name);
  const yesNo = YES_NO.join(' / ');
  const columns: TemplateColumn[] = [
    { spec: c('review_year'), header: headerOf(c('review_year')), list: [String(year)], width: 12,
      note: `Năm của kỳ rà soát (kết quả áp dụng cho năm ${year + 1}). Mẫu này dành cho kỳ rà soát ${year}: chỉ nhận ${year}.` },
    { spec: c('commune_code'), header: headerOf(c('commune_code')), list: units.map((u) => u.code), width: 10,
      note: `Mã đơn vị hành chính (mã GSO 5 chữ số) của xã, phường, thị trấn nơi hộ được rà soát, theo danh mục đơn vị của kỳ rà soát ${year}. Chọn trong danh sách: ${unitList(units)}.` },
    { spec: c('household_id'), header: headerOf(c('household_id')), width: 14,
      note: 'Mã hộ của xã, giữ nguyên qua các năm; không trùng trong cùng một xã và một kỳ rà soát. Không bao giờ được công bố: chỉ dùng để theo dõi hộ qua các năm.' },
  ];
  if (!sameUnits(year, year - 1)) {
    const before = unitsOfReviewYear(year - 1);
    columns.push(
      { spec: c('previous_commune_code'), header: headerOf(c('previous_commune_code')), list: before.map((u) => u.code), width: 10,
        note: `Không bắt buộc. Mã đơn vị nơi hộ được rà soát ở kỳ trước (${year - 1}), trước khi sắp xếp đơn vị hành chính; để trống nếu không biết. Chọn trong danh sách: ${unitList(before)}.` },
      { spec: c('previous_household_id'), header: headerOf(c('previous_household_id')), width: 14,
        note: 'Không bắt buộc. Mã hộ ở đơn vị cũ, nếu khác mã hộ hiện nay; chỉ điền khi đã điền Mã xã cũ. Không bao giờ được công bố.' },
    );
  }
  const areaWords = [standard.area_names_vi.urban, standard.area_names_vi.rural];
  columns.push(
    { spec: c('members'), header: headerOf(c('members')), whole: { min: MEMBERS_MIN, max: MEMBERS_MAX }, numFmt: '0', width: 10,
      note: `Số nhân khẩu của hộ: số nguyên từ ${MEMBERS_MIN} đến ${MEMBERS_MAX}.` },
    { spec: c('area'), header: headerOf(c('area')), list: areaWords, width: 12,
      note: `Khu vực của hộ, quyết định chuẩn thu nhập áp dụng (${standard.name_vi}): ${areaWords[0]} ${formatVnd(standard.income_lines.urban)} đồng, ${areaWords[1]} ${formatVnd(standard.income_lines.rural)} đồng/người/tháng. Chọn: ${areaWords.join(' / ')}.` },
    { spec: c('income_per_capita'), header: headerOf(c('income_per_capita')), whole: { min: 0 }, numFmt: '#,##0', width: 16,
      note: 'Thu nhập bình quân đầu người một tháng, bằng đồng, số nguyên không âm (ví dụ 1500000, hiển thị 1,500,000). Không ghi chữ ("1,5 triệu"), không ghi số thập phân.' },
    { spec: c('labour_capacity'), header: headerOf(c('labour_capacity')), list: [...YES_NO], width: 12,
      note: `Hộ có ít nhất một thành viên có khả năng lao động không. Chọn: ${yesNo}.` },
    ...standard.indicators.map((indicator): TemplateColumn => {
      const column = c(`d_${indicator.code}`);
      return {
        spec: column, header: headerOf(column, `Thiếu hụt ${indicator.name_vi}`), list: [...YES_NO], width: 14,
        note: `Chỉ số ${indicator.name_vi} (${standard.name_vi}). Chọn "có" khi hộ thiếu hụt: ${indicator.deprived_when_vi}. Chọn: ${yesNo}.`,
      };
    }),
    { spec: c('recorded_status'), header: headerOf(c('recorded_status')), list: Object.values(STATUS_WORDS), width: 14,
      note: `Kết quả rà soát được công nhận của hộ. Chọn: ${Object.values(STATUS_WORDS).join(' / ')}.` },
    ...programs.map((p): TemplateColumn => {
      const column = c(`support_${p.code}`);
      return { spec: column, header: headerOf(column, p.name_vi), list: [...YES_NO], width: 14,
        note: `Không bắt buộc (để trống là "không"). Hộ có nhận ${p.name_vi.charAt(0).toLowerCase()}${p.name_vi.slice(1)} trong năm không. Chọn: ${yesNo}.` };
    }),
  );
  return columns;
}

/** The columns of communes.xlsx. */
export function communesTemplateColumns(year: number): TemplateColumn[] {
  const c = (name: string) => spec(communeColumns, name);
  const units = unitsOfReviewYear(year);
  return [
    { spec: c('review_year'), header: headerOf(c('review_year')), list: [String(year)], width: 12,
      note: `Năm của kỳ rà soát: ${year}. Mỗi đơn vị của kỳ rà soát có đúng một dòng (đã điền sẵn).` },
    { spec: c('commune_code'), header: headerOf(c('commune_code')), list: units.map((u) => u.code), width: 10,
      note: `Mã GSO của đơn vị (đã điền sẵn; tên ở ghi chú của từng ô): ${unitList(units)}.` },
    { spec: c('total_households'), header: headerOf(c('total_households')), whole: { min: 1 }, numFmt: '#,##0', width: 14,
      note: 'Tổng số hộ dân cư của đơn vị (tất cả các hộ, không chỉ các hộ được rà soát): mẫu số của mọi tỷ lệ. Số nguyên, ít nhất 1.' },
  ];
}

/** Excel allows 32 characters in an error box's title: one short title for every column. */
const ERROR_TITLE = 'Giá trị không hợp lệ';

function newWorkbook(year: number): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  // fixed dates and no author: the same template for the same year, byte for byte
  const date = new Date(Date.UTC(year, 7, 1));
  workbook.created = date;
  workbook.modified = date;
  workbook.creator = 'Minh bạch giảm nghèo';
  workbook.lastModifiedBy = 'Minh bạch giảm nghèo';
  return workbook;
}

function writeSheet(sheet: ExcelJS.Worksheet, columns: TemplateColumn[], rows: number): void {
  sheet.columns = columns.map((col) => ({ key: col.spec.name, width: col.width, ...(col.numFmt ? { style: { numFmt: col.numFmt } } : {}) }));
  const header = sheet.getRow(1);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.note = col.note;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.numFmt = '@';
  });
  header.height = 60;
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  // exceljs keeps range validations (written as one sqref) but its typings know only the per-cell setter
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((col, i) => {
    const range = `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${rows + 1}`;
    if (col.list) {
      validations.add(range, {
        type: 'list', allowBlank: true, showErrorMessage: true, formulae: [`"${col.list.join(',')}"`],
        errorStyle: 'stop', errorTitle: ERROR_TITLE,
        error: col.list.length <= 4 ? `Chọn một giá trị trong danh sách: ${col.list.join(', ')}.` : 'Chọn một giá trị trong danh sách thả xuống (danh sách đầy đủ ở ghi chú của ô tiêu đề).',
      });
    } else if (col.whole) {
      const bounded = col.whole.max !== undefined;
      validations.add(range, {
        type: 'whole', allowBlank: true, showErrorMessage: true, operator: bounded ? 'between' : 'greaterThanOrEqual',
        formulae: bounded ? [col.whole.min, col.whole.max!] : [col.whole.min],
        errorStyle: 'stop', errorTitle: ERROR_TITLE,
        error: bounded ? `Số nguyên từ ${col.whole.min} đến ${col.whole.max}` : `Số nguyên, ít nhất ${col.whole.min}`,
      });
    }
  });
}

async function finish(workbook: ExcelJS.Workbook, year: number): Promise<Buffer> {
  return fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()), year);
}

/** The households workbook of a review year (one worksheet: the pipeline reads the first one only). */
export async function householdsTemplate(year: number): Promise<Buffer> {
  const workbook = newWorkbook(year);
  writeSheet(workbook.addWorksheet(HOUSEHOLDS_SHEET), templateColumns(year), TEMPLATE_ROWS);
  return finish(workbook, year);
}

/** communes.xlsx of a review year: every unit of the year, its total households left blank. */
export async function communesTemplate(year: number): Promise<Buffer> {
  templateStandard(year);
  const workbook = newWorkbook(year);
  const sheet = workbook.addWorksheet(COMMUNES_SHEET);
  const units = unitsOfReviewYear(year);
  writeSheet(sheet, communesTemplateColumns(year), units.length);
  units.forEach((unit, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = year;
    const code = row.getCell(2);
    code.value = unit.code;
    code.numFmt = '@';
    code.note = unit.name_vi;
  });
  return finish(workbook, year);
}
