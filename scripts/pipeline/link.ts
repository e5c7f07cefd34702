// Movements across review years, from the keyed pseudonym of (commune_code, household_id).
// The recognised result (recorded_status) decides who was poor, as in the commune's own reports.
// The pseudonym includes the commune, so a household is always counted in one commune.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './db.ts';

/**
 * Creates `movements(review_year, commune_code, measure, households)` (only non-zero counts; the
 * aggregate stage fills the grid), for every review year t whose year t − 1 is in the input:
 * escaped = poor in t−1, assessed in t and not poor; exited_other = poor in t−1, not assessed in t;
 * newly_poor = poor in t, not poor in t−1 (or not assessed), never poor in an earlier year of the input;
 * fell_back = poor in t, not poor in t−1, poor in some earlier year.
 */
export async function linkMovements(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_years AS
    SELECT DISTINCT review_year FROM (SELECT review_year FROM communes UNION SELECT review_year FROM households)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE linked_years AS
    SELECT y.review_year FROM input_years y JOIN input_years p ON p.review_year = y.review_year - 1`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE poor_spells AS
    SELECT household_key, commune_code, review_year,
           min(review_year) OVER (PARTITION BY household_key) AS first_poor_year
    FROM households WHERE recorded_status = 'poor'`);
  await conn.run(`CREATE OR REPLACE TABLE movements AS
    WITH leaving AS (
      SELECT p.review_year + 1 AS review_year, p.commune_code,
             CASE WHEN h.household_key IS NULL THEN 'exited_other'
                  WHEN h.recorded_status <> 'poor' THEN 'escaped' END AS measure
      FROM poor_spells p
      JOIN linked_years l ON l.review_year = p.review_year + 1
      LEFT JOIN households h ON h.household_key = p.household_key AND h.review_year = p.review_year + 1
    ), entering AS (
      SELECT c.review_year, c.commune_code,
             CASE WHEN c.first_poor_year < c.review_year THEN 'fell_back' ELSE 'newly_poor' END AS measure
      FROM poor_spells c
      JOIN linked_years l ON l.review_year = c.review_year
      ANTI JOIN poor_spells prev ON prev.household_key = c.household_key AND prev.review_year = c.review_year - 1
    )
    SELECT review_year, commune_code, measure, CAST(count(*) AS INTEGER) AS households
    FROM (SELECT * FROM leaving WHERE measure IS NOT NULL UNION ALL SELECT * FROM entering)
    GROUP BY ALL`);
}

export interface IdentityBreach { review_year: number; commune_code: string; expected: number; actual: number }

/**
 * Self-check of poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back per commune and
 * linked year (the district follows by summing). Returns the breaches; empty means it holds.
 */
export async function movementIdentityBreaches(conn: DuckDBConnection): Promise<IdentityBreach[]> {
  return queryRows<IdentityBreach>(conn, `
    WITH poor AS (
      SELECT review_year, commune_code, count(*) AS n FROM households WHERE recorded_status = 'poor' GROUP BY ALL
    ), cells AS (
      SELECT l.review_year, c.commune_code FROM linked_years l
      JOIN (SELECT DISTINCT commune_code FROM communes UNION SELECT DISTINCT commune_code FROM households) c ON true
    ), flows AS (
      SELECT review_year, commune_code,
             sum(CASE measure WHEN 'escaped' THEN -households WHEN 'exited_other' THEN -households ELSE households END) AS net
      FROM movements GROUP BY ALL
    )
    SELECT cells.review_year, cells.commune_code,
           CAST(coalesce(before.n, 0) + coalesce(flows.net, 0) AS INTEGER) AS expected,
           CAST(coalesce(now.n, 0) AS INTEGER) AS actual
    FROM cells
    LEFT JOIN poor now ON now.review_year = cells.review_year AND now.commune_code = cells.commune_code
    LEFT JOIN poor before ON before.review_year = cells.review_year - 1 AND before.commune_code = cells.commune_code
    LEFT JOIN flows ON flows.review_year = cells.review_year AND flows.commune_code = cells.commune_code
    WHERE coalesce(before.n, 0) + coalesce(flows.net, 0) <> coalesce(now.n, 0)
    ORDER BY cells.review_year, cells.commune_code`);
}
