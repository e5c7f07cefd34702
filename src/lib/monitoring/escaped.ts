// Hộ mới thoát nghèo and lasting exits (issue 13, items 1 and 2): every figure the /newly-escaped/ and
// /lasting-exits/ pages state, computed from the published tables. A hidden cell is never counted as 0: a
// figure that depends on one is null and the page says "ẩn" with the range the tables allow.
import {
  EXIT_OUTCOMES, YEARS_AFTER, type ExitOutcome, type ExitOutcomeRow, type Linkage, type MonitoredPopulation, type PovertyGroupRow,
  type SupportReceivedRow, type DimensionRow, type DeprivationRow,
} from '../contract';
import { percent } from '../percent';
import { belongsTo, type AreaKey } from '../areas';

/** A published count: the value, or null with the interval the published tables allow. */
export interface Count { households: number | null; households_min: number | null; households_max: number | null }

function countOf(row: Partial<Count> | undefined): Count {
  return { households: row?.households ?? null, households_min: row?.households_min ?? null, households_max: row?.households_max ?? null };
}

/** `part` of `whole` in percent when both are published and the whole is not 0, else null (never a guess). */
export function shareOf(part: Count, whole: Count): number | null {
  if (part.households == null || whole.households == null || whole.households === 0) return null;
  return percent(part.households, whole.households);
}

// ---- hộ mới thoát nghèo: poverty_groups measure newly_escaped ---------------------------------------------

export interface NewlyEscapedPoint extends Count {
  review_year: number;
  /** partial: the first reviews of the data cannot see escapes before them (or some households could not be linked) */
  partial: boolean;
}

/** An area's newly escaped households per review year, oldest first (the area's own period, the territory in every year). */
export function newlyEscapedSeries(groups: PovertyGroupRow[], key: AreaKey): NewlyEscapedPoint[] {
  return groups
    .filter((g) => g.measure === 'newly_escaped' && belongsTo(g, key))
    .sort((a, b) => a.review_year - b.review_year)
    .map((g) => ({ review_year: g.review_year, ...countOf(g), partial: g.linkage === 'partial' }));
}

/** One review year's newly escaped households of every commune of that year (commune rows only), in code order. */
export function newlyEscapedByUnit(groups: PovertyGroupRow[], reviewYear: number): (NewlyEscapedPoint & { area_code: string })[] {
  return groups
    .filter((g) => g.measure === 'newly_escaped' && g.area_level === 'commune' && g.review_year === reviewYear)
    .sort((a, b) => a.area_code.localeCompare(b.area_code))
    .map((g) => ({ area_code: g.area_code, review_year: g.review_year, ...countOf(g), partial: g.linkage === 'partial' }));
}

export interface NewlyEscapedSummary {
  latest: NewlyEscapedPoint;
  /** the review before the latest one with a published figure of its own, when there is one */
  previous?: NewlyEscapedPoint;
  /** latest − previous, only when both are published and neither is partial (a partial count is not comparable) */
  change: number | null;
  partialYears: number[];
}

/** What the page's first sentence says: the latest count, the one before it and the change. */
export function newlyEscapedSummary(series: NewlyEscapedPoint[]): NewlyEscapedSummary | undefined {
  const latest = series[series.length - 1];
  if (!latest) return undefined;
  const previous = series[series.length - 2];
  const comparable = previous && !previous.partial && !latest.partial;
  const change = comparable && latest.households != null && previous.households != null ? latest.households - previous.households : null;
  return { latest, previous, change, partialYears: series.filter((p) => p.partial).map((p) => p.review_year) };
}

// ---- their deprivations and the support they received -----------------------------------------------------

export interface ProgramReceived extends Count {
  program_code: string; share: number | null;
  /** false: the tables have no row for it (not published, which is not the same as hidden) */
  published: boolean;
}

/**
 * Support received by a population in one area and review year, per program, in the given program order,
 * with its share of the population (`population`: the newly escaped count for newly_escaped). A program
 * with no published row has a null count (unknown, not 0).
 */
export function supportReceivedOf(
  rows: SupportReceivedRow[], key: AreaKey, reviewYear: number, population: MonitoredPopulation, programCodes: string[], populationCount: Count,
): ProgramReceived[] {
  const mine = rows.filter((r) => r.population === population && r.review_year === reviewYear && belongsTo(r, key));
  return programCodes.map((program_code) => {
    const row = mine.find((r) => r.program_code === program_code);
    const c = countOf(row);
    return { program_code, ...c, share: shareOf(c, populationCount), published: row !== undefined };
  });
}

