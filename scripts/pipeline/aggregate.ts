// Every table of the contract as true counts (before disclosure control), for the district and each
// commune, every review year. Full grids with zeros, so that published sums are complete.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DISTRICT_CODE, EXIT_OUTCOMES, GROUP_MEASURES, MISMATCH_MEASURES, MONITORED_POPULATIONS, MOVEMENT_MEASURES, POPULATIONS,
  SUPPORT_MEASURES, WHAT_IF_MEASURES, YEARS_AFTER,
  type ExitOutcome, type GroupMeasure, type MonitoredPopulation, type Population, type PovertyRow, type RawTables,
  type SupportMeasure, type WhatIfMeasure,
} from '../../src/lib/contract.ts';
import {
  newlyEscaped as referenceNewlyEscaped, programs as referencePrograms, standards as referenceStandards,
  type NewlyEscapedGroup, type Program, type Standard,
} from '../../src/lib/reference.ts';
import { percent } from '../../src/lib/percent.ts';
import { sqlIdent, sqlString } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';
import { whatIfSql, whatIfTerms } from './classify.ts';
import { exitOutcomesPartial, followEscapes, newlyEscapedPartial } from './follow.ts';

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
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_monitored_populations AS SELECT * FROM (VALUES ${values(MONITORED_POPULATIONS.map((p, n) => [p, n]))}) t(population, pop_ord)`);
  const dimensionRows = standards.flatMap((s) => s.dimensions.map((d, n) => [s.first_review_year, s.last_review_year, d.code, n]));
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_year_dimensions AS
    SELECT y.review_year, r.dimension_code, r.ord FROM review_years y
    JOIN (VALUES ${values(dimensionRows)}) r(first_year, last_year, dimension_code, ord) ON y.review_year BETWEEN r.first_year AND r.last_year`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_group_measures AS SELECT * FROM (VALUES ${values(GROUP_MEASURES.map((m, n) => [m, n]))}) t(measure, measure_ord)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_programs AS SELECT * FROM (VALUES ${values(programs.map((p, n) => [p.code, n]))}) t(program_code, program_ord)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ref_support_measures AS SELECT * FROM (VALUES ${values(SUPPORT_MEASURES.map((m, n) => [m, n]))}) t(measure, measure_ord)`);
}

/**
 * The household rows the tables count, copied or counted once: `monitored` (with the view `recognised`) and
 * `household_counts`. After followEscapes (the newly escaped) and classify (the view's two columns).
 */
async function createCountedRows(conn: DuckDBConnection, standards: Standard[], programs: Program[]): Promise<void> {
  // The monitored populations (deprivation, deprivation_dimension, support_received): the recognised poor and
  // near-poor, and the newly escaped households (follow.ts), which overlap the near-poor. Their rows are copied once,
  // with a population column and only the columns the tables count (no pseudonym, no line, no income): a few per cent
  // of the households, which every table but poverty and poverty_groups reads instead of scanning all of them. The
  // newly escaped are found once, by a join over every household. Measured on the 2 M-row canonical bench input: the
  // copy 0.36–0.40 s (0.47–0.53 s now that it computes deprivation_count, classify.ts), the five tables 0.15–0.2 s,
  // where a copy of the newly escaped rows alone (every column but the pseudonyms) took 0.25 s and the five tables
  // scanning every household 0.55 s; every column copied, 0.52–0.63 s.
  const counted = ['review_year', 'commune_code', 'recorded_status', 'deprivation_count', 'labour_capacity',
    ...new Set(standards.flatMap((s) => s.indicators.map((i) => `d_${i.code}`))), ...programs.map((p) => `support_${p.code}`)].map(sqlIdent).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE monitored AS
    SELECT recorded_status AS population, ${counted} FROM households
    WHERE recorded_status IN ('poor', 'near_poor')
    UNION ALL
    SELECT 'newly_escaped' AS population, ${counted} FROM households h
    SEMI JOIN newly_escaped_households n ON n.review_year = h.review_year AND n.household_key = h.household_key`);
  // The households by recorded and rule status and labour capacity, per unit and year: what poverty and poverty_groups
  // count, one scan of every household for both (their conditions on these columns alone, then, over a few thousand rows;
  // measured on the 2 M-row canonical bench input: 0.13 s, then 0.02 s for both tables, where each scanning every
  // household took 0.07 s and 0.18–0.24 s)
  await conn.run(`CREATE OR REPLACE TEMP TABLE household_counts AS
    SELECT review_year, commune_code, recorded_status, rule_status, labour_capacity, count(*) AS n FROM households GROUP BY ALL`);
  // Recognised poor and near-poor households: the population of every protected table but poverty_groups.
  await conn.run(`CREATE OR REPLACE TEMP VIEW recognised AS
    SELECT * EXCLUDE (population) FROM monitored WHERE population IN ('poor', 'near_poor')`);
}

