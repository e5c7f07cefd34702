// The optimistic fast path for household CSV files in canonical form (plain digits, 0/1 flags, the English codes
// of area and status, and the common spellings of FAST_SPELLINGS): one streaming read_csv per layout (every file
// decoded to the same delimiter and header: a folder of small files is one read, not one per file) straight into the
// staged households, typed with cheap vectorised round-trip checks (regular expressions for grouped incomes, ID numbers
// and blanks at a text's ends; no accent folding), with the messages of its pseudonyms (hmac.ts keys them once per
// distinct household at the end).
// A row whose every value is canonical gets exactly the value the exact rules of rules.ts give it; any other row is
// flagged, and only the flagged rows are re-checked by the exact path (households.ts), all those of a read at once,
// which types them and reports each problem by file, line and column, file by file. So the fast path needs no
// messages of its own, and of the personal columns it only keeps, for the flagged rows, those a rule reads.
import type { DuckDBConnection } from '@duckdb/node-api';
import { allIndicatorCodes, programs, standardForReviewYear } from '../../../src/lib/reference.ts';
import { CROSSWALK_YEARS, pseudonymMessagesSql } from './hmac.ts';
import { readCsvSql, type OpenedFile, type StagedFile } from './stage.ts';
import { SHEET_ROW_COLUMN } from './transcode.ts';
import { sqlIdent, sqlString } from '../../../src/lib/sql.ts';
import { BLANK_CLASS, CANONICAL_GROUPED_INCOME, MEMBERS_MAX, NATIONAL_ID_PATTERN, MEMBERS_MIN, inYearsSql, reasonSql, yearsOfIndicator, yearsWithStandard } from './rules.ts';
import { RECHECK_COLUMN, nextRowid, type ExactRecheck } from './households.ts';

const supportColumns = programs.map((p) => `support_${p.code}`);

const nfc = (words: string[]) => words.map((w) => w.normalize('NFC'));
/** Exact spellings the fast path reads, the canonical ones first (both of a flag: most values are 0), each with the value rules.ts gives it (the test
 *  checks every one against the exact rules); any other spelling sends its file to the exact path. */
export const FAST_SPELLINGS = {
  boolean: [
    ['1', true] as const, ['0', false] as const,
    ...nfc(['true', 'yes', 'x', 'co', 'True', 'TRUE', 'Yes', 'YES', 'X', 'có', 'Có', 'CÓ']).map((w) => [w, true] as const),
    ...nfc(['false', 'no', 'khong', 'False', 'FALSE', 'No', 'NO', 'không', 'Không', 'KHÔNG']).map((w) => [w, false] as const),
  ],
  area: [
    ['urban', 'urban'] as const, ['rural', 'rural'] as const,
    ...nfc(['Urban', 'thành thị', 'Thành thị', 'Thành Thị', 'đô thị', 'Đô thị']).map((w) => [w, 'urban'] as const),
    ...nfc(['Rural', 'nông thôn', 'Nông thôn', 'Nông Thôn']).map((w) => [w, 'rural'] as const),
  ],
  recorded_status: [
    ['poor', 'poor'] as const, ['near_poor', 'near_poor'] as const, ['not_poor', 'not_poor'] as const,
    ...nfc(['nghèo', 'Nghèo', 'hộ nghèo', 'Hộ nghèo', 'Hộ Nghèo']).map((w) => [w, 'poor'] as const),
    ...nfc(['cận nghèo', 'Cận nghèo', 'Cận Nghèo', 'hộ cận nghèo', 'Hộ cận nghèo', 'Hộ Cận Nghèo']).map((w) => [w, 'near_poor'] as const),
    ...nfc(['không', 'Không', 'không nghèo', 'Không nghèo', 'Không Nghèo']).map((w) => [w, 'not_poor'] as const),
  ],
};

/** CASE over exact spellings; NULL for any other. Rows leave the CASE at their first match, so the canonical
 *  spellings (listed first) cost one or two comparisons. */
