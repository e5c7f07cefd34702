// The recognised result against the standard's rule (issue 13, item 3): the six cells of recorded × rule off the
// diagonal (`poverty_groups`, MISMATCH_MEASURES), which add up to `status_mismatch`. Each cell implies what the rule
// found about its households — income above the line, fewer than the minimum deprivations, … — and that reason is
// derived from the standard in force for the review year (data/reference/standards.json), never from numbers
// written here. A mismatch can have lawful reasons (the review's own procedure: the commune's review council, the
// household's own assessment, documents, appeals): these figures are a signal for supervision, not proof of error.
// Pure: the pages render what this returns; tests/monitoring-checks.test.ts checks it on hand-made rows.
import { MISMATCH_MEASURES, type PovertyGroupRow, type PovertyRow } from '../contract';
import { standardForReviewYear, type Standard } from '../reference';
import { percent } from '../percent';
import { formatCount, formatHidden, formatPercent, type HiddenBounds, type Locale } from '../format';
import { strings } from '../../i18n';

export type MismatchMeasure = (typeof MISMATCH_MEASURES)[number];
/** A household's class: recognised by the commune (recorded) or derived from the standard's rule. */
export type HouseholdClass = 'poor' | 'near_poor' | 'not_poor';

/** What the standard's rule says about a household of a class (poverty-standard.md: the AND rule). */
export type RuleCondition = 'income_at_or_under' | 'income_above' | 'deprivations_at_least' | 'deprivations_fewer';
const CONDITIONS: Record<HouseholdClass, RuleCondition[]> = {
  poor: ['income_at_or_under', 'deprivations_at_least'],
  near_poor: ['income_at_or_under', 'deprivations_fewer'],
  not_poor: ['income_above'],
};

/** The recorded and rule classes a mismatch measure names (`recorded_poor_rule_near_poor` → poor, near_poor). */
export function mismatchClasses(measure: MismatchMeasure): { recorded: HouseholdClass; rule: HouseholdClass } {
  const m = /^recorded_(poor|near_poor|not_poor)_rule_(poor|near_poor|not_poor)$/.exec(measure);
  if (!m) throw new Error(`not a mismatch measure: ${measure}`);
  return { recorded: m[1] as HouseholdClass, rule: m[2] as HouseholdClass };
}

/**
 * Why the rule put the cell's households in another class than the recognised one: the conditions of the rule
 * class that the recorded class does not share (recorded poor, rule near-poor: fewer deprivations than the
 * minimum; recorded not poor, rule poor: income at or under the line and at least the minimum deprivations).
 */
export function reasonConditions(measure: MismatchMeasure): RuleCondition[] {
  const { recorded, rule } = mismatchClasses(measure);
  return CONDITIONS[rule].filter((c) => !CONDITIONS[recorded].includes(c));
}

/** The thresholds a reason names, from the standard in force. */
export interface RuleThresholds { standard: string; minDeprivations: number; incomeLines: { rural: number; urban: number } }
export function ruleThresholds(standard: Standard): RuleThresholds {
  return { standard: standard.code, minDeprivations: standard.poor_min_deprivations, incomeLines: { ...standard.income_lines } };
}

export interface MismatchCell extends HiddenBounds {
  measure: MismatchMeasure;
  recorded: HouseholdClass;
  rule: HouseholdClass;
  /** null: hidden to protect households (never 0) */
  households: number | null;
  /** the recognised group the cell is part of, and its size: the poor or near-poor households recognised, or the
   *  other households of the area (total − poor − near-poor) for the households recognised as neither */
  base: { group: HouseholdClass; households: number };
  /** percent of `base`, null when hidden */
  share: number | null;
  reason: RuleCondition[];
}

export interface MismatchFinding {
  review_year: number;
  area_code: string;
  /** the standard whose rule the recorded results are held against */
  thresholds: RuleThresholds | null;
  cells: MismatchCell[];
  /** `status_mismatch`: the six cells together */
  total: { households: number | null } & HiddenBounds;
  /** the denominator of the total's rate: every resident household of the area (`poverty.total_households`) */
  totalHouseholds: number;
  /** percent of totalHouseholds, null when the total is hidden */
  rate: number | null;
  /** the six cells' sum, when all are shown */
  sumOfCells: number | null;
  hiddenCells: number;
  /** the cells with the most households among those shown (ties: all of them); empty when none is above 0 */
  largest: MismatchMeasure[];
  /** whether the published rows carry the six cells at all (a release from before them has only the total) */
  split: boolean;
}

const bounds = (r: HiddenBounds | undefined): HiddenBounds => ({ households_min: r?.households_min ?? null, households_max: r?.households_max ?? null });

