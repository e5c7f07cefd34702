// Need vs delivery per support program: households in need (by the program's need rule), households
// supported, and those both in need and supported (coverage of need).
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, hiddenMarksX, COLORS } from './plot';
import { formatCount, formatHidden, formatPercent, type HiddenBounds, type Locale } from '../format';
import type { ChartResult } from './types';
import { strings } from '../../i18n';
import { programs } from '../reference';
import { localized } from '../i18n';
import type { ChartSpec } from './spec';
import { cellColumns, hiddenColumns, lit, statement, valuesTable, type ChartQuery, type QueryContext } from './query';

export interface SupportCell extends HiddenBounds { program_code: string; measure: 'in_need' | 'supported' | 'in_need_supported'; households: number | null }
const ORDER = ['in_need', 'supported', 'in_need_supported'] as const;

/** Coverage of need in percent, or null when hidden or no need. */
export function coverage(cells: SupportCell[], program: string): number | null {
  const need = cells.find((c) => c.program_code === program && c.measure === 'in_need')?.households;
  const both = cells.find((c) => c.program_code === program && c.measure === 'in_need_supported')?.households;
  if (need == null || both == null || need === 0) return null;
  return (100 * both) / need;
}

export function supportChart(input: { id: string; areaName: string; programs: { code: string; name: string }[]; cells: SupportCell[]; reviewYear: number }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const S = C.support;
  const L = S.measures;
  const data = input.programs.flatMap((p) => ORDER.map((m) => {
    const c = input.cells.find((x) => x.program_code === p.code && x.measure === m);
    return { program: p.name, code: p.code, measure: m, label: L[m], households: c ? c.households : null, households_min: c?.households_min ?? null, households_max: c?.households_max ?? null, present: Boolean(c) };
  })).filter((d) => d.present);
  const shown = data.filter((d) => d.households != null);
  const hidden = data.filter((d) => d.households == null);
  const cov = input.programs.map((p) => ({ p, c: coverage(input.cells, p.code) })).filter((x) => x.c != null) as { p: { name: string }; c: number }[];
  cov.sort((a, b) => a.c - b.c);
  const title = S.title(input.areaName, input.reviewYear);
  const named = (x: { p: { name: string }; c: number }) => ({ name: x.p.name, coverage: formatPercent(x.c, locale, 0) });
  let summary = cov.length ? S.summary(named(cov[0]), named(cov[cov.length - 1])) : S.none;
  if (hidden.length) summary += C.hiddenCells(formatCount(hidden.length, locale), false);
  const max = Math.max(1, ...shown.map((d) => d.households as number));
  const supportMarks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'households', y: 'label', fy: 'program', fill: 'label' }),
    ...hiddenMarksX(hidden, { y: 'label', fy: 'program', label: (d) => formatHidden(d, locale) }, fontSize),
    Plot.text(shown, { x: 'households', y: 'label', fy: 'program', text: (d: { households: number }) => formatCount(d.households, locale), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const supportOptions: Plot.PlotOptions = {
    width: 600, height: 56 + input.programs.length * 56, marginLeft: 200, marginRight: 50, marginTop: 44,
    style: { fontSize: '12px' },
    // the axis label on a row of its own above the ticks: in the corner it ran into the last tick
    x: { domain: [0, max], grid: true, axis: 'top', label: C.households, labelAnchor: 'center', labelOffset: 36, tickFormat: (v: number) => formatCount(v, locale), ticks: 5 },
    fy: { domain: input.programs.map((p) => p.name), label: null, tickSize: 0, padding: 0.15 },
    y: { domain: ORDER.map((m) => L[m]), axis: null },
    color: { domain: ORDER.map((m) => L[m]), range: [COLORS.need, COLORS.supported, COLORS.both] },
    marks: supportMarks(10),
  };
  const { svg, svgCompact } = renderPlotPair(supportOptions, {
    ...supportOptions, marginLeft: 124, marginRight: 40, x: { ...supportOptions.x, ticks: 3 },
    marks: [...supportMarks(11), Plot.axisFy({ anchor: 'left', lineWidth: 8, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const table = {
    columns: [{ key: 'program', label: S.program }, ...ORDER.map((m) => ({ key: m, label: L[m], numeric: true })), { key: 'cov', label: S.coverage, numeric: true }],
    rows: input.programs.map((p) => ({
      program: p.name,
      ...Object.fromEntries(ORDER.map((m) => { const c = input.cells.find((x) => x.program_code === p.code && x.measure === m); return [m, !c ? '—' : c.households == null ? formatHidden(c, locale) : formatCount(c.households, locale)]; })),
      cov: (() => { const c = coverage(input.cells, p.code); return c == null ? '—' : formatPercent(c, locale, 0); })(),
    })),
  };
  const csv = toCsv(['program_code', 'program_name', 'measure', 'measure_name', 'households', 'households_min', 'households_max', 'status'], data.map((d) => ({ program_code: d.code, program_name: d.program, measure: d.measure, measure_name: d.label, households: d.households, households_min: d.households_min, households_max: d.households_max, status: d.households == null ? 'suppressed' : 'ok' })));
  return { id: input.id, title, summary, svg, svgCompact, table, csv, legend: [{ swatch: 'sw-need', label: L.in_need }, { swatch: 'sw-supported', label: L.supported }, { swatch: 'sw-both', label: L.in_need_supported }, ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])] };
}

/**
 * Need and delivery per program as SQL: one row per program (the reference order) and measure; the row of
 * households in need and supported carries the coverage of need (none where a count is hidden or nobody is in need).
 */
export function supportQuery(_spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const L = strings(ctx.locale).charts.support.measures;
  const Q = strings(ctx.locale).chartSql.columns;
  const need = "max(CASE WHEN s.measure='in_need' THEN s.households END) OVER (PARTITION BY s.program_code)";
  return {
    sql: statement(
      `SELECT s.program_code,g.program_name,s.measure,m.measure_name,s.households,${cellColumns('s')},`
        + `CASE WHEN s.measure='in_need_supported' THEN round(100.0*s.households/nullif(${need},0),2) END AS coverage_percent`,
      'FROM support s',
      `JOIN ${valuesTable('g', ['program_code', 'program_name'], programs.map((p) => [p.code, localized(p, 'name', ctx.locale)]))} ON g.program_code=s.program_code`,
      `JOIN ${valuesTable('m', ['measure', 'measure_name'], ORDER.map((x) => [x, L[x]]))} ON m.measure=s.measure`,
      `WHERE s.area_code=${lit(ctx.key.code)} AND s.review_year=${ctx.year}`,
      'ORDER BY g.o,m.o',
    ),
    columns: [
      { name: 'program_code' }, { name: 'program_name', label: Q.program }, { name: 'measure' }, { name: 'measure_name', label: Q.measure },
      { name: 'households', label: Q.households, format: 'count' }, ...hiddenColumns(),
      { name: 'coverage_percent', label: Q.coverage, format: 'percent', digits: 0 },
    ],
  };
}
