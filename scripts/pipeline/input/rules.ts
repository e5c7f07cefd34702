// Value and cross-row rules, in SQL over all-VARCHAR staging tables, so that no row is parsed in JavaScript.
// Each rule yields a reason (lower-case) or NULL; personal values never leave DuckDB (they come back as "***").
import type { DuckDBConnection } from '@duckdb/node-api';
import { standards } from '../../../src/lib/reference.ts';
import { sqlIdent, sqlString } from '../../../src/lib/sql.ts';
import type { ColumnSpec } from './columns.ts';
import { MASK, type ProblemLog } from './problems.ts';

export const REVIEW_YEAR_MIN = 2021;
export const REVIEW_YEAR_MAX = 2035;
export const MEMBERS_MIN = 1;
export const MEMBERS_MAX = 50;

/** Review years of the accepted range that have a poverty standard in force. */
export const yearsWithStandard: number[] = range(REVIEW_YEAR_MIN, REVIEW_YEAR_MAX)
  .filter((y) => standards.some((s) => y >= s.first_review_year && y <= s.last_review_year));

/** The review years whose standard includes an indicator: where its d_ column is required and read. */
export function yearsOfIndicator(code: string): number[] {
  return yearsWithStandard.filter((y) =>
    standards.some((s) => y >= s.first_review_year && y <= s.last_review_year && s.indicators.some((i) => i.code === code)));
}

/** `x` is one of `years`, as ranges: DuckDB plans an IN list over a computed value (here a macro) very slowly, and an
 *  IN list of constants as a join. */
