// Rules across rows and files: duplicate households, communes against the geography of their review year and
// communes.csv, the denominators of each review year, and more assessed households than a commune has.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  earlierMeaning, period, periodOfReviewYear, retiredCodeMessage, unitsOfReviewYear
} from '../../../src/lib/geography.ts';
import { COMMUNES_FILE, HOUSEHOLDS_DIR } from './files.ts';
import { MASK, type ProblemLog } from './problems.ts';
import { REVIEW_YEAR_MAX, REVIEW_YEAR_MIN, yearsWithStandard } from './rules.ts';

/** How a message names the unit set of a review year (src/lib/geography.ts decides which one applies). */
export function geographyNote(reviewYear: number): string {
  const now = periodOfReviewYear(reviewYear);
  if (!now) return 'no geography in force';
  return now.id === '2019-2024' ? 'Thủy Nguyên 2019–2024' : `former Thủy Nguyên, units from ${now.valid_from}`;
}

/** Why a code is not a unit of a review year: names what a retired code became (geography.ts retiredCodeMessage). */
export function notAUnitReason(code: string, reviewYear: number): string {
  const retired = retiredCodeMessage(code, reviewYear);
  return retired ? `not a unit of the geography of review year ${reviewYear}: ${retired}`
    : `not a unit of the geography of review year ${reviewYear} (${geographyNote(reviewYear)})`;
}

/** The units of a review year (default: the first year of the accepted range). */
export async function geographyCodes(reviewYear = REVIEW_YEAR_MIN): Promise<string[]> {
  return unitsOfReviewYear(reviewYear).map((u) => u.code).sort();
}

/** `input_geography(review_year, commune_code)`: the units of every review year the input may use, and of the year
 *  before the first (a previous_commune_code of review 2021 names a unit of 2020). */
