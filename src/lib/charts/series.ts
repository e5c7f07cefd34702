// Poor households by review year, with the target ("no poor households by end-2024"). For a commune the
// rate is drawn beside the district's, because counts of different-sized areas do not compare.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, COLORS } from './plot';
import { formatCount, formatPercent, type Locale } from '../format';
import { reviewYearLabel } from '../i18n';
import type { ChartResult } from './types';
import { strings } from '../../i18n';
import { seriesBreaks, standardSegments, type SeriesBreak } from '../areas';
import { standardForReviewYear, standards } from '../reference';
import { FIRST_PERIOD, TOP_CODE } from '../geography';
import { comparableCase } from '../comparable';
import type { ChartSpec } from './spec';
import { areaJoinSql, areaWhere, lit, named, periodYearsSql, standardSql, statement, type ChartQuery, type QueryColumn, type QueryContext } from './query';

export interface SeriesPoint {
  review_year: number; poor: number; total_households: number; poor_rate: number;
  /** the area's name at that review, when it changes along the series (the territory: district, city, eight units) */
  area_name?: string;
}
export interface SeriesInput {
  id: string;
  areaName: string;
  points: SeriesPoint[];
  /** when set, draw rates of the area and of the district */
  district?: SeriesPoint[];
  target?: { review_year: number; poor: number };
  /** the label of the comparison line (default: the district) */
  districtLabel?: string;
  /** the comparison is the whole territory of former Thủy Nguyên (a unit of 2025-07), not the district */
  territory?: boolean;
}

/** The sentence next to a chart for each break of its series (a change of units, a change of standard). */
export function breakNotes(breaks: SeriesBreak[], locale: Locale): { kind: SeriesBreak['kind']; text: string }[] {
  const S = strings(locale).charts.series;
  return breaks.map((b) => ({
    kind: b.kind,
    text: b.kind === 'units' ? S.noteUnits(b.before, b.after) : S.noteStandard(b.before, b.after, standardForReviewYear(b.after)?.code ?? ''),
  }));
}

