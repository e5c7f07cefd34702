// The house style's digits (vi: 1.118 and 1,01; en: 1,118 and 1.01), written without Intl. format.ts formats every
// number of the site with it, and the explorer's browser code uses it as it is: making an Intl.NumberFormat loads the
// locale's data the first time, measured 120–200 ms of a page's main thread under Lighthouse's 4× slower CPU — one
// long task while the engine loads, and again on the way to the first result (the summary "n rows · t ms").
// tests/format.test.ts checks it against Intl (vi-VN and en-GB, grouping always) over many values.
export type DigitsLocale = 'vi' | 'en';

const SEPARATORS: Record<DigitsLocale, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** The plain decimal digits of a non-negative finite number's shortest form: 1.5e-7 → "0.00000015", 1e21 → "1000…0". */
function plainDecimal(abs: number): string {
  const text = String(abs);
  const exp = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const mantissa = exp[1]! + (exp[2] ?? '');
  const point = 1 + Number(exp[3]);
  return point <= 0 ? `0.${'0'.repeat(-point)}${mantissa}` : mantissa.padEnd(point, '0');
}

/** Adds one to the last digit of a string of decimal digits: "0999" → "1000", "99" → "100". */
function incremented(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') { out[i] = String(Number(out[i]) + 1); return out.join(''); }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/**
 * A number with exactly `digits` decimals, rounded as Intl rounds (the number's shortest decimal form, ties
 * away from zero: 1.005 → "1,01" with 2), its integer part grouped by thousands: 1118 → "1.118" (vi) / "1,118" (en).
 * A negative number keeps its sign when it rounds to zero, and so does -0 ("-0,0"), as Intl's does; NaN and the
 * infinities read as Intl writes them ("NaN", "∞", "-∞").
 */
export function groupedDigits(n: number, locale: DigitsLocale, digits = 0): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  const { group, decimal } = SEPARATORS[locale];
  const [whole, fraction = ''] = plainDecimal(Math.abs(n)).split('.') as [string, string | undefined];
  let kept = whole + fraction.slice(0, digits).padEnd(digits, '0');
  if ((fraction[digits] ?? '0') >= '5') kept = incremented(kept);
  const integer = kept.slice(0, kept.length - digits) || '0';
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, group);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${grouped}${digits > 0 ? `${decimal}${kept.slice(kept.length - digits)}` : ''}`;
}
