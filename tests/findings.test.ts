// The pages' findings on small hand-made tables; every expected value below is worked out by hand.
import { describe, expect, it } from 'vitest';
import type { DeprivationRow, DepthRow, PovertyGroupRow, PovertyRow, SupportRow } from '../src/lib/contract';
import {
  communeFindings, overviewFindings, progressFindings, topDeprivation, ratioBand,
  noLabourFinding, trackTone, agencyFindings, programSupport, intensityFinding, type SiteTables,
} from '../src/lib/findings';

const target = { review_year: 2024, poor: 0 };

function pov(area_code: string, review_year: number, total: number, poor: number, near_poor: number, poor_rate: number, near_poor_rate: number): PovertyRow {
  return { review_year, area_level: area_code === '311' ? 'district' : 'commune', area_code, total_households: total, poor, near_poor, poor_rate, near_poor_rate };
}
/** a hidden cell's published interval (null where shown, or where a test leaves it out) */
const range = (r?: [number, number]) => ({ households_min: r?.[0] ?? null, households_max: r?.[1] ?? null });
function dep(area_code: string, review_year: number, indicator_code: string, households: number | null, share: number | null, interval?: [number, number]): DeprivationRow {
  return { review_year, area_level: area_code === '311' ? 'district' : 'commune', area_code, population: 'poor', indicator_code, households, share, status: households == null ? 'suppressed' : 'ok', ...range(interval) };
}
function depth(area_code: string, review_year: number, deprivations: number, households: number | null): DepthRow {
  return { review_year, area_level: area_code === '311' ? 'district' : 'commune', area_code, population: 'poor', deprivations, households, status: households == null ? 'suppressed' : 'ok', ...range() };
}
function grp(area_code: string, review_year: number, households: number | null): PovertyGroupRow {
  return { review_year, area_level: area_code === '311' ? 'district' : 'commune', area_code, measure: 'poor_no_labour', households, status: households == null ? 'suppressed' : 'ok', ...range() };
}

// District 311 with communes A (10001) and B (10002), review years 2022 and 2023.
const poverty: PovertyRow[] = [
  pov('311', 2022, 2000, 40, 60, 2.0, 3.0), pov('311', 2023, 2000, 30, 50, 1.5, 2.5),
  pov('10001', 2022, 1000, 30, 40, 3.0, 4.0), pov('10001', 2023, 1000, 27, 40, 2.7, 4.0),
  pov('10002', 2022, 1000, 10, 20, 1.0, 2.0), pov('10002', 2023, 1000, 3, 10, 0.3, 1.0),
];

