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

/**
 * The explorer names a unit by code and period: `11473` is the 2019–2024 unit (as its page `/communes/11473/`),
 * `2025-11473` the unit of 2025-07 (as its page `/communes/2025/11473/` and its chart ids). Start of each period with
 * reviews, kept literal like REVIEW_MONTH_DAY (tests/site-periods.test.ts checks them against src/lib/geography.ts).
 */
export const PERIOD_STARTS: Record<string, string> = { '': '2019-12-01', '2025': '2025-07-01' };

/** `11473` → the 2019–2024 unit; `2025-11473` → the 2025-07 unit; null when the value names no period with reviews. */
export function parseAreaValue(value: string): { code: string; validFrom: string } | null {
  const m = /^(?:(\d{4})-)?(\d{5})$/.exec(value);
  if (!m) return null;
  const validFrom = PERIOD_STARTS[m[1] ?? ''];
  return validFrom ? { code: m[2]!, validFrom } : null;
}

/** The explorer's value for a unit row of `areas` (SQL expression over alias `a`), the inverse of parseAreaValue. */
export function areaValueSql(a: string): string {
  const cases = Object.entries(PERIOD_STARTS)
    .map(([prefix, from]) => `WHEN CAST(${a}.valid_from AS VARCHAR) = '${from}' THEN ${prefix ? `'${prefix}-' || ` : ''}${a}.area_code`);
  return `CASE ${cases.join(' ')} END`;
}
