// The pipeline's input stage: finds, decodes and validates the review files, and leaves the DuckDB tables
// `communes` and `households` (docs/architecture.md) holding only valid rows, with no personal column.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { allIndicatorCodes, programs, standardForReviewYear } from '../../src/lib/reference.ts';
import { communeColumns, householdColumns } from './aliases.ts';
import { checkCommunes, checkHouseholdsAcrossRows, installGeography } from './input-crossrow.ts';
import { COMMUNES_FILE, HOUSEHOLDS_DIR, exists, householdFiles, type InputFile } from './input-files.ts';
import { installLinkKey, hmacSql, removeLinkKey } from './input-hmac.ts';
import { loadCanonicalFile, nextRowid } from './input-fast.ts';
import { dropStaged, openFile, stageFile, stageOpened, type StagedFile } from './input-stage.ts';
import { ProblemLog, type Problem } from './problems.ts';
import { MEMBERS_MAX, MEMBERS_MIN, defineValueMacros, findValueProblems, sqlIdent, sqlString, yearsOfIndicator, yearsWithStandard } from './validate.ts';

export type { Problem } from './problems.ts';
export { formatProblem } from './problems.ts';

export interface LoadResult {
  errors: Problem[];
  warnings: Problem[];
  files: { file: string; rows: number; format: 'csv' | 'xlsx'; encoding: string; delimiter?: string }[];
  rowsRead: number;
  rowsInvalid: number;
  rowsLoaded: number;
  /** true when an error cannot be repaired by leaving rows out (unreadable file, missing column, no
   *  denominators, any error in communes.csv): the run must be refused even with --drop-invalid */
  refused: boolean;
}

