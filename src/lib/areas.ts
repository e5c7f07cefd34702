// Area identity on the site: a GSO code names a territory only together with its period (11473 is thị trấn
// Minh Đức in 2019–2024, phường Bạch Đằng from 2025-07), so every page, series, chart and link here is keyed by
// (code, period). The territory of the former district (TOP_CODE) is the one area followed across periods:
// the same land in every year, named for each period. Pure: src/lib/geography.ts decides the geography, the
// published `areas` table (keyed by area_code, valid_from) gives the names when it has them.
import type { AreaRow } from './contract';
import type { Locale } from './format';
import { FIRST_PERIOD, TOP_CODE, earlierMeaning, links, period, periodIdOf, periodOfReviewYear, periods, unitAt, type PeriodId } from './geography';
import { standardForReviewYear } from './reference';

export interface AreaKey { code: string; period: PeriodId }

export { periodIdOf };

/** The identity of `code` in review year `reviewYear`. */
export function areaKey(code: string, reviewYear: number): AreaKey {
  return { code, period: periodIdOf(reviewYear) };
}

/**
 * Whether a published row (review year + area code) belongs to the area (code, period). The territory is one
 * area in every period; any other code only within its period, so a commune series never joins two territories.
 */
export function belongsTo(row: { review_year: number; area_code: string }, key: AreaKey): boolean {
  if (row.area_code !== key.code) return false;
  return key.code === TOP_CODE || periodOfReviewYear(row.review_year)?.id === key.period;
}

/** The rows of one area, oldest review first. */
export function rowsOf<T extends { review_year: number; area_code: string }>(rows: T[], key: AreaKey): T[] {
  return rows.filter((r) => belongsTo(r, key)).sort((a, b) => a.review_year - b.review_year);
}

/** The review years (among `years`) that use a period's units. */
export function yearsOfPeriod(years: number[], periodId: PeriodId): number[] {
  return years.filter((y) => periodOfReviewYear(y)?.id === periodId);
}

/** The published area row of (code, period), matched on valid_from; undefined when the table lacks it. */
export function areaRow(areas: AreaRow[], key: AreaKey): AreaRow | undefined {
  const from = period(key.period).valid_from;
  return areas.find((a) => a.area_code === key.code && a.valid_from === from)
    // a release from before the periods had one row per code, for 2019–2024
    ?? (key.period === FIRST_PERIOD && !areas.some((a) => a.valid_from !== areas[0]?.valid_from) ? areas.find((a) => a.area_code === key.code) : undefined);
}

/** The name of (code, period): the published `areas` row when there is one, else the reference geography. */
export function areaName(areas: AreaRow[], key: AreaKey, locale: Locale): string {
  const row = areaRow(areas, key);
  if (row) return locale === 'vi' ? row.name_vi : row.name_en;
  if (key.code === TOP_CODE) {
    const top = period(key.period).top;
    return locale === 'vi' ? top.name_vi : top.name_en;
  }
  const unit = unitAt(key.code, key.period);
  if (!unit) throw new Error(`unit ${key.code} is not in period ${key.period}`);
  return locale === 'vi' ? unit.name_vi : unit.name_en;
}

/** The name of an area as of a review year (the territory's name changes with the period). */
export function areaNameInYear(areas: AreaRow[], code: string, reviewYear: number, locale: Locale): string {
  return areaName(areas, areaKey(code, reviewYear), locale);
}

/** The units of a period, in code order. */
export function unitKeys(periodId: PeriodId): AreaKey[] {
  return period(periodId).units.map((u) => ({ code: u.code, period: periodId })).sort((a, b) => a.code.localeCompare(b.code));
}

/** The periods, latest first (the communes index reads from now backwards). */
export function periodsLatestFirst(): PeriodId[] {
  return [...periods].reverse().map((p) => p.id);
}

/** Where a series changes meaning between two consecutive review years. */
export interface SeriesBreak {
  /** the review years either side */
  before: number;
  after: number;
  kind: 'units' | 'standard';
}

/**
 * The breaks of a series over `years`: a change of the unit set (the reorganisation, between 2024 and 2025) and
 * a change of the poverty standard (2022–2025 → 2027–2030, between 2025 and 2026). A line is not drawn across a
 * change of standard: the two sides count poverty by different rules.
 */
export function seriesBreaks(years: number[]): SeriesBreak[] {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const out: SeriesBreak[] = [];
  for (let i = 1; i < ys.length; i += 1) {
    const [a, b] = [ys[i - 1]!, ys[i]!];
    if (periodOfReviewYear(a)?.id !== periodOfReviewYear(b)?.id) out.push({ before: a, after: b, kind: 'units' });
    if (standardForReviewYear(a)?.code !== standardForReviewYear(b)?.code) out.push({ before: a, after: b, kind: 'standard' });
  }
  return out;
}

/** The review years split where the standard changes: each part may be drawn as one line. */
export function standardSegments(years: number[]): number[][] {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const y of ys) {
    const last = out[out.length - 1];
    if (last && standardForReviewYear(last[last.length - 1]!)?.code === standardForReviewYear(y)?.code) last.push(y);
    else out.push([y]);
  }
  return out;
}

/**
 * The earlier periods in which `code` named ANOTHER territory than (code, periodId): `earlierMeaning` less the
 * periods whose unit of that code became this one unchanged (`renamed`: thị trấn Minh Đức → phường Minh Đức).
 */
export function otherEarlierMeanings(code: string, periodId: PeriodId): PeriodId[] {
  return earlierMeaning(code, periodId)
    .filter((e) => !links(e.period, periodId).some((l) => l.from_code === code && l.to_code === code && l.kind === 'renamed'))
    .map((e) => e.period);
}
