// The directive's target (no poor households by the review of end-2024) judged where it was set: at the 2024
// review, for the territory and for each 2019–2024 unit. What happened after is told honestly: the territory is
// the same land in 2025 and 2026, so its figures follow on; an old unit no longer exists, so its "after" is the
// figure of the new unit(s) it became — which also cover other old units, and only part of it when it was split.
import type { PovertyRow } from './contract';
import { FIRST_PERIOD, TOP_CODE, links, periodOfReviewYear, type ChangeKind, type Evidence, type PeriodId } from './geography';
import { officialFigures } from './reference';
import { rowsOf } from './areas';

export interface Target { review_year: number; poor: number }
const defaultTarget: Target = officialFigures.target;

export type TargetVerdict =
  | { status: 'reached'; poor: number; review_year: number }
  | { status: 'not_reached'; poor: number; review_year: number }
  /** no published row at the target review */
  | { status: 'unknown'; review_year: number };

/** The target judged at its own review for `code` (the territory, or a unit of the target review's period). */
export function targetVerdict(poverty: PovertyRow[], code: string, target: Target = defaultTarget): TargetVerdict {
  const row = poverty.find((p) => p.area_code === code && p.review_year === target.review_year);
  if (!row) return { status: 'unknown', review_year: target.review_year };
  return { status: row.poor <= target.poor ? 'reached' : 'not_reached', poor: row.poor, review_year: target.review_year };
}

/** The territory's poor households at the reviews after the target's. */
export function territoryAfter(poverty: PovertyRow[], target: Target = defaultTarget): { review_year: number; poor: number }[] {
  return rowsOf(poverty, { code: TOP_CODE, period: FIRST_PERIOD })
    .filter((r) => r.review_year > target.review_year)
    .map((r) => ({ review_year: r.review_year, poor: r.poor }));
}

export interface SuccessorAfter {
  /** a unit of `period` */
  code: string;
  period: PeriodId;
  /** full: the whole old unit went into it; partial: only part did */
  kind: ChangeKind;
  evidence: Evidence;
  /** the other old units (of the target review's period) it also covers */
  alsoCovers: string[];
  years: { review_year: number; poor: number }[];
}

/** What became of a 2019–2024 unit after the target review: its successors in each later review's period. */
export function unitAfter(poverty: PovertyRow[], code: string, target: Target = defaultTarget): { split: boolean; successors: SuccessorAfter[] } {
  const from = periodOfReviewYear(target.review_year)!.id;
  const laterYears = [...new Set(poverty.map((p) => p.review_year))].filter((y) => y > target.review_year).sort((a, b) => a - b);
  const laterPeriods = [...new Set(laterYears.map((y) => periodOfReviewYear(y)?.id).filter((p): p is PeriodId => p !== undefined && p !== from))];
  const successors = laterPeriods.flatMap((to) => {
    const all = links(from, to);
    return all.filter((l) => l.from_code === code).map((l): SuccessorAfter => ({
      code: l.to_code, period: to, kind: l.kind, evidence: l.evidence,
      alsoCovers: all.filter((x) => x.to_code === l.to_code && x.from_code !== code).map((x) => x.from_code),
      years: rowsOf(poverty, { code: l.to_code, period: to }).map((r) => ({ review_year: r.review_year, poor: r.poor })),
    }));
  });
  return { split: successors.length > 1, successors };
}