export async function installGeography(conn: DuckDBConnection): Promise<void> {
  const pairs: string[] = [];
  for (let year = REVIEW_YEAR_MIN - 1; year <= REVIEW_YEAR_MAX; year += 1) {
    for (const u of unitsOfReviewYear(year)) pairs.push(`(${year}, '${u.code}')`);
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_geography (review_year INTEGER, commune_code VARCHAR)`);
  if (pairs.length) await conn.run(`INSERT INTO input_geography VALUES ${pairs.join(', ')}`);
}

/** A code of a review year's units that named another territory in an earlier period (GSO codes are reused). */
export interface ReusedCode {
  code: string;
  /** the unit it names in this review year */
  name_vi: string;
  /** what it named before, earliest first */
  before: { valid_from: string; valid_to: string | null; name_vi: string }[];
}
export interface ReusedCodes { review_year: number; codes: ReusedCode[] }

/** The reused codes each review year of communes.csv uses: accepted as the year's units, flagged in the report. */
export async function reusedCodes(conn: DuckDBConnection): Promise<ReusedCodes[]> {
  const used = await rows(conn, `SELECT review_year, list(DISTINCT commune_code ORDER BY commune_code) FROM input_communes
    WHERE review_year IS NOT NULL GROUP BY ALL ORDER BY review_year`);
  const out: ReusedCodes[] = [];
  for (const [year, codes] of used) {
    const now = periodOfReviewYear(Number(year));
    if (!now) continue;
    const reused = (codes as string[]).flatMap((code): ReusedCode[] => {
      const unit = now.units.find((u) => u.code === code);
      const before = earlierMeaning(code, now.id);
      return unit && before.length > 0 ? [{
        code, name_vi: unit.name_vi,
        before: before.map((b) => {
          const p = period(b.period);
          return { valid_from: p.valid_from, valid_to: p.valid_to, name_vi: b.unit.name_vi };
        }),
      }] : [];
    });
    if (reused.length) out.push({ review_year: Number(year), codes: reused });
  }
  return out;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

const where = (file: unknown, line: unknown) => `${String(file)} line ${String(line)}`;

/** A (review year, code) that is not a unit of that year's geography, as SQL over a row aliased `alias`. */
const outsideOfYear = (alias: string, year: string, code: string) =>
  `NOT EXISTS (SELECT 1 FROM input_geography g WHERE g.review_year = ${alias}.${year} AND g.commune_code = ${alias}.${code})`;

/** `communes`: the denominators file read (communes.csv or communes.xlsx), named in the messages. */
export async function checkCommunes(conn: DuckDBConnection, log: ProblemLog, communes: string = COMMUNES_FILE): Promise<void> {
  for (const [line, code, year] of await rows(conn, `SELECT source_line, commune_code, review_year FROM input_communes c
      WHERE ${outsideOfYear('c', 'review_year', 'commune_code')} ORDER BY source_line`)) {
    log.fatal(communes, Number(line), 'commune_code', notAUnitReason(String(code), Number(year)), String(code));
  }
  await conn.run(`DELETE FROM input_communes c WHERE ${outsideOfYear('c', 'review_year', 'commune_code')}`);
  for (const [line, code, year, others] of await rows(conn, `SELECT a.source_line, a.commune_code, a.review_year, string_agg(b.source_line::VARCHAR, ', ' ORDER BY b.source_line)
      FROM input_communes a JOIN input_communes b ON a.review_year = b.review_year AND a.commune_code = b.commune_code AND a.source_line <> b.source_line
      GROUP BY ALL ORDER BY a.source_line`)) {
    log.fatal(communes, Number(line), 'commune_code', `duplicate commune for review year ${year} (also line ${others})`, String(code));
  }
  // each review year against its own units (src/lib/geography.ts unitsOfReviewYear)
  for (const [year, missing, codes] of await rows(conn, `SELECT y.review_year, count(*), string_agg(g.commune_code, ', ' ORDER BY g.commune_code)
      FROM (SELECT DISTINCT review_year FROM input_communes) y JOIN input_geography g ON g.review_year = y.review_year
      WHERE NOT EXISTS (SELECT 1 FROM input_communes c WHERE c.review_year = y.review_year AND c.commune_code = g.commune_code)
      GROUP BY ALL ORDER BY y.review_year`)) {
    // the district row is the sum of the communes' rows: without every commune its total and every district
    // rate would be wrong under the district's name, so a missing commune refuses like a missing denominator
    const n = Number(missing);
    log.fatal(communes, null, 'commune_code', `review year ${year}: ${n} commune${n === 1 ? '' : 's'} of the geography (${geographyNote(Number(year))}) `
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
  for (const r of await rows(conn, `SELECT s.source_file, s.source_line, s.review_year, s.commune_code, s.previous_commune_code FROM ${staged} s
      WHERE ${condition} ORDER BY s.source_file, s.source_line LIMIT ${limit}`)) {
    const { reason, value } = message(r);
    log.error(String(r[0]), Number(r[1]), column, reason, value);
  }
  await conn.run(`UPDATE ${staged} s SET row_invalid = true WHERE ${condition}`);
}

export async function checkHouseholdsAcrossRows(conn: DuckDBConnection, staged: string, log: ProblemLog, communes: string = COMMUNES_FILE): Promise<void> {
  // the pseudonym is a function of (commune_code, household_id): equal keys in a year are the same household
  // 64-bit hashes of (year, key) first (an aggregate on 8 bytes rather than 20), then the keys of the few colliding
  // hashes, then the occurrences of the duplicated keys. Measured on the 2 M-row canonical bench input (five runs
  // each, no duplicate): 0.31–0.35 s; grouping on (review_year, household_key) at once 0.33–0.38 s; the key's top 64
  // bits xor the year in place of hash() 0.35–0.43 s. Either way the cost is an aggregate of 2 M distinct groups.
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
  // a year out of range is an error of its own; only a valid review year has units to check against
  const validYear = `s.review_year IN (${yearsWithStandard.join(', ')})`;
  const outsideGeography = `s.commune_code IS NOT NULL AND ${validYear}
      AND ${outsideOfYear('s', 'review_year', 'commune_code')}`;
  await rowRule(conn, staged, outsideGeography,
    'commune_code', (r) => ({ reason: notAUnitReason(String(r[3]), Number(r[2])), value: String(r[3]) }), log,
    await summary(outsideGeography));

  // a previous reference names a unit of the review before (the year before), in that year's geography
  const previousOutside = `s.previous_commune_code IS NOT NULL AND ${validYear}
      AND NOT EXISTS (SELECT 1 FROM input_geography g WHERE g.review_year = s.review_year - 1 AND g.commune_code = s.previous_commune_code)`;
  const previousSummary = Number((await rows(conn, `SELECT count(*) FROM (SELECT DISTINCT review_year, previous_commune_code FROM ${staged}
      WHERE previous_commune_code IS NOT NULL) s WHERE ${previousOutside}`))[0]![0]);
  await rowRule(conn, staged, previousOutside, 'previous_commune_code', (r) => ({
    reason: `${notAUnitReason(String(r[4]), Number(r[2]) - 1)}, the review before ${String(r[2])}`, value: String(r[4]),
  }), log, previousSummary);

  // out-of-range years are already errors of their own; only a valid review year needs denominators
  const inStandardYears = `s.review_year IN (${yearsWithStandard.join(', ')})`;
  const withoutDenominators = `${inStandardYears} AND s.review_year NOT IN (SELECT review_year FROM input_communes)`;
  const yearsWithoutDenominators = await summary(withoutDenominators) === 0 ? [] : await rows(conn, `SELECT s.review_year, min(s.source_file), count(*) FROM ${staged} s
      WHERE ${inStandardYears} AND s.review_year NOT IN (SELECT review_year FROM input_communes) GROUP BY ALL ORDER BY 1`);
  for (const [year, file, n] of yearsWithoutDenominators) {
    log.fatal(communes, null, 'review_year', `no denominators for review year ${year}: ${communes} has no row for it, but ${n} assessed households have it (first in ${file})`);
  }
  if (yearsWithoutDenominators.length) {
    await conn.run(`UPDATE ${staged} s SET row_invalid = true WHERE ${withoutDenominators}`);
  }

  const communeWithoutRow = `s.commune_code IS NOT NULL AND s.review_year IS NOT NULL
      AND NOT (${outsideOfYear('s', 'review_year', 'commune_code')})
      AND s.review_year IN (SELECT review_year FROM input_communes)
      AND NOT EXISTS (SELECT 1 FROM input_communes c WHERE c.review_year = s.review_year AND c.commune_code = s.commune_code)`;
  await rowRule(conn, staged, communeWithoutRow,
    'commune_code', (r) => ({ reason: `commune has no row in ${communes} for review year ${r[2]}`, value: String(r[3]) }), log,
    await summary(communeWithoutRow));

  for (const [line, year, code, total, assessed] of await rows(conn, `SELECT c.source_line, c.review_year, c.commune_code, c.total_households, s.n
      FROM input_communes c JOIN input_summary s ON s.review_year = c.review_year AND s.commune_code = c.commune_code
      WHERE s.n > c.total_households ORDER BY c.source_line`)) {
    log.fatal(communes, Number(line), 'total_households', `fewer than the ${assessed} households assessed in commune ${code}, review year ${year}`, String(total));
  }
  await conn.run(`DROP TABLE IF EXISTS input_summary`);
}

/** Review years of communes.csv with no valid household row (after the invalid ones are left out): published,
 *  such a year would show every commune with no poor household. Reads `households`, so call it last. */
export async function checkYearsHaveHouseholds(conn: DuckDBConnection, log: ProblemLog, communes: string = COMMUNES_FILE): Promise<void> {
  for (const [year] of await rows(conn, `SELECT DISTINCT review_year FROM communes
      WHERE review_year NOT IN (SELECT DISTINCT review_year FROM households) ORDER BY review_year`)) {
    log.fatal(communes, null, 'review_year', `review year ${year}: ${communes} has rows for it, but no valid household row has it`);
  }
}
