// Poor households by review year, with the target ("no poor households by end-2024"). For a commune the
// rate is drawn beside the district's, because counts of different-sized areas do not compare.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, COLORS } from './plot';
import { formatCount, formatPercent, type Locale } from '../format';
import { reviewYearLabel } from '../i18n';
import type { ChartResult } from './types';

export interface SeriesPoint { review_year: number; poor: number; total_households: number; poor_rate: number }
export interface SeriesInput {
  id: string;
  areaName: string;
  points: SeriesPoint[];
  /** when set, draw rates of the area and of the district */
  district?: SeriesPoint[];
  target?: { review_year: number; poor: number };
}

export function seriesChart(input: SeriesInput, locale: Locale): ChartResult {
  const vi = locale === 'vi';
  const pts = [...input.points].sort((a, b) => a.review_year - b.review_year);
  const byRate = Boolean(input.district);
  const first = pts[0];
  const last = pts[pts.length - 1];
  const years = [...new Set([...pts.map((p) => p.review_year), ...(input.target ? [input.target.review_year] : [])])].sort();
  const title = byRate
    ? (vi ? `Tỷ lệ hộ nghèo: ${input.areaName} và toàn huyện` : `Poor household rate: ${input.areaName} and the district`)
    : (vi ? `Số hộ nghèo theo năm rà soát, ${input.areaName}` : `Poor households by review year, ${input.areaName}`);

  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#888' })];
  const yKey = byRate ? 'poor_rate' : 'poor';
  if (input.district) {
    const d = [...input.district].sort((a, b) => a.review_year - b.review_year);
    marks.push(Plot.lineY(d, { x: 'review_year', y: 'poor_rate', stroke: COLORS.district, strokeDasharray: '2,3', strokeWidth: 2 }));
    marks.push(Plot.dot(d, { x: 'review_year', y: 'poor_rate', fill: COLORS.district, symbol: 'square', r: 3.5 }));
  }
  marks.push(Plot.lineY(pts, { x: 'review_year', y: yKey, stroke: COLORS.poor, strokeWidth: 2.5 }));
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
    marks.push(Plot.text([input.target], { x: 'review_year', y: 'poor', dy: -12, text: () => (vi ? 'Mục tiêu: 0' : 'Target: 0'), fill: '#1b1f24' }));
  }

  let summary: string;
  if (pts.length === 1) {
    summary = vi
      ? `${input.areaName} có ${formatCount(last.poor, locale)} hộ nghèo (${formatPercent(last.poor_rate, locale)}) theo ${reviewYearLabel(last.review_year, locale)}.`
      : `${input.areaName} had ${formatCount(last.poor, locale)} poor households (${formatPercent(last.poor_rate, locale)}) in the ${reviewYearLabel(last.review_year, locale)}.`;
  } else {
    const dir = last.poor < first.poor ? (vi ? 'giảm' : 'fell') : last.poor > first.poor ? (vi ? 'tăng' : 'rose') : (vi ? 'giữ nguyên' : 'stayed');
    summary = vi
      ? `Số hộ nghèo của ${input.areaName} ${dir} từ ${formatCount(first.poor, locale)} (${formatPercent(first.poor_rate, locale)}, rà soát ${first.review_year}) ${last.poor <= first.poor ? 'xuống còn' : 'lên'} ${formatCount(last.poor, locale)} (${formatPercent(last.poor_rate, locale)}, rà soát ${last.review_year})`
      : `Poor households in ${input.areaName} ${dir} from ${formatCount(first.poor, locale)} (${formatPercent(first.poor_rate, locale)}, review ${first.review_year}) to ${formatCount(last.poor, locale)} (${formatPercent(last.poor_rate, locale)}, review ${last.review_year})`;
    if (input.district) {
      const dl = input.district.find((d) => d.review_year === last.review_year);
      if (dl) summary += vi ? `; toàn huyện ${formatPercent(dl.poor_rate, locale)}` : `; the district's rate was ${formatPercent(dl.poor_rate, locale)}`;
    }
    if (input.target && last.poor > input.target.poor) {
      summary += vi
        ? `; còn ${formatCount(last.poor - input.target.poor, locale)} hộ so với mục tiêu không còn hộ nghèo (rà soát ${input.target.review_year}).`
        : `; ${formatCount(last.poor - input.target.poor, locale)} households short of the target of no poor households (review ${input.target.review_year}).`;
    } else summary += '.';
  }
  const plotOptions: Plot.PlotOptions = {
    width: 560, height: 280, marginLeft: 56, marginTop: 28, marginRight: 28, marginBottom: 44,
    style: { fontSize: '13px' },
    x: { type: 'point', domain: years, label: vi ? 'Năm rà soát (hộ nghèo của năm sau)' : 'Review year (poor households of the next year)', labelAnchor: 'center', labelOffset: 38, tickFormat: (y: number) => String(y), inset: 20 },
    y: { grid: true, nice: true, label: byRate ? (vi ? 'Tỷ lệ hộ nghèo (%)' : 'Poor household rate (%)') : (vi ? 'Số hộ nghèo' : 'Poor households'), tickFormat: (v: number) => (byRate ? formatPercent(v, locale, 1) : formatCount(v, locale)), ticks: 5 },
    marks,
  };
  const { svg, svgCompact } = renderPlotPair(plotOptions,
    { ...plotOptions, height: 260, marginLeft: 50, marginRight: 22, style: { fontSize: '12px' }, x: { ...plotOptions.x, inset: 16 } },
    { label: summary, id: input.id });
  const cols = ['review_year', 'review_label', 'total_households', 'poor', 'poor_rate'];
  const rows = pts.map((p) => ({
    review_year: p.review_year, review_label: reviewYearLabel(p.review_year, locale), total_households: p.total_households, poor: p.poor, poor_rate: p.poor_rate,
    ...(input.district ? { district_poor_rate: input.district.find((d) => d.review_year === p.review_year)?.poor_rate ?? null } : {}),
  }));
  if (input.district) cols.push('district_poor_rate');
  const table = {
    columns: [
      { key: 'year', label: vi ? 'Năm rà soát' : 'Review year' },
      { key: 'total', label: vi ? 'Tổng số hộ' : 'Total households', numeric: true },
      { key: 'poor', label: vi ? 'Hộ nghèo' : 'Poor households', numeric: true },
      { key: 'rate', label: vi ? 'Tỷ lệ' : 'Rate', numeric: true },
      ...(input.district ? [{ key: 'drate', label: vi ? 'Tỷ lệ toàn huyện' : 'District rate', numeric: true }] : []),
    ],
    rows: rows.map((r) => ({
      year: reviewYearLabel(r.review_year, locale), total: formatCount(r.total_households, locale),
      poor: formatCount(r.poor, locale), rate: formatPercent(r.poor_rate, locale),
      ...(input.district ? { drate: r.district_poor_rate == null ? '' : formatPercent(r.district_poor_rate as number, locale) } : {}),
    })),
  };
  const legend = input.district
    ? [{ swatch: 'sw-poor', label: input.areaName }, { swatch: 'sw-district', label: vi ? 'Toàn huyện' : 'District' }]
    : [{ swatch: 'sw-poor', label: vi ? 'Hộ nghèo' : 'Poor households' }, ...(input.target && last.review_year < input.target.review_year ? [{ swatch: 'sw-target', label: vi ? 'Đường tới mục tiêu' : 'Path to the target' }] : [])];
  return { id: input.id, title, summary, svg, svgCompact, table, csv: toCsv(cols, rows), legend };
}