export interface DimensionShare extends Count { dimension_code: string; share: number | null; published: boolean }

/** A population's deprivation by dimension in one area and review year (published rows, in the given order). */
export function dimensionsOf(rows: DimensionRow[], key: AreaKey, reviewYear: number, population: MonitoredPopulation, dimensionCodes: string[]): DimensionShare[] {
  const mine = rows.filter((r) => r.population === population && r.review_year === reviewYear && belongsTo(r, key));
  return dimensionCodes.map((dimension_code) => {
    const r = mine.find((x) => x.dimension_code === dimension_code);
    return { dimension_code, ...countOf(r), share: r?.share ?? null, published: r !== undefined };
  });
}

/** A population's most common published deprivation (indicator) in an area and year; undefined when none is published above 0. */
export function commonestDeprivation(rows: DeprivationRow[], key: AreaKey, reviewYear: number, population: MonitoredPopulation): DeprivationRow | undefined {
  return rows
    .filter((r) => r.population === population && r.review_year === reviewYear && belongsTo(r, key) && r.share != null && r.share > 0)
    .sort((a, b) => (b.share as number) - (a.share as number) || a.indicator_code.localeCompare(b.indicator_code))[0];
}

// ---- what the directive promises them (data/reference/directive-2023-thuy-nguyen-vi.md) --------------------

export interface DirectivePromise {
  code: string;
  /** the directive's numbered section (its addressee) */
  section: number;
  name_vi: string;
  name_en: string;
  /** the program of the household files that measures it (data/reference/programs.json), or null: the data do not */
  program: string | null;
  /** words of the directive's sentence, verbatim (a test finds them in the text, in a sentence naming hộ mới thoát nghèo) */
  quote: string;
}

/**
 * The support the directive names for hộ mới thoát nghèo, each with the sentence that names it. Social
 * insurance, production support and legal aid have no column in the review files: said, not looked for.
 */