export function inYearsSql(x: string, years: number[]): string {
  if (years.length === 0) return 'false';
  const ranges: [number, number][] = [];
  for (const y of [...years].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else ranges.push([y, y]);
  }
  return `(${ranges.map(([a, b]) => `${x} BETWEEN ${a} AND ${b}`).join(' OR ')})`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// Accepted spellings, compared after in_key (no marks, đ→d, lower case, one space for runs of space/_/-).
const TRUE_WORDS = ['1', 'true', 'yes', 'co', 'x'];
const FALSE_WORDS = ['0', 'false', 'no', 'khong'];
const URBAN_WORDS = ['urban', 'thanh thi', 'do thi'];
const RURAL_WORDS = ['rural', 'nong thon'];
const POOR_WORDS = ['poor', 'ngheo', 'ho ngheo'];
const NEAR_POOR_WORDS = ['near poor', 'can ngheo', 'ho can ngheo'];
const NOT_POOR_WORDS = ['not poor', 'khong', 'khong ngheo'];

// Grouping must be in threes with one separator throughout: "1.500.000", "1,500,000", "1 500 000" (also the
// no-break spaces Excel writes); "1,5" or "1.50.000" are refused rather than guessed. At most 15 digits.
const groupedIncome = (separator: string, firstDigit = '[0-9]') => `${firstDigit}[0-9]{0,2}(${separator}[0-9]{3}){1,4}`;
const INCOME_PATTERN = ['[0-9]{1,15}', ...['\\.', ',', '[ \\x{00A0}\\x{202F}]'].map((s) => groupedIncome(s))].join('|');
/** The grouped incomes in canonical form ("1.500.000": no leading zero, a plain separator, nothing around): the
 *  fast path (fast.ts) reads these itself and leaves any other spelling to the exact rule, in_income. */
export const CANONICAL_GROUPED_INCOME = ['\\.', ',', ' '].map((s) => groupedIncome(s, '[1-9]')).join('|');

/** An ID number (CCCD or CMND), once trimmed: 9 or 12 digits. */
export const NATIONAL_ID_PATTERN = '[0-9]{9}|[0-9]{12}';
/** The blanks in_trim takes off a value's ends (space, tab, no-break space), as a regular expression's class. */
export const BLANK_CLASS = '[ \\t\\xa0]';

/**
 * The value of a keyword, NULL for any other word: one MAP lookup. (An `IN (...)` list over a macro expression is
 * planned so slowly by DuckDB that a statement typing 25 flag columns took 2 s to plan, paid by every file the
 * exact path read, however few its rows.)
 */
function lookupSql(key: string, groups: [string[], string][]): string {
  return `map_extract_value(MAP {${groups.flatMap(([words, value]) => words.map((w) => `${sqlString(w)}: ${value}`)).join(', ')}}, ${key})`;
}

export async function defineValueMacros(conn: DuckDBConnection): Promise<void> {
  // Each rule has a fast path for the canonical spelling (what the demo data and most exports use) so that the
  // accent-folding slow path runs only on the few values that need it: this keeps 2 million rows fast.
  const macros = [
    // the characters of BLANK_CLASS
    `in_trim(v) AS trim(v, ' ' || chr(9) || chr(160))`,
    `in_blank(v) AS (v IS NULL OR in_trim(v) = '')`,
    `in_key(v) AS trim(regexp_replace(lower(strip_accents(replace(replace(nfc_normalize(in_trim(v)), 'đ', 'd'), 'Đ', 'd'))), '[\\s_-]+', ' ', 'g'))`,
    `in_int(v) AS CASE WHEN regexp_full_match(v, '[0-9]{1,9}') THEN CAST(v AS INTEGER)
      WHEN regexp_full_match(in_trim(v), '[0-9]{1,9}') THEN CAST(in_trim(v) AS INTEGER) END`,
    `in_income(v) AS CASE WHEN regexp_full_match(v, '[0-9]{1,15}') THEN CAST(v AS BIGINT)
      WHEN regexp_full_match(in_trim(v), '${INCOME_PATTERN}') THEN CAST(regexp_replace(in_trim(v), '[^0-9]', '', 'g') AS BIGINT) END`,
    `in_commune(v) AS CASE WHEN regexp_full_match(v, '[0-9]{5}') THEN v WHEN regexp_full_match(in_trim(v), '[0-9]{5}') THEN in_trim(v) END`,
    `in_bool_slow(v) AS CASE WHEN in_blank(v) THEN false ELSE ${lookupSql('in_key(v)', [[TRUE_WORDS, 'true'], [FALSE_WORDS, 'false']])} END`,
    `in_bool(v) AS CASE WHEN v IS NULL THEN false WHEN v = '1' THEN true WHEN v = '0' THEN false ELSE in_bool_slow(v) END`,
    `in_area_slow(v) AS ${lookupSql('in_key(v)', [[URBAN_WORDS, "'urban'"], [RURAL_WORDS, "'rural'"]])}`,
    `in_area(v) AS CASE WHEN v IN ('urban', 'rural') THEN v ELSE in_area_slow(v) END`,
    `in_status_slow(v) AS ${lookupSql('in_key(v)', [[POOR_WORDS, "'poor'"], [NEAR_POOR_WORDS, "'near_poor'"], [NOT_POOR_WORDS, "'not_poor'"]])}`,
    `in_status(v) AS CASE WHEN v IN ('poor', 'near_poor', 'not_poor') THEN v ELSE in_status_slow(v) END`,
    `in_text(v) AS CASE WHEN in_blank(v) THEN NULL ELSE nfc_normalize(in_trim(v)) END`,
  ];
  for (const m of macros) await conn.run(`CREATE OR REPLACE TEMP MACRO ${m}`);
}

/** SQL giving the reason a value of this column is invalid, or NULL. `year` is the row's parsed review year;
 *  `present` the columns of the file (a rule that reads another column needs to know whether it is there). */
export function reasonSql(spec: ColumnSpec, year: string, present: ReadonlySet<string> = new Set()): string | null {
  const c = sqlIdent(spec.name);
  const missing = `WHEN in_blank(${c}) THEN 'missing value'`;
  switch (spec.kind) {
    case 'review_year':
      return `CASE ${missing} WHEN in_int(${c}) IS NULL THEN 'not a whole number'
        WHEN in_int(${c}) NOT BETWEEN ${REVIEW_YEAR_MIN} AND ${REVIEW_YEAR_MAX} THEN 'out of range ${REVIEW_YEAR_MIN}–${REVIEW_YEAR_MAX}'
        WHEN NOT ${inYearsSql(`in_int(${c})`, yearsWithStandard)} THEN 'no poverty standard in force for this review year' END`;
    case 'commune_code':
      return `CASE ${missing} WHEN in_commune(${c}) IS NULL THEN 'not a 5-digit commune code' END`;
    case 'previous_commune_code':
      return `CASE WHEN NOT in_blank(${c}) AND in_commune(${c}) IS NULL THEN 'not a 5-digit commune code' END`;
    case 'previous_household_id': {
      // an id is only meaningful in the unit it belongs to
      const noCommune = present.has('previous_commune_code') ? `in_blank(${sqlIdent('previous_commune_code')})` : 'true';
      return `CASE WHEN NOT in_blank(${c}) AND ${noCommune} THEN 'given without previous_commune_code' END`;
    }
    case 'text':
      return spec.required ? `CASE ${missing} END` : null;
    case 'national_id':
      return `CASE WHEN NOT in_blank(${c}) AND NOT regexp_full_match(in_trim(${c}), ${sqlString(NATIONAL_ID_PATTERN)}) THEN 'not 9 or 12 digits' END`;
    case 'members':
      return `CASE ${missing} WHEN in_int(${c}) IS NULL THEN 'not a whole number'
        WHEN in_int(${c}) NOT BETWEEN ${MEMBERS_MIN} AND ${MEMBERS_MAX} THEN 'out of range ${MEMBERS_MIN}–${MEMBERS_MAX}' END`;
    case 'total_households':
      return `CASE ${missing} WHEN in_int(${c}) IS NULL THEN 'not a whole number' WHEN in_int(${c}) < 1 THEN 'out of range: at least 1' END`;
    case 'area':
      return `CASE ${missing} WHEN in_area(${c}) IS NULL THEN 'not urban or rural (thành thị / nông thôn)' END`;
    case 'income':
      return `CASE ${missing} WHEN in_income(${c}) IS NULL THEN 'not a whole number of VND' END`;
    case 'recorded_status':
      return `CASE ${missing} WHEN in_status(${c}) IS NULL THEN 'not a recognised status (poor / near_poor / not_poor, nghèo / cận nghèo / không)' END`;
    case 'boolean': {
      const bad = `WHEN in_bool(${c}) IS NULL THEN 'not a yes/no value (0/1, true/false, yes/no, có/không, x/empty)'`;
      // an indicator column counts only in the years whose standard has that indicator
      if (spec.name.startsWith('d_')) return `CASE WHEN ${inYearsSql(year, yearsOfIndicator(spec.name.slice(2)))} THEN CASE ${bad} END END`;
      return `CASE ${bad} END`;
    }
  }
}

/** SQL for the value shown in a problem: masked for personal columns, NULL when missing. */
export function shownValueSql(spec: ColumnSpec): string {
  const c = sqlIdent(spec.name);
  return `CASE WHEN in_blank(${c}) THEN NULL ELSE ${spec.personal ? sqlString(MASK) : `CAST(${c} AS VARCHAR)`} END`;
}

/**
 * Creates `problemsTable(row_id, line, col_order, column_name, reason, value)`: one row per invalid value of `table`.
 * Returns how many problems were found. One counting pass over all columns first, so that clean columns (nearly
 * all, in real data) cost no second scan.
 */
export async function findValueProblems(
  conn: DuckDBConnection, table: string, lineSql: string, columns: ColumnSpec[], problemsTable: string, fileSql = 'NULL::VARCHAR',
): Promise<number> {
  const year = `in_int(${sqlIdent('review_year')})`;
  const present = new Set(columns.map((c) => c.name));
  const checked = columns.flatMap((spec, order) => {
    const reason = reasonSql(spec, year, present);
    return reason ? [{ spec, order, reason }] : [];
  });
  let failing: typeof checked = [];
  if (checked.length > 0) {
    const counts = (await conn.runAndReadAll(`SELECT ${checked.map((c) => `count(*) FILTER (WHERE (${c.reason}) IS NOT NULL)`).join(', ')} FROM ${table}`)).getRows()[0]!;
    failing = checked.filter((_, i) => Number(counts[i]) > 0);
  }
  const parts = failing.map(({ spec, order, reason }) => `SELECT row_id, line, ${order} AS col_order, ${sqlString(spec.name)} AS column_name, reason, value, file
      FROM (SELECT rowid AS row_id, ${lineSql} AS line, ${reason} AS reason, ${shownValueSql(spec)} AS value, ${fileSql} AS file FROM ${table}) WHERE reason IS NOT NULL`);
  const body = parts.length ? parts.join('\nUNION ALL\n') : 'SELECT NULL::BIGINT AS row_id, NULL::INTEGER AS line, 0 AS col_order, NULL::VARCHAR AS column_name, NULL::VARCHAR AS reason, NULL::VARCHAR AS value, NULL::VARCHAR AS file WHERE false';
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${problemsTable} AS ${body}`);
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${problemsTable}`);
  return Number(r.getRows()[0]![0]);
}

/** Lists the problems `findValueProblems` found (up to the log's capacity; the rest as a count); `where` picks those of
 *  one file when the table holds several. */
export async function listValueProblems(conn: DuckDBConnection, file: string, problemsTable: string, log: ProblemLog, count: number, where = 'true'): Promise<void> {
  const limit = Math.min(count, log.capacity());
  log.countUnlistedErrors(file, count - limit);
  const rows = (await conn.runAndReadAll(`SELECT line, column_name, reason, value FROM ${problemsTable} WHERE ${where} ORDER BY row_id, col_order LIMIT ${limit}`)).getRows();
  // values were masked in SQL for personal columns; log.error masks again by column name
  for (const [line, column, reason, value] of rows) log.error(file, Number(line), String(column), String(reason), value === null ? null : String(value));
}
