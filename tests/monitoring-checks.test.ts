// The monitoring checks (src/lib/monitoring/): recorded result vs the standard's rule, deprivation by dimension,
// what-if under the 2027–2030 standard — on small hand-made rows; every expected value is worked out by hand.
import { describe, expect, it } from 'vitest';
import type { DeprivationRow, DimensionRow, GroupMeasure, PovertyGroupRow, PovertyRow, WhatIfRow } from '../src/lib/contract';
import { MISMATCH_MEASURES } from '../src/lib/contract';
import {
  cellShareText, cellText, direction, mismatchClasses, mismatchFinding, mismatchSeries, mismatchSummary, reasonConditions, reasonText,
} from '../src/lib/monitoring/checks';
import { dimensionTable, shownShare } from '../src/lib/monitoring/dimensions';
import { formatWhatIfRange, indicatorChange, whatIfArea, whatIfRange, whatIfStandards } from '../src/lib/monitoring/what-if';
import { standards } from '../src/lib/reference';

const level = (code: string) => (code === '311' ? 'district' as const : 'commune' as const);
function pov(area_code: string, review_year: number, total: number, poor: number, near_poor: number): PovertyRow {
  // rates are not read by these modules; filled as published (2 decimals) for completeness
  return { review_year, area_level: level(area_code), area_code, total_households: total, poor, near_poor, poor_rate: Math.round((poor / total) * 10000) / 100, near_poor_rate: Math.round((near_poor / total) * 10000) / 100 };
}
const range = (r?: [number, number]) => ({ households_min: r?.[0] ?? null, households_max: r?.[1] ?? null });
function grp(area_code: string, review_year: number, measure: GroupMeasure, households: number | null, interval?: [number, number]): PovertyGroupRow {
  return { review_year, area_level: level(area_code), area_code, measure, households, status: households == null ? 'suppressed' : 'ok', linkage: null, ...range(households == null ? interval : undefined) };
}

