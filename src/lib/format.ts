// Number formatting in one place (house style): vi-VN groups with "." and decimals with ",";
// en uses "," and "." (digits.ts writes them, without Intl).
export type Locale = 'vi' | 'en';
import { strings } from '../i18n';
import type { Ratio } from './findings';
import { groupedDigits } from './digits';


/** 1118 → "1.118" (vi) / "1,118" (en). */
export function formatCount(n: number, locale: Locale): string {
  return groupedDigits(n, locale);
}

/** What a reader may know of a hidden count: the interval the published tables allow (null or absent: nothing). */
export interface HiddenBounds { households_min?: number | null; households_max?: number | null }

/**
 * A hidden count as text: "ẩn (2–9 hộ)" / "hidden (2–9 households)" when its interval is published, else the
 * bare word. Never a number alone: the range is what the published tables allow, not the value.
 */
export function formatHidden(c: HiddenBounds | undefined, locale: Locale): string {
  return strings(locale).charts.hidden(formatRange(c, locale));
}

/** A hidden count's published range, "2–9", or undefined when none is published. */
export function formatRange(c: HiddenBounds | undefined, locale: Locale): string | undefined {
  if (c?.households_min == null || c.households_max == null) return undefined;
  return `${formatCount(c.households_min, locale)}–${formatCount(c.households_max, locale)}`;
}

/** A percentage already in percent units: 1.01 → "1,01%" (vi) / "1.01%" (en). */
export function formatPercent(p: number, locale: Locale, digits = 2): string {
  return `${groupedDigits(p, locale, digits)}%`;
}

export function formatNumber(n: number, locale: Locale, digits = 1): string {
  return groupedDigits(n, locale, digits);
}

/** Percentage points, signed: −0.3 → "−0,30 điểm %" / "−0.30 pp". */
export function formatPointChange(pp: number, locale: Locale, digits = 2): string {
  const sign = pp > 0 ? '+' : pp < 0 ? '−' : '±';
  return `${sign}${groupedDigits(Math.abs(pp), locale, digits)} ${strings(locale).pages.common.pointsUnit}`;
}

/** A file size: 2048 bytes → "2 KB", 1536 → "1,5 KB" (vi); one decimal at most, grouped as every number is. */
export function formatKilobytes(bytes: number, locale: Locale): string {
  return `${groupedDigits(bytes / 1024, locale, 1).replace(/[.,]0$/, '')} KB`;
}

/** Signed count: −120 → "−120". */
export function formatSignedCount(n: number, locale: Locale): string {
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  return `${sign}${formatCount(Math.abs(n), locale)}`;
}

/** A rate never hides its denominator: "1,01% (1.118 / 110.694 hộ)". */
export function formatRateWithDenominator(count: number, total: number, rate: number, locale: Locale): string {
  return `${formatPercent(rate, locale)} (${formatCount(count, locale)} / ${formatCount(total, locale)} ${strings(locale).pages.common.households})`;
}

/** A ratio band of src/lib/findings.ts in words: "khoảng gấp đôi" / "about twice" (then the reference). */
export function formatRatio(ratio: Ratio, locale: Locale): string {
  const words = strings(locale).pages.common.ratio;
  return ratio.band === 'times' ? words.times(formatCount(ratio.times ?? 0, locale)) : words[ratio.band];
}

/** An ISO date (YYYY-MM-DD) as people write it: vi "01/07/2025", en "1 July 2025". */
export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (locale === 'vi') return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}
