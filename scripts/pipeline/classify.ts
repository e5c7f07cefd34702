// Rule-derived class of every household under the standard in force for its review year.
// The thresholds come from data/reference/standards.json; this module only turns them into SQL.
import type { DuckDBConnection } from '@duckdb/node-api';
import { standards as referenceStandards, type Standard } from '../../src/lib/reference.ts';
import { sqlIdent } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';

/** SQL expression: number of deprived indicators of the standard in force (indicators outside it never count). */
export function deprivationCountSql(standards: Standard[] = referenceStandards): string {
  const branches = standards.map((s) => {
    const sum = s.indicators.map((i) => `CAST(coalesce(${sqlIdent(`d_${i.code}`)}, false) AS INTEGER)`).join(' + ');
    return `WHEN review_year BETWEEN ${s.first_review_year} AND ${s.last_review_year} THEN ${sum}`;
  });
  return `CAST(CASE ${branches.join(' ')} END AS INTEGER)`;
}

/**
 * SQL expression over `income_per_capita`, `area` and `deprivation_count`:
 * poor = income at or under the area's line AND at least poor_min_deprivations; near_poor = at or under
 * the line with fewer; otherwise not_poor (the AND rule of Decree 07/2021 — no OR branch).
 */
export function ruleStatusSql(standards: Standard[] = referenceStandards): string {
  const branches = standards.map((s) => {
    const line = `CASE area WHEN 'urban' THEN ${s.income_lines.urban} WHEN 'rural' THEN ${s.income_lines.rural} END`;
    return `WHEN review_year BETWEEN ${s.first_review_year} AND ${s.last_review_year} THEN
      CASE WHEN income_per_capita <= ${line}
        THEN CASE WHEN deprivation_count >= ${s.poor_min_deprivations} THEN 'poor' ELSE 'near_poor' END
        ELSE 'not_poor' END`;
  });
  return `CASE ${branches.join(' ')} END`;
}

/** Review years of the input that no standard covers (the caller refuses them). */
export async function yearsWithoutStandard(conn: DuckDBConnection, standards: Standard[] = referenceStandards): Promise<number[]> {
  const covered = standards.map((s) => `review_year BETWEEN ${s.first_review_year} AND ${s.last_review_year}`).join(' OR ');
  const rows = await queryRows<{ review_year: number }>(conn,
    `SELECT DISTINCT review_year FROM households WHERE NOT (${covered}) ORDER BY review_year`);
  return rows.map((r) => r.review_year);
}

/** Adds `deprivation_count` and `rule_status` to the `households` table. */
export async function classify(conn: DuckDBConnection, standards: Standard[] = referenceStandards): Promise<void> {
  const uncovered = await yearsWithoutStandard(conn, standards);
  if (uncovered.length > 0) throw new Error(`no poverty standard in force for review year: ${uncovered.join(', ')}`);
  await conn.run(`CREATE OR REPLACE TABLE households AS
    SELECT *, ${ruleStatusSql(standards)} AS rule_status
    FROM (SELECT *, ${deprivationCountSql(standards)} AS deprivation_count FROM households)`);
}

/** The standard codes in force for the given review years, in standard order. */
export function standardsUsed(reviewYears: number[], standards: Standard[] = referenceStandards): string[] {
  return standards.filter((s) => reviewYears.some((y) => y >= s.first_review_year && y <= s.last_review_year)).map((s) => s.code);
}
