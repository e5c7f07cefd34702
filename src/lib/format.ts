// Number formatting in one place (house style): vi-VN groups with "." and decimals with ",";
// en uses "," and ".". Intl is deterministic for a given Node/ICU, which the build pins.
export type Locale = 'vi' | 'en';

const intlLocale = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

const intCache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = intCache.get(key);
  if (!f) {
    // useGrouping 'always': vi-VN's default "min2" would print 1118 without a separator.
    f = new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: 'always',
    } as Intl.NumberFormatOptions);
    intCache.set(key, f);
  }
  return f;
}

/** 1118 → "1.118" (vi) / "1,118" (en). */
export function formatCount(n: number, locale: Locale): string {
  return nf(locale, 0).format(n);
}

/** A percentage already in percent units: 1.01 → "1,01%" (vi) / "1.01%" (en). */
export function formatPercent(p: number, locale: Locale, digits = 2): string {
  return `${nf(locale, digits).format(p)}%`;
}

export function formatNumber(n: number, locale: Locale, digits = 1): string {
  return nf(locale, digits).format(n);
}

/** Percentage points, signed: −0.3 → "−0,30 điểm %" / "−0.30 pp". */
export function formatPointChange(pp: number, locale: Locale, digits = 2): string {
  const sign = pp > 0 ? '+' : pp < 0 ? '−' : '±';
  const unit = locale === 'vi' ? ' điểm %' : ' pp';
  return `${sign}${nf(locale, digits).format(Math.abs(pp))}${unit}`;
}

/** Signed count: −120 → "−120". */
export function formatSignedCount(n: number, locale: Locale): string {
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  return `${sign}${formatCount(Math.abs(n), locale)}`;
}

/** A rate never hides its denominator: "1,01% (1.118 / 110.694 hộ)". */
export function formatRateWithDenominator(count: number, total: number, rate: number, locale: Locale): string {
  const unit = locale === 'vi' ? 'hộ' : 'households';
  return `${formatPercent(rate, locale)} (${formatCount(count, locale)} / ${formatCount(total, locale)} ${unit})`;
}

/** Share of a count in a total, in percent, or null when either side is unknown or the total is 0. */
export function share(count: number | null, total: number | null): number | null {
  if (count == null || total == null || total === 0) return null;
  return (100 * count) / total;
}

/**
 * A ratio in plain words (Census Reporter style): "about twice the district rate". Bands are editorial;
 * they keep the words honest to one significant figure.
 */
export function compareWords(value: number, reference: number, locale: Locale): string {
  const vi = locale === 'vi';
  if (reference === 0) return value === 0 ? (vi ? 'bằng' : 'the same as') : (vi ? 'cao hơn' : 'above');
  const r = value / reference;
  if (value === 0) return vi ? 'bằng 0, so với' : 'zero, against';
  if (r < 0.4) return vi ? 'thấp hơn nhiều so với' : 'well below';
  if (r < 0.6) return vi ? 'khoảng một nửa' : 'about half';
  if (r < 0.9) return vi ? 'thấp hơn' : 'below';
  if (r <= 1.1) return vi ? 'xấp xỉ' : 'about the same as';
  if (r < 1.4) return vi ? 'cao hơn' : 'somewhat above';
  if (r < 1.75) return vi ? 'khoảng gấp rưỡi' : 'about one and a half times';
  const n = Math.round(r);
  if (n === 2) return vi ? 'khoảng gấp đôi' : 'about twice';
  if (n === 3) return vi ? 'khoảng gấp ba' : 'about three times';
  return vi ? `khoảng gấp ${n} lần` : `about ${n} times`;
}
