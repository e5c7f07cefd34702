// The monitoring populations that need households followed across reviews (data contract, `newly_escaped` and
// `exit_outcomes`): which households are newly escaped (hộ mới thoát nghèo) at each review, and where the households
// that escaped at a review stand one, two and three reviews later. Built on link.ts's tables: an escape is exactly a
// household link.ts counts as `escaped` (movement_events), and the same household is the same lineage
// (household_lineage), across the 2025 re-coding too. Only counts leave this module.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DISTRICT_CODE, YEARS_AFTER } from '../../src/lib/contract.ts';
import { newlyEscaped as referenceNewlyEscaped } from '../../src/lib/reference.ts';
import { queryRows } from './db.ts';

/**
 * Creates, after linkMovements:
 * - `escapes(review_year, commune_code, household_key, lineage)`: each household counted as escaped at a review,
 *   where it was counted;
 * - `newly_escaped_households(review_year, commune_code, household_key)`: at review t, the households assessed at t,
 *   recognised not poor at t (near-poor or not poor), whose lineage escaped at review t or at one of the
 *   window_reviews − 1 reviews before it; for every review year with a previous review in the input (as the
 *   movements: at the first review no escape is known, so there is no count at all);
 * - `exit_followups(review_year, commune_code, years_after, outcome)`: for each escape at review Y (review_year,
 *   where it was counted) and each k of YEARS_AFTER with review Y + k in the input, the household's recognised
 *   status at Y + k, or `not_assessed` when no household of its lineage was assessed then.
 */
export async function followEscapes(conn: DuckDBConnection, windowReviews: number = referenceNewlyEscaped.window_reviews): Promise<void> {
  if (!Number.isInteger(windowReviews) || windowReviews < 1) throw new Error(`newly escaped: window_reviews must be a positive integer: ${windowReviews}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE escapes AS
    SELECT e.review_year, e.commune_code, e.household_key, l.lineage
    FROM movement_events e JOIN household_lineage l ON l.review_year = e.review_year AND l.household_key = e.household_key
    WHERE e.measure = 'escaped'`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE newly_escaped_households AS
    SELECT DISTINCT h.review_year, h.commune_code, h.household_key FROM household_lineage h
    JOIN escapes e ON e.lineage = h.lineage AND e.review_year BETWEEN h.review_year - ${windowReviews - 1} AND h.review_year
    WHERE h.recorded_status <> 'poor' AND h.review_year IN (SELECT review_year FROM linked_years)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE exit_followups AS
    SELECT e.review_year, e.commune_code, k.years_after, coalesce(h.recorded_status, 'not_assessed') AS outcome
    FROM escapes e
    CROSS JOIN (VALUES ${YEARS_AFTER.map((k) => `(${k})`).join(', ')}) k(years_after)
    JOIN input_years y ON y.review_year = e.review_year + k.years_after
    LEFT JOIN household_lineage h ON h.lineage = e.lineage AND h.review_year = e.review_year + k.years_after`);
}

/**
 * `review_year|area_code` of the newly_escaped counts whose linkage is partial: where the window reaches before
 * the data (the escapes of the first review are unknown: t − first review < window_reviews), or where a review of
 * the window had households that could not be linked (link.ts link_partial) in the area — for the district,
 * anywhere.
 */
export async function newlyEscapedPartial(conn: DuckDBConnection, windowReviews: number = referenceNewlyEscaped.window_reviews): Promise<Set<string>> {
  const rows = await queryRows<{ review_year: number; area_code: string }>(conn, `
    WITH first_year AS (SELECT min(review_year) AS y FROM input_years),
    areas AS (
      SELECT review_year, commune_code AS area_code FROM communes WHERE review_year IN (SELECT review_year FROM linked_years)
      UNION ALL
      SELECT review_year, '${DISTRICT_CODE}' FROM linked_years
    )
    SELECT a.review_year, a.area_code FROM areas a, first_year f
    WHERE a.review_year - f.y < ${windowReviews}
       OR EXISTS (SELECT 1 FROM link_partial p
                  WHERE p.review_year BETWEEN a.review_year - ${windowReviews - 1} AND a.review_year
                    AND (a.area_code = '${DISTRICT_CODE}' OR p.commune_code = a.area_code))`);
  return new Set(rows.map((r) => `${r.review_year}|${r.area_code}`));
}

/**
 * Review years Y of `exit_outcomes` and years_after k (`Y|k`) whose linkage is partial: some review in (Y, Y + k]
 * had households that could not be linked (link_partial) anywhere in the territory — an escaped household among
 * them would be counted not_assessed.
 */
export async function exitOutcomesPartial(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await queryRows<{ review_year: number; years_after: number }>(conn, `
    SELECT DISTINCT y.review_year, k.years_after
    FROM linked_years y CROSS JOIN (VALUES ${YEARS_AFTER.map((k) => `(${k})`).join(', ')}) k(years_after)
    JOIN link_partial p ON p.review_year > y.review_year AND p.review_year <= y.review_year + k.years_after`);
  return new Set(rows.map((r) => `${r.review_year}|${r.years_after}`));
}
