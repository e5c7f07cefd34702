// The exact path for one household file: the staged all-VARCHAR rows typed by the rules of rules.ts into the
// staged households, each invalid value listed by file, line and column. Slower than fast.ts, never wrong.
import type { DuckDBConnection } from '@duckdb/node-api';
import { allIndicatorCodes, programs, standardForReviewYear } from '../../../src/lib/reference.ts';
import { sqlIdent, sqlString } from '../../../src/lib/sql.ts';
import { CROSSWALK_YEARS, KEY_COLUMNS, KEY_TYPE, messageColumn, pseudonymMessagesSql } from './hmac.ts';
import { ProblemLog } from './problems.ts';
import { MEMBERS_MAX, MEMBERS_MIN, NATIONAL_ID_PATTERN, findValueProblems, inYearsSql, listValueProblems, yearsOfIndicator, yearsWithStandard } from './rules.ts';
import type { StagedFile } from './stage.ts';
import { LEGACY_FONTS, detectLegacyFont, fromLegacyFont, legacyFontMessage, type LegacyFont } from './legacy-font.ts';

// a table of the main schema, so that at the end it becomes `households` by a rename rather than a copy
export const STAGED_HOUSEHOLDS = 'input_households';
/** The raw values of a row the fast path flagged, for the exact path to re-check (fast.ts); NULL on every other row. */
export const RECHECK_COLUMN = 'recheck_values';
const indicatorColumns = allIndicatorCodes.map((c) => `d_${c}`);
const supportColumns = programs.map((p) => `support_${p.code}`);

/** The table every household file's rows go into, typed, with `row_invalid` set by the rules. */
export async function createStagedHouseholds(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${STAGED_HOUSEHOLDS} (
    source_file VARCHAR, source_line INTEGER, review_year INTEGER, commune_code VARCHAR, household_key ${KEY_TYPE},
    previous_commune_code VARCHAR, previous_key ${KEY_TYPE}, id_key ${KEY_TYPE}, members INTEGER, area VARCHAR, income_per_capita BIGINT, labour_capacity BOOLEAN,
    ${indicatorColumns.map((c) => `${c} BOOLEAN`).join(', ')}, recorded_status VARCHAR,
    ${supportColumns.map((c) => `${c} BOOLEAN`).join(', ')}, row_invalid BOOLEAN, ${RECHECK_COLUMN} VARCHAR[],
    ${KEY_COLUMNS.map((c) => `${messageColumn(c)} VARCHAR`).join(', ')})`);
}

/** The staged households as the rest of the input stage reads them: the fast path's re-check column dropped. */
export async function finishStagedHouseholds(conn: DuckDBConnection): Promise<void> {
  await conn.run(`ALTER TABLE ${STAGED_HOUSEHOLDS} DROP COLUMN ${RECHECK_COLUMN}`);
}

/** A rowid above every visible row of `table`: the rows inserted next are those at or above it (deleted rows keep
 *  their rowids, so a count would not do). */
export async function nextRowid(conn: DuckDBConnection, table: string): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT coalesce(max(rowid) + 1, 0) FROM ${table}`)).getRows()[0]![0]);
}

/** The review years (with a standard) of each file of a staged table, ascending. */
async function reviewYearsByFile(conn: DuckDBConnection, staged: StagedFile): Promise<Map<string, number[]>> {
  const file = staged.fileSql ?? sqlString(staged.file);
  const rows = (await conn.runAndReadAll(`SELECT file, list(y ORDER BY y) FROM (SELECT DISTINCT ${file} AS file, in_int(review_year) AS y FROM ${staged.table}
    WHERE y IN (${yearsWithStandard.join(', ')})) GROUP BY file`)).getRows();
  return new Map(rows.map((r) => [String(r[0]), (r[1] as { items: unknown[] }).items.map(Number)]));
}

/** Indicator columns the standard of each review year in the file needs but the file lacks, logged; false if any. */
function checkIndicatorColumns(file: string, years: number[], columns: StagedFile['columns'], log: ProblemLog): boolean {
  const present = new Set(columns.map((c) => c.name));
  let ok = true;
  for (const year of years) {
    const standard = standardForReviewYear(year)!;
    for (const indicator of standard.indicators) {
      if (present.has(`d_${indicator.code}`)) continue;
      ok = false;
      log.fatal(file, 1, `d_${indicator.code}`, `missing required column for review year ${year} (standard ${standard.code}; Vietnamese header: ${JSON.stringify(`Thiếu hụt ${indicator.name_vi}`)})`);
    }
  }
  return ok;
}

/**
 * One pass types every value, pseudonymises the household and flags rows with any invalid value; only when some
 * row is flagged does a second pass list the problems (the slow path is for bad input, not for 2 million good rows).
 */
