// digits.ts writes the house style's numbers without Intl (the explorer's browser code avoids making an
// Intl.NumberFormat); its output must be Intl's own, digit for digit: checked here against Intl.NumberFormat
// (vi-VN and en-GB, grouping always), the independent reference.
import { describe, expect, it } from 'vitest';
import { groupedDigits } from '../src/lib/digits';
import { formatCount, formatKilobytes, formatPercent, formatPointChange } from '../src/lib/format';

const formats = new Map<string, Intl.NumberFormat>();
const intl = (locale: 'vi' | 'en', digits: number): Intl.NumberFormat => {
  const key = `${locale}${digits}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: 'always',
    } as Intl.NumberFormatOptions));
  }
  return formats.get(key)!;
};

/** A fixed sequence of pseudo-random numbers (mulberry32), the same on every run. */
function numbers(count: number, seed = 20261202): number[] {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    // every magnitude from 1e-6 to 1e12, both signs; and decimals as a count divided by a power of ten
    out.push((next() - 0.3) * 10 ** Math.floor(next() * 18 - 6));
    out.push(Math.round(next() * 1e7) / 10 ** Math.floor(next() * 5));
  }
  return out;
}

const EDGES = [0, -0, -0.04, 0.05, 0.95, 1.005, 2.5, -2.5, 0.125, 9.995, 999.95, 999_999.5, 1118, 110_694, 1.01, 2.14,
  1234567.891, 1.5e-7, 1e20, 1e21, 123_456_789_012.345, NaN, Infinity, -Infinity];

describe('groupedDigits', () => {
  it('writes what Intl writes, for vi and en, 0 to 3 decimals', () => {
    const differ: string[] = [];
    for (const n of [...EDGES, ...numbers(5000)]) {
      for (const digits of [0, 1, 2, 3]) {
        for (const locale of ['vi', 'en'] as const) {
          const ours = groupedDigits(n, locale, digits);
          const theirs = intl(locale, digits).format(n);
          if (ours !== theirs) differ.push(`${n} ${locale} ${digits}: ${ours} ≠ ${theirs}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('groups every thousand and rounds ties away from zero', () => {
    expect(groupedDigits(1118, 'vi')).toBe('1.118');
    expect(groupedDigits(1118, 'en')).toBe('1,118');
    expect(groupedDigits(1234567.891, 'vi', 1)).toBe('1.234.567,9');
    expect(groupedDigits(1.005, 'en', 2)).toBe('1.01');
    expect(groupedDigits(-2.5, 'vi')).toBe('-3');
    expect(groupedDigits(999.95, 'vi', 1)).toBe('1.000,0');
  });

  it('is what the site formats with', () => {
    expect(formatCount(110694, 'vi')).toBe('110.694');
    expect(formatPercent(1.01, 'vi')).toBe('1,01%');
    expect(formatPercent(2.14, 'en')).toBe('2.14%');
    expect(formatPointChange(-0.3, 'en')).toBe('−0.30 pp');
  });

  it('writes file sizes with one decimal at most, as Intl does with grouping always', () => {
    const upToOne = (locale: 'vi' | 'en') => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, useGrouping: 'always' } as Intl.NumberFormatOptions);
    for (const bytes of [0, 1, 2048, 1536, 1024 * 9.96, 1_263_718, 4_216_969, ...numbers(500).map((n) => Math.round(Math.abs(n)))]) {
      for (const locale of ['vi', 'en'] as const) expect(formatKilobytes(bytes, locale)).toBe(`${upToOne(locale).format(bytes / 1024)} KB`);
    }
    expect(formatKilobytes(1_263_718, 'vi')).toBe('1.234,1 KB');
  });
});
