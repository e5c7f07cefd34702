// The units of the demo, from src/lib/geography.ts (the one module that decides geography): the 37 communes and
// towns of 2019–2024 (review years 2021–2024) and the 8 wards and communes from 2025-07-01 (review years 2025 and
// 2026), with illustrative household totals.
import { links, period, periodOfReviewYear, type PeriodId } from '../../src/lib/geography.ts';
import { apportion, type Rng } from '../lib/prng.ts';
import { villagesOf } from './people.ts';

/** The periods of the demo's review years: the directive's (37 units) and the one after the reorganisation (8). */
export const FIRST_PERIOD: PeriodId = '2019-2024';
export const NEW_PERIOD: PeriodId = '2025-07';
export const FIRST_YEARS = [2021, 2022, 2023, 2024] as const;
export const NEW_YEARS = [2025, 2026] as const;
export const REVIEW_YEARS = [...FIRST_YEARS, ...NEW_YEARS] as const;
export type FirstYear = (typeof FIRST_YEARS)[number];
export type NewYear = (typeof NEW_YEARS)[number];
export type ReviewYear = (typeof REVIEW_YEARS)[number];

for (const [years, id] of [[FIRST_YEARS, FIRST_PERIOD], [NEW_YEARS, NEW_PERIOD]] as const) {
  for (const y of years) {
    if (periodOfReviewYear(y)?.id !== id) throw new Error(`demo: review year ${y} is not in period ${id} (data/reference/geography.json)`);
  }
}

/**
 * District households in review year 2022: the directive prints 1,118 poor = 1.01% and 2,359 near-poor =
 * 2.14%, which holds for totals of 110,148–110,491; 110,320 sits well inside.
 */
export const DISTRICT_HOUSEHOLDS_2022 = 110_320;
/** Household growth relative to 2022 (new households split off; the district grew steadily). */
const GROWTH: Record<FirstYear, number> = { 2021: 0.988, 2022: 1, 2023: 1.011, 2024: 1.023 };

export interface Commune {
  code: string;
  name: string;
  isTown: boolean;
  /** ASCII slug for file names */
  slug: string;
  totals: Record<FirstYear, number>;
  /** relative poverty level (1 = district average) */
  propensity: number;
  villages: string[];
}