async function loadStagedFile(conn: DuckDBConnection, staged: StagedFile, log: ProblemLog, legacyFont?: LegacyFont): Promise<void> {
  const before = await insertTyped(conn, staged, 'true');
  const flagged = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${STAGED_HOUSEHOLDS} WHERE rowid >= ${before} AND row_invalid`)).getRows()[0]![0]);
  if (flagged === 0) return;
  const problems = `${staged.table}_problems`;
  const count = await findValueProblems(conn, staged.table, staged.lineSql, staged.columns, problems);
  await listValueProblems(conn, staged.file, problems, log, count);
  if (!legacyFont) await reportLegacyKeywords(conn, staged.file, problems, log);
  await conn.run(`DROP TABLE IF EXISTS ${problems}`);
}

/** Types the rows of `staged` (those `where` keeps) into the staged households; returns the rowid they start at. */
async function insertTyped(conn: DuckDBConnection, staged: StagedFile, where: string): Promise<number> {
  const present = new Set(staged.columns.map((c) => c.name));
  const v = (name: string) => `${staged.table}.${sqlIdent(name)}`;
  const year = `in_int(${v('review_year')})`;
  const id = `in_text(${v('household_id')})`;
  const commune = `in_commune(${v('commune_code')})`;
  const indicators = allIndicatorCodes.map((code) => (present.has(`d_${code}`)
    ? `CASE WHEN ${inYearsSql(year, yearsOfIndicator(code))} THEN in_bool(${v(`d_${code}`)}) END`
    : 'NULL'));
  const supports = supportColumns.map((c) => (present.has(c) ? `in_bool(${v(c)})` : 'false'));
  const previousCommune = present.has('previous_commune_code') ? `in_commune(${v('previous_commune_code')})` : 'NULL::VARCHAR';
  const previousId = present.has('previous_household_id') ? `in_text(${v('previous_household_id')})` : 'NULL::VARCHAR';
  const keys = pseudonymMessagesSql({ year: 'review_year', commune: 'commune_code', id: 'household_id', previousCommune: 'previous_commune_code', previousId: 'previous_household_id' }, CROSSWALK_YEARS);
  // invalid ⇔ some value did not type, is out of range, or (national_id) is malformed: the same rules as
  // reasonSql, read off the typed values so that each text is parsed once
  const invalid = [
    `review_year IS NULL OR NOT ${inYearsSql('review_year', yearsWithStandard)}`,
    'commune_code IS NULL', 'household_id IS NULL',
    `members IS NULL OR members NOT BETWEEN ${MEMBERS_MIN} AND ${MEMBERS_MAX}`,
    'area IS NULL', 'income_per_capita IS NULL', 'labour_capacity IS NULL', 'recorded_status IS NULL', 'national_id_bad',
    'previous_commune_bad', 'previous_id_alone',
    ...allIndicatorCodes.filter((code) => present.has(`d_${code}`)).map((code) =>
      `(d_${code} IS NULL AND ${inYearsSql('review_year', yearsOfIndicator(code))})`),
    ...supportColumns.map((c) => `${c} IS NULL`),
  ].map((c) => `(${c})`).join(' OR ');
  const before = await nextRowid(conn, STAGED_HOUSEHOLDS);
  await conn.run(`INSERT INTO ${STAGED_HOUSEHOLDS}
    SELECT source_file, source_line, review_year, commune_code,
      NULL, previous_commune_code, NULL, NULL,
      members, area, income_per_capita, labour_capacity, ${allIndicatorCodes.map((c) => `d_${c}`).join(', ')}, recorded_status,
      ${supportColumns.map((c) => `coalesce(${c}, false)`).join(', ')}, coalesce(${invalid}, true), NULL, ${keys.join(', ')}
    FROM (SELECT ${staged.fileSql ?? sqlString(staged.file)} AS source_file, ${staged.lineSql} AS source_line, ${year} AS review_year, ${commune} AS commune_code,
      ${id} AS household_id, in_int(${v('members')}) AS members, in_area(${v('area')}) AS area,
      in_income(${v('income_per_capita')}) AS income_per_capita, in_bool(${v('labour_capacity')}) AS labour_capacity,
      ${indicators.map((e, i) => `${e} AS d_${allIndicatorCodes[i]}`).join(', ')}, in_status(${v('recorded_status')}) AS recorded_status,
      ${supports.map((e, i) => `${e} AS ${supportColumns[i]}`).join(', ')},
      ${present.has('national_id') ? `(NOT in_blank(${v('national_id')}) AND NOT regexp_full_match(in_trim(${v('national_id')}), ${sqlString(NATIONAL_ID_PATTERN)}))` : 'false'} AS national_id_bad,
      ${previousCommune} AS previous_commune_code, ${previousId} AS previous_household_id,
      ${present.has('previous_commune_code') ? `(NOT in_blank(${v('previous_commune_code')}) AND ${previousCommune} IS NULL)` : 'false'} AS previous_commune_bad,
      (${previousId} IS NOT NULL AND ${present.has('previous_commune_code') ? `in_blank(${v('previous_commune_code')})` : 'true'}) AS previous_id_alone
      FROM ${staged.table} WHERE ${where})`);
  return before;
}

/** Coded values (status, area, yes/no) refused as they are but read after a legacy font's conversion ("nghÌo"): one
 *  line naming the font, refusing the file's run (leaving its rows out would drop a whole commune unseen). */
async function reportLegacyKeywords(conn: DuckDBConnection, file: string, problems: string, log: ProblemLog, where = 'true'): Promise<void> {
  const values = (await conn.runAndReadAll(`SELECT DISTINCT value FROM ${problems}
    WHERE ${where} AND (column_name IN ('recorded_status', 'area', 'labour_capacity') OR starts_with(column_name, 'd_') OR starts_with(column_name, 'support_'))
      AND value IS NOT NULL ORDER BY value LIMIT 50`)).getRows().map((r) => String(r[0]));
  if (values.length === 0) return;
  const candidates = [...new Set(values.flatMap((v) => [v, ...LEGACY_FONTS.map((f) => fromLegacyFont(f, v))]))];
  const accepted = new Set((await conn.runAndReadAll(`SELECT v FROM (SELECT unnest([${candidates.map(sqlString).join(', ')}]) AS v)
    WHERE in_status(v) IS NOT NULL OR in_area(v) IS NOT NULL OR in_bool(v) IS NOT NULL`)).getRows().map((r) => String(r[0])));
  const font = detectLegacyFont(values, (v) => accepted.has(v));
  if (font) log.fatal(file, null, null, legacyFontMessage(font, 'the values of the coded columns (status, area, yes/no)'));
}

/** Loads a staged household file through the exact rules; a file lacking an indicator column its review years
 *  need is refused whole (a fatal problem), with none of its rows loaded: then returns false. */
export async function loadHouseholdFileExactly(conn: DuckDBConnection, staged: StagedFile, log: ProblemLog, legacyFont?: LegacyFont): Promise<boolean> {
  const years = (await reviewYearsByFile(conn, staged)).get(staged.file) ?? [];
  if (!checkIndicatorColumns(staged.file, years, staged.columns, log)) return false;
  await loadStagedFile(conn, staged, log, legacyFont);
  return true;
}

/** The exact path for rows of several files at once (`flagged.fileSql` names each row's file); `finish` then does for
 *  each file, in whatever order the caller needs, what loadHouseholdFileExactly does for a file. */
export interface ExactRecheck {
  /** logs the file's problems; false when the file is refused whole (none of its rows may stay) */
  finish(file: string): Promise<boolean>;
  drop(): Promise<void>;
}

/**
 * The rows the fast path flagged in several files (fast.ts), through the exact path: every statement once for all of
 * them (each costs more to plan than to run on a few rows), then each file's problems listed by `finish`, in turn,
 * exactly as loadHouseholdFileExactly would list them file by file.
 */
export async function recheckExactly(conn: DuckDBConnection, flagged: StagedFile & { fileSql: string }, log: ProblemLog, legacyFont?: LegacyFont): Promise<ExactRecheck> {
  const years = await reviewYearsByFile(conn, flagged);
  const refused = [...years].filter(([, y]) => !checkIndicatorColumns('', y, flagged.columns, new ProblemLog())).map(([file]) => file);
  const keep = refused.length ? `${flagged.fileSql} NOT IN (${refused.map(sqlString).join(', ')})` : 'true';
  const before = await insertTyped(conn, flagged, keep);
  const invalid = new Map((await conn.runAndReadAll(`SELECT source_file, count(*) FROM ${STAGED_HOUSEHOLDS} WHERE rowid >= ${before} AND row_invalid GROUP BY ALL`))
    .getRows().map((r) => [String(r[0]), Number(r[1])]));
  const problems = `${flagged.table}_problems`;
  const counts = new Map<string, number>();
  if (invalid.size > 0) {
    await findValueProblems(conn, flagged.table, flagged.lineSql, flagged.columns, problems, flagged.fileSql);
    for (const r of (await conn.runAndReadAll(`SELECT file, count(*) FROM ${problems} GROUP BY ALL`)).getRows()) counts.set(String(r[0]), Number(r[1]));
  }
  return {
    async finish(file) {
      if (!checkIndicatorColumns(file, years.get(file) ?? [], flagged.columns, log)) return false;
      if (!invalid.get(file)) return true;
      const mine = `file = ${sqlString(file)}`;
      await listValueProblems(conn, file, problems, log, counts.get(file) ?? 0, mine);
      if (!legacyFont) await reportLegacyKeywords(conn, file, problems, log, mine);
      return true;
    },
    async drop() {
      await conn.run(`DROP TABLE IF EXISTS ${problems}`);
    },
  };
}
