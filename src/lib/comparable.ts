// Series for the units of 2025-07 that reach back before the reorganisation. A new unit that is a union of whole
// 2019–2024 units (Bạch Đằng, Nam Triệu) gets its figures for 2021–2024 by summing its predecessors' PUBLISHED
// figures: exact for `poverty`, published in full; for a protected table a sum is given only when every part is
// shown (a sum over a hidden part would be a new cell, and publishing a year under two boundary sets lets anyone
// subtract). The other six share split units: they get their own figures from 2025, and the old units they
// came from are listed with those units' own figures, never added up into a series of the new unit.
import type { PovertyRow } from './contract';
import { FIRST_PERIOD, exactGroups, links, wholeUnionOf, type ChangeKind, type Evidence, type PeriodId } from './geography';
import { percent } from './percent';
import { rowsOf, type AreaKey } from './areas';

export interface Predecessor { key: AreaKey; kind: ChangeKind; evidence: Evidence }

export type ComparableCase =
  | { kind: 'whole_union'; unit: AreaKey; parts: Predecessor[]; evidence: Evidence }
  | {
    kind: 'formed_from'; unit: AreaKey; predecessors: Predecessor[];
    /** the smallest set of new units whose combined territory equals that of a set of old units */
    group: { units: string[]; from: string[] };
  };

/** Which case applies to unit `code` of `periodId`, from the reference crosswalk (src/lib/geography.ts). */
export function comparableCase(code: string, periodId: PeriodId = '2025-07'): ComparableCase {
  const unit = { code, period: periodId };
  const predecessors: Predecessor[] = links(FIRST_PERIOD, periodId)
    .filter((l) => l.to_code === code)
    .map((l) => ({ key: { code: l.from_code, period: FIRST_PERIOD }, kind: l.kind, evidence: l.evidence }));
  if (predecessors.length === 0) throw new Error(`unit ${code} of ${periodId} has no predecessor in ${FIRST_PERIOD}`);
  const whole = wholeUnionOf(code, periodId, FIRST_PERIOD);
  if (whole) {
    return { kind: 'whole_union', unit, parts: predecessors, evidence: predecessors.some((p) => p.evidence === 'inferred') ? 'inferred' : 'stated' };
  }
  const g = exactGroups(FIRST_PERIOD, periodId).find((x) => x.to.includes(code))!;
  return { kind: 'formed_from', unit, predecessors, group: { units: g.to, from: g.from } };
}

/** A poverty row of a comparable series: `summed` when it is the sum of the predecessors' published rows. */
export interface ComparableRow extends Omit<PovertyRow, 'area_level' | 'area_code'> { summed: boolean }

/**
 * The poverty series of a new unit: for a whole union, the sums of its parts' rows for the review years of
 * 2019–2024 in which every part has a row, then its own rows; otherwise its own rows only.
 */
export function comparablePoverty(poverty: PovertyRow[], c: ComparableCase): ComparableRow[] {
  const own: ComparableRow[] = rowsOf(poverty, c.unit).map(({ area_level: _l, area_code: _c, ...r }) => ({ ...r, summed: false }));
  if (c.kind !== 'whole_union') return own;
  const partRows = c.parts.map((p) => rowsOf(poverty, p.key));
  const years = [...new Set(partRows.flat().map((r) => r.review_year))].sort((a, b) => a - b);
  const summed: ComparableRow[] = [];
  for (const y of years) {
    const rows = partRows.map((rs) => rs.find((r) => r.review_year === y));
    if (rows.some((r) => r === undefined)) continue;
    const total = sum(rows.map((r) => r!.total_households));
    const poor = sum(rows.map((r) => r!.poor));
    const nearPoor = sum(rows.map((r) => r!.near_poor));
    summed.push({ review_year: y, total_households: total, poor, near_poor: nearPoor, poor_rate: percent(poor, total), near_poor_rate: percent(nearPoor, total), summed: true });
  }
  return [...summed, ...own].sort((a, b) => a.review_year - b.review_year);
}

/** The sum of published counts, or null (hidden) when any part is hidden or missing: never a partial sum. */
export function sumPublished(values: readonly (number | null | undefined)[]): number | null {
  if (values.length === 0 || values.some((v) => v == null)) return null;
  return sum(values as number[]);
}

/**
 * One protected count of a new unit over review years: its own cells from its period, and for a whole union the
 * sum of its parts' cells before (hidden when any part is hidden). `pick` selects the cell (measure, population…).
 */
export function comparableCounts<T extends { review_year: number; area_code: string; households: number | null }>(
  rows: T[], c: ComparableCase, pick: (row: T) => boolean,
): { review_year: number; households: number | null; summed: boolean }[] {
  const picked = rows.filter(pick);
  const own = rowsOf(picked, c.unit).map((r) => ({ review_year: r.review_year, households: r.households, summed: false }));
  if (c.kind !== 'whole_union') return own;
  const parts = c.parts.map((p) => rowsOf(picked, p.key));
  const years = [...new Set(parts.flat().map((r) => r.review_year))].sort((a, b) => a - b);
  const summed = years.map((y) => ({ review_year: y, households: sumPublished(parts.map((rs) => rs.find((r) => r.review_year === y)?.households)), summed: true }));
  return [...summed, ...own].sort((a, b) => a.review_year - b.review_year);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
