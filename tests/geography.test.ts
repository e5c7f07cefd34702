// The geography timeline against the reference README's own statements (../shared/reference/README.md,
// "The 2025 reorganisation"), worked by hand from the crosswalk CSVs.
import { describe, expect, it } from 'vitest';
import {
  TOP_CODE, attributedSuccessor, earlierMeaning, exactGroups, links, periodOfReviewYear, predecessors,
  retiredCodeMessage, sameUnits, successors, unitPath, unitsOfReviewYear, wholeUnionOf,
} from '../src/lib/geography.ts';

describe('geography timeline', () => {
  it('gives each review year the units in force on its review date', () => {
    expect([2021, 2022, 2023, 2024].map((y) => unitsOfReviewYear(y).length)).toEqual([37, 37, 37, 37]);
    expect([2025, 2026, 2030].map((y) => unitsOfReviewYear(y).length)).toEqual([8, 8, 8]);
    expect(periodOfReviewYear(2024)?.id).toBe('2019-2024');
    expect(periodOfReviewYear(2025)?.id).toBe('2025-07');
    expect(periodOfReviewYear(2018)).toBeUndefined();
    expect(sameUnits(2025, 2026)).toBe(true);
    expect(sameUnits(2024, 2025)).toBe(false);
    expect(TOP_CODE).toBe('311');
  });

  it('finds the two new units that are unions of whole 2019–2024 units, and one group for the other six', () => {
    const groups = exactGroups('2019-2024', '2025-07');
    expect(groups.map((g) => g.to)).toEqual([
      ['11473'], ['11488', '11503', '11506', '11533', '11557', '11560'], ['11542'],
    ]);
    // Bạch Đằng: Minh Đức, Ngũ Lão, Minh Tân, Gia Minh, Gia Đức
    expect(wholeUnionOf('11473', '2025-07', '2019-2024')).toEqual(['11473', '11494', '11497', '11500', '11539']);
    // Nam Triệu: Phục Lễ, Phả Lễ, Tam Hưng, Lập Lễ
    expect(wholeUnionOf('11542', '2025-07', '2019-2024')).toEqual(['11542', '11545', '11548', '11551']);
    expect(wholeUnionOf('11560', '2025-07', '2019-2024')).toBeNull();
    expect(groups.flatMap((g) => g.from)).toHaveLength(37);
  });

  it('composes the two crosswalks', () => {
    // Núi Đèo → Thủy Đường (2025-01, full) → Thủy Nguyên (2025-07, full)
    expect(links('2019-2024', '2025-07').filter((l) => l.from_code === '11470'))
      .toEqual([{ from_code: '11470', to_code: '11560', kind: 'full', evidence: 'stated' }]);
    // Liên Khê → Liên Xuân (full, inferred) → Lưu Kiếm and Việt Khê (partial)
    expect(successors('11485', '2019-2024', '2025-07')).toEqual(['11488', '11503']);
    expect(links('2019-2024', '2025-07').find((l) => l.from_code === '11485' && l.to_code === '11503'))
      .toMatchObject({ kind: 'partial', evidence: 'inferred' });
    // Hòa Bình (renamed, then full into phường Hòa Bình 11533)
    expect(links('2019-2024', '2025-07').find((l) => l.from_code === '11527')).toMatchObject({ to_code: '11533', kind: 'full' });
    expect(predecessors('11542', '2025-07', '2025-01')).toEqual(['11542', '11545', '11551']);
    expect(attributedSuccessor('11485', '2019-2024', '2025-07')).toBe('11488');
    expect(attributedSuccessor('11533', '2019-2024', '2025-07')).toBe('11533');
  });

  it('names what a retired code became, and knows a reused code', () => {
    expect(retiredCodeMessage('11470', 2025)).toBe('11470 Thị trấn Núi Đèo: from 2025-07-01 part of 11560 Phường Thủy Nguyên');
    expect(retiredCodeMessage('11485', 2025)).toBe('11485 Xã Liên Khê: from 2025-07-01 split between 11488 Phường Lưu Kiếm and 11503 Xã Việt Khê');
    expect(retiredCodeMessage('11473', 2025)).toBeUndefined();
    expect(retiredCodeMessage('11470', 2024)).toBeUndefined();
    expect(retiredCodeMessage('99999', 2025)).toBeUndefined();
    expect(earlierMeaning('11473', '2025-07').map((m) => m.unit.name_vi)).toEqual(['Thị trấn Minh Đức', 'Phường Minh Đức']);
    expect(earlierMeaning('11503', '2025-07').map((m) => m.unit.name_vi)).toEqual(['Xã Phù Ninh', 'Xã Ninh Sơn']);
  });

  it('keeps shared links to 2019–2024 pages', () => {
    expect(unitPath('11473', '2019-2024')).toBe('/communes/11473/');
    expect(unitPath('11473', '2025-07')).toBe('/communes/2025/11473/');
  });
});