function spellingSql(x: string, spellings: readonly (readonly [string, boolean | string])[]): string {
  const value = (v: boolean | string) => (typeof v === 'boolean' ? String(v) : sqlString(v));
  return `CASE ${spellings.map(([w, v]) => `WHEN ${x} = ${sqlString(w)} THEN ${value(v)}`).join(' ')} END`;
}

/** Review years whose standard's indicator columns are all in the file: only these can take the fast path. */
function yearsReadable(present: Set<string>): number[] {
  return yearsWithStandard.filter((y) => standardForReviewYear(y)!.indicators.every((i) => present.has(`d_${i.code}`)));
}

/**
 * An income as rules.ts in_income reads it, or NULL: plain digits by a cast and back, else digits grouped in
 * threes in canonical form (rules.ts CANONICAL_GROUPED_INCOME, one regular expression; any other spelling is
 * flagged for the exact path). Only rows that are not plain digits pay for the second test. The caller checks the range.
 */
function incomeSql(x: string): string {
  const plain = `TRY_CAST(${x} AS BIGINT)`;
  return `CASE WHEN ${plain} >= 0 AND ${plain}::VARCHAR = ${x} THEN ${plain}
    WHEN regexp_full_match(${x}, ${sqlString(CANONICAL_GROUPED_INCOME)}) THEN CAST(replace(replace(replace(${x}, '.', ''), ',', ''), ' ', '') AS BIGINT) END`;
}

/**
 * A text as rules.ts in_text reads it: a value with no blank (rules.ts BLANK_CLASS, what in_trim takes off) at either end
 * is only put in NFC, found by one regular expression, where in_text's trims cost five times as much; any other
 * value goes through in_text itself.
 */
function textSql(x: string): string {
  const other = `[^${BLANK_CLASS.slice(1)}`;
  return `CASE WHEN regexp_full_match(${x}, ${sqlString(`${other}(.*${other})?`)}) THEN nfc_normalize(${x}) ELSE in_text(${x}) END`;
}

/** Files loaded by the fast path since the process started (so tests can tell which path a file took): `files`
 *  wholly by the fast path, `rechecked` with some rows re-checked by the exact path, `rowsRechecked` those rows. */
export const fastPathStats = { files: 0, rechecked: 0, rowsRechecked: 0 };

/**
 * The exact path for the rows the fast path flagged in the files of a batch, given as a table of their raw values
 * with each row's file (households.ts recheckExactly): types them into the staged households, then `finish` reports
 * a file's problems, false when the file is refused whole (then none of its rows may stay).
 */
export type Recheck = (flagged: StagedFile & { fileSql: string }) => Promise<ExactRecheck>;

let batches = 0;

/** The layout of a decoded file as the fast path reads it: files of one layout are read by one read_csv. */
export function layoutOf(opened: OpenedFile): string {
  return JSON.stringify([opened.delimiter, opened.sheetRows, opened.names]);
}

/** Files of one layout read together by the fast path (readCanonicalFiles); each is finished by finishCanonicalFile. */
export interface CanonicalBatch {
  /** per file, in the order read: its rows (0: none, the file is for the exact path) and how many were flagged */
  files: { opened: OpenedFile; rows: number; flagged: number }[];
  /** every row of the staged households from this batch has a rowid at or above this */
  before: number;
  /** the raw values of the flagged rows (source_file, __line, the columns a rule reads), or null when none */
  flaggedTable: string | null;
  /** the flagged rows through the exact path, or null when none */
  exact: ExactRecheck | null;
}

/**
 * Reads files of one layout (layoutOf) through the fast path into `staged` with one read_csv: the files of a folder
 * are often small, and one read of many files is parallel where a read per file is mostly not, and plans once.
 * Returns null (having added nothing) when they cannot take the fast path or one of them is not well-formed CSV
 * (then each file goes on its own, so that the one at fault is named). Each file's flagged rows leave the
 * staged households as raw values, for finishCanonicalFile to re-check.
 */
