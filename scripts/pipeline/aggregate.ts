// Every table of the contract as true counts (before disclosure control), for the district and each
// commune, every review year. Full grids with zeros, so that published sums are complete.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DISTRICT_CODE, GROUP_MEASURES, MOVEMENT_MEASURES, POPULATIONS, SUPPORT_MEASURES,
  type GroupMeasure, type Population, type PovertyRow, type RawTables, type SupportMeasure,
} from '../../src/lib/contract.ts';
import { programs as referencePrograms, standards as referenceStandards, type Program, type Standard } from '../../src/lib/reference.ts';
import { percent } from '../../src/lib/percent.ts';
import { sqlIdent, sqlString } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';

function values(rows: (string | number)[][]): string {
  return rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? String(v) : sqlString(v))).join(', ')})`).join(', ');
}

/** Small reference tables the aggregation SQL joins on, built from data/reference. */
async function createReferenceTables(conn: DuckDBConnection, standards: Standard[], programs: Program[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE review_years AS
    SELECT DISTINCT review_year FROM (SELECT review_year FROM communes UNION SELECT review_year FROM households)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_standard_indicators(first_year INTEGER, last_year INTEGER, indicator_code VARCHAR, ord INTEGER)`);
  const indicatorRows = standards.flatMap((s) => s.indicators.map((i, n) => [s.first_review_year, s.last_review_year, i.code, n]));
  await conn.run(`INSERT INTO ref_standard_indicators VALUES ${values(indicatorRows)}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_year_indicators AS
    SELECT y.review_year, r.indicator_code, r.ord FROM review_years y
    JOIN ref_standard_indicators r ON y.review_year BETWEEN r.first_year AND r.last_year`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_year_depths AS
    SELECT y.review_year, CAST(d.deprivations AS INTEGER) AS deprivations
    FROM (SELECT review_year, count(*) AS n FROM ref_year_indicators GROUP BY ALL) y,
         LATERAL (SELECT unnest(range(0, y.n + 1)) AS deprivations) d`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_populations AS SELECT * FROM (VALUES ${values(POPULATIONS.map((p, n) => [p, n]))}) t(population, pop_ord)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_group_measures AS SELECT * FROM (VALUES ${values(GROUP_MEASURES.map((m, n) => [m, n]))}) t(measure, measure_ord)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_programs AS SELECT * FROM (VALUES ${values(programs.map((p, n) => [p.code, n]))}) t(program_code, program_ord)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_support_measures AS SELECT * FROM (VALUES ${values(SUPPORT_MEASURES.map((m, n) => [m, n]))}) t(measure, measure_ord)`);
  // Recognised poor and near-poor households: the population of every protected table but poverty_groups.
  await conn.run(`CREATE OR REPLACE TEMP TABLE recognised AS
    SELECT * FROM households WHERE recorded_status IN ('poor', 'near_poor')`);
}

/**
 * Runs a commune-level grid query (columns review_year, area_code, the key columns, households) and
 * appends the district rows as sums over that year's communes; ordered district first, then communes.
 */
async function withDistrict<T>(conn: DuckDBConnection, communeSql: string, keys: string[], order: string[]): Promise<T[]> {
  const keyList = keys.map(sqlIdent).join(', ');
  const orderList = order.map(sqlIdent).join(', ');
  return queryRows<T>(conn, `
    WITH c AS (${communeSql})
    SELECT review_year, area_level, area_code, ${keyList}, households FROM (
      SELECT review_year, 'commune' AS area_level, area_code, ${keyList}, households FROM c
      UNION ALL
      SELECT review_year, 'district', ${sqlString(DISTRICT_CODE)}, ${keyList}, CAST(sum(households) AS INTEGER) FROM c
      GROUP BY review_year, ${keyList}
    ) ORDER BY review_year, area_level <> 'district', area_code, ${orderList}`);
}