/** The six cells, their total and its denominator for one area and review year; null without a poverty row. */
export function mismatchFinding(groups: PovertyGroupRow[], poverty: PovertyRow[], area: string, year: number): MismatchFinding | null {
  const pov = poverty.find((p) => p.area_code === area && p.review_year === year);
  if (!pov) return null;
  const at = groups.filter((g) => g.area_code === area && g.review_year === year);
  const std = standardForReviewYear(year);
  const baseOf = (group: HouseholdClass): number =>
    group === 'poor' ? pov.poor : group === 'near_poor' ? pov.near_poor : pov.total_households - pov.poor - pov.near_poor;
  const cells: MismatchCell[] = MISMATCH_MEASURES.map((measure) => {
    const row = at.find((g) => g.measure === measure);
    const { recorded, rule } = mismatchClasses(measure);
    const households = row?.households ?? null;
    const base = { group: recorded, households: baseOf(recorded) };
    return {
      measure, recorded, rule, households, ...bounds(households == null ? row : undefined), base,
      share: households == null ? null : percent(households, base.households),
      reason: reasonConditions(measure),
    };
  });
  const totalRow = at.find((g) => g.measure === 'status_mismatch');
  const total = { households: totalRow?.households ?? null, ...bounds(totalRow?.households == null ? totalRow : undefined) };
  const shown = cells.filter((c) => c.households != null);
  const max = Math.max(0, ...shown.map((c) => c.households as number));
  return {
    review_year: year,
    area_code: area,
    thresholds: std ? ruleThresholds(std) : null,
    cells,
    total,
    totalHouseholds: pov.total_households,
    rate: total.households == null ? null : percent(total.households, pov.total_households),
    sumOfCells: shown.length === cells.length ? shown.reduce((a, c) => a + (c.households as number), 0) : null,
    hiddenCells: cells.length - shown.length,
    largest: max > 0 ? shown.filter((c) => c.households === max).map((c) => c.measure) : [],
    split: at.some((g) => (MISMATCH_MEASURES as readonly string[]).includes(g.measure)),
  };
}

/** The findings of one area over the review years of its rows (oldest first). */
export function mismatchSeries(groups: PovertyGroupRow[], poverty: PovertyRow[], area: string, years: number[]): MismatchFinding[] {
  return [...years].sort((a, b) => a - b).map((y) => mismatchFinding(groups, poverty, area, y)).filter((f): f is MismatchFinding => f !== null);
}

/** The direction of a cell, for grouping in words: the rule finds the household worse off, or better off, than recognised. */
export function direction(measure: MismatchMeasure): 'rule_higher' | 'rule_lower' {
  const rank: Record<HouseholdClass, number> = { not_poor: 0, near_poor: 1, poor: 2 };
  const { recorded, rule } = mismatchClasses(measure);
  return rank[rule] > rank[recorded] ? 'rule_higher' : 'rule_lower';
}

// ---- in words -------------------------------------------------------------------------------------

/** A cell in plain words with its number ("3 hộ được công nhận là hộ nghèo nhưng …"), or marked hidden with its range. */
export function cellText(cell: MismatchCell, locale: Locale): string {
  const M = strings(locale).checks.mismatch;
  return M.cellSentence(M.cell[cell.measure], cell.households == null ? null : formatCount(cell.households, locale), formatHidden(cell, locale));
}

/** The cell's share of its recognised group with the group's size ("7,50% (3 / 40 hộ nghèo được công nhận)"), or the hidden mark. */
export function cellShareText(cell: MismatchCell, locale: Locale): string {
  if (cell.households == null || cell.share == null) return formatHidden(cell, locale);
  return strings(locale).checks.mismatch.ofBase(formatPercent(cell.share, locale), formatCount(cell.households, locale), formatCount(cell.base.households, locale), cell.base.group);
}

/** What the standard's rule found about the cell's households, with the thresholds of the standard in force. */
export function reasonText(reason: RuleCondition[], t: RuleThresholds, locale: Locale): string {
  const R = strings(locale).checks.rule;
  const v = { min: formatCount(t.minDeprivations, locale), rural: formatCount(t.incomeLines.rural, locale), urban: formatCount(t.incomeLines.urban, locale), urbanWord: R.urban(t.standard) };
  return R.reason(t.standard, reason.map((c) => R.condition(c, v)));
}

/** The one-sentence summary of an area's year: the total with its denominator and the largest cell. */
export function mismatchSummary(f: MismatchFinding, area: string, locale: Locale): string {
  const M = strings(locale).checks.mismatch;
  if (f.total.households == null) return M.summaryHidden(f.review_year, area, formatHidden(f.total, locale));
  if (f.total.households === 0) return M.summaryNone(f.review_year, area);
  const largest = f.largest.length > 0 ? cellText(f.cells.find((c) => c.measure === f.largest[0])!, locale) : null;
  return M.summary({
    year: f.review_year, area, total: formatCount(f.total.households, locale), rate: formatPercent(f.rate as number, locale),
    totalHouseholds: formatCount(f.totalHouseholds, locale), largest,
  }) + (f.split ? '' : M.summaryNoSplit);
}

/** The total as a table cell: "17 (0,85%)" or the hidden mark. */
export function totalText(f: MismatchFinding, locale: Locale): string {
  return f.total.households == null ? formatHidden(f.total, locale) : formatCount(f.total.households, locale);
}
export function rateText(f: MismatchFinding, locale: Locale): string {
  return f.rate == null ? formatHidden(undefined, locale) : `${formatPercent(f.rate, locale)} (${formatCount(f.total.households as number, locale)} / ${formatCount(f.totalHouseholds, locale)})`;
}

/** The unit page's line: the total with its denominator, or hidden, or none. */
export function communeMismatchLine(f: MismatchFinding, locale: Locale): string {
  const M = strings(locale).checks.mismatch;
  if (f.total.households == null) return M.communeLineHidden(f.review_year, formatHidden(f.total, locale));
  if (f.total.households === 0) return M.communeLineNone(f.review_year);
  return M.communeLine(f.review_year, formatCount(f.total.households, locale), formatPercent(f.rate as number, locale), formatCount(f.totalHouseholds, locale));
}
