// The SQL of the monitoring charts' table views (src/lib/charts/sql.ts CHART_QUERIES): the build runs it for
// the table view and the CSV, the explorer link carries the same text. Shares are computed as src/lib/percent.ts
// does (2 decimals, half away from zero, exact integer arithmetic), so a share in the table equals the chart's.
import { EXIT_OUTCOMES, MONITORED_POPULATIONS } from '../contract';
import { localized } from '../i18n';
import { programs } from '../reference';
import { strings } from '../../i18n';
import type { ChartSpec } from '../charts/spec';
import { areaWhere, cellColumns, hiddenColumns, lit, statement, valuesTable, type ChartQuery, type QueryContext } from '../charts/query';

/** percent(part, whole) of src/lib/percent.ts in SQL; null where either is null or the whole is 0. */
export function percentSql(part: string, whole: string): string {
  // floor of an exact quotient of whole numbers below 2^53: a double division cannot cross an integer here; no `//`
  // (the explorer's DuckDB-WASM may predate it)
  return `CASE WHEN ${part} IS NOT NULL AND ${whole}>0 THEN floor(((${part})::BIGINT*20000+(${whole}))::DOUBLE/(2*(${whole})))/100 END`;
}

const populationNames = (ctx: QueryContext): [string, string][] => {
  const P = strings(ctx.locale).charts.population;
  const E = strings(ctx.locale).escaped;
  return MONITORED_POPULATIONS.map((p) => [p, p === 'newly_escaped' ? E.population : P[p]]);
};

/** Hộ mới thoát nghèo per review year in the chart's area, with the completeness of each year. */
export function newlyEscapedQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const S = strings(ctx.locale).escaped.charts;
  return {
    sql: statement(
      `SELECT g.review_year,g.households,${cellColumns('g')},g.linkage,CASE WHEN g.linkage='partial' THEN ${lit(S.partial)} ELSE ${lit(S.complete)} END AS completeness`,
      'FROM poverty_groups g',
      `WHERE ${areaWhere('g', ctx.key)} AND g.measure='newly_escaped'`,
      'ORDER BY g.review_year',
    ),
    columns: [
      { name: 'review_year', label: C.reviewYear, format: 'year' },
      { name: 'households', label: strings(ctx.locale).escaped.population, format: 'count' }, ...hiddenColumns(),
      { name: 'linkage' }, { name: 'completeness', label: S.linkage },
    ],
  };
}

/**
 * Every exit cohort of the chart's area: first the cohort itself (`escaped` of the exit review in the same area,
 * a row of its own so a hidden size reads as hidden), then per years_after and outcome the households and their
 * share of the cohort. The outcomes of a step add up to the cohort.
 */
export function exitOutcomesQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const E = strings(ctx.locale).escaped;
  const S = E.charts;
  const names = valuesTable('m', ['outcome', 'outcome_name'], [['escaped', S.cohortSize], ...EXIT_OUTCOMES.map((x): [string, string] => [x, E.outcomes[x]])]);
  return {
    sql: statement(
      'SELECT e.review_year AS exit_review_year,NULL::INTEGER AS years_after,NULL::INTEGER AS review_year,'
        + `'escaped' AS outcome,e.households,${cellColumns('e')},NULL::DOUBLE AS share_percent,e.linkage`,
      'FROM poverty_groups e',
      `WHERE ${areaWhere('e', ctx.key)} AND e.measure='escaped' AND e.review_year IN (SELECT review_year FROM exit_outcomes)`,
      'UNION ALL',
      'SELECT o.review_year,o.years_after,o.review_year+o.years_after,'
        + `o.outcome,o.households,${cellColumns('o')},${percentSql('o.households', 'e.households')},o.linkage`,
      'FROM exit_outcomes o',
      "LEFT JOIN poverty_groups e ON e.measure='escaped' AND e.review_year=o.review_year AND e.area_code=o.area_code",
      `WHERE ${areaWhere('o', ctx.key)}`,
    ).replace(/^/, 'SELECT r.exit_review_year,r.years_after,r.review_year,r.outcome,m.outcome_name,r.households,r.households_min,r.households_max,r.status,r.share_percent,r.linkage\nFROM (')
      + `) r\nJOIN ${names} ON m.outcome=r.outcome\nORDER BY r.exit_review_year,r.years_after NULLS FIRST,m.o`,
    columns: [
      { name: 'exit_review_year', label: S.exitYear, format: 'year' }, { name: 'years_after', label: S.after }, { name: 'review_year', label: S.lookedAt },
      { name: 'outcome' }, { name: 'outcome_name', label: strings(ctx.locale).chartSql.columns.measure },
      { name: 'households', label: S.households, format: 'count' }, ...hiddenColumns(),
      { name: 'share_percent', label: S.shareAxis, format: 'percent' }, { name: 'linkage' },
    ],
  };
}