async function povertyTable(conn: DuckDBConnection): Promise<PovertyRow[]> {
  const rows = await withDistrict<{ review_year: number; area_level: 'district' | 'commune'; area_code: string; measure: string; households: number }>(conn, `
    SELECT c.review_year, c.commune_code AS area_code, m.measure,
           CAST(CASE m.measure WHEN 'total_households' THEN any_value(c.total_households)
                ELSE count(h.household_key) FILTER (WHERE h.recorded_status = m.measure) END AS INTEGER) AS households
    FROM communes c
    CROSS JOIN (VALUES ('total_households'), ('poor'), ('near_poor')) m(measure)
    LEFT JOIN households h ON h.review_year = c.review_year AND h.commune_code = c.commune_code
    GROUP BY c.review_year, c.commune_code, m.measure`, ['measure'], ['measure']);
  const byArea = new Map<string, PovertyRow>();
  for (const r of rows) {
    const id = `${r.review_year}|${r.area_level}|${r.area_code}`;
    const row = byArea.get(id) ?? { review_year: r.review_year, area_level: r.area_level, area_code: r.area_code, total_households: 0, poor: 0, near_poor: 0, poor_rate: 0, near_poor_rate: 0 };
    row[r.measure as 'total_households' | 'poor' | 'near_poor'] = r.households;
    byArea.set(id, row);
  }
  return [...byArea.values()].map((row) => ({
    ...row,
    poor_rate: percent(row.poor, row.total_households),
    near_poor_rate: percent(row.near_poor, row.total_households),
  }));
}