describe('communeFindings', () => {
  // Commune A, 2023: 27 poor, each deprived in exactly 3 indicators → 81 deprivations in all.
  // Published: employment 20, dependents 18, telecom 15 (= 53); insurance suppressed.
  // The suppressed cell holds at most 81 − 53 = 28 > 20: employment may not be the commonest.
  const tables: SiteTables = {
    poverty,
    groups: [grp('10001', 2023, 9), grp('10002', 2023, null), grp('311', 2023, 11)],
    deprivation: [
      dep('10001', 2023, 'employment', 20, 74.07), dep('10001', 2023, 'dependents', 18, 66.67),
      dep('10001', 2023, 'telecom', 15, 55.56), dep('10001', 2023, 'health_insurance', null, null),
      dep('311', 2023, 'employment', 22, 73.33),
      // commune B: every cell published, a tie broken by indicator code
      dep('10002', 2023, 'telecom', 2, 66.67), dep('10002', 2023, 'dependents', 2, 66.67), dep('10002', 2023, 'employment', 1, 33.33),
    ],
    depth: [depth('10001', 2023, 3, 27)],
  };

  it('names the commonest published deprivation and says a hidden cell could be larger', () => {
    const f = communeFindings(tables, '10001', 2023, target);
    expect(f.topDeprivation).toEqual({ indicator_code: 'employment', households: 20, share: 74.07, certain: false, hiddenLarger: 1 });
    expect(f.districtTopShare).toBe(73.33);
  });

  it('is certain when every cell is published, ties broken by indicator code', () => {
    const f = communeFindings(tables, '10002', 2023, target);
    expect(f.topDeprivation).toEqual({ indicator_code: 'dependents', households: 2, share: 66.67, certain: true, hiddenLarger: 0 });
    expect(f.districtTopShare).toBeNull();
  });

  it('states the change since the previous review and the comparison with the district', () => {
    const f = communeFindings(tables, '10001', 2023, target);
    expect(f.change).toMatchObject({ fromYear: 2022, poor: -3, poorRate: -0.3 });
    // 2.7 / 1.5 = 1.8 → rounds to 2: "about twice"; 4.0 / 2.5 = 1.6: "about one and a half times"
    expect(f.poorRateVsDistrict).toEqual({ band: 'twice' });
    expect(f.nearPoorRateVsDistrict).toEqual({ band: 'one_and_half' });
  });

  it('tracks progress as it stood after that review', () => {
    // A: 27 poor, 1 review year left to 2024, last cut 3 < 27 needed → off track
    expect(communeFindings(tables, '10001', 2023, target).track).toEqual({ status: 'off_track', lastChange: -3, neededPerYear: 27 });
    // A in 2022: no earlier review, so no pace to judge
    expect(communeFindings(tables, '10001', 2022, target).track).toEqual({ status: 'unknown', lastChange: null, neededPerYear: 15 });
    expect(communeFindings(tables, '10001', 2022, target).change).toBeNull();
  });

  it('gives the share without labour capacity, or says it is hidden — never 0', () => {
    // 9 of 27 = 33.333…% → 33.33
    expect(communeFindings(tables, '10001', 2023, target).noLabour).toEqual({ status: 'ok', households: 9, poor: 27, share: 33.33 });
    expect(communeFindings(tables, '10002', 2023, target).noLabour).toEqual({ status: 'suppressed', poor: 3 });
  });

  it('refuses an area or year with no poverty row', () => {
    expect(() => communeFindings(tables, '10009', 2023, target)).toThrow(/no poverty row for area 10009/);
  });
});

describe('topDeprivation', () => {
  it('a hidden cell\'s published interval settles what the structural bounds leave open, and only that cell', () => {
    // 40 poor, no interval published: a hidden cell is bounded by the 40 only, so each "could be larger" than 12 ...
    const open = { deprivation: [dep('9', 2023, 'a', 12, 30), dep('9', 2023, 'b', null, null), dep('9', 2023, 'c', null, null)] };
    expect(topDeprivation(open, '9', 2023, 40)).toMatchObject({ certain: false, hiddenLarger: 2 });
    // ... but b ∈ [0, 4] cannot be; c ∈ [8, 14] still can (and [8, 12] could only tie, not be larger)
    const t = (c: [number, number]) => ({ deprivation: [dep('9', 2023, 'a', 12, 30), dep('9', 2023, 'b', null, null, [0, 4]), dep('9', 2023, 'c', null, null, c)] });
    expect(topDeprivation(t([8, 14]), '9', 2023, 40)).toMatchObject({ indicator_code: 'a', certain: false, hiddenLarger: 1 });
    expect(topDeprivation(t([8, 12]), '9', 2023, 40)).toMatchObject({ indicator_code: 'a', certain: true, hiddenLarger: 0 });
  });

  it('a hidden cell without a published interval is bounded by the population only', () => {
    const t = { deprivation: [dep('9', 2023, 'a', 12, 30), dep('9', 2023, 'b', null, null)] };
    expect(topDeprivation(t, '9', 2023, 40)).toMatchObject({ certain: false, hiddenLarger: 1 });
    expect(topDeprivation(t, '9', 2023, 12)).toMatchObject({ certain: true, hiddenLarger: 0 });
  });

  it('has no finding when nothing is published or every share is 0', () => {
    expect(topDeprivation({ deprivation: [dep('9', 2023, 'a', null, null)] }, '9', 2023, 10)).toBeNull();
    expect(topDeprivation({ deprivation: [dep('9', 2023, 'a', 0, 0)] }, '9', 2023, 10)).toBeNull();
  });
});