export const DIRECTIVE_PROMISES: DirectivePromise[] = [
  { code: 'income_support', section: 1, name_vi: 'Hỗ trợ thu nhập (chính sách đặc thù của thành phố)', name_en: 'Income support (the city\'s own policy)', program: 'income_support', quote: 'hỗ trợ thu nhập, bảo hiểm y tế, bảo hiểm xã hội cho hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'health_insurance', section: 1, name_vi: 'Bảo hiểm y tế', name_en: 'Health insurance', program: 'health_insurance', quote: 'hỗ trợ thu nhập, bảo hiểm y tế, bảo hiểm xã hội cho hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'social_insurance', section: 1, name_vi: 'Bảo hiểm xã hội', name_en: 'Social insurance', program: null, quote: 'hỗ trợ thu nhập, bảo hiểm y tế, bảo hiểm xã hội cho hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'vocational_training', section: 1, name_vi: 'Đào tạo nghề', name_en: 'Vocational training', program: 'vocational_training', quote: 'tập trung ưu tiên đào tạo nghề cho người thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'production_support', section: 6, name_vi: 'Hỗ trợ phát triển sản xuất nông, lâm, ngư, diêm nghiệp', name_en: 'Support for farming, forestry, fishing and salt production', program: null, quote: 'hỗ trợ phát triển sản xuất nông, lâm, ngư, diêm nghiệp cho lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'legal_aid', section: 8, name_vi: 'Trợ giúp pháp lý', name_en: 'Legal aid', program: null, quote: 'trợ giúp pháp lý cho đối tượng là hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
  { code: 'credit', section: 9, name_vi: 'Tín dụng chính sách (vốn vay ưu đãi)', name_en: 'Preferential credit (policy loans)', program: 'credit', quote: 'cho vay hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo' },
];

export interface PromiseMeasured { promise: DirectivePromise; received: ProgramReceived | null }

/** Each promise beside what the data measure of it: the program's support received, or null when no program measures it. */
export function promisesMeasured(received: ProgramReceived[]): PromiseMeasured[] {
  return DIRECTIVE_PROMISES.map((promise) => ({ promise, received: promise.program ? received.find((r) => r.program_code === promise.program) ?? null : null }));
}

// ---- lasting exits: exit_outcomes per exit cohort ----------------------------------------------------------

export interface CohortOutcome extends Count { outcome: ExitOutcome; share: number | null }
export interface CohortStep {
  years_after: number;
  /** the review at which the cohort is looked at again */
  review_year: number;
  outcomes: CohortOutcome[];
  partial: boolean;
  /** the published outcomes add up to the cohort (true), do not (false: a broken release), or cannot be checked (null: a hidden cell) */
  balanced: boolean | null;
}
export interface ExitCohort {
  /** the review at which the households escaped */
  exitYear: number;
  /** the cohort: `escaped` of the exit year in the area, the denominator of every share */
  escaped: Count;
  escapedPartial: boolean;
  steps: CohortStep[];
}

/**
 * The exit cohorts of an area (the area where the households were at their exit review), oldest first: for
 * each published years_after, the four outcomes with their share of the cohort. Shares use the cohort's
 * `escaped` as denominator, so a hidden cohort size gives no shares at all.
 */
export function exitCohorts(outcomes: ExitOutcomeRow[], groups: PovertyGroupRow[], key: AreaKey): ExitCohort[] {
  const mine = outcomes.filter((r) => belongsTo(r, key));
  const years = [...new Set(mine.map((r) => r.review_year))].sort((a, b) => a - b);
  return years.map((exitYear) => {
    const esc = groups.find((g) => g.measure === 'escaped' && g.review_year === exitYear && belongsTo(g, key));
    const escaped = countOf(esc);
    const rows = mine.filter((r) => r.review_year === exitYear);
    const steps = YEARS_AFTER.filter((ya) => rows.some((r) => r.years_after === ya)).map((years_after): CohortStep => {
      const at = rows.filter((r) => r.years_after === years_after);
      const outs = EXIT_OUTCOMES.map((outcome): CohortOutcome => {
        const c = countOf(at.find((r) => r.outcome === outcome));
        return { outcome, ...c, share: shareOf(c, escaped) };
      });
      const known = outs.every((o) => o.households != null) && escaped.households != null;
      const sum = outs.reduce((s, o) => s + (o.households ?? 0), 0);
      return {
        years_after, review_year: exitYear + years_after, outcomes: outs,
        partial: at.some((r) => r.linkage === 'partial'),
        balanced: known ? sum === escaped.households : null,
      };
    });
    return { exitYear, escaped, escapedPartial: esc?.linkage === 'partial', steps };
  });
}

/** The outcome of a cohort at a step. */
export function outcomeAt(cohort: ExitCohort, yearsAfter: number, outcome: ExitOutcome): CohortOutcome | undefined {
  return cohort.steps.find((s) => s.years_after === yearsAfter)?.outcomes.find((o) => o.outcome === outcome);
}

export interface LastingHeadline {
  exitYear: number;
  yearsAfter: number;
  escaped: Count;
  poorAgain: CohortOutcome;
  partial: boolean;
}

/**
 * The headline of the lasting exits: of the latest cohort followed longest (3 reviews when any cohort is) whose
 * size and poor-again count are published (else the latest such cohort, hidden), how many are poor again.
 * Undefined without a followed cohort.
 */
export function lastingHeadline(cohorts: ExitCohort[]): LastingHeadline | undefined {
  const longest = Math.max(0, ...cohorts.flatMap((c) => c.steps.map((s) => s.years_after)));
  if (longest === 0) return undefined;
  const followed = [...cohorts].reverse().filter((c) => c.steps.some((s) => s.years_after === longest));
  // a cohort whose size and poor-again count are published says more than a hidden one
  const shown = (c: ExitCohort) => c.escaped.households != null && outcomeAt(c, longest, 'poor')?.households != null;
  const cohort = followed.find(shown) ?? followed[0]!;
  const step = cohort.steps.find((s) => s.years_after === longest)!;
  return {
    exitYear: cohort.exitYear, yearsAfter: longest, escaped: cohort.escaped,
    poorAgain: step.outcomes.find((o) => o.outcome === 'poor')!, partial: step.partial || cohort.escapedPartial,
  };
}

/** The linkage flag a set of rows carries: partial when any is. */
export function linkageOf(rows: { linkage?: Linkage | null }[]): Linkage | null {
  if (rows.length === 0) return null;
  return rows.some((r) => r.linkage === 'partial') ? 'partial' : 'complete';
}