/** The newly escaped households deprived in each dimension (deprivation_dimension), in the standard's order. */
export function escapedDeprivationQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const S = strings(ctx.locale).escaped.charts;
  const Q = strings(ctx.locale).chartSql.columns;
  const dims = [...new Map(ctx.indicators.map((i) => [i.dimension, i.dimensionName])).entries()];
  return {
    sql: statement(
      `SELECT d.dimension_code,n.dimension_name,d.households,${cellColumns('d')},d.share`,
      'FROM deprivation_dimension d',
      `JOIN ${valuesTable('n', ['dimension_code', 'dimension_name'], dims)} ON n.dimension_code=d.dimension_code`,
      `WHERE ${areaWhere('d', ctx.key)} AND d.review_year=${ctx.year} AND d.population='newly_escaped'`,
      'ORDER BY n.o',
    ),
    columns: [
      { name: 'dimension_code' }, { name: 'dimension_name', label: S.dimension },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'share', label: Q.share, format: 'percent' },
    ],
  };
}

/** The newly escaped households deprived in each indicator (deprivation), in the standard's order. */
export function escapedIndicatorsQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const Q = strings(ctx.locale).chartSql.columns;
  return {
    sql: statement(
      `SELECT d.indicator_code,n.dimension_name,n.indicator_name,d.households,${cellColumns('d')},d.share`,
      'FROM deprivation d',
      `JOIN (VALUES ${ctx.indicators.map((i, k) => `(${k + 1},${lit(i.code)},${lit(i.dimensionName)},${lit(i.name)})`).join(',')}) n(o,indicator_code,dimension_name,indicator_name) ON n.indicator_code=d.indicator_code`,
      `WHERE ${areaWhere('d', ctx.key)} AND d.review_year=${ctx.year} AND d.population='newly_escaped'`,
      'ORDER BY n.o',
    ),
    columns: [
      { name: 'indicator_code' }, { name: 'dimension_name', label: C.dimension }, { name: 'indicator_name', label: C.indicator },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'share', label: Q.share, format: 'percent' },
    ],
  };
}

/**
 * Support received per program by population (poor, near-poor, newly escaped), each as a share of its own
 * population: `poverty` for poor and near-poor, `newly_escaped` of poverty_groups. The populations overlap.
 */
export function supportReceivedQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const Q = strings(ctx.locale).chartSql.columns;
  const at = `area_code=${lit(ctx.key.code)} AND review_year=${ctx.year}`;
  const whole = `(SELECT 'poor' AS population,poor AS households FROM poverty WHERE ${at} UNION ALL SELECT 'near_poor',near_poor FROM poverty WHERE ${at} `
    + `UNION ALL SELECT 'newly_escaped',households FROM poverty_groups WHERE ${at} AND measure='newly_escaped') w`;
  return {
    sql: statement(
      `SELECT r.program_code,g.program_name,r.population,p.population_name,r.households,${cellColumns('r')},${percentSql('r.households', 'w.households')} AS share_percent`,
      'FROM support_received r',
      `JOIN ${valuesTable('g', ['program_code', 'program_name'], programs.map((x) => [x.code, localized(x, 'name', ctx.locale)]))} ON g.program_code=r.program_code`,
      `JOIN ${valuesTable('p', ['population', 'population_name'], populationNames(ctx))} ON p.population=r.population`,
      `LEFT JOIN ${whole} ON w.population=r.population`,
      `WHERE r.area_code=${lit(ctx.key.code)} AND r.review_year=${ctx.year}`,
      'ORDER BY g.o,p.o',
    ),
    columns: [
      { name: 'program_code' }, { name: 'program_name', label: Q.program }, { name: 'population' }, { name: 'population_name', label: Q.population },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'share_percent', label: Q.share, format: 'percent' },
    ],
  };
}
