// What-if under the 2027–2030 standard (issue 13, item 6): the households assessed in the last review under the
// 2022–2025 standard, classified by each standard's rule (`what_if`), beside the counts that review recognised
// (`poverty`) and, once a review under the new standard is in the data, the counts it recognised. An indicator of
// the new standard that the old reviews did not collect (waste treatment) is counted both ways — deprived and not
// — so the new classification is a range: which indicators, and from which review they are collected, come from
// data/reference/standards.json. The what-if covers the households assessed, with the incomes of that review
// (not re-assessed), not the whole population. Pure: tests/monitoring-checks.test.ts checks it on hand-made rows.
import type { Population, PovertyRow, WhatIfRow } from '../contract';
import { standards as referenceStandards, standardForReviewYear, type Indicator, type Standard } from '../reference';
import { formatCount, formatHidden, type HiddenBounds, type Locale } from '../format';
import { TOP_CODE, sameUnits } from '../geography';

/**
 * One population's count under one standard's rule as a range [min, max] (min = max where every indicator was
 * collected). `low`/`high` are what a reader may know of the range's ends: the shown count, else the hidden cell's
 * published interval end, else null (nothing known).
 */
export interface WhatIfRange {
  min: number | null;
  max: number | null;
  /** a cell of the range is hidden to protect households */
  hidden: boolean;
  low: number | null;
  high: number | null;
}

export function whatIfRange(rows: WhatIfRow[], area: string, year: number, standard: string, population: Population): WhatIfRange | null {
  const at = rows.filter((r) => r.area_code === area && r.review_year === year && r.standard === standard);
  const lo = at.find((r) => r.measure === `${population}_min`);
  const hi = at.find((r) => r.measure === `${population}_max`);
  if (!lo || !hi) return null;
  return {
    min: lo.households,
    max: hi.households,
    hidden: lo.households == null || hi.households == null,
    low: lo.households ?? lo.households_min ?? null,
    high: hi.households ?? hi.households_max ?? null,
  };
}

/** The bounds a hidden range may be shown with (format.ts formatHidden): both ends known, else none. */
export function rangeBounds(r: WhatIfRange): HiddenBounds {
  return r.low != null && r.high != null ? { households_min: r.low, households_max: r.high } : { households_min: null, households_max: null };
}

/** The review year the what-if starts from: the latest in the table (there is one). */
export function whatIfReviewYear(rows: WhatIfRow[]): number | null {
  return rows.length === 0 ? null : Math.max(...rows.map((r) => r.review_year));
}

/** The standard of the review year (`from`) and the one it is held against (`to`): the other standard in the table. */
export function whatIfStandards(rows: WhatIfRow[], all: Standard[] = referenceStandards): { from: Standard; to: Standard } | null {
  const year = whatIfReviewYear(rows);
  if (year == null) return null;
  const from = standardForReviewYear(year);
  const toCode = [...new Set(rows.map((r) => r.standard))].find((c) => c !== from?.code);
  const to = all.find((s) => s.code === toCode);
  return from && to ? { from, to } : null;
}

/** Why the new classification is a range: the new standard's indicators that the old one did not collect, and the
 *  old standard's indicators that the new one no longer counts. */
export function indicatorChange(from: Standard, to: Standard): { notCollected: Indicator[]; dropped: Indicator[]; collectedFrom: number } {
  const has = (s: Standard, code: string) => s.indicators.some((i) => i.code === code);
  return {
    notCollected: to.indicators.filter((i) => !has(from, i.code)),
    dropped: from.indicators.filter((i) => !has(to, i.code)),
    collectedFrom: to.first_review_year,
  };
}

export interface WhatIfArea {
  area_code: string;
  review_year: number;
  /** what the review recognised */
  recognised: Record<Population, number>;
  /** the same households by the rule of the review's own standard */
  oldRule: Record<Population, WhatIfRange | null>;
  /** and by the rule of the new standard (a range) */
  newRule: Record<Population, WhatIfRange | null>;
  /** the counts recognised by later reviews held under the new standard (empty until one is in the data) */
  later: { review_year: number; poor: number; near_poor: number; total_households: number }[];
}

/** The what-if of one area: null when the table has no rows for it. */
export function whatIfArea(rows: WhatIfRow[], poverty: PovertyRow[], area: string, all: Standard[] = referenceStandards): WhatIfArea | null {
  const year = whatIfReviewYear(rows);
  const stds = whatIfStandards(rows, all);
  const pov = poverty.find((p) => p.area_code === area && p.review_year === year);
  if (year == null || !stds || !pov || !rows.some((r) => r.area_code === area && r.review_year === year)) return null;
  const range = (std: Standard, p: Population) => whatIfRange(rows, area, year, std.code, p);
  const later = poverty
    // a unit's code means the same territory only within its period (the territory is the same land in every one)
    .filter((p) => p.area_code === area && p.review_year > year && (area === TOP_CODE || sameUnits(p.review_year, year)))
    .filter((p) => standardForReviewYear(p.review_year)?.code === stds.to.code)
    .sort((a, b) => a.review_year - b.review_year)
    .map((p) => ({ review_year: p.review_year, poor: p.poor, near_poor: p.near_poor, total_households: p.total_households }));
  return {
    area_code: area,
    review_year: year,
    recognised: { poor: pov.poor, near_poor: pov.near_poor },
    oldRule: { poor: range(stds.from, 'poor'), near_poor: range(stds.from, 'near_poor') },
    newRule: { poor: range(stds.to, 'poor'), near_poor: range(stds.to, 'near_poor') },
    later,
  };
}

/**
 * A range as text: "1.020" when both ends are equal, "1.020–1.180" otherwise; a range with a hidden end is shown
 * as hidden, with the widest interval the published tables allow ("ẩn (1.000–1.200 hộ)"), never as a number.
 */
export function formatWhatIfRange(r: WhatIfRange | null, locale: Locale): string {
  if (!r) return '—';
  if (r.hidden || r.min == null || r.max == null) return formatHidden(rangeBounds(r), locale);
  return r.min === r.max ? formatCount(r.min, locale) : `${formatCount(r.min, locale)}–${formatCount(r.max, locale)}`;
}
