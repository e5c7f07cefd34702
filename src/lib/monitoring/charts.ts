// The charts of the newly escaped and lasting-exits views: drawn like every chart of the site (src/lib/charts/
// plot.ts: pre-rendered SVG and a phone twin, a table view, a CSV; a hidden cell as a small hatched marker with
// its range, never a length). The figures come from escaped.ts; nothing here decides what a figure is.
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, hiddenMarksX, hiddenMarksY, COLORS, HIDDEN_MARK } from '../charts/plot';
import type { ChartResult } from '../charts/types';
import { formatCount, formatHidden, formatPercent, formatNumber, formatSignedCount, type Locale } from '../format';
import { reviewYearLabel } from '../i18n';
import { EXIT_OUTCOMES, type ExitOutcome } from '../contract';
import { strings } from '../../i18n';
import { lastingHeadline, newlyEscapedSummary, type Count, type ExitCohort, type NewlyEscapedPoint } from './escaped';

/** Okabe–Ito, like the rest of the site: poor and near-poor keep the site's colours. */
export const OUTCOME_COLORS: Record<ExitOutcome, string> = {
  poor: COLORS.poor, near_poor: COLORS.near_poor, not_poor: COLORS.escaped, not_assessed: '#e69f00',
};
/** Complete and incomplete (partial linkage) years of the newly escaped series. */
const PARTIAL_COLOR = '#7fcdb6';

const n = (c: Count, locale: Locale) => (c.households == null ? formatHidden(c, locale) : formatCount(c.households, locale));
const status = (c: Count) => (c.households == null ? 'suppressed' : 'ok');