describe('overviewFindings', () => {
  const tables: SiteTables = {
    poverty,
    groups: [grp('311', 2023, 11)],
    deprivation: [dep('311', 2023, 'employment', 22, 73.33), dep('311', 2023, 'telecom', 25, 83.33)],
    depth: [],
  };
  it('states the district headline findings', () => {
    const f = overviewFindings(tables, 2023, target);
    expect(f.change).toMatchObject({ fromYear: 2022, poor: -10, poorRate: -0.5 });
    expect(f.targetGap).toBe(30);
    expect(f.targetDue).toBe(false);
    // 11 of 30 = 36.666…% → 36.67
    expect(f.noLabour).toEqual({ status: 'ok', households: 11, poor: 30, share: 36.67 });
    expect(f.topDeprivation).toMatchObject({ indicator_code: 'telecom', households: 25, certain: true });
    // A's 2.7% against the district's 1.5%
    expect(f.highestCommune?.row.area_code).toBe('10001');
    expect(f.highestCommune?.vsDistrict).toEqual({ band: 'twice' });
    expect(f.communesWithoutPoor).toBe(0);
    expect(f.communes).toBe(2);
  });
  it('counts communes without poor households and a due target', () => {
    const t = { ...tables, poverty: [...poverty, pov('311', 2024, 2000, 2, 40, 0.1, 2.0), pov('10001', 2024, 1000, 2, 30, 0.2, 3.0), pov('10002', 2024, 1000, 0, 10, 0, 1.0)] };
    const f = overviewFindings(t, 2024, target);
    expect(f.targetDue).toBe(true);
    expect(f.targetGap).toBe(2);
    expect(f.communesWithoutPoor).toBe(1);
    expect(f.noLabour).toBeNull();
  });
});

describe('progressFindings', () => {
  it('orders the table off track first and counts communes off track', () => {
    // A: 30 → 27, needs 27 in the one year left: off track. B: 10 → 3, needs 3, cut 7: on track.
    const f = progressFindings({ poverty }, ['10002', '10001'], target);
    expect(f.communes.map((c) => c.code)).toEqual(['10002', '10001']);
    expect(f.table.map((c) => [c.code, c.track.status])).toEqual([['10001', 'off_track'], ['10002', 'on_track']]);
    expect(f.offTrack).toBe(1);
    expect(f.maxCommuneRate).toBe(3.0);
    expect(f.lastYear).toBe(2023);
    expect(f.targetDue).toBe(false);
    expect(f.table.map((c) => c.neededPerYear)).toEqual([27, 3]);
  });
  it('rounds the needed cut per year up to whole households', () => {
    // 7 poor with two review years left (2022 → 2024): 3.5 → 4
    const p = [pov('10003', 2021, 100, 9, 1, 9, 1), pov('10003', 2022, 100, 7, 1, 7, 1)];
    expect(progressFindings({ poverty: p }, ['10003'], target).communes[0].neededPerYear).toBe(4);
  });
});