describe('recorded result vs the rule: the six cells', () => {
  // District 311, review 2023: 2,000 households, 40 recognised poor, 60 near-poor, so 1,900 others.
  // Cells: 3 + 2 + 4 + 5 + 1 + (hidden, 1–4) ; status_mismatch published: 17 → the hidden cell is 2.
  // Commune 10001, review 2023: 800 households, 10 poor, 20 near-poor; cells 1, 0, 2, 0, 0, 1 → total 4.
  const poverty = [pov('311', 2023, 2000, 40, 60), pov('10001', 2023, 800, 10, 20), pov('311', 2022, 2100, 50, 70)];
  const groups = [
    grp('311', 2023, 'recorded_poor_rule_near_poor', 3), grp('311', 2023, 'recorded_poor_rule_not_poor', 2),
    grp('311', 2023, 'recorded_near_poor_rule_poor', 4), grp('311', 2023, 'recorded_near_poor_rule_not_poor', 5),
    grp('311', 2023, 'recorded_not_poor_rule_poor', 1), grp('311', 2023, 'recorded_not_poor_rule_near_poor', null, [1, 4]),
    grp('311', 2023, 'status_mismatch', 17), grp('311', 2023, 'escaped', 9),
    grp('10001', 2023, 'recorded_poor_rule_near_poor', 1), grp('10001', 2023, 'recorded_poor_rule_not_poor', 0),
    grp('10001', 2023, 'recorded_near_poor_rule_poor', 2), grp('10001', 2023, 'recorded_near_poor_rule_not_poor', 0),
    grp('10001', 2023, 'recorded_not_poor_rule_poor', 0), grp('10001', 2023, 'recorded_not_poor_rule_near_poor', 1),
    grp('10001', 2023, 'status_mismatch', 4),
    // a release from before the split: only the total
    grp('311', 2022, 'status_mismatch', 0),
  ];

  it('names recorded and rule classes of every measure, and the reason is what the rule class adds', () => {
    expect(MISMATCH_MEASURES.map((m) => mismatchClasses(m))).toEqual([
      { recorded: 'poor', rule: 'near_poor' }, { recorded: 'poor', rule: 'not_poor' },
      { recorded: 'near_poor', rule: 'poor' }, { recorded: 'near_poor', rule: 'not_poor' },
      { recorded: 'not_poor', rule: 'poor' }, { recorded: 'not_poor', rule: 'near_poor' },
    ]);
    expect(MISMATCH_MEASURES.map((m) => reasonConditions(m))).toEqual([
      ['deprivations_fewer'], ['income_above'], ['deprivations_at_least'], ['income_above'],
      ['income_at_or_under', 'deprivations_at_least'], ['income_at_or_under', 'deprivations_fewer'],
    ]);
    expect(MISMATCH_MEASURES.map((m) => direction(m))).toEqual(['rule_lower', 'rule_lower', 'rule_higher', 'rule_lower', 'rule_higher', 'rule_higher']);
  });

  it('district 2023: counts, the hidden cell with its range, shares of each recognised group, total and its denominator', () => {
    const f = mismatchFinding(groups, poverty, '311', 2023)!;
    expect(f.cells.map((c) => c.households)).toEqual([3, 2, 4, 5, 1, null]);
    expect(f.cells[5]).toMatchObject({ households_min: 1, households_max: 4, share: null });
    // 3 / 40 = 7.5 %; 4 / 60 = 6.666… → 6.67 %; 1 / 1,900 = 0.0526… → 0.05 %
    expect(f.cells.map((c) => c.base.households)).toEqual([40, 40, 60, 60, 1900, 1900]);
    expect(f.cells.map((c) => c.share)).toEqual([7.5, 5, 6.67, 8.33, 0.05, null]);
    expect(f.total.households).toBe(17);
    expect(f.totalHouseholds).toBe(2000);
    expect(f.rate).toBe(0.85); // 17 / 2,000
    expect(f.sumOfCells).toBeNull(); // one cell hidden: no sum claimed
    expect(f.hiddenCells).toBe(1);
    expect(f.largest).toEqual(['recorded_near_poor_rule_not_poor']);
    expect(f.thresholds).toEqual({ standard: '2022-2025', minDeprivations: 3, incomeLines: { rural: 1_500_000, urban: 2_000_000 } });
  });

  it('commune 2023: all six shown, they add up to status_mismatch; ties in the largest cell are all named', () => {
    const f = mismatchFinding(groups, poverty, '10001', 2023)!;
    expect(f.sumOfCells).toBe(4);
    expect(f.sumOfCells).toBe(f.total.households);
    expect(f.rate).toBe(0.5); // 4 / 800
    expect(f.largest).toEqual(['recorded_near_poor_rule_poor']);
    expect(f.cells.map((c) => c.share)).toEqual([10, 0, 10, 0, 0, 0.13]); // 1/10, 0, 2/20, 0, 0, 1/770
  });

  it('the six cells in plain words, both directions, in both languages', () => {
    const f = mismatchFinding(groups, poverty, '311', 2023)!;
    expect(cellText(f.cells[0]!, 'vi')).toBe('3 hộ được công nhận là hộ nghèo nhưng không đủ điều kiện hộ nghèo theo chuẩn (theo chuẩn là hộ cận nghèo)');
    expect(cellText(f.cells[4]!, 'vi')).toBe('1 hộ được rà soát, không được công nhận là hộ nghèo hay hộ cận nghèo, nhưng theo chuẩn đủ điều kiện hộ nghèo');
    // hidden: marked as hidden with its range, never a number of its own
    expect(cellText(f.cells[5]!, 'vi')).toBe('Hộ được rà soát, không được công nhận là hộ nghèo hay hộ cận nghèo, nhưng theo chuẩn là hộ cận nghèo: ẩn (1–4 hộ)');
    expect(cellText(f.cells[2]!, 'en')).toBe('4 households recognised as near-poor that meet the standard’s rule for poor');
    expect(cellShareText(f.cells[2]!, 'vi')).toBe('6,67% (4 / 60 hộ cận nghèo được công nhận)');
    expect(cellShareText(f.cells[4]!, 'en')).toBe('0.05% (1 / 1,900 other households of the area)');
  });

  it('the reason comes from the standard in force (thresholds as data), not from numbers in the text', () => {
    const f = mismatchFinding(groups, poverty, '311', 2023)!;
    expect(reasonText(f.cells[0]!.reason, f.thresholds!, 'vi')).toBe('Theo quy tắc của chuẩn 2022-2025: thiếu hụt dưới 3 chỉ số.');
    expect(reasonText(f.cells[1]!.reason, f.thresholds!, 'vi')).toBe('Theo quy tắc của chuẩn 2022-2025: thu nhập bình quân trên chuẩn (1.500.000 đồng/người/tháng ở nông thôn, 2.000.000 đồng ở thành thị).');
    expect(reasonText(f.cells[4]!.reason, f.thresholds!, 'en')).toBe('By the rule of the 2022-2025 standard: income per person at or under the line (VND 1,500,000 per person per month in rural areas, 2,000,000 in urban areas) and deprivations in 3 or more indicators.');
    // a made-up standard with other thresholds changes the words, not the code
    const other = { standard: '2027-2030', minDeprivations: 4, incomeLines: { rural: 2_200_000, urban: 2_800_000 } };
    expect(reasonText(['deprivations_fewer'], other, 'vi')).toBe('Theo quy tắc của chuẩn 2027-2030: thiếu hụt dưới 4 chỉ số.');
    expect(reasonText(['income_above'], other, 'vi')).toContain('2.800.000 đồng ở đô thị');
  });

  it('the summary: total with its denominator and the largest cell; hidden and zero totals said so', () => {
    const f = mismatchFinding(groups, poverty, '311', 2023)!;
    expect(mismatchSummary(f, 'toàn địa bàn', 'vi')).toBe('Rà soát 2023: 17 hộ ở toàn địa bàn có kết quả công nhận khác với phân loại theo quy tắc của chuẩn (0,85% trên tổng 2.000 hộ); nhiều nhất là 5 hộ được công nhận là hộ cận nghèo nhưng theo chuẩn không phải hộ nghèo hay hộ cận nghèo.');
    const hidden = mismatchFinding([grp('311', 2023, 'status_mismatch', null, [2, 9])], poverty, '311', 2023)!;
    expect(mismatchSummary(hidden, 'X', 'en')).toBe('Review 2023: households in X whose recognised result differs from the standard’s rule: hidden (2–9 households).');
    const zero = mismatchFinding(groups, poverty, '311', 2022)!;
    expect(zero.split).toBe(false);
    expect(mismatchSummary(zero, 'X', 'vi')).toBe('Rà soát 2022: kết quả công nhận của mọi hộ được rà soát ở X khớp với phân loại theo quy tắc của chuẩn.');
  });

  it('a series keeps the years with a poverty row, oldest first; an area without one gives nothing', () => {
    expect(mismatchSeries(groups, poverty, '311', [2023, 2022, 2021]).map((f) => f.review_year)).toEqual([2022, 2023]);
    expect(mismatchFinding(groups, poverty, '99999', 2023)).toBeNull();
  });
});

