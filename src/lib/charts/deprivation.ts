// The multidimensional vocabulary (OPHI): headcount share per indicator, intensity (average number of
// deprivations of poor households) and each indicator's contribution. The Vietnamese standard weighs the
// 12 indicators equally (10 points each), so contribution = the indicator's deprivations / all deprivations.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, hiddenMarksX, hiddenMarksY, COLORS } from './plot';
import { formatCount, formatHidden, formatPercent, formatNumber, type HiddenBounds, type Locale } from '../format';
import type { ChartDrawing } from './types';
import type { MonitoredPopulation } from '../contract';
import { strings } from '../../i18n';
import { standardForReviewYear } from '../reference';
import type { ChartSpec } from './spec';
import { cellColumns, hiddenColumns, indicatorOrder, lit, named, statement, valuesTable, type ChartQuery, type QueryContext } from './query';

export interface IndicatorInfo { code: string; name: string; dimension: string; dimensionName: string }
export interface ShareRow extends HiddenBounds { population: MonitoredPopulation; indicator_code: string; households: number | null; share: number | null }

/** Share of poor and of near-poor households deprived in each indicator, indicators grouped by dimension. */
export function deprivationSharesChart(input: { id: string; areaName: string; indicators: IndicatorInfo[]; rows: ShareRow[]; populations?: ('poor' | 'near_poor')[] }, locale: Locale): ChartDrawing {
  const C = strings(locale).charts;
  const S = C.deprivationShares;
  const POP = C.population;
  const pops = input.populations ?? ['poor', 'near_poor'];
  const order = input.indicators.map((i) => i.name);
  const rows = input.indicators.flatMap((ind) => pops.map((pop) => {
    const r = input.rows.find((x) => x.indicator_code === ind.code && x.population === pop);
    return { indicator: ind.name, dimension: ind.dimensionName, code: ind.code, population: pop, popLabel: POP[pop], share: r?.share ?? null, households: r?.households ?? null, households_min: r?.households_min ?? null, households_max: r?.households_max ?? null };
  }));
  const shown = rows.filter((r) => r.share != null);
  const hidden = rows.filter((r) => r.share == null);
  // a deprivation no published poor household has is not "the most common"
  const poorRows = rows.filter((r) => r.population === 'poor' && r.share != null && r.share > 0).sort((a, b) => (b.share as number) - (a.share as number));
  const top = poorRows[0];
  const title = S.title(input.areaName);
  const next = poorRows[1];
  const publishedPoor = rows.filter((r) => r.population === 'poor' && r.share != null).length;
  const named = (r: { indicator: string; share: number | null }) => ({ name: r.indicator, share: formatPercent(r.share as number, locale, 1) });
  let summary = top
    ? S.top(input.areaName, named(top), next ? named(next) : undefined)
    : publishedPoor > 0 ? S.noneDeprived(formatCount(publishedPoor, locale), input.areaName) : S.noData(input.areaName);
  if (hidden.length) summary += C.hiddenCells(formatCount(hidden.length, locale), true);
  const max = Math.max(10, ...shown.map((r) => r.share as number));
  const sharesMarks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'share', y: 'popLabel', fy: 'indicator', fill: 'popLabel' }),
    ...hiddenMarksX(hidden, { y: 'popLabel', fy: 'indicator', label: (r) => formatHidden(r, locale) }, fontSize),
    Plot.text(shown, { x: 'share', y: 'popLabel', fy: 'indicator', text: (r: { share: number }) => formatNumber(r.share, locale, 1), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const sharesOptions: Plot.PlotOptions = {
    width: 600, height: 40 + order.length * pops.length * 14 + order.length * 6, marginLeft: 250, marginRight: 48, marginTop: 28,
    style: { fontSize: '12px' },
    // the unit on the ticks: a corner axis label collides with the last tick
    x: { domain: [0, Math.ceil(max / 10) * 10], grid: true, label: null, axis: 'top', tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` },
    fy: { domain: order, label: null, tickSize: 0, padding: 0.12 },
    y: { domain: pops.map((p) => POP[p]), axis: null },
    color: { domain: pops.map((p) => POP[p]), range: pops.map((p) => COLORS[p]) },
    marks: sharesMarks(10),
  };
  // on a phone the indicator names wrap onto two lines in a narrower margin
  const { svg, svgCompact } = renderPlotPair(sharesOptions, {
    // the axis label would collide with the last tick on a phone: the unit goes on the ticks instead
    ...sharesOptions, x: { ...sharesOptions.x, label: null, tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` }, marginLeft: 138, marginRight: 36, height: 40 + order.length * Math.max(34, pops.length * 15 + 6),
    marks: [...sharesMarks(11), Plot.axisFy({ anchor: 'left', lineWidth: 9, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  return {
    id: input.id, title, summary, svg, svgCompact,
    legend: [...pops.map((p) => ({ swatch: `sw-${p}`, label: POP[p] })), ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
  };
}

export interface DepthRow extends HiddenBounds { deprivations: number; households: number | null }

/** Intensity: the average number of deprivations of poor households, from the depth distribution. */
export function intensity(depth: DepthRow[]): number | null {
  if (depth.some((d) => d.households == null)) return null;
  const n = depth.reduce((a, d) => a + (d.households as number), 0);
  if (!n) return null;
  return depth.reduce((a, d) => a + d.deprivations * (d.households as number), 0) / n;
}

/** Contribution (percent) of each indicator to all deprivations of the population; null if any count is hidden. */
export function contributions(rows: { indicator_code: string; households: number | null }[]): Map<string, number> | null {
  if (rows.some((r) => r.households == null)) return null;
  const total = rows.reduce((a, r) => a + (r.households as number), 0);
  if (!total) return null;
  return new Map(rows.map((r) => [r.indicator_code, (100 * (r.households as number)) / total]));
}

export function contributionChart(input: { id: string; areaName: string; indicators: IndicatorInfo[]; rows: { indicator_code: string; households: number | null }[]; population?: 'poor' | 'near_poor' }, locale: Locale): ChartDrawing {
  const C = strings(locale).charts;
  const S = C.contribution;
  const population = input.population ?? 'poor';
  const contrib = contributions(input.rows);
  const data = input.indicators.map((ind) => ({ code: ind.code, indicator: ind.name, dimension: ind.dimensionName, contribution: contrib?.get(ind.code) ?? null }));
  const sorted = [...data].filter((d) => d.contribution != null).sort((a, b) => (b.contribution as number) - (a.contribution as number));
  const dims = [...new Set(input.indicators.map((i) => i.dimensionName))];
  const dimShare = dims.map((d) => ({ d, v: data.filter((x) => x.dimension === d).reduce((a, x) => a + (x.contribution ?? 0), 0) })).sort((a, b) => b.v - a.v);
  const title = S.title(population, input.areaName);
  const hiddenRows = input.rows.filter((r) => r.households == null).length;
  const summary = !contrib
    ? S.uncomputable(formatCount(hiddenRows, locale), formatCount(input.indicators.length, locale), population)
    : S.summary({ population, dimension: dimShare[0].d, dimensionShare: formatPercent(dimShare[0].v, locale, 1), top: sorted[0].indicator, topShare: formatPercent(sorted[0].contribution as number, locale, 1) });
  const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
  const contributionMarks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(data.filter((d) => d.contribution != null), { x: 'contribution', y: 'indicator', fill: 'dimension' }),
    Plot.text(data.filter((d) => d.contribution != null), { x: 'contribution', y: 'indicator', text: (d: { contribution: number }) => formatNumber(d.contribution, locale, 1), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const contributionOptions: Plot.PlotOptions = {
    width: 600, height: 40 + data.length * 22, marginLeft: 250, marginRight: 48, marginTop: 28,
    style: { fontSize: '12px' },
    x: { grid: true, axis: 'top', label: null, tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` },
    y: { domain: data.map((d) => d.indicator), label: null, tickSize: 0 },
    color: { domain: dims, range: palette.slice(0, dims.length) },
    marks: contributionMarks(10),
  };
  const { svg, svgCompact } = renderPlotPair(contributionOptions, {
    ...contributionOptions, x: { ...contributionOptions.x, label: null, tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` }, marginLeft: 138, marginRight: 36, height: 40 + data.length * 32,
    marks: [...contributionMarks(11), Plot.axisY({ anchor: 'left', lineWidth: 9, tickSize: 0, label: null })],
  }, { label: summary, id: input.id });
  return { id: input.id, title, summary, svg, svgCompact, legend: dims.map((d, i) => ({ swatch: `sw-dim${i}`, label: d })) };
}

export function depthChart(input: { id: string; areaName: string; rows: (DepthRow & { population: 'poor' | 'near_poor' })[] }, locale: Locale): ChartDrawing {
  const C = strings(locale).charts;
  const S = C.depth;
  const POP = C.population;
  const data = input.rows.filter((r) => r.deprivations <= 12).map((r) => ({ ...r, popLabel: POP[r.population] }));
  const poor = data.filter((r) => r.population === 'poor');
  const avg = intensity(poor);
  const title = S.title(input.areaName);
  // without the average (a hidden cell), the text alternative still says what the chart shows: the largest published group
  const poorShown = poor.filter((r) => r.households != null).sort((a, b) => (b.households as number) - (a.households as number) || a.deprivations - b.deprivations);
  const poorHidden = poor.length - poorShown.length;
  const mode = poorShown[0];
  const summary = avg == null
    ? (mode
      ? S.mode(formatCount(mode.deprivations, locale), formatCount(mode.households as number, locale), formatCount(poorHidden, locale))
      : S.allHidden(formatCount(poorHidden, locale)))
    : S.average(formatNumber(avg, locale, 2));
  const shown = data.filter((r) => r.households != null);
  // a hatch marks a depth where nothing can be drawn; where the other population's bar is published the
  // hatch would hide it (the table view lists every hidden cell)
  const hidden = data.filter((r) => r.households == null && !shown.some((x) => x.deprivations === r.deprivations));
  const depthOptions: Plot.PlotOptions = {
    width: 560, height: 260, marginLeft: 56, marginBottom: 40,
    style: { fontSize: '12px' },
    x: { domain: Array.from({ length: 13 }, (_, i) => i), label: S.xLabel, labelAnchor: 'center', labelOffset: 34, padding: 0.15 },
    // nothing published: an axis up to 1 household, as for an empty chart, so the hidden markers have a baseline
    y: { grid: true, label: C.households, tickFormat: (v: number) => formatCount(v, locale), ...(shown.length ? {} : { domain: [0, 1] }) },
    fx: { axis: null },
    color: { domain: [POP.poor, POP.near_poor], range: [COLORS.poor, COLORS.near_poor] },
    marks: [
      Plot.barY(shown, Plot.stackY({ x: 'deprivations', y: 'households', fill: 'popLabel' })),
      ...hiddenMarksY(hidden, { x: 'deprivations', label: (r) => formatHidden(r, locale) }, 10),
      Plot.ruleY([0]),
    ],
  };
  const { svg, svgCompact } = renderPlotPair(depthOptions, { ...depthOptions, height: 240, marginLeft: 48, marginRight: 12 }, { label: summary, hatch: hidden.length > 0, id: input.id });
  return { id: input.id, title, summary, svg, svgCompact, legend: [{ swatch: 'sw-poor', label: POP.poor }, { swatch: 'sw-near_poor', label: POP.near_poor }, ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])] };
}

const populationsTable = (locale: Locale, pops: readonly ('poor' | 'near_poor')[]) =>
  valuesTable('p', ['population', 'population_name'], pops.map((p) => [p, strings(locale).charts.population[p]]));
/** The indicators of the chart's standard, named from the published `indicators` table. */
const indicatorJoin = (ctx: QueryContext, d: string) =>
  `JOIN indicators i ON i.standard=${lit(standardForReviewYear(ctx.year)?.code ?? '')} AND i.indicator_code=${d}.indicator_code`;
const yearWhere = (ctx: QueryContext, d: string) => `${d}.area_code=${lit(ctx.key.code)} AND ${d}.review_year=${ctx.year}`;

/** The table view of the deprivation shares as SQL: one row per indicator (the standard's order) and population. */
export function sharesQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const Q = strings(ctx.locale).chartSql.columns;
  return {
    sql: statement(
      `SELECT i.${named('dimension_name', ctx.locale)} AS dimension_name,d.indicator_code,i.${named('indicator_name', ctx.locale)} AS indicator_name,d.population,p.population_name,d.households,d.share,${cellColumns('d')}`,
      'FROM deprivation d',
      indicatorJoin(ctx, 'd'),
      `JOIN ${populationsTable(ctx.locale, ['poor', 'near_poor'])} ON p.population=d.population`,
      `WHERE ${yearWhere(ctx, 'd')}`,
      `ORDER BY ${indicatorOrder(ctx.indicators, 'd.indicator_code')},p.o`,
    ),
    columns: [
      { name: 'dimension_name', label: C.dimension }, { name: 'indicator_code' }, { name: 'indicator_name', label: C.indicator },
      { name: 'population' }, { name: 'population_name', label: Q.population },
      { name: 'households', label: Q.households, format: 'count' }, { name: 'share', label: Q.share, format: 'percent' }, ...hiddenColumns(),
    ],
  };
}

/** Each indicator's contribution to all deprivations of the population: none while any count is hidden. */
export function contributionQuery(spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const Q = strings(ctx.locale).chartSql.columns;
  return {
    sql: statement(
      `SELECT i.${named('dimension_name', ctx.locale)} AS dimension_name,d.indicator_code,i.${named('indicator_name', ctx.locale)} AS indicator_name,d.households,${cellColumns('d')},`
        + 'CASE WHEN count(d.households) OVER ()=count(*) OVER () THEN round(100.0*d.households/nullif(sum(d.households) OVER (),0),2) END AS contribution_percent',
      'FROM deprivation d',
      indicatorJoin(ctx, 'd'),
      `WHERE ${yearWhere(ctx, 'd')} AND d.population=${lit(spec.population)}`,
      `ORDER BY ${indicatorOrder(ctx.indicators, 'd.indicator_code')}`,
    ),
    columns: [
      { name: 'dimension_name', label: C.dimension }, { name: 'indicator_code' }, { name: 'indicator_name', label: C.indicator },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'contribution_percent', label: Q.contribution, format: 'percent' },
    ],
  };
}

/** The depth distribution as SQL: households by number of deprivations (0–12) and population. */
export function depthQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const Q = strings(ctx.locale).chartSql.columns;
  return {
    sql: statement(
      `SELECT d.deprivations,d.population,p.population_name,d.households,${cellColumns('d')}`,
      'FROM deprivation_depth d',
      `JOIN ${populationsTable(ctx.locale, ['poor', 'near_poor'])} ON p.population=d.population`,
      `WHERE ${yearWhere(ctx, 'd')} AND d.deprivations<=12`,
      'ORDER BY d.deprivations,p.o',
    ),
    columns: [
      { name: 'deprivations', label: Q.deprivations }, { name: 'population' }, { name: 'population_name', label: Q.population },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
    ],
  };
}