export async function readCanonicalFiles(conn: DuckDBConnection, group: OpenedFile[], staged: string, recheck: Recheck): Promise<CanonicalBatch | null> {
  const opened = group[0]!;
  if (group.some((g) => layoutOf(g) !== layoutOf(opened))) throw new Error('readCanonicalFiles: files of different layouts');
  const present = new Set(opened.columns.map((c) => c.name));
  const years = yearsReadable(present);
  if (years.length === 0) return null;
  const v = (name: string) => `src.${sqlIdent(name)}`;
  // `x::VARCHAR = v` (or its zero-padded form) holds only for plain ASCII digits with no sign, space, decimal
  // point, exponent, underscore or hex prefix: the values DuckDB's lenient casts accept but rules.ts does not
  const commune = `TRY_CAST(${v('commune_code')} AS INTEGER)`;
  const previousCommune = `TRY_CAST(${v('previous_commune_code')} AS INTEGER)`;
  const previousCode = present.has('previous_commune_code') ? v('previous_commune_code') : 'NULL::VARCHAR';
  const keys = pseudonymMessagesSql({ year: '_year', commune: v('commune_code'), id: '_id', previousCommune: previousCode, previousId: '_previous_id' }, CROSSWALK_YEARS);
  // blank is false (rules.ts in_bool); anything but 0/1/blank is NULL here, and left to the slow path
  const bool = (c: string) => `CASE WHEN ${v(c)} IS NULL THEN false ELSE ${spellingSql(v(c), FAST_SPELLINGS.boolean)} END`;
  const nationalId = present.has('national_id')
    ? `(${v('national_id')} IS NULL OR regexp_full_match(${v('national_id')}, ${sqlString(NATIONAL_ID_PATTERN)}))`
    : 'true';
  const flags = ['labour_capacity', ...allIndicatorCodes.filter((c) => present.has(`d_${c}`)).map((c) => `d_${c}`), ...supportColumns.filter((c) => present.has(c))];
  const flag = (c: string) => `_f${flags.indexOf(c)}`;
  // the review years of each indicator, as one test per distinct set of years
  const yearSets = [...new Set(allIndicatorCodes.filter((c) => present.has(`d_${c}`)).map((c) => yearsOfIndicator(c).join(',')))];
  const yearSet = (code: string) => `_y${yearSets.indexOf(yearsOfIndicator(code).join(','))}`;
  // the columns a rule reads (never a free-text personal column such as head_name): kept for the flagged rows
  const checked = opened.columns.filter((c) => reasonSql(c, 'NULL', present) !== null);
  // the raw values the checks compare with, and those the flagged rows keep
  const raw = [...new Set(['review_year', 'commune_code', 'members', ...(present.has('national_id') ? ['national_id'] : []),
    ...(present.has('previous_commune_code') ? ['previous_commune_code'] : []),
    ...checked.map((c) => c.name), ...(opened.sheetRows ? [SHEET_ROW_COLUMN] : [])])];
  // a workbook's rows carry their sheet row; a CSV row's line is set after the insert, from its place in the file
  const line = opened.sheetRows ? `CAST(${v(SHEET_ROW_COLUMN)} AS INTEGER)` : 'NULL';
  // the file of a row: read_csv's filename column (one value per chunk of rows) named as the input names it
  const file = group.length === 1 ? sqlString(opened.input.file)
    : `CASE src.filename ${group.map((g) => `WHEN ${sqlString(g.path)} THEN ${sqlString(g.input.file)}`).join(' ')} END`;
  const inner = [
    `${file} AS _file`,
    ...raw.map((c) => v(c)),
    `TRY_CAST(${v('review_year')} AS INTEGER) AS _year`,
    `${textSql(v('household_id'))} AS _id`,
    `${present.has('previous_household_id') ? textSql(v('previous_household_id')) : 'NULL::VARCHAR'} AS _previous_id`,
    `TRY_CAST(${v('members')} AS INTEGER) AS _members`,
    `${incomeSql(v('income_per_capita'))} AS _income`,
    `${spellingSql(v('area'), FAST_SPELLINGS.area)} AS _area`,
    `${spellingSql(v('recorded_status'), FAST_SPELLINGS.recorded_status)} AS _status`,
    ...flags.map((c) => `${bool(c)} AS ${flag(c)}`),
    ...yearSets.map((set, i) => `${inYearsSql('TRY_CAST(' + v('review_year') + ' AS INTEGER)', set.split(',').filter(Boolean).map(Number))} AS _y${i}`),
  ];
  const ok = [
    `${inYearsSql('_year', years)} AND _year::VARCHAR = ${v('review_year')}`,
    `${commune} >= 0 AND lpad(${commune}::VARCHAR, 5, '0') = ${v('commune_code')}`,
    '_id IS NOT NULL',
    `_members BETWEEN ${MEMBERS_MIN} AND ${MEMBERS_MAX} AND _members::VARCHAR = ${v('members')}`,
    `_income BETWEEN 0 AND 999999999999999`,
    '_area IS NOT NULL',
    '_status IS NOT NULL',
    nationalId,
    // a previous reference: blank, or a plain 5-digit code; a previous id only with its commune
    ...(present.has('previous_commune_code') ? [`${v('previous_commune_code')} IS NULL OR (${previousCommune} >= 0 AND lpad(${previousCommune}::VARCHAR, 5, '0') = ${v('previous_commune_code')})`] : []),
    `_previous_id IS NULL OR ${present.has('previous_commune_code') ? `${v('previous_commune_code')} IS NOT NULL` : 'false'}`,
    ...flags.map((c) => `${flag(c)} IS NOT NULL`),
  ].map((c) => `(${c})`).join(' AND ');
  const indicators = allIndicatorCodes.map((code) => (present.has(`d_${code}`) ? `CASE WHEN ${yearSet(code)} THEN ${flag(`d_${code}`)} END` : 'NULL'));
  const supports = supportColumns.map((c) => (present.has(c) ? flag(c) : 'false'));
  const before = await nextRowid(conn, staged);
  try {
    // household_id as rules.ts in_text: trimmed, NFC (a blank id is NULL, hence not ok)
    await conn.run(`INSERT INTO ${staged}
      SELECT _file, ${line}, _year, ${v('commune_code')},
        NULL, ${previousCode}, NULL, NULL,
        _members, _area, _income, ${flag('labour_capacity')},
        ${indicators.join(', ')}, _status, ${supports.join(', ')},
        NOT _ok, CASE WHEN NOT _ok THEN [${checked.map((c) => v(c.name)).join(', ')}] END, ${keys.join(', ')}
      FROM (SELECT src.*, coalesce(${ok}, false) AS _ok FROM (SELECT ${inner.join(', ')}
        FROM ${readCsvSql(opened, group.length === 1 ? '' : ', filename=true', group.map((g) => g.path))} AS src) AS src) AS src`);
  } catch (error) {
    // a mistake in this SQL must not pass for bad input
    if (/^(Binder|Parser|Catalog) Error/.test(String((error as Error).message))) throw error;
    // malformed line, invalid UTF-8: the slow path lists it
    await conn.run(`DELETE FROM ${staged} WHERE rowid >= ${before}`);
    return null;
  }
  const counted = new Map((await conn.runAndReadAll(`SELECT source_file, min(rowid), max(rowid), count(*), count(*) FILTER (WHERE row_invalid)
    FROM ${staged} WHERE rowid >= ${before} GROUP BY source_file`)).getRows().map((r) => [String(r[0]), r.slice(1).map(Number)]));
  // a row's line is its place in its file plus the header line: the rows of each file must be in file order, in
  // one run of rowids (read_csv keeps the order of the files and of their rows)
  let last = before - 1;
  for (const g of group) {
    const [first, end, rows] = counted.get(g.input.file) ?? [];
    if (first === undefined) continue;
    if (first <= last || end! - first + 1 !== rows) throw new Error(`fast path: the rows of ${g.input.file} are not in file order`);
    last = end!;
  }
  if (!opened.sheetRows && counted.size > 0) {
    await conn.run(`UPDATE ${staged} SET source_line = (${staged}.rowid - f.first + 2)::INTEGER
      FROM (VALUES ${[...counted].map(([f, [first]]) => `(${sqlString(f)}, ${first})`).join(', ')}) f(file, first)
      WHERE ${staged}.rowid >= ${before} AND ${staged}.source_file = f.file`);
  }
  const files = group.map((g) => ({ opened: g, rows: counted.get(g.input.file)?.[2] ?? 0, flagged: counted.get(g.input.file)?.[3] ?? 0 }));
  if (files.every((f) => f.flagged === 0)) return { files, before, flaggedTable: null, exact: null };
  // the flagged rows leave the staged households as raw values (in line order within each file), and come back
  // typed by the exact path
  const flaggedTable = `input_flagged_${++batches}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${flaggedTable} AS SELECT source_file, source_line AS __line,
      ${checked.map((c, i) => `${RECHECK_COLUMN}[${i + 1}] AS ${sqlIdent(c.name)}`).join(', ')}
    FROM ${staged} WHERE rowid >= ${before} AND ${RECHECK_COLUMN} IS NOT NULL ORDER BY source_file, __line`);
  await conn.run(`DELETE FROM ${staged} WHERE rowid >= ${before} AND ${RECHECK_COLUMN} IS NOT NULL`);
  const batch: CanonicalBatch = { files, before, flaggedTable, exact: null };
  try {
    batch.exact = await recheck({
      file: opened.input.file, format: opened.input.format, encoding: opened.encoding,
      ...(opened.input.format === 'csv' ? { delimiter: opened.delimiter } : {}),
      table: flaggedTable, columns: checked, lineSql: `${flaggedTable}.__line`, fileSql: `${flaggedTable}.source_file`,
      rows: files.reduce((n, f) => n + f.flagged, 0), rejectedLines: 0,
    });
  } catch (error) {
    await dropCanonicalBatch(conn, batch);
    throw error;
  }
  return batch;
}