export function seriesChart(input: SeriesInput, locale: Locale): ChartResult {
  const S = strings(locale).charts.series;
  const pts = [...input.points].sort((a, b) => a.review_year - b.review_year);
  const byRate = Boolean(input.district);
  const first = pts[0];
  const last = pts[pts.length - 1];
  const years = [...new Set([...pts.map((p) => p.review_year), ...(input.target ? [input.target.review_year] : [])])].sort((a, b) => a - b);
  const title = byRate ? (input.territory ? S.titleRateTerritory : S.titleRate)(input.areaName) : S.titleCount(input.areaName);

  // a line is not drawn across a change of standard: one line per standard, the points on both sides
  const segments = standardSegments(years);
  const segmentOf = (p: { review_year: number }) => segments.findIndex((g) => g.includes(p.review_year));
  const breaks = seriesBreaks(pts.map((p) => p.review_year));
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#888' })];
  const yKey = byRate ? 'poor_rate' : 'poor';
  for (const kind of ['units', 'standard'] as const) {
    const bs = breaks.filter((b) => b.kind === kind);
    if (bs.length === 0) continue;
    const at = (b: SeriesBreak) => (b.before + b.after) / 2;
    marks.push(Plot.ruleX(bs, { x: at, stroke: '#1b1f24', strokeDasharray: kind === 'units' ? '4,3' : '1,3', strokeWidth: 1.5, className: `series-break break-${kind}` }));
    // above the frame, beside its rule (left of the first, right of the second): never on a line, never on each other
    marks.push(Plot.text(bs, {
      x: at, frameAnchor: 'top', dy: -14, dx: kind === 'units' ? -3 : 3, textAnchor: kind === 'units' ? 'end' : 'start',
      text: () => (kind === 'units' ? S.breakUnits : S.breakStandard), fill: '#1b1f24', fontSize: 11,
    }));
  }
  if (input.district) {
    const d = [...input.district].sort((a, b) => a.review_year - b.review_year);
    marks.push(Plot.lineY(d, { x: 'review_year', y: 'poor_rate', z: segmentOf, stroke: COLORS.district, strokeDasharray: '2,3', strokeWidth: 2 }));
    marks.push(Plot.dot(d, { x: 'review_year', y: 'poor_rate', fill: COLORS.district, symbol: 'square', r: 3.5 }));
  }
  marks.push(Plot.lineY(pts, { x: 'review_year', y: yKey, z: segmentOf, stroke: COLORS.poor, strokeWidth: 2.5 }));
  marks.push(Plot.dot(pts, { x: 'review_year', y: yKey, fill: COLORS.poor, r: 4 }));
  marks.push(Plot.text(pts, {
    x: 'review_year', y: yKey, dy: -12, fill: '#1b1f24',
    text: (p: SeriesPoint) => (byRate ? formatPercent(p.poor_rate, locale) : formatCount(p.poor, locale)),
  }));
  if (input.target && !byRate && last.review_year < input.target.review_year) {
    const tgt = [{ review_year: last.review_year, poor: last.poor }, { review_year: input.target.review_year, poor: input.target.poor }];
    marks.push(Plot.lineY(tgt, { x: 'review_year', y: 'poor', stroke: COLORS.target, strokeDasharray: '6,4', strokeWidth: 1.5 }));
  }
  if (input.target && !byRate) {
    marks.push(Plot.dot([input.target], { x: 'review_year', y: 'poor', stroke: COLORS.target, fill: '#fff', r: 5, strokeWidth: 2 }));
    marks.push(Plot.text([input.target], { x: 'review_year', y: 'poor', dy: -12, text: () => S.target, fill: '#1b1f24' }));
  }

  let summary: string;
  // a change is told within one standard; a later standard's figures are given as they are
  const firstSegment = pts.filter((p) => segmentOf(p) === segmentOf(first));
  const later = pts.filter((p) => segmentOf(p) !== segmentOf(first));
  const lastComparable = firstSegment[firstSegment.length - 1]!;
  if (pts.length === 1) {
    summary = S.one(input.areaName, formatCount(last.poor, locale), formatPercent(last.poor_rate, locale), reviewYearLabel(last.review_year, locale));
  } else {
    summary = S.change({
      area: input.areaName, direction: last.poor < first.poor ? 'down' : last.poor > first.poor ? 'up' : 'same',
      first: formatCount(first.poor, locale), firstRate: formatPercent(first.poor_rate, locale), firstYear: first.review_year,
      last: formatCount(lastComparable.poor, locale), lastRate: formatPercent(lastComparable.poor_rate, locale), lastYear: lastComparable.review_year,
    });
    if (input.district) {
      const dl = input.district.find((d) => d.review_year === lastComparable.review_year);
      if (dl) summary += (input.territory ? S.territoryRate : S.districtRate)(formatPercent(dl.poor_rate, locale));
    }
    for (const p of later) summary += S.newStandard(standardForReviewYear(p.review_year)?.code ?? '', formatCount(p.poor, locale), formatPercent(p.poor_rate, locale), p.review_year);
    if (input.target && last.review_year <= input.target.review_year && last.poor > input.target.poor) {
      summary += S.targetGap(formatCount(last.poor - input.target.poor, locale), input.target.review_year);
    } else summary += '.';
  }
  const plotOptions: Plot.PlotOptions = {
    width: 560, height: 280, marginLeft: 56, marginTop: 28, marginRight: 28, marginBottom: 44,
    style: { fontSize: '13px' },
    // linear, so that a break can be marked between two reviews
    x: { type: 'linear', labelArrow: 'none', domain: [years[0]! - 0.4, years[years.length - 1]! + 0.4], ticks: years, label: S.xLabel, labelAnchor: 'center', labelOffset: 38, tickFormat: (y: number) => String(y) },
    y: { grid: true, nice: true, label: byRate ? S.yRate : S.yCount, tickFormat: (v: number) => (byRate ? formatPercent(v, locale, 1) : formatCount(v, locale)), ticks: 5 },
    marks,
  };
  const { svg, svgCompact } = renderPlotPair(plotOptions,
    { ...plotOptions, height: 260, marginLeft: 50, marginRight: 22, style: { fontSize: '12px' } },
    { label: summary, id: input.id });
  const named = new Set(pts.map((p) => p.area_name).filter(Boolean)).size > 1;
  const cols = ['review_year', 'review_label', ...(named ? ['area_name'] : []), 'standard', 'total_households', 'poor', 'poor_rate'];
  const rows = pts.map((p) => ({
    review_year: p.review_year, review_label: reviewYearLabel(p.review_year, locale), area_name: p.area_name ?? null, standard: standardForReviewYear(p.review_year)?.code ?? null,
    total_households: p.total_households, poor: p.poor, poor_rate: p.poor_rate,
    ...(input.district ? { district_poor_rate: input.district.find((d) => d.review_year === p.review_year)?.poor_rate ?? null } : {}),
  }));
  if (input.district) cols.push('district_poor_rate');
  const table = {
    columns: [
      { key: 'year', label: strings(locale).charts.reviewYear },
      ...(named ? [{ key: 'area', label: S.areaColumn }] : []),
      { key: 'standard', label: S.standardColumn },
      { key: 'total', label: S.total, numeric: true },
      { key: 'poor', label: S.poor, numeric: true },
      { key: 'rate', label: S.rate, numeric: true },
      ...(input.district ? [{ key: 'drate', label: S.districtRateColumn, numeric: true }] : []),
    ],
    rows: rows.map((r) => ({
      year: reviewYearLabel(r.review_year, locale), ...(named ? { area: r.area_name ?? '' } : {}), standard: r.standard ?? '', total: formatCount(r.total_households, locale),
      poor: formatCount(r.poor, locale), rate: formatPercent(r.poor_rate, locale),
      ...(input.district ? { drate: r.district_poor_rate == null ? '' : formatPercent(r.district_poor_rate as number, locale) } : {}),
    })),
  };
  const legend = input.district
    ? [{ swatch: 'sw-poor', label: input.areaName }, { swatch: 'sw-district', label: input.districtLabel ?? S.district }]
    : [{ swatch: 'sw-poor', label: S.poor }, ...(input.target && last.review_year < input.target.review_year ? [{ swatch: 'sw-target', label: S.pathToTarget }] : [])];
  return { id: input.id, title, summary, svg, svgCompact, table, csv: toCsv(cols, rows), legend, notes: breakNotes(breaks, locale) };
}

