// Movements in and out of poverty per review year: exits drawn below zero, entries above, so the net
// change reads as the gap between the two stacks.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, COLORS } from './plot';
import { formatCount, formatRange, type HiddenBounds, type Locale } from '../format';
import type { ChartDrawing } from './types';
import { strings } from '../../i18n';
import { seriesBreaks } from '../areas';
import { standardForReviewYear } from '../reference';
import type { ChartSpec } from './spec';
import { areaWhere, cellColumns, hiddenColumns, statement, valuesTable, type ChartQuery, type QueryContext } from './query';

export interface MovementRow extends HiddenBounds {
  review_year: number; measure: 'escaped' | 'exited_other' | 'newly_poor' | 'fell_back'; households: number | null;
  /** partial: some households of that year could not be linked to the previous review */
  linkage?: 'complete' | 'partial' | null;
}

const ORDER = ['escaped', 'exited_other', 'newly_poor', 'fell_back'] as const;

export function movementsChart(input: { id: string; areaName: string; rows: MovementRow[] }, locale: Locale): ChartDrawing {
  const C = strings(locale).charts;
  const S = C.movements;
  const L = S.measures;
  const years = [...new Set(input.rows.map((r) => r.review_year))].sort();
  const shown = input.rows
    .filter((r) => r.households != null)
    .map((r) => ({ ...r, signed: (r.measure === 'escaped' || r.measure === 'exited_other' ? -1 : 1) * (r.households as number), label: L[r.measure] }));
  const title = S.title(input.areaName);
  const row = (y: number, m: string) => input.rows.find((r) => r.review_year === y && r.measure === m);
  const get = (y: number, m: string) => row(y, m)?.households ?? null;
  const lastY = years[years.length - 1];
  // A hidden cell is named as hidden, never counted as 0; the net change is only given when all four are published.
  const v = (m: string) => { const n = get(lastY, m); return n == null ? S.hiddenFigure(formatRange(row(lastY, m), locale)) : formatCount(n, locale); };
  const lastVals = ORDER.map((m) => get(lastY, m));
  const net = lastVals.every((x) => x != null) ? (lastVals[2] as number) + (lastVals[3] as number) - (lastVals[0] as number) - (lastVals[1] as number) : null;
  const netText = net == null ? null : `${net > 0 ? '+' : net < 0 ? '−' : ''}${formatCount(Math.abs(net), locale)}`;
  const anySuppressed = input.rows.some((r) => r.households == null);
  let summary = years.length === 0
    ? S.none
    : S.summary({ year: lastY, escaped: v('escaped'), exitedOther: v('exited_other'), newlyPoor: v('newly_poor'), fellBack: v('fell_back'), net: netText });
  if (anySuppressed) summary += S.someHidden;
  const plotOptions: Plot.PlotOptions = {
    width: 560, height: 300, marginLeft: 56, marginBottom: 40, marginTop: 20,
    style: { fontSize: '13px' },
    x: { domain: years, label: C.reviewYear, labelAnchor: 'center', labelOffset: 34, tickFormat: (y: number) => String(y), padding: 0.35 },
    y: { grid: true, label: S.yLabel, tickFormat: (v: number) => formatCount(Math.abs(v), locale), ticks: 6 },
    color: { domain: ORDER.map((m) => L[m]), range: ORDER.map((m) => COLORS[m]) },
    marks: [
      Plot.barY(shown, { x: 'review_year', y: 'signed', fill: 'label', order: ORDER.map((m) => L[m]) }),
      Plot.ruleY([0], { stroke: '#1b1f24' }),
    ],
  };
  const { svg, svgCompact } = renderPlotPair(plotOptions, { ...plotOptions, height: 280, marginLeft: 48, style: { fontSize: '12px' } }, { label: summary, id: input.id });
  // movements a year could not link in full are incomplete: said next to the chart, not drawn as exits and entries
  const partial = years.filter((y) => input.rows.some((r) => r.review_year === y && r.linkage === 'partial'));
  const notes = partial.length > 0 ? [{ kind: 'linkage', text: S.partialLinkage(partial.join(', ')) }] : [];
  // a year whose review follows another standard than the review before: its movements mix the two standards
  for (const b of seriesBreaks([years[0] - 1, ...years]).filter((x) => x.kind === 'standard' && years.includes(x.after) && standardForReviewYear(x.before))) {
    notes.push({ kind: 'standard', text: S.noteStandard(b.before, b.after, standardForReviewYear(b.after)?.code ?? '') });
  }
  return { id: input.id, title, summary, svg, svgCompact, legend: ORDER.map((m) => ({ swatch: `sw-${m}`, label: L[m] })), notes };
}

/** The table view of the movements as SQL: one row per review year and movement, a hidden count as hidden. */
export function movementsQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const L = C.movements.measures;
  return {
    sql: statement(
      `SELECT g.review_year,g.measure,m.measure_name,g.households,${cellColumns('g')},g.linkage`,
      'FROM poverty_groups g',
      `JOIN ${valuesTable('m', ['measure', 'measure_name'], ORDER.map((x) => [x, L[x]]))} ON m.measure=g.measure`,
      `WHERE ${areaWhere('g', ctx.key)}`,
      'ORDER BY g.review_year,m.o',
    ),
    columns: [
      { name: 'review_year', label: C.reviewYear, format: 'year' }, { name: 'measure' },
      { name: 'measure_name', label: strings(ctx.locale).chartSql.columns.measure },
      { name: 'households', label: C.households, format: 'count' }, ...hiddenColumns(), { name: 'linkage' },
    ],
  };
}