describe('deprivation by dimension: dimensions first, indicators on request', () => {
  // Commune 10001, review 2023: 20 poor, 30 near-poor.
  const poverty = [pov('10001', 2023, 500, 20, 30)];
  const dim = (population: 'poor' | 'near_poor', dimension_code: string, households: number | null, interval?: [number, number]): DimensionRow =>
    ({ review_year: 2023, area_level: 'commune', area_code: '10001', population, dimension_code, households, share: households == null ? null : Math.round((households / (population === 'poor' ? 20 : 30)) * 10000) / 100, status: households == null ? 'suppressed' : 'ok', ...range(households == null ? interval : undefined) });
  const ind = (population: 'poor' | 'near_poor', indicator_code: string, households: number | null): DeprivationRow =>
    ({ review_year: 2023, area_level: 'commune', area_code: '10001', population, indicator_code, households, share: households == null ? null : Math.round((households / (population === 'poor' ? 20 : 30)) * 10000) / 100, status: households == null ? 'suppressed' : 'ok', ...range() });
  const dimensions = [{ code: 'health', name: 'Y tế' }, { code: 'employment', name: 'Việc làm' }];
  const indicators = [
    { code: 'employment', name: 'Việc làm', dimension: 'employment' }, { code: 'nutrition', name: 'Dinh dưỡng', dimension: 'health' },
    { code: 'dependents', name: 'Người phụ thuộc', dimension: 'employment' }, { code: 'health_insurance', name: 'Bảo hiểm y tế', dimension: 'health' },
  ];
  const deprivation = [ind('poor', 'employment', 10), ind('poor', 'dependents', 5), ind('poor', 'nutrition', null), ind('poor', 'health_insurance', 7), ind('near_poor', 'employment', 6)];

  it('orders dimensions as the standard does, each with its own indicators, shares of their population', () => {
    const t = dimensionTable({ dimension: [dim('poor', 'employment', 12), dim('near_poor', 'employment', 6), dim('poor', 'health', null, [7, 15]), dim('near_poor', 'health', 9)], deprivation, poverty, area: '10001', year: 2023, dimensions, indicators })!;
    expect(t.base).toEqual({ poor: 20, near_poor: 30 });
    expect(t.lines.map((l) => l.code)).toEqual(['health', 'employment']);
    expect(t.lines.map((l) => l.indicators.map((i) => i.code))).toEqual([['nutrition', 'health_insurance'], ['employment', 'dependents']]);
    expect(t.lines[1]!.cells.poor).toEqual({ households: 12, share: 60, base: 20, households_min: null, households_max: null });
    expect(t.lines[0]!.cells.poor).toEqual({ households: null, share: null, base: 20, households_min: 7, households_max: 15 });
    expect(t.lines[0]!.cells.near_poor.share).toBe(30); // 9 / 30
    expect(t.lines[1]!.indicators[1]!.cells.near_poor.households).toBeNull(); // no row: not shown, never 0
    expect(t.hiddenDimensionCells).toBe(1);
    // employment (12) is the largest shown, but hidden health can hold up to 15: not certain
    expect(t.top).toEqual({ code: 'employment', name: 'Việc làm', households: 12, share: 60, base: 20, certain: false });
    // near-poor: health 9 > employment 6, both shown
    expect(t.topNearPoor).toEqual({ code: 'health', name: 'Y tế', households: 9, share: 30, base: 30, certain: true });
  });

  it('is certain when no hidden dimension can exceed the largest shown', () => {
    const t = dimensionTable({ dimension: [dim('poor', 'employment', 12), dim('poor', 'health', null, [7, 11])], deprivation, poverty, area: '10001', year: 2023, dimensions, indicators })!;
    expect(t.top?.certain).toBe(true);
    // without a published interval a hidden cell is bounded by the population (20 > 12)
    const u = dimensionTable({ dimension: [dim('poor', 'employment', 12), dim('poor', 'health', null)], deprivation, poverty, area: '10001', year: 2023, dimensions, indicators })!;
    expect(u.top?.certain).toBe(false);
  });

  it('measures how much of a table is shown at commune level, per population', () => {
    const rows = [
      { area_level: 'commune', review_year: 2023, population: 'poor', status: 'ok' }, { area_level: 'commune', review_year: 2023, population: 'poor', status: 'suppressed' },
      { area_level: 'commune', review_year: 2023, population: 'poor', status: 'ok' }, { area_level: 'commune', review_year: 2022, population: 'near_poor', status: 'suppressed' },
      { area_level: 'district', review_year: 2023, population: 'poor', status: 'ok' }, { area_level: 'commune', review_year: 2023, population: 'newly_escaped', status: 'ok' },
    ];
    expect(shownShare(rows)).toEqual([{ population: 'poor', shown: 2, cells: 3, share: 66.67 }, { population: 'near_poor', shown: 0, cells: 1, share: 0 }]);
    expect(shownShare(rows, 'commune', [2022])[0]).toEqual({ population: 'poor', shown: 0, cells: 0, share: 0 });
  });
});

