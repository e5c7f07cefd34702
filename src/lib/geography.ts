// The territory of the former Thủy Nguyên district as a timeline (data/reference/geography.json): the unit sets
// in force period by period and the crosswalks between them. The one place that decides which units a review
// year uses, what a code means in a period, which units a unit came from or became, and which new units are
// unions of whole old ones. Pure: the pipeline, the site and the tests read it alike.
//
// A GSO code names a territory only together with its period (11473 is thị trấn Minh Đức in 2019–2024, phường
// Minh Đức in 2025-01, phường Bạch Đằng from 2025-07): every function here takes the period with the code.
import geographyJson from '../../data/reference/geography.json';

export type PeriodId = '2019-2024' | '2025-01' | '2025-07';
export type UnitType = 'commune' | 'town' | 'ward';
export type ChangeKind = 'full' | 'partial' | 'renamed';
export type Evidence = 'stated' | 'inferred';

export interface Unit {
  code: string;
  name_vi: string;
  name_en: string;
  unit_type: UnitType;
  /** representative point (WGS84) and area, for the 2019–2024 units only */
  lon?: number;
  lat?: number;
  area_km2?: number;
}
export interface Period {
  id: PeriodId;
  valid_from: string;
  /** null: still in force */
  valid_to: string | null;
  /** the territory of the former district in this period (area code `TOP_CODE`) */
  top: { name_vi: string; name_en: string; unit_type: 'district' | 'city' | 'former_district' };
  source: string;
  units: Unit[];
}
/** One row of a crosswalk between consecutive periods: (part of) `from_code` went into `to_code`. */
export interface Change {
  from_code: string;
  from_period: PeriodId;
  to_code: string;
  to_period: PeriodId;
  kind: ChangeKind;
  evidence: Evidence;
  source: string;
}

const data = geographyJson as unknown as {
  review_date: string;
  top: { code: string; area_level: 'district' };
  periods: Period[];
  changes: Change[];
};

/** The area code of the former district's territory, in every period. */
export const TOP_CODE: string = data.top.code;
export const periods: readonly Period[] = data.periods;
export const changes: readonly Change[] = data.changes;
/** The period of the reviews before the reorganisation: today's `/communes/<code>/` pages. */
export const FIRST_PERIOD: PeriodId = '2019-2024';

export function period(id: PeriodId): Period {
  const p = periods.find((x) => x.id === id);
  if (!p) throw new Error(`unknown geography period: ${id}`);
  return p;
}

/** The date on which a review year's units are taken (reviews happen in the last quarter). */
export function reviewDate(reviewYear: number): string {
  return `${reviewYear}-${data.review_date}`;
}

/** Whether any review date falls in a period (2025-01 to 2025-06 has none: it is the bridge). */
export function hasReviews(p: Period): boolean {
  const from = Number(p.valid_from.slice(0, 4));
  const to = p.valid_to === null ? from + 1 : Number(p.valid_to.slice(0, 4));
  for (let y = from; y <= to; y += 1) if (periodOfReviewYear(y)?.id === p.id) return true;
  return false;
}

/** The period in force on a review year's review date, or undefined (before 2019-12). */
export function periodOfReviewYear(reviewYear: number): Period | undefined {
  const day = reviewDate(reviewYear);
  return periods.find((p) => p.valid_from <= day && (p.valid_to === null || day <= p.valid_to));
}

/** The id of the period of a review year; a year before the geography is an error, not a guess. */
export function periodIdOf(reviewYear: number): PeriodId {
  const p = periodOfReviewYear(reviewYear);
  if (!p) throw new Error(`no unit set in force for review year ${reviewYear}`);
  return p.id;
}

export function unitsOfReviewYear(reviewYear: number): Unit[] {
  return periodOfReviewYear(reviewYear)?.units ?? [];
}

export function unitAt(code: string, periodId: PeriodId): Unit | undefined {
  return period(periodId).units.find((u) => u.code === code);
}

const order = (id: PeriodId): number => periods.findIndex((p) => p.id === id);

/** Whether two review years use the same units (then a household code links as it always has). */
export function sameUnits(yearA: number, yearB: number): boolean {
  const a = periodOfReviewYear(yearA);
  const b = periodOfReviewYear(yearB);
  return a !== undefined && a.id === b?.id;
}

export interface Link { from_code: string; to_code: string; kind: ChangeKind; evidence: Evidence }

/**
 * The crosswalk from the units of period `from` to those of a later period `to`, composed through the periods
 * between: a link is `partial` when any step is, `renamed` when every step is, else `full`; `inferred` when any
 * step is. `from` = `to` gives each unit to itself.
 */
export function links(from: PeriodId, to: PeriodId): Link[] {
  if (order(from) > order(to)) throw new Error(`links go forward in time: ${from} → ${to}`);
  let current: Link[] = period(from).units.map((u) => ({ from_code: u.code, to_code: u.code, kind: 'renamed', evidence: 'stated' }));
  for (let i = order(from); i < order(to); i += 1) {
    const step = changes.filter((c) => c.from_period === periods[i]!.id && c.to_period === periods[i + 1]!.id);
    const next = new Map<string, Link>();
    for (const link of current) {
      for (const c of step.filter((s) => s.from_code === link.to_code)) {
        const kind: ChangeKind = link.kind === 'partial' || c.kind === 'partial' ? 'partial'
          : link.kind === 'renamed' && c.kind === 'renamed' ? 'renamed' : 'full';
        const evidence: Evidence = link.evidence === 'inferred' || c.evidence === 'inferred' ? 'inferred' : 'stated';
        const key = `${link.from_code}>${c.to_code}`;
        const seen = next.get(key);
        // two paths to the same unit: the link is partial if either is (a part went another way)
        next.set(key, seen
          ? { ...seen, kind: seen.kind === 'partial' || kind === 'partial' ? 'partial' : seen.kind, evidence: seen.evidence === 'inferred' ? 'inferred' : evidence }
          : { from_code: link.from_code, to_code: c.to_code, kind, evidence });
      }
    }
    current = [...next.values()];
  }
  return current.sort((a, b) => a.from_code.localeCompare(b.from_code) || a.to_code.localeCompare(b.to_code));
}

