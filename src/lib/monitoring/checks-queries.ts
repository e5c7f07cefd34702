// The SQL of the checks' table views (src/lib/charts/sql.ts CHART_QUERIES): recorded vs rule by review year,
// deprivation by dimension of a unit's year with each population's size, what-if beside the recognised counts.
// The build runs it for the table view and the CSV; the explorer link carries the same text. Pure.
import { MISMATCH_MEASURES } from '../contract';
import { strings } from '../../i18n';
import type { ChartSpec } from '../charts/spec';
import { areaWhere, cellColumns, hiddenColumns, lit, statement, valuesTable, type ChartQuery, type QueryContext } from '../charts/query';
import { percentSql } from './queries';

/** A template string's text either side of its one argument, for a label built in SQL (`'Rà soát '||y||''`). */
function around(template: (x: string) => string): [string, string] {
  return template('\u0000').split('\u0000') as [string, string];
}

/**
 * The six cells of recorded × rule and their total (`status_mismatch`) by review year, each with the group it is
 * counted in and its share of it: the recognised poor, the recognised near-poor, the other households of the
 * area, and for the total every household (`poverty`).
 */
export function mismatchQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const M = strings(ctx.locale).checks.mismatch;
  const Q = strings(ctx.locale).chartSql.columns;
  const C = strings(ctx.locale).charts;
  const names: [string, string][] = [...MISMATCH_MEASURES.map((m): [string, string] => [m, M.short[m]]), ['status_mismatch', M.totalColumn]];
  const base = "CASE WHEN starts_with(g.measure,'recorded_poor_') THEN p.poor WHEN starts_with(g.measure,'recorded_near_poor_') THEN p.near_poor "
    + "WHEN starts_with(g.measure,'recorded_not_poor_') THEN p.total_households-p.poor-p.near_poor ELSE p.total_households END";
  return {
    sql: statement(
      `SELECT x.review_year,x.measure,x.measure_name,x.households,${cellColumns('x')},x.group_households,${percentSql('x.households', 'x.group_households')} AS share_percent`,
      `FROM (SELECT g.*,m.o,m.measure_name,${base} AS group_households FROM poverty_groups g`,
      `JOIN ${valuesTable('m', ['measure', 'measure_name'], names)} ON m.measure=g.measure`,
      'JOIN poverty p ON p.review_year=g.review_year AND p.area_code=g.area_code',
      `WHERE ${areaWhere('g', ctx.key)}) x`,
      'ORDER BY x.review_year,x.o',
    ),
    columns: [
      { name: 'review_year', label: C.reviewYear, format: 'year' }, { name: 'measure' }, { name: 'measure_name', label: M.cellColumn },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'group_households', label: M.groupColumn, format: 'count' },
      { name: 'share_percent', label: M.shareColumn, format: 'percent' },
    ],
  };
}

/** Poor and near-poor households of a unit's review year deprived in each dimension, beside the population's size. */
export function dimensionsQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const Q = strings(ctx.locale).chartSql.columns;
  const C = strings(ctx.locale).charts;
  const D = strings(ctx.locale).checks.dimensions;
  const dims = [...new Map(ctx.indicators.map((i) => [i.dimension, i.dimensionName])).entries()];
  const pops: [string, string][] = [['poor', C.population.poor], ['near_poor', C.population.near_poor]];
  return {
    sql: statement(
      `SELECT d.dimension_code,n.dimension_name,d.population,q.population_name,d.households,${cellColumns('d')},CASE d.population WHEN 'poor' THEN p.poor ELSE p.near_poor END AS population_households,d.share`,
      'FROM deprivation_dimension d',
      `JOIN ${valuesTable('n', ['dimension_code', 'dimension_name'], dims)} ON n.dimension_code=d.dimension_code`,
      `JOIN ${valuesTable('q', ['population', 'population_name'], pops)} ON q.population=d.population`,
      'JOIN poverty p ON p.review_year=d.review_year AND p.area_code=d.area_code',
      `WHERE ${areaWhere('d', ctx.key)} AND d.review_year=${ctx.year}`,
      'ORDER BY n.o,q.o',
    ),
    columns: [
      { name: 'dimension_code' }, { name: 'dimension_name', label: C.dimension }, { name: 'population' }, { name: 'population_name', label: Q.population },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'population_households', label: D.populationColumn, format: 'count' },
      { name: 'share', label: Q.share, format: 'percent' },
    ],
  };
}

/**
 * What-if of the territory: the counts recognised by the last review under the old standard and by any later one,
 * and the same households by each standard's rule as a range (min–max: an indicator not collected, counted both
 * ways). A range with a hidden end is hidden, with the widest interval the tables allow when both ends are known.
 */
export function whatIfQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const W = strings(ctx.locale).checks.whatIf;
  const Q = strings(ctx.locale).chartSql.columns;
  const C = strings(ctx.locale).charts;
  const [rb, ra] = around((y) => W.recognised(y as unknown as number));
  const [sb, sa] = around(W.oldRule);
  const at = `area_code=${lit(ctx.key.code)}`;
  const y = '(SELECT max(review_year) FROM what_if)';
  const pops: [string, string][] = [['poor', C.population.poor], ['near_poor', C.population.near_poor]];
  const recognised = (pop: string) => `SELECT review_year,${lit(rb)}||review_year||${lit(ra)} AS count_name,review_year-${y} AS o,'${pop}' AS population,${pop} AS low,${pop} AS high,NULL AS households_min,NULL AS households_max,'ok' AS status FROM poverty WHERE ${at} AND review_year>=${y}`;
  // a range is two published cells (…_min, …_max): hidden when either is, with what the tables allow of each end
  const hidden = "l.status='suppressed' OR h.status='suppressed'";
  const rule = `SELECT l.review_year,${lit(sb)}||l.standard||${lit(sa)},0.5,replace(l.measure,'_min',''),l.households,h.households,`
    + `CASE WHEN ${hidden} THEN coalesce(l.households,l.households_min) END,CASE WHEN ${hidden} THEN coalesce(h.households,h.households_max) END,`
    + `CASE WHEN ${hidden} THEN 'suppressed' ELSE 'ok' END FROM what_if l JOIN what_if h ON h.area_code=l.area_code AND h.review_year=l.review_year AND h.standard=l.standard AND h.measure=replace(l.measure,'_min','_max') `
    + `WHERE l.${at} AND suffix(l.measure,'_min')`;
  return {
    sql: statement(
      'SELECT x.review_year,x.count_name,x.population,v.population_name,x.low AS households_low,x.high AS households_high,x.households_min,x.households_max,x.status',
      `FROM (${recognised('poor')} UNION ALL ${recognised('near_poor')} UNION ALL ${rule}) x`,
      `JOIN ${valuesTable('v', ['population', 'population_name'], pops)} ON v.population=x.population`,
      'ORDER BY v.o,x.o,x.count_name',
    ),
    columns: [
      { name: 'review_year' }, { name: 'count_name', label: W.groupColumn }, { name: 'population' }, { name: 'population_name', label: Q.population },
      { name: 'households_low', label: W.lowColumn, format: 'count' }, { name: 'households_high', label: W.highColumn, format: 'count' },
      ...hiddenColumns(),
    ],
  };
}
