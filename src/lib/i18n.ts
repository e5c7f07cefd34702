// UI strings and locale-aware paths. Vietnamese is the default locale at the site root; English lives
// under /en/ with the same slugs, so a page's twin is always one prefix away.
import type { Locale } from './format';
import { strings, type Strings } from '../i18n';
export type { Locale } from './format';

export const LOCALES: Locale[] = ['vi', 'en'];

/** "/progress/" → "/en/progress/" under the configured base; `base` defaults to Astro's BASE_URL. */
export function localeHref(locale: Locale, path: string, base: string = baseUrl()): string {
  const clean = path.replace(/^\/+/, '');
  const prefix = locale === 'en' ? 'en/' : '';
  return joinBase(base, prefix + clean);
}

/** A path under the base for a locale-independent asset: "data/poverty.csv". */
export function assetHref(path: string, base: string = baseUrl()): string {
  return joinBase(base, path.replace(/^\/+/, ''));
}

function joinBase(base: string, rest: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + rest;
}

function baseUrl(): string {
  // import.meta.env exists under Vite (Astro, vitest); plain tsx falls back to the root.
  const env = (import.meta as unknown as { env?: { BASE_URL?: string } }).env;
  return env?.BASE_URL ?? '/';
}

/**
 * Review year t decides who is poor in year t+1 (Decision 24/2021/QĐ-TTg): label both, always. The
 * wording is in the string tables (src/i18n, `pages.common.reviewYearLabel`).
 */
export function reviewYearLabel(reviewYear: number, locale: Locale, short = false): string {
  const s = strings(locale).pages.common;
  return short ? s.reviewYearShort(reviewYear) : s.reviewYearLabel(reviewYear);
}

/** Remove Vietnamese diacritics (incl. đ) so "nui deo" finds "Núi Đèo". */
export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/**
 * The strings shared by every page (`pages.common` of src/i18n). Kept for the layouts and Chart.astro;
 * new code reads `strings(locale)` from src/i18n directly.
 */
export function t(locale: Locale): Strings['pages']['common'] {
  return strings(locale).pages.common;
}

/**
 * The locale's text of a bilingual reference record (data/reference keeps `name_vi` / `name_en` pairs):
 * `localized(standard, 'name', locale)`.
 */
export function localized<K extends string>(record: { [P in `${K}_${Locale}`]: string }, key: K, locale: Locale): string {
  return record[`${key}_${locale}` as `${K}_${Locale}`];
}
