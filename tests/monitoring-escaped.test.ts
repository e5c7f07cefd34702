// Hộ mới thoát nghèo and lasting exits (src/lib/monitoring/escaped.ts) on small hand-made tables; every
// expected value below is worked out by hand, not by the code under test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExitOutcome, ExitOutcomeRow, PovertyGroupRow, PovertyRow, SupportReceivedRow, DimensionRow, GroupMeasure, WhatIfRow } from '../src/lib/contract';
import {
  newlyEscapedSeries, newlyEscapedByUnit, newlyEscapedSummary, supportReceivedOf, dimensionsOf, promisesMeasured, DIRECTIVE_PROMISES,
  exitCohorts, lastingHeadline, outcomeAt, shareOf,
} from '../src/lib/monitoring/escaped';
import { programs } from '../src/lib/reference';
import { hubFigures } from '../src/lib/monitoring/hub';
import { percentSql } from '../src/lib/monitoring/queries';
import { percent } from '../src/lib/percent';
import { newlyEscapedDefinition, parseDefinition } from '../src/lib/monitoring/definition';
import { newlyEscapedChart, exitOutcomesChart } from '../src/lib/monitoring/charts';
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

describe('what is not published is not hidden', () => {
  it('marks a program without a row as unpublished, a hidden one as published', () => {
    const rows: SupportReceivedRow[] = [
      { review_year: 2024, area_level: 'district', area_code: '311', population: 'newly_escaped', program_code: 'credit', households: null, status: 'suppressed', ...hidden([1, 3]) },
    ];
    const r = supportReceivedOf(rows, T, 2024, 'newly_escaped', ['credit', 'housing'], { households: 10, households_min: null, households_max: null });
    expect(r.map((x) => [x.program_code, x.published, x.households])).toEqual([['credit', true, null], ['housing', false, null]]);
  });
});

describe('hub figures of the territory', () => {
  const pov = (review_year: number, poor: number): PovertyRow => ({ review_year, area_level: 'district', area_code: '311', total_households: 1000, poor, near_poor: 50, poor_rate: poor / 10, near_poor_rate: 5 });
  const groups: PovertyGroupRow[] = [
    grp('311', 2023, 'newly_escaped', 70, 'partial'), grp('311', 2024, 'newly_escaped', null, 'complete', [80, 99]),
    grp('311', 2023, 'status_mismatch', 4, null), grp('311', 2024, 'status_mismatch', 9, null),
    grp('311', 2022, 'escaped', 20), grp('11470', 2024, 'status_mismatch', 2, null),
  ];
  const exits: ExitOutcomeRow[] = [out('311', 2022, 1, 'poor', 3), out('311', 2022, 1, 'near_poor', 5), out('311', 2022, 1, 'not_poor', 11), out('311', 2022, 1, 'not_assessed', 1)];
  const whatIf: WhatIfRow[] = [
    { review_year: 2024, area_level: 'district', area_code: '311', standard: '2027-2030', measure: 'poor_min', households: 40, status: 'ok', ...hidden() },
    { review_year: 2024, area_level: 'district', area_code: '311', standard: '2027-2030', measure: 'poor_max', households: 52, status: 'ok', ...hidden() },
    { review_year: 2024, area_level: 'district', area_code: '311', standard: '2022-2025', measure: 'poor_min', households: 30, status: 'ok', ...hidden() },
  ];
  const f = hubFigures({ poverty: [pov(2023, 60), pov(2024, 45)], groups, exitOutcomes: exits, whatIf });

  it('takes each headline from the latest review, hidden stays hidden', () => {
    expect(f.escaped).toMatchObject({ review_year: 2024, households: null, households_min: 80, households_max: 99 });
    expect(f.mismatch).toMatchObject({ review_year: 2024, households: 9 });
    expect(f.poor).toMatchObject({ review_year: 2024, households: 45 });
    // 3 of 20 escaped at 2022 poor again one review later: 15 %
    expect([f.lasting?.exitYear, f.lasting?.yearsAfter, f.lasting?.poorAgain.households, f.lasting?.poorAgain.share]).toEqual([2022, 1, 3, 15]);
    expect(f.whatIf).toMatchObject({ review_year: 2024, min: { households: 40 }, max: { households: 52 } });
    // seven policies named for the group, four of them with a column in the review files
    expect(f.promises).toEqual({ named: 7, measured: 4 });
  });

  it('gives no figure where a table has no rows', () => {
    const empty = hubFigures({ poverty: [], groups: [], exitOutcomes: [], whatIf: [] });
    expect([empty.escaped, empty.lasting, empty.mismatch, empty.whatIf, empty.poor]).toEqual([null, null, null, null, null]);
  });
});

describe('the share in SQL is percent() of src/lib/percent.ts', () => {
  it('agrees on every part of wholes 1–60 and a few large ones', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const pairs: [number, number][] = [];
    for (let w = 1; w <= 60; w += 1) for (let p = 0; p <= w; p += 1) pairs.push([p, w]);
    pairs.push([1005, 100000], [333, 999], [1, 110694], [0, 0], [5, 0]);
    const values = pairs.map(([p, w]) => `(${p},${w})`).join(',');
    const rows = (await conn.runAndReadAll(`SELECT p, w, ${percentSql('p', 'w')} AS s FROM (VALUES ${values}) t(p, w)`)).getRowObjectsJS();
    for (const r of rows) {
      const [p, w] = [Number(r.p), Number(r.w)];
      expect(r.s == null ? null : Number(r.s), `${p}/${w}`).toBe(w > 0 ? percent(p, w) : null);
    }
  });
});