/** SQL condition on the grid's `c.review_year` and `p.population`: the newly_escaped population exists only where its count does. */
const MONITORED_GRID = `(p.population <> 'newly_escaped' OR c.review_year IN (SELECT review_year FROM linked_years))`;

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
    WITH counts AS (
      SELECT review_year, commune_code, coalesce(sum(n) FILTER (WHERE recorded_status = 'poor'), 0) AS poor,
             coalesce(sum(n) FILTER (WHERE recorded_status = 'near_poor'), 0) AS near_poor
      FROM household_counts GROUP BY ALL
    )
    SELECT c.review_year, c.commune_code AS area_code, m.measure,
           CAST(CASE m.measure WHEN 'total_households' THEN c.total_households WHEN 'poor' THEN coalesce(k.poor, 0)
                ELSE coalesce(k.near_poor, 0) END AS INTEGER) AS households
    FROM communes c
    CROSS JOIN (VALUES ('total_households'), ('poor'), ('near_poor')) m(measure)
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code`, ['measure'], ['measure']);
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

/** recorded_<a>_rule_<b> → the recorded status a and the rule's status b. */
export function mismatchCell(measure: (typeof MISMATCH_MEASURES)[number]): { recorded: string; rule: string } {
  const [, recorded, rule] = /^recorded_(.+)_rule_(.+)$/.exec(measure)!;
  return { recorded: recorded!, rule: rule! };
}

async function groupsTable(conn: DuckDBConnection, windowReviews: number): Promise<RawTables['poverty_groups']> {
  // newly_escaped, like the movements, needs the previous review year
  const movementList = [...MOVEMENT_MEASURES, 'newly_escaped'].map(sqlString).join(', ');
  const mismatchCounts = MISMATCH_MEASURES.map((m) => {
    const { recorded, rule } = mismatchCell(m);
    return `coalesce(sum(n) FILTER (WHERE recorded_status = ${sqlString(recorded)} AND rule_status = ${sqlString(rule)}), 0) AS ${sqlIdent(m)}`;
  }).join(', ');
  const rows = await withDistrict<RawTables['poverty_groups'][number]>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, measure, households FROM movements
      UNION ALL
      SELECT review_year, commune_code, measure, CAST(households AS INTEGER) FROM (
        SELECT review_year, commune_code,
          coalesce(sum(n) FILTER (WHERE recorded_status = 'poor' AND NOT labour_capacity), 0) AS poor_no_labour,
          coalesce(sum(n) FILTER (WHERE recorded_status = 'poor' AND labour_capacity), 0) AS poor_with_labour,
          coalesce(sum(n) FILTER (WHERE recorded_status = 'near_poor' AND NOT labour_capacity), 0) AS near_poor_no_labour,
          coalesce(sum(n) FILTER (WHERE recorded_status = 'near_poor' AND labour_capacity), 0) AS near_poor_with_labour,
          coalesce(sum(n) FILTER (WHERE recorded_status IS DISTINCT FROM rule_status), 0) AS status_mismatch,
          ${mismatchCounts}
        FROM household_counts GROUP BY ALL
      ) UNPIVOT (households FOR measure IN (poor_no_labour, poor_with_labour, near_poor_no_labour, near_poor_with_labour, status_mismatch,
        ${MISMATCH_MEASURES.map(sqlIdent).join(', ')}))
      UNION ALL
      SELECT review_year, commune_code, 'newly_escaped', CAST(count(*) AS INTEGER) FROM newly_escaped_households GROUP BY ALL
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
  const newlyPartial = await newlyEscapedPartial(conn, windowReviews);
  const movement = new Set<string>(MOVEMENT_MEASURES);
  return rows.map(({ review_year, area_level, area_code, measure, households }) => ({
    review_year, area_level, area_code, measure: measure as GroupMeasure, households,
    linkage: movement.has(measure) ? (partial.has(`${review_year}|${area_code}`) ? 'partial' : 'complete')
      : measure === 'newly_escaped' ? (newlyPartial.has(`${review_year}|${area_code}`) ? 'partial' : 'complete')
      : null,
  }));
}

async function deprivationTable(conn: DuckDBConnection, indicatorCodes: string[]): Promise<RawTables['deprivation']> {
  const counted = indicatorCodes.map((code) => `count(*) FILTER (WHERE ${sqlIdent(`d_${code}`)}) AS ${sqlIdent(code)}`).join(', ');
  const rows = await withDistrict<RawTables['deprivation'][number]>(conn, `
    WITH counts AS (
      SELECT * FROM (SELECT review_year, commune_code, population, ${counted} FROM monitored GROUP BY ALL)
      UNPIVOT (households FOR indicator_code IN (${indicatorCodes.map(sqlIdent).join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, p.population, p.pop_ord, i.indicator_code, i.ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_monitored_populations p
    JOIN ref_year_indicators i ON i.review_year = c.review_year
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.population = p.population AND k.indicator_code = i.indicator_code
    WHERE ${MONITORED_GRID}`,
    ['population', 'pop_ord', 'indicator_code', 'ord'], ['pop_ord', 'ord']);
  return rows.map(({ review_year, area_level, area_code, population, indicator_code, households }) => ({ review_year, area_level, area_code, population: population as MonitoredPopulation, indicator_code, households }));
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
  // each program's need named once per household, as the what-if's terms are (whatIfTable), was measured no faster on
  // the 2 M-row canonical bench input: 0.17–0.18 s against 0.16 s (two runs each)
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
 * deprivation_dimension: the households of each monitored population deprived in a dimension of the year's standard,
 * i.e. in any of its indicators (standards.json `dimensions`, each indicator's `dimension`).
 */
async function dimensionTable(conn: DuckDBConnection, standards: Standard[]): Promise<RawTables['deprivation_dimension']> {
  const codes = [...new Set(standards.flatMap((s) => s.dimensions.map((d) => d.code)))];
  const counted = codes.map((code) => {
    const branches = standards.map((s) => {
      const indicators = s.indicators.filter((i) => i.dimension === code);
      const any = indicators.length ? indicators.map((i) => `coalesce(${sqlIdent(`d_${i.code}`)}, false)`).join(' OR ') : 'false';
      return `WHEN review_year BETWEEN ${s.first_review_year} AND ${s.last_review_year} THEN (${any})`;
    });
    return `count(*) FILTER (WHERE CASE ${branches.join(' ')} ELSE false END) AS ${sqlIdent(code)}`;
  }).join(', ');
  const rows = await withDistrict<RawTables['deprivation_dimension'][number]>(conn, `
    WITH counts AS (
      SELECT * FROM (SELECT review_year, commune_code, population, ${counted} FROM monitored GROUP BY ALL)
      UNPIVOT (households FOR dimension_code IN (${codes.map(sqlIdent).join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, p.population, p.pop_ord, d.dimension_code, d.ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_monitored_populations p
    JOIN ref_year_dimensions d ON d.review_year = c.review_year
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.population = p.population AND k.dimension_code = d.dimension_code
    WHERE ${MONITORED_GRID}`,
    ['population', 'pop_ord', 'dimension_code', 'ord'], ['pop_ord', 'ord']);
  return rows.map(({ review_year, area_level, area_code, population, dimension_code, households }) => ({ review_year, area_level, area_code, population: population as MonitoredPopulation, dimension_code, households }));
}

/** support_received: the households of each monitored population with support_<program> = 1 in the review year. */
async function supportReceivedTable(conn: DuckDBConnection, programs: Program[]): Promise<RawTables['support_received']> {
  const counted = programs.map((p) => `count(*) FILTER (WHERE coalesce(${sqlIdent(`support_${p.code}`)}, false)) AS ${sqlIdent(p.code)}`).join(', ');
  const rows = await withDistrict<RawTables['support_received'][number]>(conn, `
    WITH counts AS (
      SELECT * FROM (SELECT review_year, commune_code, population, ${counted} FROM monitored GROUP BY ALL)
      UNPIVOT (households FOR program_code IN (${programs.map((p) => sqlIdent(p.code)).join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, p.population, p.pop_ord, r.program_code, r.program_ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c CROSS JOIN ref_monitored_populations p CROSS JOIN ref_programs r
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.population = p.population AND k.program_code = r.program_code
    WHERE ${MONITORED_GRID}`,
    ['population', 'pop_ord', 'program_code', 'program_ord'], ['pop_ord', 'program_ord']);
  return rows.map(({ review_year, area_level, area_code, population, program_code, households }) => ({ review_year, area_level, area_code, population: population as MonitoredPopulation, program_code, households }));
}

/**
 * exit_outcomes: for the households that escaped at review Y in an area (follow.ts exit_followups), their recognised
 * status k = 1, 2, 3 reviews later, while review Y + k is in the input; every area of Y, every outcome.
 */
async function exitOutcomesTable(conn: DuckDBConnection): Promise<RawTables['exit_outcomes']> {
  const rows = await withDistrict<RawTables['exit_outcomes'][number] & { outcome_ord: number }>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, years_after, outcome, count(*) AS households FROM exit_followups GROUP BY ALL
    ),
    followed AS (
      SELECT y.review_year, k.years_after FROM linked_years y
      CROSS JOIN (VALUES ${YEARS_AFTER.map((k) => `(${k})`).join(', ')}) k(years_after)
      JOIN input_years later ON later.review_year = y.review_year + k.years_after
    )
    SELECT c.review_year, c.commune_code AS area_code, f.years_after, o.outcome, o.outcome_ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c JOIN followed f ON f.review_year = c.review_year
    CROSS JOIN (VALUES ${values(EXIT_OUTCOMES.map((o, n) => [o, n]))}) o(outcome, outcome_ord)
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.years_after = f.years_after AND k.outcome = o.outcome`,
    ['years_after', 'outcome', 'outcome_ord'], ['years_after', 'outcome_ord']);
  const partial = await exitOutcomesPartial(conn);
  return rows.map(({ review_year, area_level, area_code, years_after, outcome, households }) => ({
    review_year, area_level, area_code, years_after, outcome: outcome as ExitOutcome, households,
    linkage: partial.has(`${review_year}|${years_after}`) ? 'partial' : 'complete',
  }));
}

/**
 * The standards of the what-if: the households assessed at the last review in the input under the standard before
 * the latest one (`from`), classified by the rule of each (`to` is the latest standard). Undefined when the input
 * has no review under `from`.
 */
export function whatIfStandards(reviewYears: number[], standards: Standard[]): { year: number; from: Standard; to: Standard } | undefined {
  const ordered = [...standards].sort((a, b) => a.first_review_year - b.first_review_year);
  if (ordered.length < 2) return undefined;
  const [from, to] = ordered.slice(-2) as [Standard, Standard];
  const years = reviewYears.filter((y) => y >= from.first_review_year && y <= from.last_review_year);
  return years.length ? { year: Math.max(...years), from, to } : undefined;
}

/** what_if: see whatIfStandards and classify.ts whatIfSql; district + the units of that review, both standards. */
async function whatIfTable(conn: DuckDBConnection, standards: Standard[]): Promise<RawTables['what_if']> {
  const years = (await queryRows<{ review_year: number }>(conn, 'SELECT review_year FROM review_years')).map((r) => r.review_year);
  const chosen = whatIfStandards(years, standards);
  if (!chosen) return [];
  const collected = chosen.from.indicators.map((i) => i.code);
  // each standard's terms computed once per household and named (_line0, _count0, …), not once per measure: the
  // eight conditions share them (measured on the 2 M-row canonical bench input: 0.08 s, against 0.28 s as eight whole
  // conditions)
  const both = [chosen.from, chosen.to];
  const terms = both.map((s) => whatIfTerms(s, collected));
  const named = terms.map((t, n) => ({ line: `_line${n}`, minCount: `_count${n}`, unknown: t.unknown }));
  const cells = both.flatMap((s, n) => {
    const conditions = whatIfSql(s, collected, named[n]);
    return WHAT_IF_MEASURES.map((m) => `count(*) FILTER (WHERE ${conditions[m]}) AS ${sqlIdent(`${s.code}|${m}`)}`);
  });
  const perHousehold = terms.flatMap((t, n) => [`${t.line} AS _line${n}`, `${t.minCount} AS _count${n}`]).join(', ');
  const columns = [chosen.from, chosen.to].flatMap((s) => WHAT_IF_MEASURES.map((m) => sqlIdent(`${s.code}|${m}`)));
  const rows = await withDistrict<RawTables['what_if'][number]>(conn, `
    WITH counts AS (
      SELECT review_year, commune_code, split_part(cell, '|', 1) AS standard, split_part(cell, '|', 2) AS measure, households
      FROM (SELECT review_year, commune_code, ${cells.join(', ')} FROM (
        SELECT review_year, commune_code, ${perHousehold} FROM households WHERE review_year = ${chosen.year}) GROUP BY ALL)
      UNPIVOT (households FOR cell IN (${columns.join(', ')}))
    )
    SELECT c.review_year, c.commune_code AS area_code, s.standard, s.standard_ord, m.measure, m.measure_ord,
           CAST(coalesce(k.households, 0) AS INTEGER) AS households
    FROM communes c
    CROSS JOIN (VALUES ${values([chosen.from.code, chosen.to.code].map((code, n) => [code, n]))}) s(standard, standard_ord)
    CROSS JOIN (VALUES ${values(WHAT_IF_MEASURES.map((m, n) => [m, n]))}) m(measure, measure_ord)
    LEFT JOIN counts k ON k.review_year = c.review_year AND k.commune_code = c.commune_code
      AND k.standard = s.standard AND k.measure = m.measure
    WHERE c.review_year = ${chosen.year}`,
    ['standard', 'standard_ord', 'measure', 'measure_ord'], ['standard_ord', 'measure_ord']);
  return rows.map(({ review_year, area_level, area_code, standard, measure, households }) => ({ review_year, area_level, area_code, standard, measure: measure as WhatIfMeasure, households }));
}

/**
 * Every raw table from the DuckDB tables `communes` and `households` (classified) and `movements`
 * (linked). The geography of a year is the communes of communes.csv for that year.
 */
export async function aggregate(
  conn: DuckDBConnection,
  reference: { standards?: Standard[]; programs?: Program[]; newlyEscaped?: NewlyEscapedGroup } = {},
): Promise<RawTables> {
  const standards = reference.standards ?? referenceStandards;
  const programs = reference.programs ?? referencePrograms;
  const windowReviews = (reference.newlyEscaped ?? referenceNewlyEscaped).window_reviews;
  await followEscapes(conn, windowReviews);
  await createReferenceTables(conn, standards, programs);
  await createCountedRows(conn, standards, programs);
  const indicatorCodes = [...new Set(standards.flatMap((s) => s.indicators.map((i) => i.code)))];
  return {
    poverty: await povertyTable(conn),
    poverty_groups: await groupsTable(conn, windowReviews),
    deprivation: await deprivationTable(conn, indicatorCodes),
    deprivation_depth: await depthTable(conn),
    support: await supportTable(conn, programs),
    deprivation_dimension: await dimensionTable(conn, standards),
    support_received: await supportReceivedTable(conn, programs),
    exit_outcomes: await exitOutcomesTable(conn),
    what_if: await whatIfTable(conn, standards),
  };
}