export interface LoadOptions {
  inputDir: string;
  encoding?: 'windows-1258';
  linkKey: Buffer;
  dropInvalid: boolean;
  /** every file through the exact path (tests compare it with the fast path) */
  exactOnly?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

// a table of the main schema, so that at the end it becomes `households` by a rename rather than a copy
const STAGED_HOUSEHOLDS = 'input_households';
const indicatorColumns = allIndicatorCodes.map((c) => `d_${c}`);
const supportColumns = programs.map((p) => `support_${p.code}`);

async function createStagedHouseholds(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${STAGED_HOUSEHOLDS} (
    source_file VARCHAR, source_line INTEGER, review_year INTEGER, commune_code VARCHAR, household_key VARCHAR,
    members INTEGER, area VARCHAR, income_per_capita BIGINT, labour_capacity BOOLEAN,
    ${indicatorColumns.map((c) => `${c} BOOLEAN`).join(', ')}, recorded_status VARCHAR,
    ${supportColumns.map((c) => `${c} BOOLEAN`).join(', ')}, row_invalid BOOLEAN)`);
}

async function listValueProblems(conn: DuckDBConnection, file: string, problemsTable: string, log: ProblemLog, count: number): Promise<void> {
  const limit = Math.min(count, log.capacity());
  log.unlistedErrors += count - limit;
  const rows = (await conn.runAndReadAll(`SELECT line, column_name, reason, value FROM ${problemsTable} ORDER BY row_id, col_order LIMIT ${limit}`)).getRows();
  // values were masked in SQL for personal columns; log.error masks again by column name
  for (const [line, column, reason, value] of rows) log.error(file, Number(line), String(column), String(reason), value === null ? null : String(value));
}

/** Indicator columns the standard of each review year in the file needs but the file lacks. */
async function checkIndicatorColumns(conn: DuckDBConnection, staged: StagedFile, log: ProblemLog): Promise<boolean> {
  const years = (await conn.runAndReadAll(`SELECT DISTINCT in_int(review_year) AS y FROM ${staged.table}
    WHERE y IN (${yearsWithStandard.join(', ')}) ORDER BY y`)).getRows().map((r) => Number(r[0]));
  const present = new Set(staged.columns.map((c) => c.name));
  let ok = true;
  for (const year of years) {
    const standard = standardForReviewYear(year)!;
    for (const indicator of standard.indicators) {
      if (present.has(`d_${indicator.code}`)) continue;
      ok = false;
      log.fatal(staged.file, 1, `d_${indicator.code}`, `missing required column for review year ${year} (standard ${standard.code}; Vietnamese header: ${JSON.stringify(`Thiếu hụt ${indicator.name_vi}`)})`);
    }
  }
  return ok;
}

/**
 * One pass types every value, pseudonymises the household and flags rows with any invalid value; only when some
 * row is flagged does a second pass list the problems (the slow path is for bad input, not for 2 million good rows).
 */
async function loadHouseholdFile(conn: DuckDBConnection, staged: StagedFile, log: ProblemLog): Promise<void> {
  const present = new Set(staged.columns.map((c) => c.name));
  const v = (name: string) => `${staged.table}.${sqlIdent(name)}`;
  const year = `in_int(${v('review_year')})`;
  const id = `in_text(${v('household_id')})`;
  const commune = `in_commune(${v('commune_code')})`;
  const indicators = allIndicatorCodes.map((code) => (present.has(`d_${code}`)
    ? `CASE WHEN ${year} IN (${yearsOfIndicator(code).join(', ') || 'NULL'}) THEN in_bool(${v(`d_${code}`)}) END`
    : 'NULL'));
  const supports = supportColumns.map((c) => (present.has(c) ? `in_bool(${v(c)})` : 'false'));
  // invalid ⇔ some value did not type, is out of range, or (national_id) is malformed: the same rules as
  // reasonSql, read off the typed values so that each text is parsed once
  const invalid = [
    `review_year IS NULL OR review_year NOT IN (${yearsWithStandard.join(', ')})`,
    'commune_code IS NULL', 'household_id IS NULL',
    `members IS NULL OR members NOT BETWEEN ${MEMBERS_MIN} AND ${MEMBERS_MAX}`,
    'area IS NULL', 'income_per_capita IS NULL', 'labour_capacity IS NULL', 'recorded_status IS NULL', 'national_id_bad',
    ...allIndicatorCodes.filter((code) => present.has(`d_${code}`)).map((code) =>
      `(d_${code} IS NULL AND review_year IN (${yearsOfIndicator(code).join(', ') || 'NULL'}))`),
    ...supportColumns.map((c) => `${c} IS NULL`),
  ].map((c) => `(${c})`).join(' OR ');
  const before = await nextRowid(conn, STAGED_HOUSEHOLDS);
  await conn.run(`INSERT INTO ${STAGED_HOUSEHOLDS}
    SELECT source_file, source_line, review_year, commune_code,
      CASE WHEN commune_code IS NOT NULL AND household_id IS NOT NULL THEN ${hmacSql(`commune_code || ':' || household_id`)} END,
      members, area, income_per_capita, labour_capacity, ${allIndicatorCodes.map((c) => `d_${c}`).join(', ')}, recorded_status,
      ${supportColumns.map((c) => `coalesce(${c}, false)`).join(', ')}, coalesce(${invalid}, true)
    FROM (SELECT ${sqlString(staged.file)} AS source_file, ${staged.lineSql} AS source_line, ${year} AS review_year, ${commune} AS commune_code,
      ${id} AS household_id, in_int(${v('members')}) AS members, in_area(${v('area')}) AS area,
      in_income(${v('income_per_capita')}) AS income_per_capita, in_bool(${v('labour_capacity')}) AS labour_capacity,
      ${indicators.map((e, i) => `${e} AS d_${allIndicatorCodes[i]}`).join(', ')}, in_status(${v('recorded_status')}) AS recorded_status,
      ${supports.map((e, i) => `${e} AS ${supportColumns[i]}`).join(', ')},
      ${present.has('national_id') ? `(NOT in_blank(${v('national_id')}) AND NOT regexp_full_match(in_trim(${v('national_id')}), '[0-9]{9}|[0-9]{12}'))` : 'false'} AS national_id_bad
      FROM ${staged.table})`);
  const flagged = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${STAGED_HOUSEHOLDS} WHERE rowid >= ${before} AND row_invalid`)).getRows()[0]![0]);
  if (flagged === 0) return;
  const problems = `${staged.table}_problems`;
  const count = await findValueProblems(conn, staged.table, staged.lineSql, staged.columns, problems);
  await listValueProblems(conn, staged.file, problems, log, count);
  await conn.run(`DROP TABLE IF EXISTS ${problems}`);
}