/**
 * The table view of a series as SQL. The territory: its rows in every period, named for each. A unit: its own
 * rows within its period, with the territory's rate beside them; a new unit that is a union of whole 2019–2024
 * units (comparable.ts) reaches back by summing their published rows, for the years where every part has one
 * (the statement says so in a comment).
 */
export function seriesQuery(spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const S = strings(ctx.locale).charts.series;
  const C = strings(ctx.locale).charts;
  const years = [...new Set(standards.flatMap((s) => [s.first_review_year, s.last_review_year]))];
  const std = `${standardSql('p.review_year', years)} AS standard`;
  const head: QueryColumn[] = [{ name: 'review_year', label: C.reviewYear, format: 'year' }];
  const tail: QueryColumn[] = [
    { name: 'standard', label: S.standardColumn },
    { name: 'total_households', label: S.total, format: 'count' },
    { name: 'poor', label: S.poor, format: 'count' },
    { name: 'poor_rate', label: S.rate, format: 'percent' },
  ];
  if (spec.area === 'district') {
    return {
      sql: statement(
        `SELECT p.review_year,a.${named('name', ctx.locale)} AS area_name,${std},p.total_households,p.poor,p.poor_rate`,
        'FROM poverty p',
        areaJoinSql('a', 'p'),
        `WHERE p.area_code=${lit(ctx.key.code)}`,
        'ORDER BY p.review_year',
      ),
      columns: [...head, { name: 'area_name', label: S.areaColumn }, ...tail],
    };
  }
  const c = ctx.key.period === FIRST_PERIOD ? null : comparableCase(ctx.key.code, ctx.key.period);
  const parts = c?.kind === 'whole_union' ? c.parts.map((p) => p.key.code).sort() : null;
  const from = parts
    ? [
      `FROM (SELECT review_year,sum(total_households)::INTEGER AS total_households,sum(poor)::INTEGER AS poor,round(100.0*sum(poor)/sum(total_households),2) AS poor_rate`,
      `FROM poverty WHERE area_code IN (${parts.map(lit).join(',')}) AND ${periodYearsSql('review_year', FIRST_PERIOD)} GROUP BY review_year HAVING count(*)=${parts.length}`,
      `UNION ALL SELECT review_year,total_households,poor,poor_rate FROM poverty WHERE ${areaWhere('', ctx.key)}) p`,
    ].join('\n')
    : 'FROM poverty p';
  return {
    sql: statement(
      parts && `-- ${strings(ctx.locale).chartSql.summedComment(ctx.areaName, parts.join(', '))}`,
      `SELECT p.review_year,${std},p.total_households,p.poor,p.poor_rate,t.poor_rate AS district_poor_rate`,
      from,
      `LEFT JOIN poverty t ON t.area_code=${lit(TOP_CODE)} AND t.review_year=p.review_year`,
      !parts && `WHERE ${areaWhere('p', ctx.key)}`,
      'ORDER BY p.review_year',
    ),
    columns: [...head, ...tail, { name: 'district_poor_rate', label: S.districtRateColumn, format: 'percent' }],
  };
}
