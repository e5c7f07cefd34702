// Hộ mới thoát nghèo and lasting exits (src/lib/monitoring/escaped.ts) on small hand-made tables; every
// expected value below is worked out by hand, not by the code under test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExitOutcome, ExitOutcomeRow, PovertyGroupRow, SupportReceivedRow, DimensionRow, GroupMeasure } from '../src/lib/contract';
import {
  newlyEscapedSeries, newlyEscapedByUnit, newlyEscapedSummary, supportReceivedOf, dimensionsOf, promisesMeasured, DIRECTIVE_PROMISES,
  exitCohorts, lastingHeadline, outcomeAt, shareOf,
} from '../src/lib/monitoring/escaped';
import { programs } from '../src/lib/reference';
import { FIRST_PERIOD } from '../src/lib/geography';

const T = { code: '311', period: FIRST_PERIOD };
const A = { code: '11470', period: FIRST_PERIOD };
const level = (code: string) => (code === '311' ? 'district' as const : 'commune' as const);
const hidden = (r?: [number, number]) => ({ households_min: r?.[0] ?? null, households_max: r?.[1] ?? null });

function grp(area_code: string, review_year: number, measure: GroupMeasure, households: number | null, linkage: 'complete' | 'partial' | null = 'complete', range?: [number, number]): PovertyGroupRow {
  return { review_year, area_level: level(area_code), area_code, measure, households, status: households == null ? 'suppressed' : 'ok', linkage, ...hidden(range) };
}
function out(area_code: string, review_year: number, years_after: number, outcome: ExitOutcome, households: number | null, linkage: 'complete' | 'partial' = 'complete', range?: [number, number]): ExitOutcomeRow {
  return { review_year, area_level: level(area_code), area_code, years_after, outcome, households, status: households == null ? 'suppressed' : 'ok', linkage, ...hidden(range) };
}

describe('newly escaped households', () => {
  // District: 2022 partial (the data begin in 2021: escapes before 2022 are invisible), 2023 partial, 2024 complete.
  const groups: PovertyGroupRow[] = [
    grp('311', 2022, 'newly_escaped', 40, 'partial'), grp('311', 2023, 'newly_escaped', 70, 'partial'), grp('311', 2024, 'newly_escaped', 95, 'complete'),
    grp('311', 2025, 'newly_escaped', 88, 'complete'),
    grp('11470', 2024, 'newly_escaped', 12), grp('11471', 2024, 'newly_escaped', null, 'complete', [1, 4]),
    grp('311', 2024, 'escaped', 50), // another measure: never counted
    // a 2025 row under a code of 2019–2024 is another territory: not part of 11470's series
    grp('11470', 2025, 'newly_escaped', 30),
  ];

  it('gives the series oldest first, partial years marked, the district across periods', () => {
    const s = newlyEscapedSeries(groups, T);
    expect(s.map((p) => [p.review_year, p.households, p.partial])).toEqual([[2022, 40, true], [2023, 70, true], [2024, 95, false], [2025, 88, false]]);
    expect(newlyEscapedSeries(groups, A).map((p) => p.review_year)).toEqual([2024]);
  });

  it('lists the units of a year with a hidden cell kept hidden, with its range', () => {
    const units = newlyEscapedByUnit(groups, 2024);
    expect(units.map((u) => [u.area_code, u.households, u.households_min, u.households_max])).toEqual([['11470', 12, null, null], ['11471', null, 1, 4]]);
  });

  it('states the change only between complete years', () => {
    const full = newlyEscapedSummary(newlyEscapedSeries(groups, T))!;
    expect(full.latest.households).toBe(88);
    expect(full.change).toBe(88 - 95);
    expect(full.partialYears).toEqual([2022, 2023]);
    const early = newlyEscapedSummary(newlyEscapedSeries(groups.filter((g) => g.review_year <= 2024), T))!;
    // 2023 is partial: 95 − 70 would compare a full window with a truncated one
    expect(early.change).toBeNull();
    expect(newlyEscapedSummary([])).toBeUndefined();
  });
});