async function loadCommunes(conn: DuckDBConnection, inputDir: string, workDir: string, opts: LoadOptions, log: ProblemLog, files: LoadResult['files']): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_communes (review_year INTEGER, commune_code VARCHAR, total_households INTEGER, source_line INTEGER)`);
  const path = join(inputDir, COMMUNES_FILE);
  if (!(await exists(path))) {
    log.fatal(COMMUNES_FILE, null, null, 'file missing: every input folder needs the households totals of each commune (the denominators)');
    return;
  }
  const input: InputFile = { path, file: COMMUNES_FILE, format: 'csv' };
  const staged = await stageFile(conn, input, communeColumns, 0, { workDir, legacy: opts.encoding, log });
  if (!staged) { log.refused = true; return; }
  files.push({ file: staged.file, rows: staged.rows, format: 'csv', encoding: staged.encoding, delimiter: staged.delimiter });
  const problems = `${staged.table}_problems`;
  const count = await findValueProblems(conn, staged.table, staged.lineSql, staged.columns, problems);
  await listValueProblems(conn, staged.file, problems, log, count);
  await conn.run(`INSERT INTO input_communes SELECT in_int(review_year), in_commune(commune_code), in_int(total_households), ${staged.lineSql}
    FROM ${staged.table} WHERE ${staged.table}.rowid NOT IN (SELECT row_id FROM ${problems})`);
  await conn.run(`DROP TABLE IF EXISTS ${problems}`);
  await dropStaged(conn, staged);
  // denominators are never dropped to make a run pass: any error here refuses it
  if (count > 0 || staged.rejectedLines > 0) log.refused = true;
}

export async function loadInput(conn: DuckDBConnection, opts: LoadOptions): Promise<LoadResult> {
  const log = new ProblemLog();
  const files: LoadResult['files'] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'poverty-input-'));
  let rowsRead = 0;
  let rejectedLines = 0;
  try {
    await defineValueMacros(conn);
    await installLinkKey(conn, opts.linkKey);
    await installGeography(conn);
    await createStagedHouseholds(conn);

    const found = await exists(join(opts.inputDir, HOUSEHOLDS_DIR)) ? await householdFiles(opts.inputDir) : null;
    const total = (found?.files.length ?? 0) + 2;
    opts.onProgress?.(0, total, COMMUNES_FILE);
    await loadCommunes(conn, opts.inputDir, workDir, opts, log, files);
    opts.onProgress?.(1, total, COMMUNES_FILE);

    if (!found) log.fatal(`${HOUSEHOLDS_DIR}/`, null, null, 'folder missing');
    else if (found.files.length === 0) log.fatal(`${HOUSEHOLDS_DIR}/`, null, null, 'no .csv or .xlsx file of households');
    for (const other of found?.others ?? []) {
      if (other.toLowerCase().endsWith('.xls')) log.fatal(other, null, null, 'old Excel format (.xls) is not read: save it as .xlsx or .csv');
      else log.warning(other, null, null, 'not a .csv or .xlsx file, ignored');
    }
    for (const [i, input] of (found?.files ?? []).entries()) {
      const opened = await openFile(input, householdColumns, i + 1, { workDir, legacy: opts.encoding, log });
      const fast = opened && !opts.exactOnly ? await loadCanonicalFile(conn, opened, STAGED_HOUSEHOLDS) : null;
      if (opened && fast !== null) {
        files.push({ file: input.file, rows: fast, format: input.format, encoding: opened.encoding, ...(input.format === 'csv' ? { delimiter: opened.delimiter } : {}) });
        rowsRead += fast;
        opts.onProgress?.(i + 2, total, input.file);
        continue;
      }
      const staged = opened ? await stageOpened(conn, opened, i + 1, log) : null;
      if (staged) {
        files.push({ file: staged.file, rows: staged.rows, format: staged.format, encoding: staged.encoding, ...(staged.delimiter ? { delimiter: staged.delimiter } : {}) });
        rowsRead += staged.rows + staged.rejectedLines;
        rejectedLines += staged.rejectedLines;
        if (await checkIndicatorColumns(conn, staged, log)) await loadHouseholdFile(conn, staged, log);
        await dropStaged(conn, staged);
      }
      opts.onProgress?.(i + 2, total, input.file);
    }

    await checkCommunes(conn, log);
    await checkHouseholdsAcrossRows(conn, STAGED_HOUSEHOLDS, log);
    opts.onProgress?.(total, total, 'cross-row checks');

    await conn.run(`CREATE OR REPLACE TABLE communes AS SELECT review_year, commune_code, total_households FROM input_communes ORDER BY review_year, commune_code`);
    const counts = (await conn.runAndReadAll(`SELECT count(*) FILTER (WHERE row_invalid), count(*) FILTER (WHERE NOT row_invalid) FROM ${STAGED_HOUSEHOLDS}`)).getRows()[0]!;
    // the staged rows become `households` in place: no second copy of 2 million rows
    if (Number(counts[0]) > 0) await conn.run(`DELETE FROM ${STAGED_HOUSEHOLDS} WHERE row_invalid`);
    await conn.run(`ALTER TABLE ${STAGED_HOUSEHOLDS} DROP COLUMN row_invalid`);
    await conn.run(`DROP TABLE IF EXISTS households; ALTER TABLE ${STAGED_HOUSEHOLDS} RENAME TO households`);
    const { errors, warnings } = log.finish();
    return {
      errors, warnings, files, rowsRead,
      rowsInvalid: Number(counts[0]) + rejectedLines,
      rowsLoaded: Number(counts[1]),
      refused: log.refused,
    };
  } finally {
    await removeLinkKey(conn);
    await conn.run(`DROP TABLE IF EXISTS ${STAGED_HOUSEHOLDS}; DROP TABLE IF EXISTS input_communes; DROP TABLE IF EXISTS input_geography`);
    await rm(workDir, { recursive: true, force: true });
  }
}