/** Hộ mới thoát nghèo per review year in one area: bars, incomplete years in a lighter colour and said so. */
export function newlyEscapedChart(input: { id: string; areaName: string; points: NewlyEscapedPoint[] }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const E = strings(locale).escaped;
  const S = E.charts;
  const pts = input.points;
  const years = pts.map((p) => p.review_year);
  const label = (p: NewlyEscapedPoint) => (p.partial ? S.partial : S.complete);
  const shown = pts.filter((p) => p.households != null).map((p) => ({ ...p, kind: label(p) }));
  const hidden = pts.filter((p) => p.households == null);
  const sum = newlyEscapedSummary(pts);
  let summary = sum
    ? S.newlyEscapedSummary({
      area: input.areaName, count: n(sum.latest, locale), year: sum.latest.review_year,
      previous: sum.previous ? n(sum.previous, locale) : null, previousYear: sum.previous?.review_year ?? null,
      change: sum.change == null ? null : formatSignedCount(sum.change, locale),
    })
    : S.newlyEscapedNone(input.areaName);
  if (hidden.length) summary += C.hiddenCells(formatCount(hidden.length, locale), true);
  const max = Math.max(1, ...shown.map((p) => p.households as number));
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barY(shown, { x: 'review_year', y: 'households', fill: 'kind' }),
    Plot.text(shown, { x: 'review_year', y: 'households', text: (p: { households: number }) => formatCount(p.households, locale), dy: -6, lineAnchor: 'bottom', fontSize, fill: '#1b1f24' }),
    ...hiddenMarksY(hidden, { x: 'review_year', label: (p) => formatHidden(p, locale) }, fontSize),
    Plot.ruleY([0], { stroke: '#1b1f24' }),
  ];
  const options: Plot.PlotOptions = {
    width: 560, height: 280, marginLeft: 56, marginBottom: 40, marginTop: 24,
    style: { fontSize: '13px' },
    x: { domain: years, label: C.reviewYear, labelAnchor: 'center', labelOffset: 34, tickFormat: (y: number) => String(y), padding: 0.35 },
    y: { domain: [0, max * 1.15], grid: true, label: S.households, tickFormat: (v: number) => formatCount(v, locale), ticks: 5 },
    color: { domain: [S.complete, S.partial], range: [COLORS.escaped, PARTIAL_COLOR] },
    marks: marks(11),
  };
  const { svg, svgCompact } = renderPlotPair(options, { ...options, height: 260, marginLeft: 44, style: { fontSize: '12px' }, marks: marks(10) }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const table = {
    columns: [{ key: 'year', label: C.reviewYear }, { key: 'households', label: E.population, numeric: true }, { key: 'linkage', label: S.linkage }],
    rows: pts.map((p) => ({ year: reviewYearLabel(p.review_year, locale), households: n(p, locale), linkage: label(p) })),
  };
  const csv = toCsv(['review_year', 'households', 'households_min', 'households_max', 'status', 'linkage'],
    pts.map((p) => ({ review_year: p.review_year, households: p.households, households_min: p.households_min, households_max: p.households_max, status: status(p), linkage: p.partial ? 'partial' : 'complete' })));
  const partial = pts.filter((p) => p.partial).map((p) => p.review_year);
  return {
    id: input.id, title: S.newlyEscapedTitle(input.areaName), summary, svg, svgCompact, table, csv,
    legend: [{ swatch: 'sw-escaped', label: S.complete }, ...(partial.length ? [{ swatch: 'sw-escaped-partial', label: S.partial }] : []), ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
    notes: partial.length ? [{ kind: 'linkage', text: S.partialYears(partial.join(', ')) }] : [],
  };
}

/**
 * Lasting exits: one panel per exit cohort, a stacked bar per later review (1, 2, 3 reviews after) of the four
 * outcomes as shares of the cohort. A hidden cohort size leaves no share: its bars are a hidden marker.
 */
export function exitOutcomesChart(input: { id: string; areaName: string; cohorts: ExitCohort[] }, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const E = strings(locale).escaped;
  const S = E.charts;
  const O = E.outcomes;
  const cohortLabel = (c: ExitCohort) => S.cohortShort(c.exitYear);
  const after = (k: number) => E.afterLabel(k);
  // the panels' ticks: "+1" … (the axis says "reviews later"); the table and the CSV keep the words
  const tick = (k: number) => `+${k}`;
  const stacked = input.cohorts.flatMap((c) => c.steps.flatMap((s) => s.outcomes.filter((o) => o.share != null).map((o) => ({
    cohort: cohortLabel(c), step: tick(s.years_after), outcome: O[o.outcome], share: o.share as number,
  }))));
  // a step with any hidden outcome: the shown ones are stacked and the bar says some cells are hidden
  const withHidden = input.cohorts.flatMap((c) => c.steps.filter((s) => c.escaped.households != null && s.outcomes.some((o) => o.households == null)).map((s) => ({
    cohort: cohortLabel(c), step: tick(s.years_after), top: s.outcomes.reduce((t, o) => t + (o.share ?? 0), 0),
  })));
  const hiddenCohorts = input.cohorts.filter((c) => c.escaped.households == null).flatMap((c) => c.steps.map((s) => ({ cohort: cohortLabel(c), step: tick(s.years_after), c: c.escaped })));
  const hiddenCount = input.cohorts.reduce((t, c) => t + (c.escaped.households == null ? 1 : 0) + c.steps.reduce((u, s) => u + s.outcomes.filter((o) => o.households == null).length, 0), 0);
  const head = lastingHeadline(input.cohorts);
  let summary = head
    ? S.outcomesSummary({
      area: input.areaName, exitYear: head.exitYear, escaped: n(head.escaped, locale), after: head.yearsAfter,
      poor: n(head.poorAgain, locale), share: head.poorAgain.share == null ? null : formatPercent(head.poorAgain.share, locale, 1),
    })
    : S.outcomesNone(input.areaName);
  if (hiddenCount) summary += C.hiddenCells(formatCount(hiddenCount, locale), hiddenCohorts.length > 0);
  const cohorts = input.cohorts.filter((c) => c.steps.length > 0).map(cohortLabel);
  const steps = [1, 2, 3].map(tick);
  // hiddenMarksY of plot.ts, faceted: the hatched square on the zero line, the cohort's range above it
  const hiddenCohortMarks = (facet: 'fx' | 'fy', fontSize: number): Plot.Markish[] => [
    Plot.barY(hiddenCohorts, { [facet]: 'cohort', x: 'step', y1: 0, y2: 0, insetTop: -HIDDEN_MARK, fill: 'url(#hatch)', stroke: COLORS.suppressed, strokeWidth: 0.5 }),
    Plot.text(hiddenCohorts, { [facet]: 'cohort', x: 'step', y: 0, text: (h: { c: Count }) => formatHidden(h.c, locale), dy: -(HIDDEN_MARK + 3), lineAnchor: 'bottom', fontSize, fill: '#1b1f24' }),
  ];
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barY(stacked, { fx: 'cohort', x: 'step', y: 'share', fill: 'outcome', order: EXIT_OUTCOMES.map((o) => O[o]) }),
    Plot.text(withHidden, { fx: 'cohort', x: 'step', y: 'top', text: () => S.hiddenInStack, dy: -4, lineAnchor: 'bottom', fontSize: fontSize - 1, fill: '#1b1f24' }),
    ...hiddenCohortMarks('fx', fontSize),
    Plot.ruleY([0], { stroke: '#1b1f24' }),
  ];
  const options: Plot.PlotOptions = {
    width: Math.max(560, 180 * cohorts.length), height: 300, marginLeft: 48, marginBottom: 44, marginTop: 36,
    style: { fontSize: '12px' },
    fx: { domain: cohorts, label: null, padding: 0.12 },
    x: { domain: steps, label: S.after, labelAnchor: 'center', labelOffset: 32, tickSize: 0, padding: 0.2 },
    y: { domain: [0, 100], grid: true, label: S.shareAxis, ticks: 5, tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` },
    color: { domain: EXIT_OUTCOMES.map((o) => O[o]), range: EXIT_OUTCOMES.map((o) => OUTCOME_COLORS[o]) },
    marks: marks(11),
  };
  // on a phone: one cohort per row
  const compact: Plot.PlotOptions = {
    ...options, height: 40 + 150 * Math.max(1, cohorts.length), marginLeft: 44, marginTop: 20,
    fx: undefined, fy: { domain: cohorts, label: null, padding: 0.2 },
    marks: [
      Plot.barY(stacked, { fy: 'cohort', x: 'step', y: 'share', fill: 'outcome', order: EXIT_OUTCOMES.map((o) => O[o]) }),
      Plot.text(withHidden, { fy: 'cohort', x: 'step', y: 'top', text: () => S.hiddenInStack, dy: -4, lineAnchor: 'bottom', fontSize: 10, fill: '#1b1f24' }),
      ...hiddenCohortMarks('fy', 11),
      Plot.ruleY([0], { stroke: '#1b1f24' }),
    ],
  };
  const { svg, svgCompact } = renderPlotPair(options, compact, { label: summary, hatch: hiddenCohorts.length > 0, id: input.id });
  const cell = (o: { households: number | null; share: number | null; households_min: number | null; households_max: number | null }) =>
    o.households == null ? formatHidden(o, locale) : `${formatCount(o.households, locale)}${o.share == null ? '' : ` (${formatPercent(o.share, locale, 1)})`}`;
  const table = {
    columns: [
      { key: 'cohort', label: S.exitYear }, { key: 'size', label: S.cohortSize, numeric: true }, { key: 'after', label: S.after },
      ...EXIT_OUTCOMES.map((o) => ({ key: o, label: O[o], numeric: true })),
    ],
    rows: input.cohorts.flatMap((c) => c.steps.map((s) => ({
      cohort: reviewYearLabel(c.exitYear, locale), size: n(c.escaped, locale),
      after: `${after(s.years_after)} (${S.lookedAt.toLowerCase()} ${s.review_year})${s.partial ? ` — ${E.partialMark}` : ''}`,
      ...Object.fromEntries(s.outcomes.map((o) => [o.outcome, cell(o)])),
    }))),
  };
  const csv = toCsv(['exit_review_year', 'escaped', 'years_after', 'review_year', 'outcome', 'outcome_name', 'households', 'households_min', 'households_max', 'share', 'status', 'linkage'],
    input.cohorts.flatMap((c) => c.steps.flatMap((s) => s.outcomes.map((o) => ({
      exit_review_year: c.exitYear, escaped: c.escaped.households, years_after: s.years_after, review_year: s.review_year, outcome: o.outcome, outcome_name: O[o.outcome],
      households: o.households, households_min: o.households_min, households_max: o.households_max, share: o.share, status: status(o), linkage: s.partial ? 'partial' : 'complete',
    })))));
  const partial = input.cohorts.flatMap((c) => c.steps.filter((s) => s.partial).map((s) => `${c.exitYear} → ${s.review_year}`));
  return {
    id: input.id, title: S.outcomesTitle(input.areaName), summary, svg, svgCompact, table, csv,
    legend: [...EXIT_OUTCOMES.map((o) => ({ swatch: `sw-outcome-${o}`, label: O[o] })), ...(hiddenCohorts.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
    notes: partial.length ? [{ kind: 'linkage', text: S.partialSteps(partial.join(', ')) }] : [],
  };
}

export interface ShareBarGroup { key: string; label: string; color: string; swatch: string }
export interface ShareBarCell extends Count {
  category: string; group: string; share: number | null;
  /** false: no published row (drawn as nothing, '—' in the table), unlike a hidden cell */
  published?: boolean;
}

/**
 * Horizontal bars of shares (percent of each group's households) per category, one bar per group: support
 * received per program by population, deprivation per dimension. The groups overlap (a newly escaped
 * household can be near-poor): bars sit side by side, never stacked.
 */
export function shareBarsChart(input: {
  id: string; title: string; summary: string; categoryLabel: string;
  categories: { code: string; name: string }[]; groups: ShareBarGroup[]; cells: ShareBarCell[];
}, locale: Locale): ChartResult {
  const C = strings(locale).charts;
  const S = strings(locale).escaped.charts;
  const catName = new Map(input.categories.map((c) => [c.code, c.name]));
  const groupLabel = new Map(input.groups.map((g) => [g.key, g.label]));
  const rows = input.cells.filter((c) => c.published !== false).map((c) => ({ ...c, cat: catName.get(c.category) ?? c.category, grp: groupLabel.get(c.group) ?? c.group }));
  const shown = rows.filter((r) => r.share != null);
  const hidden = rows.filter((r) => r.share == null);
  let summary = input.summary;
  if (hidden.length) summary += C.hiddenCells(formatCount(hidden.length, locale), true);
  const max = Math.max(10, ...shown.map((r) => r.share as number));
  const marks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'share', y: 'grp', fy: 'cat', fill: 'grp' }),
    ...hiddenMarksX(hidden, { y: 'grp', fy: 'cat', label: (r) => (r.households == null ? formatHidden(r, locale) : formatCount(r.households, locale)) }, fontSize),
    Plot.text(shown, { x: 'share', y: 'grp', fy: 'cat', text: (r: { share: number }) => formatNumber(r.share, locale, 1), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const g = input.groups.length;
  const options: Plot.PlotOptions = {
    width: 600, height: 40 + input.categories.length * (g * 14 + 8), marginLeft: 220, marginRight: 48, marginTop: 28,
    style: { fontSize: '12px' },
    x: { domain: [0, Math.ceil(max / 10) * 10], grid: true, label: null, axis: 'top', tickFormat: (v: number) => `${formatNumber(v, locale, 0)}%` },
    fy: { domain: input.categories.map((c) => c.name), label: null, tickSize: 0, padding: 0.12 },
    y: { domain: input.groups.map((x) => x.label), axis: null },
    color: { domain: input.groups.map((x) => x.label), range: input.groups.map((x) => x.color) },
    marks: marks(10),
  };
  const { svg, svgCompact } = renderPlotPair(options, {
    ...options, marginLeft: 130, marginRight: 36, height: 40 + input.categories.length * Math.max(34, g * 15 + 6),
    marks: [...marks(11), Plot.axisFy({ anchor: 'left', lineWidth: 9, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const table = {
    columns: [
      { key: 'category', label: input.categoryLabel },
      ...input.groups.flatMap((x) => [{ key: `${x.key}_n`, label: S.countOf(x.label), numeric: true }, { key: `${x.key}_s`, label: S.shareOf(x.label.toLowerCase()), numeric: true }]),
    ],
    rows: input.categories.map((cat) => ({
      category: cat.name,
      ...Object.fromEntries(input.groups.flatMap((x) => {
        const r = rows.find((c) => c.category === cat.code && c.group === x.key);
        if (!r) return [[`${x.key}_n`, '—'], [`${x.key}_s`, '—']];
        const hiddenText = formatHidden(r, locale);
        return [[`${x.key}_n`, r?.households == null ? hiddenText : formatCount(r.households, locale)], [`${x.key}_s`, r?.share == null ? (r?.households == null ? hiddenText : '—') : formatPercent(r.share, locale, 1)]];
      })),
    })),
  };
  const csv = toCsv(['category', 'category_name', 'group', 'group_name', 'households', 'households_min', 'households_max', 'share', 'status'],
    rows.map((r) => ({ category: r.category, category_name: r.cat, group: r.group, group_name: r.grp, households: r.households, households_min: r.households_min, households_max: r.households_max, share: r.share, status: status(r) })));
  return {
    id: input.id, title: input.title, summary, svg, svgCompact, table, csv,
    legend: [...input.groups.map((x) => ({ swatch: x.swatch, label: x.label })), ...(hidden.length ? [{ swatch: 'sw-hatch', label: C.hiddenLegend }] : [])],
  };
}
