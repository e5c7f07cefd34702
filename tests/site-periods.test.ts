// Area identity by (code, period), the comparable series of the new units and the end-2024 target, on hand-made
// tables; the expected values are worked by hand from the reference crosswalk (../shared/reference/README.md:
// Bạch Đằng = Minh Đức 11473 + Ngũ Lão 11494 + Minh Tân 11497 + Gia Minh 11500 + Gia Đức 11539, the last three
// inferred; Thủy Nguyên 11560 shares split units).
import { describe, expect, it } from 'vitest';
import type { AreaRow, PovertyRow } from '../src/lib/contract';
import { areaKey, areaName, belongsTo, otherEarlierMeanings, rowsOf, seriesBreaks, standardSegments } from '../src/lib/areas';
import { comparableCase, comparablePoverty, comparableCounts, sumPublished } from '../src/lib/comparable';
import { targetVerdict, territoryAfter, unitAfter } from '../src/lib/target';
import { PERIOD_STARTS, REVIEW_MONTH_DAY, parseAreaValue } from '../src/lib/explorer/area-join';
import { hasReviews, periods, reviewDate } from '../src/lib/geography';
import { indicatorsOfStandard } from '../src/lib/indicator-names';
import { standardForReviewYear } from '../src/lib/reference';
import type { IndicatorRow } from '../src/lib/contract';

const row = (review_year: number, area_code: string, total: number, poor: number, near = 0): PovertyRow => ({
  review_year, area_level: area_code === '311' ? 'district' : 'commune', area_code, total_households: total, poor, near_poor: near, poor_rate: 0, near_poor_rate: 0,
});

// Minh Đức (2019–2024) and Bạch Đằng (2025-07) share the code 11473
const poverty: PovertyRow[] = [
  row(2023, '11473', 1000, 10), row(2023, '11494', 500, 5), row(2023, '11497', 400, 4), row(2023, '11500', 300, 3), row(2023, '11539', 200, 2),
  row(2024, '11473', 1000, 0, 8), row(2024, '11494', 500, 3, 2), row(2024, '11497', 400, 0), row(2024, '11500', 300, 1), row(2024, '11539', 200, 0),
  row(2024, '11470', 900, 2), row(2024, '311', 50000, 40),
  row(2025, '11473', 2450, 7), row(2026, '11473', 2460, 5), row(2025, '11560', 9000, 20), row(2026, '11560', 9100, 12),
  row(2025, '311', 60000, 33), row(2026, '311', 60100, 21),
];

describe('area identity is (code, period)', () => {
  it('keeps Minh Đức and Bạch Đằng apart under the one code, and the territory whole', () => {
    expect(rowsOf(poverty, areaKey('11473', 2024)).map((r) => r.review_year)).toEqual([2023, 2024]);
    expect(rowsOf(poverty, areaKey('11473', 2025)).map((r) => r.review_year)).toEqual([2025, 2026]);
    expect(rowsOf(poverty, areaKey('311', 2021)).map((r) => r.review_year)).toEqual([2024, 2025, 2026]);
    expect(belongsTo({ review_year: 2025, area_code: '11473' }, { code: '11473', period: '2019-2024' })).toBe(false);
  });
  it('names an area for its period, from the published areas table first, else the reference', () => {
    const areas: AreaRow[] = [
      { area_code: '11473', area_level: 'commune', parent_code: '311', name_vi: 'Thị trấn Minh Đức', name_en: 'Minh Duc township', unit_type: 'town', valid_from: '2019-12-01', valid_to: '2024-12-31' },
      { area_code: '11473', area_level: 'commune', parent_code: '311', name_vi: 'Phường Bạch Đằng (bảng)', name_en: 'Bach Dang ward', unit_type: 'ward', valid_from: '2025-07-01', valid_to: null },
    ];
    expect(areaName(areas, areaKey('11473', 2024), 'vi')).toBe('Thị trấn Minh Đức');
    expect(areaName(areas, areaKey('11473', 2025), 'vi')).toBe('Phường Bạch Đằng (bảng)');
    expect(areaName([], { code: '11473', period: '2025-01' }, 'vi')).toBe('Phường Minh Đức');
    expect(areaName([], areaKey('311', 2024), 'vi')).toBe('Huyện Thủy Nguyên');
    expect(areaName([], areaKey('311', 2026), 'en')).toBe('The eight wards and communes of former Thuy Nguyen');
  });
  it('the explorer names a row by the unit in force on its review date, as the geography does', () => {
    expect(`2025-${REVIEW_MONTH_DAY}`).toBe(reviewDate(2025));
  });
  it('the explorer knows the same periods with reviews as the geography, and names a unit by code and period', () => {
    expect(Object.values(PERIOD_STARTS).sort()).toEqual(periods.filter(hasReviews).map((p) => p.valid_from).sort());
    expect(parseAreaValue('11473')).toEqual({ code: '11473', validFrom: '2019-12-01' });
    expect(parseAreaValue('2025-11473')).toEqual({ code: '11473', validFrom: '2025-07-01' });
    expect(parseAreaValue('2024-11473')).toBeNull();
    expect(parseAreaValue('311')).toBeNull();
  });
  it('says a reused code named another territory, but not when a unit was only renamed', () => {
    // 11473: thị trấn Minh Đức (2019–2024) → phường Minh Đức (2025-01, renamed) → phường Bạch Đằng (2025-07, with four more)
    expect(otherEarlierMeanings('11473', '2025-07')).toEqual(['2019-2024', '2025-01']);
    expect(otherEarlierMeanings('11473', '2025-01')).toEqual([]);
    // 11485: xã Liên Khê, then xã Liên Xuân with Lại Xuân
    expect(otherEarlierMeanings('11485', '2025-01')).toEqual(['2019-2024']);
  });
  it('marks the change of units between 2024 and 2025 and of standard between 2025 and 2026', () => {
    expect(seriesBreaks([2021, 2022, 2023, 2024, 2025, 2026])).toEqual([
      { before: 2024, after: 2025, kind: 'units' },
      { before: 2025, after: 2026, kind: 'standard' },
    ]);
    expect(seriesBreaks([2021, 2022])).toEqual([]);
    expect(standardSegments([2026, 2021, 2025, 2024])).toEqual([[2021, 2024, 2025], [2026]]);
  });
});