async function groupsTable(conn: DuckDBConnection): Promise<RawTables['poverty_groups']> {
  const movementList = MOVEMENT_MEASURES.map(sqlString).join(', ');
  const rows = await withDistrict<RawTables['poverty_groups'][number]>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, measure, households FROM movements
      UNION ALL
      SELECT review_year, commune_code, measure, CAST(households AS INTEGER) FROM (
        SELECT review_year, commune_code,
          count(*) FILTER (WHERE recorded_status = 'poor' AND NOT labour_capacity) AS poor_no_labour,
          count(*) FILTER (WHERE recorded_status = 'poor' AND labour_capacity) AS poor_with_labour,
          count(*) FILTER (WHERE recorded_status = 'near_poor' AND NOT labour_capacity) AS near_poor_no_labour,
          count(*) FILTER (WHERE recorded_status = 'near_poor' AND labour_capacity) AS near_poor_with_labour,
          count(*) FILTER (WHERE recorded_status IS DISTINCT FROM rule_status) AS status_mismatch
        FROM households GROUP BY ALL
      ) UNPIVOT (households FOR measure IN (poor_no_labour, poor_with_labour, near_poor_no_labour, near_poor_with_labour, status_mismatch))
    )
    SELECT c.review_year, c.commune_code AS area_code, m.measure, m.measure_ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_group_measures m
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code AND k.measure = m.measure
    -- movements need the previous review year: no cell at all for a year without it
    WHERE m.measure NOT IN (${movementList}) OR c.review_year IN (SELECT review_year FROM linked_years)`,
    ['measure', 'measure_ord'], ['measure_ord']);
  // linkage of the movement rows (link.ts link_partial): partial where some household of the area and year could
  // not be linked to the review before (ambiguous, or a previous reference naming no household); the district
  // is partial when any of its units is
  const partial = new Set((await queryRows<{ review_year: number; commune_code: string }>(conn,
    `SELECT review_year, commune_code FROM link_partial`)).flatMap((r) => [`${r.review_year}|${r.commune_code}`, `${r.review_year}|${DISTRICT_CODE}`]));
  const movement = new Set<string>(MOVEMENT_MEASURES);
  return rows.map(({ review_year, area_level, area_code, measure, households }) => ({
    review_year, area_level, area_code, measure: measure as GroupMeasure, households,
    linkage: movement.has(measure) ? (partial.has(`${review_year}|${area_code}`) ? 'partial' : 'complete') : null,
  }));
}

async function deprivationTable(conn: DuckDBConnection, indicatorCodes: string[]): Promise<RawTables['deprivation']> {
  const counted = indicatorCodes.map((code) => `count(*) FILTER (WHERE ${sqlIdent(`d_${code}`)}) AS ${sqlIdent(code)}`).join(', ');
  const rows = await withDistrict<RawTables['deprivation'][number]>(conn, `
    WITH counts AS (
      SELECT * FROM (SELECT review_year, commune_code, recorded_status AS population, ${counted} FROM recognised GROUP BY ALL)
      UNPIVOT (households FOR indicator_code IN (${indicatorCodes.map(sqlIdent).join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, p.population, p.pop_ord, i.indicator_code, i.ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_populations p
    JOIN ref_year_indicators i ON i.review_year = c.review_year
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.population = p.population AND k.indicator_code = i.indicator_code`,
    ['population', 'pop_ord', 'indicator_code', 'ord'], ['pop_ord', 'ord']);
  return rows.map(({ review_year, area_level, area_code, population, indicator_code, households }) => ({ review_year, area_level, area_code, population: population as Population, indicator_code, households }));
}

async function depthTable(conn: DuckDBConnection): Promise<RawTables['deprivation_depth']> {
  const rows = await withDistrict<RawTables['deprivation_depth'][number]>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, recorded_status AS population, deprivation_count, count(*) AS households
      FROM recognised GROUP BY ALL
    )
    SELECT c.review_year, c.commune_code AS area_code, p.population, p.pop_ord, d.deprivations,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_populations p
    JOIN ref_year_depths d ON d.review_year = c.review_year
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.population = p.population AND k.deprivation_count = d.deprivations`,
    ['population', 'pop_ord', 'deprivations'], ['pop_ord', 'deprivations']);
  return rows.map(({ review_year, area_level, area_code, population, deprivations, households }) => ({ review_year, area_level, area_code, population: population as Population, deprivations, households }));
}

/** SQL condition: the household is among those the program is meant for (programs.json `need`). */
export function needSql(program: Program): string {
  const parts: string[] = [];
  if (program.need.indicators_any?.length) {
    parts.push(`(${program.need.indicators_any.map((code) => `coalesce(${sqlIdent(`d_${code}`)}, false)`).join(' OR ')})`);
  }
  if (program.need.labour_capacity !== undefined) parts.push(program.need.labour_capacity ? 'labour_capacity' : 'NOT labour_capacity');
  return parts.length ? parts.join(' AND ') : 'true';
}

async function supportTable(conn: DuckDBConnection, programs: Program[]): Promise<RawTables['support']> {
  const counted = programs.flatMap((p) => {
    const need = needSql(p);
    const got = `coalesce(${sqlIdent(`support_${p.code}`)}, false)`;
    return [
      `count(*) FILTER (WHERE ${need}) AS ${sqlIdent(`${p.code}|in_need`)}`,
      `count(*) FILTER (WHERE ${got}) AS ${sqlIdent(`${p.code}|supported`)}`,
      `count(*) FILTER (WHERE (${need}) AND ${got}) AS ${sqlIdent(`${p.code}|in_need_supported`)}`,
    ];
  });
  const columns = programs.flatMap((p) => SUPPORT_MEASURES.map((m) => sqlIdent(`${p.code}|${m}`)));
  const rows = await withDistrict<RawTables['support'][number]>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, split_part(cell, '|', 1) AS program_code, split_part(cell, '|', 2) AS measure, households
      FROM (SELECT review_year, commune_code, ${counted} FROM recognised GROUP BY ALL)
      UNPIVOT (households FOR cell IN (${columns.join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, p.program_code, p.program_ord, m.measure, m.measure_ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_programs p CROSS JOIN ref_support_measures m
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.program_code = p.program_code AND k.measure = m.measure`,
    ['program_code', 'program_ord', 'measure', 'measure_ord'], ['program_ord', 'measure_ord']);
  return rows.map(({ review_year, area_level, area_code, program_code, measure, households }) => ({ review_year, area_level, area_code, program_code, measure: measure as SupportMeasure, households }));
}

/**
 * Every raw table from the DuckDB tables `communes` and `households` (classified) and `movements`
 * (linked). The geography of a year is the communes of communes.csv for that year.
 */
export async function aggregate(
  conn: DuckDBConnection,
  reference: { standards?: Standard[]; programs?: Program[] } = {},
): Promise<RawTables> {
  const standards = reference.standards ?? referenceStandards;
  const programs = reference.programs ?? referencePrograms;
  await createReferenceTables(conn, standards, programs);
  const indicatorCodes = [...new Set(standards.flatMap((s) => s.indicators.map((i) => i.code)))];
  return {
    poverty: await povertyTable(conn),
    poverty_groups: await groupsTable(conn),
    deprivation: await deprivationTable(conn, indicatorCodes),
    deprivation_depth: await depthTable(conn),
    support: await supportTable(conn, programs),
    deprivation_dimension: [],
    support_received: [],
    exit_outcomes: [],
    what_if: [],
  };
}
