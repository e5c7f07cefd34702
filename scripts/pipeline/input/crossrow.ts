// Rules across rows and files: duplicate households, communes against the geography and communes.csv, the
// denominators of each review year, and more assessed households than a commune has.
import { readFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { COMMUNES_FILE, HOUSEHOLDS_DIR } from './files.ts';
import { MASK, type ProblemLog } from './problems.ts';
import { yearsWithStandard } from './rules.ts';

const GEOGRAPHY_CSV = new URL('../../../data/reference/admin-units-thuy-nguyen-2019-2024.csv', import.meta.url);
/** The reporting geography of review years 2021–2024. Later years may have another (the 2025 mergers); until
 *  that file exists, its codes are the only ones accepted for every year (docs/input-format.md says so). */
export const GEOGRAPHY_NOTE = 'Thủy Nguyên 2019–2024';

export async function geographyCodes(): Promise<string[]> {
  const [header, ...lines] = (await readFile(GEOGRAPHY_CSV, 'utf8')).trim().split(/\r?\n/);
  const at = header!.split(',').indexOf('commune_code');
  return lines.map((l) => l.split(',')[at]!).sort();
}

export async function installGeography(conn: DuckDBConnection): Promise<void> {
  const codes = await geographyCodes();
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_geography AS SELECT unnest([${codes.map((c) => `'${c}'`).join(', ')}]) AS commune_code`);
}

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

const where = (file: unknown, line: unknown) => `${String(file)} line ${String(line)}`;

export async function checkCommunes(conn: DuckDBConnection, log: ProblemLog): Promise<void> {
  for (const [line, code, year] of await rows(conn, `SELECT source_line, commune_code, review_year FROM input_communes
      WHERE commune_code NOT IN (SELECT commune_code FROM input_geography) ORDER BY source_line`)) {
    log.fatal(COMMUNES_FILE, Number(line), 'commune_code', `not a commune of the geography of review year ${year} (${GEOGRAPHY_NOTE})`, String(code));
  }
  await conn.run(`DELETE FROM input_communes WHERE commune_code NOT IN (SELECT commune_code FROM input_geography)`);
  for (const [line, code, year, others] of await rows(conn, `SELECT a.source_line, a.commune_code, a.review_year, string_agg(b.source_line::VARCHAR, ', ' ORDER BY b.source_line)
      FROM input_communes a JOIN input_communes b ON a.review_year = b.review_year AND a.commune_code = b.commune_code AND a.source_line <> b.source_line
      GROUP BY ALL ORDER BY a.source_line`)) {
    log.fatal(COMMUNES_FILE, Number(line), 'commune_code', `duplicate commune for review year ${year} (also line ${others})`, String(code));
  }
  for (const [year, missing, codes] of await rows(conn, `SELECT y.review_year, count(*), string_agg(g.commune_code, ', ' ORDER BY g.commune_code)
      FROM (SELECT DISTINCT review_year FROM input_communes) y CROSS JOIN input_geography g
      WHERE NOT EXISTS (SELECT 1 FROM input_communes c WHERE c.review_year = y.review_year AND c.commune_code = g.commune_code)
      GROUP BY ALL ORDER BY y.review_year`)) {
    // the district row is the sum of the communes' rows: without every commune its total and every district
    // rate would be wrong under the district's name, so a missing commune refuses like a missing denominator
    const n = Number(missing);
    log.fatal(COMMUNES_FILE, null, 'commune_code', `review year ${year}: ${n} commune${n === 1 ? '' : 's'} of the geography (${GEOGRAPHY_NOTE}) `
      + `${n === 1 ? 'has' : 'have'} no row, so the district figures would not cover the district (a commune with no assessed households needs its row too): ${String(codes)}`);
  }
}

/** Lists a per-row rule's violations (up to the log's capacity) and marks those rows invalid. */
async function rowRule(
  conn: DuckDBConnection, staged: string, condition: string, column: string,
  message: (r: unknown[]) => { reason: string; value: string | null },
  log: ProblemLog, summaryCount: number,
): Promise<void> {
  // the summary by (review year, commune) says whether any row breaks the rule: only then are the rows scanned
  if (summaryCount === 0) return;
  const count = Number((await rows(conn, `SELECT count(*) FROM ${staged} s WHERE ${condition}`))[0]![0]);
  if (count === 0) return;
  const limit = Math.min(count, log.capacity());
  log.countUnlistedErrors(`${HOUSEHOLDS_DIR}/`, count - limit);
  for (const r of await rows(conn, `SELECT s.source_file, s.source_line, s.review_year, s.commune_code FROM ${staged} s
      WHERE ${condition} ORDER BY s.source_file, s.source_line LIMIT ${limit}`)) {
    const { reason, value } = message(r);
    log.error(String(r[0]), Number(r[1]), column, reason, value);
  }
  await conn.run(`UPDATE ${staged} s SET row_invalid = true WHERE ${condition}`);
}

export async function checkHouseholdsAcrossRows(conn: DuckDBConnection, staged: string, log: ProblemLog): Promise<void> {
  // the pseudonym is a function of (commune_code, household_id): equal keys in a year are the same household
  // 64-bit hashes of the keys first (an aggregate on 8 bytes rather than 64), then the keys of the few colliding
  // hashes, then the occurrences of the duplicated keys
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_duplicates AS
    WITH candidates AS (SELECT hash(review_year, household_key) AS h FROM ${staged}
      WHERE household_key IS NOT NULL AND review_year IS NOT NULL GROUP BY h HAVING count(*) > 1),
    keys AS (SELECT review_year, household_key FROM ${staged}
      WHERE household_key IS NOT NULL AND review_year IS NOT NULL AND hash(review_year, household_key) IN (SELECT h FROM candidates)
      GROUP BY ALL HAVING count(*) > 1)
    SELECT s.review_year, s.household_key, list({'file': s.source_file, 'line': s.source_line} ORDER BY s.source_file, s.source_line) AS occurrences
    FROM ${staged} s SEMI JOIN keys k ON s.review_year = k.review_year AND s.household_key = k.household_key GROUP BY ALL`);
  const dupRows = await rows(conn, `SELECT d.review_year, d.occ.file, d.occ.line, list_filter(d.occurrences, o -> o.file <> d.occ.file OR o.line <> d.occ.line)
    FROM (SELECT review_year, household_key, occurrences, unnest(occurrences) AS occ FROM input_duplicates) d
    ORDER BY d.occ.file, d.occ.line LIMIT ${log.capacity() + 1}`);
  const dupCount = Number((await rows(conn, `SELECT coalesce(sum(len(occurrences)), 0) FROM input_duplicates`))[0]![0]);
  const listed = Math.min(dupRows.length, log.capacity());
  for (const [year, file, line, others] of dupRows.slice(0, listed)) {
    const also = (others as { file: string; line: number }[]).map((o) => where(o.file, o.line)).join(', ');
    log.error(String(file), Number(line), 'household_id', `duplicate household in review year ${year} (also ${also})`, MASK);
  }
  log.countUnlistedErrors(`${HOUSEHOLDS_DIR}/`, dupCount - listed);
  // both (all) occurrences are invalid: the input cannot say which one is the household's record
  await conn.run(`UPDATE ${staged} s SET row_invalid = true
    WHERE EXISTS (SELECT 1 FROM input_duplicates d WHERE d.review_year = s.review_year AND d.household_key = s.household_key)`);
  await conn.run(`DROP TABLE IF EXISTS input_duplicates`);

  // every later rule reads the rows per (review year, commune) first: one small aggregate instead of a scan each
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_summary AS SELECT review_year, commune_code, count(*) AS n FROM ${staged} GROUP BY ALL`);
  const summary = async (condition: string) => Number((await rows(conn, `SELECT count(*) FROM input_summary s WHERE ${condition}`))[0]![0]);
  const outsideGeography = `s.commune_code IS NOT NULL AND s.review_year IS NOT NULL
      AND s.commune_code NOT IN (SELECT commune_code FROM input_geography)`;
  await rowRule(conn, staged, outsideGeography,
    'commune_code', (r) => ({ reason: `not a commune of the geography of review year ${r[2]} (${GEOGRAPHY_NOTE})`, value: String(r[3]) }), log,
    await summary(outsideGeography));

  // out-of-range years are already errors of their own; only a valid review year needs denominators
  const inStandardYears = `s.review_year IN (${yearsWithStandard.join(', ')})`;
  const withoutDenominators = `${inStandardYears} AND s.review_year NOT IN (SELECT review_year FROM input_communes)`;
  const yearsWithoutDenominators = await summary(withoutDenominators) === 0 ? [] : await rows(conn, `SELECT s.review_year, min(s.source_file), count(*) FROM ${staged} s
      WHERE ${inStandardYears} AND s.review_year NOT IN (SELECT review_year FROM input_communes) GROUP BY ALL ORDER BY 1`);
  for (const [year, file, n] of yearsWithoutDenominators) {
    log.fatal(COMMUNES_FILE, null, 'review_year', `no denominators for review year ${year}: communes.csv has no row for it, but ${n} assessed households have it (first in ${file})`);
  }
  if (yearsWithoutDenominators.length) {
    await conn.run(`UPDATE ${staged} s SET row_invalid = true WHERE ${withoutDenominators}`);
  }

  const communeWithoutRow = `s.commune_code IS NOT NULL AND s.review_year IS NOT NULL
      AND s.commune_code IN (SELECT commune_code FROM input_geography)
      AND s.review_year IN (SELECT review_year FROM input_communes)
      AND NOT EXISTS (SELECT 1 FROM input_communes c WHERE c.review_year = s.review_year AND c.commune_code = s.commune_code)`;
  await rowRule(conn, staged, communeWithoutRow,
    'commune_code', (r) => ({ reason: `commune has no row in communes.csv for review year ${r[2]}`, value: String(r[3]) }), log,
    await summary(communeWithoutRow));

  for (const [line, year, code, total, assessed] of await rows(conn, `SELECT c.source_line, c.review_year, c.commune_code, c.total_households, s.n
      FROM input_communes c JOIN input_summary s ON s.review_year = c.review_year AND s.commune_code = c.commune_code
      WHERE s.n > c.total_households ORDER BY c.source_line`)) {
    log.fatal(COMMUNES_FILE, Number(line), 'total_households', `fewer than the ${assessed} households assessed in commune ${code}, review year ${year}`, String(total));
  }
  await conn.run(`DROP TABLE IF EXISTS input_summary`);
}

/** Review years of communes.csv with no valid household row (after the invalid ones are left out): published,
 *  such a year would show every commune with no poor household. Reads `households`, so call it last. */
export async function checkYearsHaveHouseholds(conn: DuckDBConnection, log: ProblemLog): Promise<void> {
  for (const [year] of await rows(conn, `SELECT DISTINCT review_year FROM communes
      WHERE review_year NOT IN (SELECT DISTINCT review_year FROM households) ORDER BY review_year`)) {
    log.fatal(COMMUNES_FILE, null, 'review_year', `review year ${year}: communes.csv has rows for it, but no valid household row has it`);
  }
}