/** The units of `to` that (part of) unit `code` of `from` became. */
export function successors(code: string, from: PeriodId, to: PeriodId): string[] {
  return links(from, to).filter((l) => l.from_code === code).map((l) => l.to_code);
}

/** The units of `from` that (part of) unit `code` of `to` came from. */
export function predecessors(code: string, to: PeriodId, from: PeriodId): string[] {
  return links(from, to).filter((l) => l.to_code === code).map((l) => l.from_code);
}

/**
 * Where the exits of a unit that was split are counted when the household was not found again: the successor
 * that kept the unit's code, else the successor with the lowest code. One rule, so that every leaver is counted
 * in exactly one unit and the territory stays the sum of its units.
 */
export function attributedSuccessor(code: string, from: PeriodId, to: PeriodId): string {
  const next = successors(code, from, to);
  if (next.length === 0) throw new Error(`unit ${code} of ${from} has no successor in ${to}`);
  return next.includes(code) ? code : [...next].sort()[0]!;
}

export interface ExactGroup { from: string[]; to: string[] }

/**
 * The smallest groups of units with the same territory in both periods (connected parts of the crosswalk):
 * a group with one unit on the `to` side is a union of whole `from` units, so its series is exact by summing.
 */
export function exactGroups(from: PeriodId, to: PeriodId): ExactGroup[] {
  const all = links(from, to);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const l of all) {
    for (const key of [`f${l.from_code}`, `t${l.to_code}`]) if (!parent.has(key)) parent.set(key, key);
    parent.set(find(`f${l.from_code}`), find(`t${l.to_code}`));
  }
  const groups = new Map<string, ExactGroup>();
  for (const key of parent.keys()) {
    const root = find(key);
    const g = groups.get(root) ?? { from: [], to: [] };
    (key.startsWith('f') ? g.from : g.to).push(key.slice(1));
    groups.set(root, g);
  }
  return [...groups.values()]
    .map((g) => ({ from: g.from.sort(), to: g.to.sort() }))
    .sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
}

/** The `from` units whose union is exactly unit `code` of `to`, or null when it shares a split unit. */
export function wholeUnionOf(code: string, to: PeriodId, from: PeriodId): string[] | null {
  const group = exactGroups(from, to).find((g) => g.to.includes(code));
  return group && group.to.length === 1 ? group.from : null;
}

/** Whether a unit's code named another territory in an earlier period (GSO codes are reused). */
export function earlierMeaning(code: string, periodId: PeriodId): { period: PeriodId; unit: Unit }[] {
  return periods.slice(0, order(periodId))
    .map((p) => ({ period: p.id, unit: p.units.find((u) => u.code === code) }))
    .filter((x): x is { period: PeriodId; unit: Unit } => x.unit !== undefined);
}

/**
 * Why a code is not a unit of a review year, for the validation message: a code the reorganisation retired names
 * what it became ("11470 Thị trấn Núi Đèo: from 2025-07-01 part of 11560 Phường Thủy Nguyên"); undefined when the
 * code is a unit of that year or never was one of the territory.
 */
export function retiredCodeMessage(code: string, reviewYear: number): string | undefined {
  const now = periodOfReviewYear(reviewYear);
  if (!now || now.units.some((u) => u.code === code)) return undefined;
  // the meaning the data officer's earlier files used: the latest earlier period that had a review
  const earlier = [...periods.slice(0, order(now.id))].reverse().find((p) => hasReviews(p) && p.units.some((u) => u.code === code));
  if (!earlier) return undefined;
  const unit = earlier.units.find((u) => u.code === code)!;
  const next = links(earlier.id, now.id).filter((l) => l.from_code === code)
    .map((l) => `${l.to_code} ${unitAt(l.to_code, now.id)!.name_vi}`);
  const became = next.length === 1 ? `part of ${next[0]}` : `split between ${next.slice(0, -1).join(', ')} and ${next[next.length - 1]}`;
  return `${code} ${unit.name_vi}: from ${now.valid_from} ${became}`;
}

/** Name of the territory (area `TOP_CODE`) in a period. */
export function topName(periodId: PeriodId, locale: 'vi' | 'en'): string {
  const top = period(periodId).top;
  return locale === 'vi' ? top.name_vi : top.name_en;
}

/** Site path of a unit page (without locale prefix): 2019–2024 keeps `/communes/<code>/` (links already shared). */
export function unitPath(code: string, periodId: PeriodId): string {
  if (periodId === FIRST_PERIOD) return `/communes/${code}/`;
  return periodId === '2025-07' ? `/communes/2025/${code}/` : `/communes/${periodId}/${code}/`;
}

/** The route parameters of the unit pages of the periods after 2019–2024 (`/communes/<period>/<code>/`), from `unitPath`. */
export function laterUnitRoutes(): { params: { period: string; code: string }; props: { periodId: PeriodId } }[] {
  return periods.filter((p) => p.id !== FIRST_PERIOD).flatMap((p) => p.units.map((u) => {
    const [, , slug, code] = unitPath(u.code, p.id).split('/');
    return { params: { period: slug!, code: code! }, props: { periodId: p.id } };
  }));
}