describe('support received and dimensions of the newly escaped', () => {
  const rows: SupportReceivedRow[] = [
    { review_year: 2024, area_level: 'district', area_code: '311', population: 'newly_escaped', program_code: 'credit', households: 19, status: 'ok', ...hidden() },
    { review_year: 2024, area_level: 'district', area_code: '311', population: 'newly_escaped', program_code: 'health_insurance', households: null, status: 'suppressed', ...hidden([2, 6]) },
    { review_year: 2024, area_level: 'district', area_code: '311', population: 'poor', program_code: 'credit', households: 500, status: 'ok', ...hidden() },
  ];
  it('gives each program its count and share of the newly escaped; a missing or hidden program is null, never 0', () => {
    const r = supportReceivedOf(rows, T, 2024, 'newly_escaped', ['credit', 'health_insurance', 'housing'], { households: 95, households_min: null, households_max: null });
    // 19 / 95 = 20 %
    expect(r.map((x) => [x.program_code, x.households, x.share, x.households_min])).toEqual([['credit', 19, 20, null], ['health_insurance', null, null, 2], ['housing', null, null, null]]);
    // a hidden population gives no share
    expect(supportReceivedOf(rows, T, 2024, 'newly_escaped', ['credit'], { households: null, households_min: 90, households_max: 99 })[0]!.share).toBeNull();
  });

  it('sets each promise of the directive beside the program measuring it, and names the ones nothing measures', () => {
    const r = supportReceivedOf(rows, T, 2024, 'newly_escaped', programs.map((p) => p.code), { households: 95, households_min: null, households_max: null });
    const m = promisesMeasured(r);
    expect(m.filter((x) => x.received == null).map((x) => x.promise.code)).toEqual(['social_insurance', 'production_support', 'legal_aid']);
    expect(m.find((x) => x.promise.code === 'credit')!.received!.households).toBe(19);
  });

  it('quotes the directive verbatim, each in a sentence about hộ mới thoát nghèo, and names only programs that exist', () => {
    const text = readFileSync('data/reference/directive-2023-thuy-nguyen-vi.md', 'utf8');
    const sentences = text.split(/(?<=[.;])\s+/);
    for (const p of DIRECTIVE_PROMISES) {
      const sentence = sentences.find((s) => s.includes(p.quote));
      expect(sentence, p.code).toBeDefined();
      expect(sentence).toContain('hộ mới thoát nghèo');
      if (p.program !== null) expect(programs.map((x) => x.code)).toContain(p.program);
    }
    // the five paragraphs of the directive that name the group (six times), each quoted by at least one promise
    const naming = text.split(/\n+/).filter((s) => s.includes('hộ mới thoát nghèo'));
    expect(naming.length).toBe(5);
    expect(naming.reduce((n, s) => n + s.split('hộ mới thoát nghèo').length - 1, 0)).toBe(6);
    for (const s of naming) expect(DIRECTIVE_PROMISES.some((p) => s.includes(p.quote))).toBe(true);
  });

  it('reads dimension rows of one population, keeping hidden ones hidden', () => {
    const dims: DimensionRow[] = [
      { review_year: 2024, area_level: 'district', area_code: '311', population: 'newly_escaped', dimension_code: 'health', households: 30, share: 31.58, status: 'ok', ...hidden() },
      { review_year: 2024, area_level: 'district', area_code: '311', population: 'newly_escaped', dimension_code: 'housing', households: null, share: null, status: 'suppressed', ...hidden([0, 4]) },
      { review_year: 2024, area_level: 'district', area_code: '311', population: 'near_poor', dimension_code: 'health', households: 300, share: 40, status: 'ok', ...hidden() },
    ];
    expect(dimensionsOf(dims, T, 2024, 'newly_escaped', ['health', 'housing']).map((d) => [d.dimension_code, d.households, d.share, d.households_max])).toEqual([['health', 30, 31.58, null], ['housing', null, null, 4]]);
  });
});

