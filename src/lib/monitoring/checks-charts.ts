// The charts of the monitoring checks, drawn like every chart of the site (src/lib/charts/plot.ts): the six mismatch
// cells by review year, deprivation by dimension for one area and year, and the what-if beside the recognised
// counts. Each returns a ChartResult: SVG (wide and compact), table view, CSV, one-sentence summary.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, hiddenMarksX, COLORS } from '../charts/plot';
import { breakNotes } from '../charts/series';
import { seriesBreaks } from '../areas';
import type { ChartResult } from '../charts/types';
import { formatCount, formatHidden, formatNumber, formatPercent, type Locale } from '../format';
import { strings } from '../../i18n';
import type { Population } from '../contract';
import { direction, type MismatchFinding } from './checks';
import { DIMENSION_POPULATIONS, type DimensionTable } from './dimensions';
import { formatWhatIfRange, type WhatIfArea } from './what-if';

const CELL_COLORS: Record<string, string> = { rule_lower: '#0072b2', rule_higher: '#d55e00' };

/** The six cells of recorded × rule for each review year of an area (facets: the cells; bars: the years). */
export function mismatchChart(input: { id: string; areaName: string; findings: MismatchFinding[] }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const M = strings(locale).checks.mismatch;
  const years = input.findings.map((f) => f.review_year);
  const rows = input.findings.flatMap((f) => f.cells.map((c) => ({
    year: String(f.review_year), review_year: f.review_year, measure: c.measure, label: M.short[c.measure],
    households: c.households, households_min: c.households_min, households_max: c.households_max,
    kind: direction(c.measure),
  })));
  const shown = rows.filter((r) => r.households != null);
  const hidden = rows.filter((r) => r.households == null);
  const last = input.findings[input.findings.length - 1];
  const summary = !last ? M.chartEmpty
    : last.total.households == null ? M.chartSummaryHidden(last.review_year)
      : M.chartSummary(last.review_year, formatCount(last.total.households, locale), formatPercent(last.rate as number, locale), formatCount(last.totalHouseholds, locale))
        + (hidden.length ? C.hiddenCells(formatCount(hidden.length, locale), true) : '');
  const labels = input.findings[0]?.cells.map((c) => M.short[c.measure]) ?? [];
  const max = Math.max(1, ...shown.map((r) => r.households as number));
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'households', y: 'year', fy: 'label', fill: (r: { kind: string }) => CELL_COLORS[r.kind] }),
    ...hiddenMarksX(hidden, { y: 'year', fy: 'label', label: (r) => formatHidden(r, locale) }, fontSize),
    Plot.text(shown, { x: 'households', y: 'year', fy: 'label', text: (r: { households: number }) => formatCount(r.households, locale), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const options: Plot.PlotOptions = {
    width: 640, height: 40 + labels.length * (years.length * 14 + 10), marginLeft: 250, marginRight: 56, marginTop: 28,
    style: { fontSize: '12px' },
    x: { domain: [0, max * 1.1], grid: true, label: null, axis: 'top', tickFormat: (v: number) => formatCount(v, locale) },
    fy: { domain: labels, label: null, tickSize: 0, padding: 0.15 },
    y: { domain: years.map(String), label: null, tickSize: 0 },
    marks: marks(10),
  };
  const { svg, svgCompact } = renderPlotPair(options, {
    ...options, marginLeft: 150, marginRight: 40, height: 40 + labels.length * Math.max(40, years.length * 15 + 12),
    marks: [...marks(11), Plot.axisFy({ anchor: 'left', lineWidth: 12, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const table = {
    columns: [{ key: 'year', label: C.reviewYear }, ...labels.map((l, i) => ({ key: `c${i}`, label: l, numeric: true })), { key: 'total', label: M.totalColumn, numeric: true }, { key: 'rate', label: M.rateColumn, numeric: true }],
    rows: input.findings.map((f) => ({
      year: String(f.review_year),
      ...Object.fromEntries(f.cells.map((c, i) => [`c${i}`, c.households == null ? formatHidden(c, locale) : formatCount(c.households, locale)])),
      total: f.total.households == null ? formatHidden(f.total, locale) : formatCount(f.total.households, locale),
      rate: f.rate == null ? formatHidden(undefined, locale) : `${formatPercent(f.rate, locale)} (${formatCount(f.total.households as number, locale)} / ${formatCount(f.totalHouseholds, locale)})`,
    })),
  };
  const csv = toCsv(['review_year', 'measure', 'label', 'households', 'households_min', 'households_max', 'status'],
    rows.map((r) => ({ review_year: r.review_year, measure: r.measure, label: r.label, households: r.households, households_min: r.households_min, households_max: r.households_max, status: r.households == null ? 'suppressed' : 'ok' })));
  return {
    id: input.id, title: M.chartTitle(input.areaName), summary, svg, svgCompact, table, csv,
    legend: [{ swatch: 'sw-near_poor', label: M.legendLower }, { swatch: 'sw-newly_poor', label: M.legendHigher },
      ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
    notes: [{ kind: 'neither', text: M.shortNote }, ...breakNotes(seriesBreaks(years).filter((b) => b.kind === 'standard'), locale)],
  };
}

/** The share of poor and near-poor households deprived in each dimension of one area and review year. */
export function dimensionChart(input: { id: string; areaName: string; table: DimensionTable | null; reviewYear: number }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const D = strings(locale).checks.dimensions;
  const POP = C.population;
  const t = input.table;
  const rows = (t?.lines ?? []).flatMap((l) => DIMENSION_POPULATIONS.map((p) => ({ dimension: l.name, code: l.code, population: p, popLabel: POP[p], ...l.cells[p] })));
  const shown = rows.filter((r) => r.share != null);
  const hidden = rows.filter((r) => r.share == null && r.base > 0);
  const hiddenPoor = t ? t.lines.filter((l) => l.cells.poor.households == null && (l.cells.poor.households_max ?? t.base.poor) > (t.top?.households ?? 0)).length : 0;
  const near = t?.topNearPoor;
  const nearText = near ? D.nearPoor({ dimension: near.name, households: formatCount(near.households, locale), base: formatCount(near.base, locale), share: formatPercent(near.share, locale, 1) }) : '';
  const summary = !t ? D.summaryNone(input.areaName, formatCount(0, locale))
    : t.base.poor === 0 ? D.noPoor(input.areaName) + nearText
      : !t.top ? D.summaryNone(input.areaName, formatCount(t.base.poor, locale)) + nearText
        : (t.top.certain ? D.summary : (v: Parameters<typeof D.summary>[0]) => D.summaryUncertain({ ...v, hidden: formatCount(hiddenPoor, locale) }))({
          area: input.areaName, dimension: t.top.name, households: formatCount(t.top.households, locale), base: formatCount(t.top.base, locale), share: formatPercent(t.top.share, locale, 1),
        });
  const order = (t?.lines ?? []).map((l) => l.name);
  const max = Math.max(10, ...shown.map((r) => r.share as number));
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'share', y: 'popLabel', fy: 'dimension', fill: 'popLabel' }),
    ...hiddenMarksX(hidden, { y: 'popLabel', fy: 'dimension', label: (r) => formatHidden(r, locale) }, fontSize),
    Plot.text(shown, { x: 'share', y: 'popLabel', fy: 'dimension', text: (r: { share: number }) => formatNumber(r.share, locale, 1), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const options: Plot.PlotOptions = {
    width: 600, height: 40 + order.length * (DIMENSION_POPULATIONS.length * 16 + 8), marginLeft: 250, marginRight: 48, marginTop: 28,
    style: { fontSize: '12px' },
    x: { domain: [0, Math.min(100, Math.ceil(max / 10) * 10)], grid: true, label: null, axis: 'top', tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` },
    fy: { domain: order, label: null, tickSize: 0, padding: 0.12 },
    y: { domain: DIMENSION_POPULATIONS.map((p) => POP[p]), axis: null },
    color: { domain: DIMENSION_POPULATIONS.map((p) => POP[p]), range: DIMENSION_POPULATIONS.map((p) => COLORS[p]) },
    marks: marks(10),
  };
  const { svg, svgCompact } = renderPlotPair(options, {
    ...options, marginLeft: 120, marginRight: 36, height: 40 + order.length * 44,
    marks: [...marks(11), Plot.axisFy({ anchor: 'left', lineWidth: 9, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const count = (c: { households: number | null; base: number } & Parameters<typeof formatHidden>[0]) =>
    (c.households == null ? formatHidden(c, locale) : `${formatCount(c.households, locale)} / ${formatCount(c.base, locale)}`);
  const table = {
    columns: [
      { key: 'dimension', label: C.dimension },
      ...DIMENSION_POPULATIONS.flatMap((p) => [{ key: `${p}_n`, label: D.householdsColumn(POP[p]), numeric: true }, { key: `${p}_s`, label: D.shareColumn(POP[p]), numeric: true }]),
    ],
    rows: (t?.lines ?? []).map((l) => ({
      dimension: l.name,
      ...Object.fromEntries(DIMENSION_POPULATIONS.flatMap((p) => [[`${p}_n`, count(l.cells[p])], [`${p}_s`, l.cells[p].share == null ? formatHidden(l.cells[p], locale) : formatPercent(l.cells[p].share as number, locale, 1)]])),
    })),
  };
  const csv = toCsv(['review_year', 'dimension_code', 'dimension_name', 'population', 'households', 'households_min', 'households_max', 'population_households', 'share', 'status'],
    rows.map((r) => ({ review_year: input.reviewYear, dimension_code: r.code, dimension_name: r.dimension, population: r.population, households: r.households, households_min: r.households_min, households_max: r.households_max, population_households: r.base, share: r.share, status: r.households == null ? 'suppressed' : 'ok' })));
  return {
    id: input.id, title: D.chartTitle(input.areaName), summary, svg, svgCompact, table, csv,
    legend: [...DIMENSION_POPULATIONS.map((p) => ({ swatch: `sw-${p}`, label: POP[p] })), ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
  };
}

/** What-if: recognised, the old rule, the new rule's range and the later recognised counts, for poor and near-poor. */
export function whatIfChart(input: { id: string; areaName: string; area: WhatIfArea | null; from: string; to: string; summary: string }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const W = strings(locale).checks.whatIf;
  const POP = C.population;
  const a = input.area;
  type Bar = { group: string; population: Population; popLabel: string; low: number | null; high: number | null; exact: boolean; hidden: boolean; text: string } & { households_min: number | null; households_max: number | null };
  const bars: Bar[] = [];
  const groups: string[] = [];
  if (a) {
    const push = (group: string, p: Population, low: number | null, high: number | null, hidden: boolean, text: string) =>
      bars.push({ group, population: p, popLabel: POP[p], low, high, exact: low === high, hidden, text, households_min: hidden ? low : null, households_max: hidden ? high : null });
    groups.push(W.recognised(a.review_year), W.oldRule(input.from), W.newRule(input.to), ...a.later.map((l) => W.laterRecognised(l.review_year)));
    for (const p of ['poor', 'near_poor'] as Population[]) {
      push(groups[0]!, p, a.recognised[p], a.recognised[p], false, formatCount(a.recognised[p], locale));
      const o = a.oldRule[p];
      push(groups[1]!, p, o?.min ?? null, o?.max ?? null, o?.hidden ?? true, formatWhatIfRange(o, locale));
      const n = a.newRule[p];
      push(groups[2]!, p, n?.hidden ? n.low : n?.min ?? null, n?.hidden ? n.high : n?.max ?? null, n?.hidden ?? true, formatWhatIfRange(n, locale));
      a.later.forEach((l, i) => push(groups[3 + i]!, p, l[p], l[p], false, formatCount(l[p], locale)));
    }
  }
  const shown = bars.filter((b) => !b.hidden && b.low != null && b.high != null);
  const hidden = bars.filter((b) => b.hidden);
  const max = Math.max(1, ...shown.map((b) => b.high as number));
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x1: 0, x2: 'low', y: 'group', fy: 'popLabel', fill: 'popLabel' }),
    // the range an uncollected indicator leaves open: drawn lighter, from the lower to the upper count
    Plot.barX(shown.filter((b) => !b.exact), { x1: 'low', x2: 'high', y: 'group', fy: 'popLabel', fill: 'popLabel', fillOpacity: 0.35 }),
    ...hiddenMarksX(hidden, { y: 'group', fy: 'popLabel', label: (b) => b.text }, fontSize),
    Plot.text(shown, { x: 'high', y: 'group', fy: 'popLabel', text: 'text', dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const options: Plot.PlotOptions = {
    width: 640, height: 40 + 2 * (groups.length * 22 + 14), marginLeft: 290, marginRight: 80, marginTop: 28,
    style: { fontSize: '12px' },
    x: { domain: [0, max * 1.15], grid: true, label: null, axis: 'top', tickFormat: (v: number) => formatCount(v, locale) },
    fy: { domain: [POP.poor, POP.near_poor], label: null, padding: 0.12 },
    y: { domain: groups, label: null, tickSize: 0 },
    color: { domain: [POP.poor, POP.near_poor], range: [COLORS.poor, COLORS.near_poor] },
    marks: marks(10),
  };
  const { svg, svgCompact } = renderPlotPair(options, {
    ...options, marginLeft: 170, marginRight: 60, height: 40 + 2 * (groups.length * 30 + 14),
    marks: marks(11),
  }, { label: input.summary, hatch: hidden.length > 0, id: input.id });
  const table = {
    columns: [{ key: 'group', label: W.groupColumn }, { key: 'poor', label: POP.poor, numeric: true }, { key: 'near_poor', label: POP.near_poor, numeric: true }],
    rows: groups.map((g) => ({ group: g, poor: bars.find((b) => b.group === g && b.population === 'poor')?.text ?? '—', near_poor: bars.find((b) => b.group === g && b.population === 'near_poor')?.text ?? '—' })),
  };
  const csv = toCsv(['count', 'population', 'households_low', 'households_high', 'status'],
    bars.map((b) => ({ count: b.group, population: b.population, households_low: b.low, households_high: b.high, status: b.hidden ? 'suppressed' : 'ok' })));
  return {
    id: input.id, title: W.chartTitle(input.areaName, input.to), summary: input.summary, svg, svgCompact, table, csv,
    notes: [{ kind: 'range', text: W.rangeLegend }],
    legend: [{ swatch: 'sw-poor', label: POP.poor }, { swatch: 'sw-near_poor', label: POP.near_poor }, ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
  };
}