export function slugOf(name: string): string {
  return name
    .replace(/^(Thị trấn|Xã|Phường)\s+/u, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// A few communes are deliberately small so that their late-year counts are a handful of households and
// disclosure control has real work to do.
const SMALL_COMMUNES = new Set(['11503', '11530', '11545', '11560', '11572']);

export function buildCommunes(rng: Rng): Commune[] {
  const units = period(FIRST_PERIOD).units.map((u) => ({ code: u.code, name: u.name_vi.normalize('NFC'), isTown: u.unit_type === 'town' }));
  const sizeWeights = units.map((u) => {
    if (u.code === '11470') return 2.4; // Núi Đèo, the district seat
    if (u.isTown) return 1.6;
    if (SMALL_COMMUNES.has(u.code)) return 0.32 + rng.next() * 0.12;
    return Math.exp(0.3 * rng.normal()) * 0.95;
  });
  const totals2022 = apportion(DISTRICT_HOUSEHOLDS_2022, sizeWeights);
  return units.map((u, i) => {
    const t22 = totals2022[i]!;
    const drift = 1 + 0.004 * rng.normal();
    const totals = Object.fromEntries(
      FIRST_YEARS.map((y) => [y, y === 2022 ? t22 : Math.round(t22 * (1 + (GROWTH[y] - 1) * drift))]),
    ) as Record<FirstYear, number>;
    // towns are better off; a few communes (coastal, former salt/farm land) poorer than the rest
    const propensity = u.isTown ? 0.45 + 0.1 * rng.next() : Math.exp(0.45 * rng.normal());
    return { ...u, slug: slugOf(u.name), totals, propensity, villages: villagesOf(rng, u.isTown, t22) };
  });
}

/** How a new unit codes its households in 2025 (see reorganisation.ts). */
export type IdScheme = 'kept' | 'renumbered';

export interface NewUnit {
  code: string;
  name: string;
  /** a ward (phường) is urban: its households are classified with the urban income line */
  isUrban: boolean;
  slug: string;
  totals: Record<NewYear, number>;
  /** relative poverty level, the households' mix of its predecessors */
  propensity: number;
  /** the 2019–2024 units it was formed from, with the share of each one's households that came to it */
  sources: { commune: Commune; share: number }[];
  /** kept: households keep their old commune's code (duplicates re-coded); renumbered: a new register */
  idScheme: IdScheme;
  /** prefix of the unit's new register numbers */
  idPrefix: string;
  /** whether its 2025 file carries previous_commune_code / previous_household_id */
  carriesReferences: boolean;
}

/**
 * The 2025 files of four units carry the previous references; the other four carry none, so a reader of the
 * files must link through the crosswalk (and meets ambiguity: household codes repeat from commune to commune).
 * Two units re-code every household; the others keep the old codes and re-code only duplicates.
 */
const ID_POLICY: Record<string, { idScheme: IdScheme; carriesReferences: boolean }> = {
  '11473': { idScheme: 'renumbered', carriesReferences: true }, // Bạch Đằng: union of five whole units
  '11488': { idScheme: 'kept', carriesReferences: false }, // Lưu Kiếm: nine predecessors, four of them split
  '11503': { idScheme: 'kept', carriesReferences: true }, // Việt Khê
  '11506': { idScheme: 'kept', carriesReferences: false }, // Lê Ích Mộc
  '11533': { idScheme: 'kept', carriesReferences: false }, // Hòa Bình
  '11542': { idScheme: 'kept', carriesReferences: false }, // Nam Triệu: union of four whole units
  '11557': { idScheme: 'renumbered', carriesReferences: true }, // Thiên Hương
  '11560': { idScheme: 'kept', carriesReferences: true }, // Thủy Nguyên
};

/** Smallest share of a split unit's households that goes to each of its successors. */
const MIN_SPLIT_SHARE = 0.1;

/**
 * Where the households of each 2019–2024 unit went (share per successor). A unit that went whole goes with
 * share 1. A split unit's households go mostly to the nearer successor: weight 1/d², d the distance from the
 * unit's representative point to the mean point of the successor's whole predecessors; the successor that kept
 * the unit's code (or the code of the 2025-01 unit it became) counts double; no part under 10%. The sources do
 * not say how residents divided: this is the demo's assumption, stated in DEMO.md.
 */
export function successorShares(): Map<string, { to: string; share: number }[]> {
  const all = links(FIRST_PERIOD, NEW_PERIOD);
  const old = new Map(period(FIRST_PERIOD).units.map((u) => [u.code, u]));
  const via = links(FIRST_PERIOD, '2025-01');
  const centre = new Map<string, [number, number]>();
  for (const unit of period(NEW_PERIOD).units) {
    const whole = all.filter((l) => l.to_code === unit.code && l.kind !== 'partial').map((l) => old.get(l.from_code)!);
    if (whole.length === 0) throw new Error(`demo: unit ${unit.code} of ${NEW_PERIOD} has no whole predecessor to place it`);
    centre.set(unit.code, [whole.reduce((s, u) => s + u.lon!, 0) / whole.length, whole.reduce((s, u) => s + u.lat!, 0) / whole.length]);
  }
  const shares = new Map<string, { to: string; share: number }[]>();
  for (const u of old.values()) {
    const next = all.filter((l) => l.from_code === u.code).map((l) => l.to_code);
    if (next.length === 0) throw new Error(`demo: unit ${u.code} has no successor in ${NEW_PERIOD}`);
    const keptCodes = new Set([u.code, ...via.filter((l) => l.from_code === u.code).map((l) => l.to_code)]);
    const raw = next.map((to) => {
      const [lon, lat] = centre.get(to)!;
      const km = Math.hypot((lon - u.lon!) * Math.cos((u.lat! * Math.PI) / 180), lat - u.lat!) * 111.2;
      return (keptCodes.has(to) ? 2 : 1) / Math.max(km, 0.5) ** 2;
    });
    const sum = raw.reduce((a, b) => a + b, 0);
    const floored = raw.map((w) => Math.max(MIN_SPLIT_SHARE, w / sum));
    const total = floored.reduce((a, b) => a + b, 0);
    shares.set(u.code, next.map((to, i) => ({ to, share: floored[i]! / total })));
  }
  return shares;
}

/** Growth of households from review 2024 to 2025 and from 2025 to 2026 (new households split off). */
const NEW_GROWTH: Record<NewYear, number> = { 2025: 1.009, 2026: 1.008 };

function initials(name: string): string {
  return slugOf(name).split('-').map((w) => w[0]!.toUpperCase()).join('');
}

export function buildNewUnits(rng: Rng, communes: Commune[]): NewUnit[] {
  const shares = successorShares();
  return period(NEW_PERIOD).units.map((unit) => {
    const policy = ID_POLICY[unit.code];
    if (!policy) throw new Error(`demo: no household-code policy for unit ${unit.code} of ${NEW_PERIOD}`);
    const sources = communes.flatMap((c) => shares.get(c.code)!.filter((s) => s.to === unit.code).map((s) => ({ commune: c, share: s.share })));
    const inherited = sources.reduce((s, x) => s + x.commune.totals[2024] * x.share, 0);
    const t25 = Math.round(inherited * (NEW_GROWTH[2025] + 0.003 * rng.normal()));
    const t26 = Math.round(t25 * (NEW_GROWTH[2026] + 0.003 * rng.normal()));
    const propensity = sources.reduce((s, x) => s + x.commune.totals[2024] * x.share * x.commune.propensity, 0) / inherited;
    return {
      code: unit.code,
      name: unit.name_vi.normalize('NFC'),
      isUrban: unit.unit_type !== 'commune',
      slug: slugOf(unit.name_vi),
      totals: { 2025: t25, 2026: t26 },
      propensity,
      sources,
      ...policy,
      idPrefix: initials(unit.name_vi),
    };
  });
}