describe('what-if under the 2027–2030 standard', () => {
  const w = (area_code: string, standard: string, measure: WhatIfRow['measure'], households: number | null, interval?: [number, number]): WhatIfRow =>
    ({ review_year: 2025, area_level: level(area_code), area_code, standard, measure, households, status: households == null ? 'suppressed' : 'ok', ...range(households == null ? interval : undefined) });
  const rows: WhatIfRow[] = [
    w('311', '2022-2025', 'poor_min', 50), w('311', '2022-2025', 'poor_max', 50), w('311', '2022-2025', 'near_poor_min', 70), w('311', '2022-2025', 'near_poor_max', 70),
    w('311', '2027-2030', 'poor_min', 60), w('311', '2027-2030', 'poor_max', 75), w('311', '2027-2030', 'near_poor_min', 90), w('311', '2027-2030', 'near_poor_max', 105),
    w('11473', '2022-2025', 'poor_min', 9), w('11473', '2022-2025', 'poor_max', 9),
    w('11473', '2027-2030', 'poor_min', null, [2, 6]), w('11473', '2027-2030', 'poor_max', 8),
    w('11473', '2027-2030', 'near_poor_min', null), w('11473', '2027-2030', 'near_poor_max', 12),
  ];
  const poverty = [pov('311', 2025, 5000, 48, 72), pov('311', 2026, 5050, 62, 95), pov('11473', 2025, 900, 8, 10), pov('311', 2024, 4900, 70, 80)];

  it('knows the review year, both standards and why the new one is a range (from standards.json)', () => {
    const s = whatIfStandards(rows)!;
    expect([s.from.code, s.to.code]).toEqual(['2022-2025', '2027-2030']);
    const change = indicatorChange(s.from, s.to);
    expect(change.notCollected.map((i) => i.code)).toEqual(['waste_treatment']);
    expect(change.dropped.map((i) => i.code)).toEqual(['information_access']);
    expect(change.collectedFrom).toBe(2026);
    expect(standards.find((x) => x.code === '2027-2030')!.income_lines).toEqual({ rural: 2_200_000, urban: 2_800_000 });
  });

  it('the district: recognised, the old rule and the new range side by side, and the later review under the new standard', () => {
    const a = whatIfArea(rows, poverty, '311')!;
    expect(a.review_year).toBe(2025);
    expect(a.recognised).toEqual({ poor: 48, near_poor: 72 });
    expect(a.oldRule.poor).toEqual({ min: 50, max: 50, hidden: false, low: 50, high: 50 });
    expect(a.newRule.poor).toEqual({ min: 60, max: 75, hidden: false, low: 60, high: 75 });
    expect(a.later).toEqual([{ review_year: 2026, poor: 62, near_poor: 95, total_households: 5050 }]);
    expect(formatWhatIfRange(a.newRule.poor, 'vi')).toBe('60–75');
    expect(formatWhatIfRange(a.oldRule.poor, 'vi')).toBe('50');
    expect(formatWhatIfRange(a.newRule.near_poor, 'en')).toBe('90–105');
  });

  it('a range with a hidden end is shown as hidden, with the widest interval the tables allow, or bare', () => {
    const a = whatIfArea(rows, poverty, '11473')!;
    expect(a.later).toEqual([]);
    // poor_min hidden in 2–6, poor_max 8: the count lies in 2–8
    expect(a.newRule.poor).toEqual({ min: null, max: 8, hidden: true, low: 2, high: 8 });
    expect(formatWhatIfRange(a.newRule.poor, 'vi')).toBe('ẩn (2–8 hộ)');
    expect(formatWhatIfRange(a.newRule.poor, 'en')).toBe('hidden (2–8 households)');
    // near_poor_min hidden without an interval: nothing can be said of the lower end
    expect(formatWhatIfRange(a.newRule.near_poor, 'vi')).toBe('ẩn');
    // the old rule's near-poor rows are missing here: no range, a dash
    expect(a.oldRule.near_poor).toBeNull();
    expect(formatWhatIfRange(a.oldRule.near_poor, 'vi')).toBe('—');
    expect(whatIfRange(rows, '311', 2024, '2022-2025', 'poor')).toBeNull();
  });
});

describe('anchors of an area on the monitoring pages', () => {
  it('area-<code> for 2019–2024 units and the territory, area-2025-<code> for the units of 2025-07', async () => {
    const { areaAnchor } = await import('../src/lib/monitoring/anchors');
    expect(areaAnchor({ code: '11473', period: '2019-2024' })).toBe('area-11473');
    expect(areaAnchor({ code: '11473', period: '2025-07' })).toBe('area-2025-11473');
    expect(areaAnchor({ code: '311', period: '2025-07' })).toBe('area-311');
  });
});
