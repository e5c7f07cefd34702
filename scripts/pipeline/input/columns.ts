// The household and commune columns the pipeline understands, and the header spellings it accepts for them
// (docs/input-format.md "Headers"). Headers are matched after `headerKey`, so "Mã xã", "MA XA" and
// " mã  xã " are the same header.
import { allIndicatorCodes, programs, standards } from '../../../src/lib/reference.ts';

export type ColumnKind =
  | 'review_year' | 'commune_code' | 'text' | 'national_id' | 'members' | 'area' | 'income' | 'boolean'
  | 'recorded_status' | 'total_households' | 'previous_commune_code' | 'previous_household_id';

export interface ColumnSpec {
  name: string;
  /** true: every file must have it. Indicator columns are required per review year instead (see rules.ts). */
  required: boolean;
  kind: ColumnKind;
  /** personal data: validated, never published, value masked in every message */
  personal: boolean;
  aliases: string[];
}

const col = (name: string, required: boolean, kind: ColumnKind, aliases: string[], personal = false): ColumnSpec =>
  ({ name, required, kind, personal, aliases });

/** Vietnamese indicator names from every standard, so an old or new form's header is understood. */
function indicatorAliases(code: string): string[] {
  const names = new Set(standards.flatMap((s) => s.indicators.filter((i) => i.code === code).map((i) => i.name_vi)));
  return [...names].flatMap((n) => [`Thiếu hụt ${n}`, n]);
}

export const householdColumns: ColumnSpec[] = [
  col('review_year', true, 'review_year', ['Năm rà soát', 'Năm']),
  col('commune_code', true, 'commune_code', ['Mã xã', 'Mã đơn vị hành chính']),
  // the household code links a household across years: personal-ish, so masked like the personal columns
  col('household_id', true, 'text', ['Mã hộ', 'Mã hộ gia đình'], true),
  // the household's reference at the review before a reorganisation (data contract "Across the 2025
  // reorganisation"): used only to link it, never published; the previous id is masked like household_id
  col('previous_commune_code', false, 'previous_commune_code', ['Mã xã cũ', 'Mã đơn vị hành chính cũ']),
  col('previous_household_id', false, 'previous_household_id', ['Mã hộ cũ', 'Mã hộ gia đình cũ'], true),
  col('head_name', false, 'text', ['Họ và tên chủ hộ', 'Họ tên chủ hộ', 'Chủ hộ'], true),
  col('national_id', false, 'national_id', ['Số CCCD', 'CCCD', 'Số CMND', 'Số CMND/CCCD', 'Số định danh cá nhân'], true),
  col('phone', false, 'text', ['Số điện thoại', 'Điện thoại', 'SĐT'], true),
  col('address', false, 'text', ['Địa chỉ'], true),
  col('village', false, 'text', ['Thôn/Tổ dân phố', 'Thôn', 'Tổ dân phố', 'Thôn/TDP'], true),
  col('members', true, 'members', ['Số nhân khẩu', 'Số khẩu', 'Nhân khẩu']),
  col('area', true, 'area', ['Khu vực', 'Khu vực (thành thị / nông thôn)', 'Thành thị/Nông thôn']),
  col('income_per_capita', true, 'income', ['Thu nhập bình quân', 'Thu nhập bình quân đầu người', 'Thu nhập bình quân đầu người/tháng']),
  col('labour_capacity', true, 'boolean', ['Khả năng lao động', 'Khả năng lao động (có / không)', 'Có khả năng lao động']),
  ...allIndicatorCodes.map((code) => col(`d_${code}`, false, 'boolean', indicatorAliases(code))),
  col('recorded_status', true, 'recorded_status', ['Phân loại', 'Phân loại (nghèo / cận nghèo / không)', 'Kết quả rà soát', 'Kết quả phân loại']),
  ...programs.map((p) => col(`support_${p.code}`, false, 'boolean', [p.name_vi])),
];

export const communeColumns: ColumnSpec[] = [
  col('review_year', true, 'review_year', ['Năm rà soát', 'Năm']),
  col('commune_code', true, 'commune_code', ['Mã xã', 'Mã đơn vị hành chính']),
  col('total_households', true, 'total_households', ['Tổng số hộ', 'Tổng số hộ dân cư', 'Số hộ']),
];

export const personalColumns: ReadonlySet<string> = new Set(householdColumns.filter((c) => c.personal).map((c) => c.name));

/**
 * The comparison form of a header or keyword: NFD with marks stripped (so tone-mark placement and precomposed
 * vs combining characters do not matter), đ→d, lower case, any run of spaces/underscores one space.
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

export interface HeaderMatch {
  /** canonical name per header position; null for an unknown header */
  names: (string | null)[];
  unknown: { index: number; header: string }[];
  duplicates: { name: string; headers: string[] }[];
}

/** Maps a file's header cells to canonical column names. */
export function matchHeader(headers: string[], columns: ColumnSpec[]): HeaderMatch {
  const byKey = new Map<string, string>();
  for (const c of columns) {
    byKey.set(headerKey(c.name), c.name);
    for (const a of c.aliases) byKey.set(headerKey(a), c.name);
  }
  const names = headers.map((h) => byKey.get(headerKey(h)) ?? null);
  const unknown = headers.flatMap((header, index) => (names[index] === null && headerKey(header) !== '' ? [{ index, header }] : []));
  const seen = new Map<string, string[]>();
  names.forEach((n, i) => { if (n) seen.set(n, [...(seen.get(n) ?? []), headers[i]!]); });
  const duplicates = [...seen].filter(([, hs]) => hs.length > 1).map(([name, hs]) => ({ name, headers: hs }));
  return { names, unknown, duplicates };
}
