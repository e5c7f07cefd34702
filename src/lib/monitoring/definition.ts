// The definition of hộ mới thoát nghèo as reference data (data/reference/newly-escaped.json, written with the
// pipeline that counts them): its window, wording and legal basis, and whether the basis was checked against
// the gazette. Read once; the page shows it as it is, with the `check` mark as "chưa đối chiếu văn bản gốc".
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '../format';

export interface NewlyEscapedDefinition {
  /** reviews in the window: the exit review itself and the ones before it (3: the programme's 36 months) */
  windowReviews: number;
  definition: Record<Locale, string | null>;
  legalBasis: Record<Locale, string | null>;
  /** true: seen only in secondary sources, not verified against the gazette */
  check: boolean;
}

type Json = Record<string, unknown>;
const text = (j: Json, ...keys: string[]): string | null => {
  for (const k of keys) if (typeof j[k] === 'string' && (j[k] as string).trim() !== '') return j[k] as string;
  return null;
};

/** Normalises the reference file's fields once, at the boundary (names in vi/en, a window in reviews or months). */
export function parseDefinition(j: Json): NewlyEscapedDefinition {
  const months = typeof j.window_months === 'number' ? j.window_months : null;
  const reviews = typeof j.window_reviews === 'number' ? j.window_reviews : typeof j.window === 'number' ? j.window : months != null ? Math.round(months / 12) : null;
  if (reviews == null || !Number.isInteger(reviews) || reviews < 1) throw new Error(`newly-escaped.json: invalid window: ${JSON.stringify(j.window_reviews ?? j.window ?? j.window_months)}`);
  return {
    windowReviews: reviews,
    definition: { vi: text(j, 'definition_vi', 'rule_vi', 'text_vi'), en: text(j, 'definition_en', 'rule_en', 'text_en') },
    legalBasis: { vi: text(j, 'legal_basis_vi', 'legal_basis', 'basis_vi', 'basis'), en: text(j, 'legal_basis_en', 'basis_en', 'legal_basis') },
    check: j.check === true,
  };
}

const FILE = 'data/reference/newly-escaped.json';
let cached: NewlyEscapedDefinition | undefined;

/**
 * The definition as published with the data. Before the reference file exists the site states the contract's
 * rule (three reviews) and marks it unverified, rather than failing the build.
 */
export function newlyEscapedDefinition(): NewlyEscapedDefinition {
  if (cached) return cached;
  const file = resolve(FILE);
  cached = existsSync(file)
    ? parseDefinition(JSON.parse(readFileSync(file, 'utf8')) as Json)
    : { windowReviews: 3, definition: { vi: null, en: null }, legalBasis: { vi: null, en: null }, check: true };
  return cached;
}