describe('comparable series of the new units', () => {
  it('sums the five whole predecessors of Bạch Đằng, exactly, before 2025', () => {
    const c = comparableCase('11473');
    expect(c.kind).toBe('whole_union');
    if (c.kind !== 'whole_union') throw new Error('unreachable');
    expect(c.parts.map((p) => p.key.code)).toEqual(['11473', '11494', '11497', '11500', '11539']);
    expect(c.evidence).toBe('inferred');
    const s = comparablePoverty(poverty, c);
    expect(s.map((r) => [r.review_year, r.total_households, r.poor, r.near_poor, r.summed])).toEqual([
      [2023, 2400, 24, 0, true], [2024, 2400, 4, 10, true], [2025, 2450, 7, 0, false], [2026, 2460, 5, 0, false],
    ]);
    // 4 / 2,400 = 0.1666…% → 0.17
    expect(s[1]!.poor_rate).toBe(0.17);
  });
  it('gives a unit that shares split units its own figures only, and its predecessors listed', () => {
    const c = comparableCase('11560');
    expect(c.kind).toBe('formed_from');
    if (c.kind !== 'formed_from') throw new Error('unreachable');
    expect(c.predecessors.map((p) => p.key.code)).toContain('11470');
    expect(c.group.units).toEqual(['11488', '11503', '11506', '11533', '11557', '11560']);
    expect(comparablePoverty(poverty, c).map((r) => r.review_year)).toEqual([2025, 2026]);
  });
  it('sums a protected count only when every part is shown', () => {
    expect(sumPublished([1, 2, 3])).toBe(6);
    expect(sumPublished([1, null, 3])).toBeNull();
    expect(sumPublished([])).toBeNull();
    const cells = [
      ...['11473', '11494', '11497', '11500', '11539'].map((area_code, i) => ({ review_year: 2024, area_code, households: i + 1 })),
      ...['11473', '11494', '11497', '11500'].map((area_code) => ({ review_year: 2023, area_code, households: 1 })),
      { review_year: 2023, area_code: '11539', households: null },
      { review_year: 2025, area_code: '11473', households: 9 },
    ];
    expect(comparableCounts(cells, comparableCase('11473'), () => true)).toEqual([
      { review_year: 2023, households: null, summed: true },
      { review_year: 2024, households: 15, summed: true },
      { review_year: 2025, households: 9, summed: false },
    ]);
  });
});

describe('the end-2024 target', () => {
  it('is judged at the 2024 review and followed after it', () => {
    expect(targetVerdict(poverty, '311')).toEqual({ status: 'not_reached', poor: 40, review_year: 2024 });
    expect(targetVerdict(poverty, '11473')).toEqual({ status: 'reached', poor: 0, review_year: 2024 });
    expect(targetVerdict(poverty, '11545').status).toBe('unknown');
    expect(territoryAfter(poverty)).toEqual([{ review_year: 2025, poor: 33 }, { review_year: 2026, poor: 21 }]);
  });
  it('follows an old unit through the new unit it became, which covers other units too', () => {
    const after = unitAfter(poverty, '11470');
    expect(after.split).toBe(false);
    expect(after.successors.map((s) => [s.code, s.kind, s.years])).toEqual([['11560', 'full', [{ review_year: 2025, poor: 20 }, { review_year: 2026, poor: 12 }]]]);
    expect(after.successors[0]!.alsoCovers.length).toBeGreaterThan(0);
    // Liên Khê was split between Lưu Kiếm and Việt Khê
    expect(unitAfter(poverty, '11485').successors.map((s) => [s.code, s.kind])).toEqual([['11488', 'partial'], ['11503', 'partial']]);
    // Minh Đức became part of Bạch Đằng, with its four neighbours
    expect(unitAfter(poverty, '11473').successors[0]!.alsoCovers).toEqual(['11494', '11497', '11500', '11539']);
  });
});

describe('indicators of a review year, from the published table by standard', () => {
  const row = (standard: string, indicator_code: string, dimension_code: string): IndicatorRow => ({
    standard, indicator_code, dimension_code, indicator_name_vi: `vi ${indicator_code}`, indicator_name_en: `en ${indicator_code}`, dimension_name_vi: dimension_code, dimension_name_en: dimension_code,
  });
  const rows = [
    row('2022-2025', 'information_access', 'information'), row('2022-2025', 'employment', 'employment'),
    row('2027-2030', 'telecom', 'information'), row('2027-2030', 'waste_treatment', 'housing'), row('2027-2030', 'employment', 'employment'),
  ];
  it('review 2026 takes 2027–2030: waste treatment, no information access, in the standard\'s order', () => {
    expect(indicatorsOfStandard(rows, standardForReviewYear(2026)!, 'en').map((i) => i.code)).toEqual(['employment', 'waste_treatment', 'telecom']);
    expect(indicatorsOfStandard(rows, standardForReviewYear(2025)!, 'vi').map((i) => i.name)).toEqual(['vi employment', 'vi information_access']);
  });
});