describe('the definition as reference data', () => {
  it('reads data/reference/newly-escaped.json: three reviews, the basis in both languages, unverified', () => {
    const d = newlyEscapedDefinition();
    expect(d.windowReviews).toBe(3);
    expect(d.definition.vi).toContain('hai kỳ rà soát trước');
    expect(d.legalBasis.vi).toContain('90/QĐ-TTg');
    expect(d.legalBasis.en).toContain('90/QĐ-TTg');
    expect(d.check).toBe(true);
  });
  it('takes a window in months as whole years of reviews, and refuses none', () => {
    expect(parseDefinition({ window_months: 36 }).windowReviews).toBe(3);
    expect(() => parseDefinition({})).toThrow(/invalid window/);
  });
});

describe('the monitoring charts', () => {
  const groups: PovertyGroupRow[] = [
    grp('311', 2022, 'newly_escaped', 40, 'partial'), grp('311', 2023, 'newly_escaped', null, 'complete', [60, 75]), grp('311', 2024, 'newly_escaped', 95),
    grp('311', 2022, 'escaped', 20), grp('311', 2023, 'escaped', null, 'complete', [5, 9]),
  ];
  const rows: ExitOutcomeRow[] = [
    out('311', 2022, 1, 'poor', 3), out('311', 2022, 1, 'near_poor', 5), out('311', 2022, 1, 'not_poor', 11), out('311', 2022, 1, 'not_assessed', 1),
    out('311', 2023, 1, 'poor', null, 'complete', [1, 3]), out('311', 2023, 1, 'near_poor', null, 'complete', [0, 4]), out('311', 2023, 1, 'not_poor', 4), out('311', 2023, 1, 'not_assessed', 0),
  ];

  it('newly escaped: the summary names the latest count and the one before, a hidden year as hidden with its range', () => {
    const c = newlyEscapedChart({ id: 'newly-escaped', areaName: 'địa bàn X', points: newlyEscapedSeries(groups, T) }, 'vi');
    // 2023 is hidden: no change is stated
    expect(c.summary).toBe('Rà soát 2024: 95 hộ mới thoát nghèo trên địa bàn X; rà soát 2023: ẩn (60–75 hộ). 1 ô bị ẩn để bảo vệ hộ gia đình (gạch chéo).');
    expect(c.svg).toContain('ẩn (60–75 hộ)');
    expect(c.csv.split('\n')).toContain('2023,,60,75,suppressed,complete');
    expect(c.notes?.[0]?.text).toContain('Rà soát 2022');
    expect(c.svg).not.toMatch(/\sstyle=/);
  });

  it('exit outcomes: shares of the cohort in the CSV, a hidden cohort drawn as hidden', () => {
    const c = exitOutcomesChart({ id: 'exit-outcomes', areaName: 'the territory', cohorts: exitCohorts(rows, groups, T) }, 'en');
    // the latest cohort followed longest (one review) with its figures published: 2022 (2023's size is hidden)
    expect(c.summary).toBe('Of the 20 households of the territory that escaped poverty at the 2022 review, 3 (15.0%) were poor again 1 review later. 3 cells are hidden to protect households (hatched).');
    const csv = c.csv.split('\n');
    expect(csv).toContain('2022,20,1,2023,poor,Poor again,3,,,15,ok,complete');
    expect(csv).toContain('2023,,1,2024,poor,Poor again,,1,3,,suppressed,complete');
    expect(c.svg).toContain('hidden (5–9 households)');
  });
});

describe('the exits table\'s SQL', () => {
  it('gives each cohort a row of its own (hidden as hidden) before its outcomes, shares of the cohort', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(`CREATE TABLE poverty_groups AS SELECT * FROM (VALUES (2022,'district','311','escaped',20,NULL,NULL,'ok','complete'),(2023,'district','311','escaped',NULL,5,9,'suppressed','complete'),(2022,'commune','11470','escaped',4,NULL,NULL,'ok','complete'))
      t(review_year,area_level,area_code,measure,households,households_min,households_max,status,linkage)`);
    await conn.run(`CREATE TABLE exit_outcomes AS SELECT * FROM (VALUES (2022,'district','311',1,'poor',3,NULL,NULL,'ok','complete'),(2022,'district','311',1,'not_poor',17,NULL,NULL,'ok','complete'),
      (2023,'district','311',1,'poor',NULL,1,3,'suppressed','partial'),(2022,'commune','11470',1,'poor',1,NULL,NULL,'ok','complete'))
      t(review_year,area_level,area_code,years_after,outcome,households,households_min,households_max,status,linkage)`);
    const { exitOutcomesQuery } = await import('../src/lib/monitoring/queries');
    const q = exitOutcomesQuery({ area: 'district', kind: 'exit-outcomes', year: 'latest', population: 'poor' }, { locale: 'vi', key: T, year: 2026, areaName: 'X', indicators: [] });
    const rows = (await conn.runAndReadAll(q.sql)).getRowObjectsJS().map((r) => [r.exit_review_year, r.years_after, r.outcome, r.households, r.share_percent == null ? null : Number(r.share_percent), r.status]);
    // by hand: 3/20 = 15 %, 17/20 = 85 %; the 2023 cohort is hidden, so is its share
    expect(rows).toEqual([
      [2022, null, 'escaped', 20, null, 'ok'], [2022, 1, 'poor', 3, 15, 'ok'], [2022, 1, 'not_poor', 17, 85, 'ok'],
      [2023, null, 'escaped', null, null, 'suppressed'], [2023, 1, 'poor', null, null, 'suppressed'],
    ]);
  });
});