/**
 * Finishes a file of a batch: its flagged rows' problems reported (they were re-checked with the batch's). Returns
 * its row count, or null when it had no data row (it added nothing: the exact path reads it).
 */
export async function finishCanonicalFile(conn: DuckDBConnection, batch: CanonicalBatch, index: number, staged: string): Promise<number | null> {
  const { opened, rows, flagged } = batch.files[index]!;
  if (rows === 0) return null;
  if (flagged === 0) {
    fastPathStats.files++;
    return rows;
  }
  // a file refused whole (an indicator column its review years need is missing) keeps none of its rows
  if (!await batch.exact!.finish(opened.input.file)) {
    await conn.run(`DELETE FROM ${staged} WHERE rowid >= ${batch.before} AND source_file = ${sqlString(opened.input.file)}`);
  }
  fastPathStats.rechecked++;
  fastPathStats.rowsRechecked += flagged;
  return rows;
}

export async function dropCanonicalBatch(conn: DuckDBConnection, batch: CanonicalBatch): Promise<void> {
  await batch.exact?.drop();
  if (batch.flaggedTable) await conn.run(`DROP TABLE IF EXISTS ${batch.flaggedTable}`);
}

/**
 * Loads one file through the fast path into `staged` and returns its row count, its flagged rows re-checked by
 * `recheck`; or returns null (having added nothing) when the file is not well-formed CSV or has no data row.
 */
export async function loadCanonicalFile(conn: DuckDBConnection, opened: OpenedFile, staged: string, recheck: Recheck): Promise<number | null> {
  const batch = await readCanonicalFiles(conn, [opened], staged, recheck);
  if (!batch) return null;
  try {
    return await finishCanonicalFile(conn, batch, 0, staged);
  } finally {
    await dropCanonicalBatch(conn, batch);
  }
}
