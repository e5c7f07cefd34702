// The string tables: one shape for both locales, figures placed by the language, and the delegates
// the layouts still use.
import { describe, expect, it } from 'vitest';
import { strings } from '../src/i18n';
import { t, reviewYearLabel, localized } from '../src/lib/i18n';
import { formatRatio, formatPointChange, formatRateWithDenominator } from '../src/lib/format';

/** Every key path of a table, functions as leaves: the two locales must list the same ones. */
function paths(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe('string tables', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(paths(strings('en').pages)).toEqual(paths(strings('vi').pages));
  });

  it('separate an agency label from its number (the /agencies/ fix)', () => {
    expect(strings('vi').pages.agencies.figure('Việc làm', '81', '29,4%')).toBe('Việc làm: 81 (29,4%)');
    expect(strings('en').pages.agencies.figure('Employment', '140', null)).toBe('Employment: 140');
  });

  it('put figures where each language wants them', () => {
    expect(strings('vi').pages.commune.change('−3', 2022, '−0,30 điểm %')).toBe('−3 hộ so với rà soát 2022 (−0,30 điểm %)');
    expect(strings('en').pages.commune.change('−3', 2022, '−0.30 pp')).toBe('−3 households since the review of 2022 (−0.30 pp)');
    expect(strings('en').pages.overview.topDeprivationAmongPublished('Telecom', '340', '56.7%', '1')).toContain('; a cell hidden to protect households could be larger.');
  });
});

describe('src/lib/i18n delegates', () => {
  it('t() is the shared strings of the tables', () => {
    expect(t('vi')).toBe(strings('vi').pages.common);
    expect(t('en').siteName).toBe('Poverty review transparency — Thủy Nguyên');
  });

  it('labels a review year with the year it decides', () => {
    expect(reviewYearLabel(2023, 'vi')).toBe('rà soát cuối năm 2023 — hộ nghèo năm 2024');
    expect(reviewYearLabel(2023, 'en', true)).toBe('Rev. 2023 (poor in 2024)');
  });

  it('picks the locale text of a bilingual reference record', () => {
    expect(localized({ name_vi: 'Việc làm', name_en: 'Employment' }, 'name', 'en')).toBe('Employment');
  });
});

describe('format with the tables', () => {
  it('words a ratio band', () => {
    expect(formatRatio({ band: 'twice' }, 'vi')).toBe('khoảng gấp đôi');
    expect(formatRatio({ band: 'times', times: 5 }, 'en')).toBe('about 5 times');
  });
  it('keeps the units of points and denominators', () => {
    expect(formatPointChange(-0.3, 'vi')).toBe('−0,30 điểm %');
    expect(formatPointChange(0.3, 'en')).toBe('+0.30 pp');
    expect(formatRateWithDenominator(1118, 110694, 1.01, 'vi')).toBe('1,01% (1.118 / 110.694 hộ)');
  });
});
