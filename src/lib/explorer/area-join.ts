// The published `areas` table is keyed by (area_code, valid_from): GSO codes were reused with other extents from
// 2025 (11473 is thị trấn Minh Đức to 2024, phường Bạch Đằng from 2025-07). A row of a review year takes the
// name in force on that review's date, so a join never doubles a row nor names one territory after another.
// Kept literal: the explorer's bundle must not carry the whole geography (tests/site-periods.test.ts checks it
// against src/lib/geography.ts `reviewDate`).
export const REVIEW_MONTH_DAY = '10-01';

/** `JOIN areas <a> ON …` for the rows of table alias `t` (text comparison: valid_from/valid_to are ISO dates). */
export function areaJoin(a: string, t: string): string {
  const day = `CAST(${t}.review_year AS VARCHAR) || '-${REVIEW_MONTH_DAY}'`;
  return `JOIN areas ${a} ON ${a}.area_code = ${t}.area_code\n  AND CAST(${a}.valid_from AS VARCHAR) <= ${day}\n  AND coalesce(CAST(${a}.valid_to AS VARCHAR), '9999-12-31') >= ${day}`;
}