describe('small findings', () => {
  it.each([
    [0, 0, 'same'], [1, 0, 'above_zero'], [0, 1, 'zero'], [0.3, 1, 'well_below'], [0.5, 1, 'half'], [0.8, 1, 'below'],
    [1.1, 1, 'about_same'], [1.3, 1, 'somewhat_above'], [1.5, 1, 'one_and_half'], [2.4, 1, 'twice'], [2.6, 1, 'three_times'],
  ] as const)('ratioBand(%s, %s) is %s', (v, r, band) => {
    expect(ratioBand(v, r)).toEqual({ band });
  });
  it('counts the times above three', () => {
    expect(ratioBand(4.6, 1)).toEqual({ band: 'times', times: 5 });
  });
  it('has no labour finding without poor households or without the cell', () => {
    expect(noLabourFinding([grp('9', 2023, 0)], '9', 2023, 0)).toBeNull();
    expect(noLabourFinding([], '9', 2023, 5)).toBeNull();
  });
  it('tones track statuses', () => {
    expect(['reached', 'on_track', 'off_track', 'missed', 'unknown'].map((s) => trackTone(s as never))).toEqual(['on-track', 'on-track', 'off-track', 'off-track', undefined]);
  });
});

describe('agencyFindings', () => {
  const sup = (area_code: string, program_code: string, measure: SupportRow['measure'], households: number | null): SupportRow =>
    ({ review_year: 2023, area_level: area_code === '311' ? 'district' : 'commune', area_code, program_code, measure, households, status: households == null ? 'suppressed' : 'ok', ...range() });
  const support = [
    sup('311', 'jobs', 'in_need', 40), sup('311', 'jobs', 'in_need_supported', 30),
    sup('10001', 'jobs', 'in_need', 8), sup('10001', 'jobs', 'in_need_supported', null),
  ];
  const agency = { code: 'labour', section: 1, name_vi: '', name_en: '', tasks_vi: '', tasks_en: '', indicators: ['employment', 'telecom'], groups: ['poor_no_labour', 'poor_with_labour'], programs: ['jobs'] };

  it('looks up the district cells an agency serves, a missing or hidden cell as null', () => {
    const [f] = agencyFindings({ deprivation: [dep('311', 2023, 'employment', 22, 73.33), dep('311', 2023, 'telecom', null, null)], groups: [grp('311', 2023, 11)], support }, [agency], 2023);
    expect(f.deprived).toMatchObject([{ indicator_code: 'employment', households: 22, share: 73.33 }, { indicator_code: 'telecom', households: null, share: null }]);
    expect(f.groups).toMatchObject([{ measure: 'poor_no_labour', households: 11 }, { measure: 'poor_with_labour', households: null }]);
    // 30 of 40 in need supported: 75%
    expect(f.programs).toMatchObject([{ program_code: 'jobs', inNeed: 40, inNeedSupported: 30, coverage: 75 }]);
  });

  it('has no coverage when the supported count is hidden', () => {
    expect(programSupport(support, '10001', 2023, 'jobs')).toMatchObject({ program_code: 'jobs', inNeed: 8, inNeedSupported: null, coverage: null });
  });

  it('carries a hidden count\'s published interval to the page', () => {
    const hidden = [{ ...support.find((r) => r.area_code === '10001' && r.measure === 'in_need_supported')!, households_min: 2, households_max: 8 }];
    expect(programSupport(hidden, '10001', 2023, 'jobs').inNeedSupportedBounds).toEqual({ households_min: 2, households_max: 8 });
  });
});

describe('intensityFinding', () => {
  it('averages the deprivations of poor households', () => {
    // 6 × 3 + 4 × 4 = 34 deprivations over 10 households: 3.4; then 7 × 3 + 2 × 4 = 29 over 9: 3.2222… → 3.22
    expect(intensityFinding([depth('9', 2023, 3, 6), depth('9', 2023, 4, 4)], '9', 2023)).toEqual({ average: 3.4, rounded: 3.4 });
    expect(intensityFinding([depth('9', 2023, 3, 7), depth('9', 2023, 4, 2)], '9', 2023)?.rounded).toBe(3.22);
  });
  it('has no average when a depth cell is hidden', () => {
    expect(intensityFinding([depth('9', 2023, 3, 7), depth('9', 2023, 5, null)], '9', 2023)).toBeNull();
  });
});