describe('lasting exits: outcomes of each exit cohort', () => {
  // Worked fixture: 20 households escaped at review 2022 in the district. One review later (2023): 3 poor
  // again, 5 near-poor, 11 assessed and not poor, 1 not assessed. Two reviews later: 4, 3, 10, 3. Three: 2, 2, 12, 4.
  // 2023 cohort: 8 escaped (partial linkage at 2 after, across a reorganisation), 1 after: 1, 2, 4, 1; 2 after: 0, 1, 6, 1.
  // 2024 cohort: hidden size; 1 after: poor hidden (range 1–3).
  const groups: PovertyGroupRow[] = [
    grp('311', 2022, 'escaped', 20), grp('311', 2023, 'escaped', 8), grp('311', 2024, 'escaped', null, 'complete', [5, 9]),
    grp('11470', 2022, 'escaped', 4),
  ];
  const rows: ExitOutcomeRow[] = [
    out('311', 2022, 1, 'poor', 3), out('311', 2022, 1, 'near_poor', 5), out('311', 2022, 1, 'not_poor', 11), out('311', 2022, 1, 'not_assessed', 1),
    out('311', 2022, 2, 'poor', 4), out('311', 2022, 2, 'near_poor', 3), out('311', 2022, 2, 'not_poor', 10), out('311', 2022, 2, 'not_assessed', 3),
    out('311', 2022, 3, 'poor', 2), out('311', 2022, 3, 'near_poor', 2), out('311', 2022, 3, 'not_poor', 12), out('311', 2022, 3, 'not_assessed', 4),
    out('311', 2023, 1, 'poor', 1), out('311', 2023, 1, 'near_poor', 2), out('311', 2023, 1, 'not_poor', 4), out('311', 2023, 1, 'not_assessed', 1),
    out('311', 2023, 2, 'poor', 0, 'partial'), out('311', 2023, 2, 'near_poor', 1, 'partial'), out('311', 2023, 2, 'not_poor', 6, 'partial'), out('311', 2023, 2, 'not_assessed', 1, 'partial'),
    out('311', 2024, 1, 'poor', null, 'complete', [1, 3]), out('311', 2024, 1, 'near_poor', null, 'complete', [0, 4]), out('311', 2024, 1, 'not_poor', 4), out('311', 2024, 1, 'not_assessed', 0),
    out('11470', 2022, 1, 'poor', 1), out('11470', 2022, 1, 'near_poor', 0), out('11470', 2022, 1, 'not_poor', 3), out('11470', 2022, 1, 'not_assessed', 0),
  ];
  const cohorts = exitCohorts(rows, groups, T);

  it('finds one cohort per exit year, sized by that year\'s escaped', () => {
    expect(cohorts.map((c) => [c.exitYear, c.escaped.households])).toEqual([[2022, 20], [2023, 8], [2024, null]]);
    expect(cohorts[0]!.steps.map((s) => [s.years_after, s.review_year])).toEqual([[1, 2023], [2, 2024], [3, 2025]]);
  });

  it('takes shares of the cohort (escaped), and the outcomes add up to it', () => {
    const c = cohorts[0]!;
    // 3/20 = 15 %, 5/20 = 25 %, 11/20 = 55 %, 1/20 = 5 %
    expect(c.steps[0]!.outcomes.map((o) => o.share)).toEqual([15, 25, 55, 5]);
    // three reviews later: 2/20 = 10 %, 2/20, 12/20 = 60 %, 4/20 = 20 %
    expect(c.steps[2]!.outcomes.map((o) => o.share)).toEqual([10, 10, 60, 20]);
    for (const s of c.steps) {
      expect(s.outcomes.reduce((n, o) => n + (o.households as number), 0)).toBe(20);
      expect(s.outcomes.reduce((n, o) => n + (o.share as number), 0)).toBe(100);
      expect(s.balanced).toBe(true);
    }
    // 8-household cohort: 1/8 = 12.5 %, 2/8 = 25 %, 4/8 = 50 %, 1/8 = 12.5 %
    expect(cohorts[1]!.steps[0]!.outcomes.map((o) => o.share)).toEqual([12.5, 25, 50, 12.5]);
  });

  it('marks a step followed across an incomplete link as partial', () => {
    expect(cohorts[1]!.steps.map((s) => s.partial)).toEqual([false, true]);
  });

  it('never computes a share from a hidden cell or a hidden cohort', () => {
    const c = cohorts[2]!;
    expect(c.steps[0]!.outcomes.map((o) => o.share)).toEqual([null, null, null, null]);
    expect(c.steps[0]!.balanced).toBeNull();
    expect(outcomeAt(c, 1, 'poor')).toMatchObject({ households: null, households_min: 1, households_max: 3 });
  });

  it('detects outcomes that do not add up to the cohort', () => {
    const broken = exitCohorts([...rows.filter((r) => !(r.review_year === 2022 && r.years_after === 1 && r.outcome === 'poor') || r.area_code !== '311'), out('311', 2022, 1, 'poor', 4)], groups, T);
    expect(broken[0]!.steps[0]!.balanced).toBe(false);
  });

  it('keeps a commune\'s cohorts apart from the district\'s', () => {
    const a = exitCohorts(rows, groups, A);
    expect(a.map((c) => [c.exitYear, c.escaped.households, c.steps.length])).toEqual([[2022, 4, 1]]);
    // 1/4 = 25 %
    expect(outcomeAt(a[0]!, 1, 'poor')!.share).toBe(25);
  });

  it('heads with the latest cohort followed longest', () => {
    const h = lastingHeadline(cohorts)!;
    expect([h.exitYear, h.yearsAfter, h.escaped.households, h.poorAgain.households, h.poorAgain.share, h.partial]).toEqual([2022, 3, 20, 2, 10, false]);
    // without the three-review step, the 2023 cohort (followed 2 reviews, partial) is the latest followed longest
    const two = lastingHeadline(exitCohorts(rows.filter((r) => r.years_after < 3), groups, T))!;
    expect([two.exitYear, two.yearsAfter, two.poorAgain.households, two.partial]).toEqual([2023, 2, 0, true]);
    expect(lastingHeadline([])).toBeUndefined();
  });

  it('rounds a share half away from zero', () => {
    const c = (n: number | null) => ({ households: n, households_min: null, households_max: null });
    // 1/3 = 33.333… → 33.33; 2/3 = 66.666… → 66.67; 1/8 = 12.5
    expect([shareOf(c(1), c(3)), shareOf(c(2), c(3)), shareOf(c(1), c(8)), shareOf(c(1), c(0))]).toEqual([33.33, 66.67, 12.5, null]);
  });
});
