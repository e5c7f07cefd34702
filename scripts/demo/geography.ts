// The 37 communes and towns of Thủy Nguyên (2019–2024 geography) with illustrative household totals.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apportion, type Rng } from '../lib/prng.ts';
import { villagesOf } from './people.ts';

export const REVIEW_YEARS = [2021, 2022, 2023, 2024] as const;
export type ReviewYear = (typeof REVIEW_YEARS)[number];

/**
 * District households in review year 2022: the directive prints 1,118 poor = 1.01% and 2,359 near-poor =
 * 2.14%, which holds for totals of 110,148–110,491; 110,320 sits well inside.
 */
export const DISTRICT_HOUSEHOLDS_2022 = 110_320;
/** Household growth relative to 2022 (new households split off; the district grew steadily). */
const GROWTH: Record<ReviewYear, number> = { 2021: 0.988, 2022: 1, 2023: 1.011, 2024: 1.023 };

export interface Commune {
  code: string;
  name: string;
  isTown: boolean;
  /** ASCII slug for file names */
  slug: string;
  totals: Record<ReviewYear, number>;
  /** relative poverty level (1 = district average) */
  propensity: number;
  villages: string[];
}

const ADMIN_UNITS = fileURLToPath(new URL('../../data/reference/admin-units-thuy-nguyen-2019-2024.csv', import.meta.url));

export function slugOf(name: string): string {
  return name
    .replace(/^(Thị trấn|Xã)\s+/u, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function readAdminUnits(): { code: string; name: string; isTown: boolean }[] {
  const [header, ...lines] = readFileSync(ADMIN_UNITS, 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      code: cells[at('commune_code')]!,
      name: cells[at('commune_name')]!.normalize('NFC'),
      isTown: cells[at('unit_type')] === 'Thị trấn',
    };
  });
}

// A few communes are deliberately small so that their late-year counts are a handful of households and
// disclosure control has real work to do.
const SMALL_COMMUNES = new Set(['11503', '11530', '11545', '11560', '11572']);

export function buildCommunes(rng: Rng): Commune[] {
  const units = readAdminUnits();
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
      REVIEW_YEARS.map((y) => [y, y === 2022 ? t22 : Math.round(t22 * (1 + (GROWTH[y] - 1) * drift))]),
    ) as Record<ReviewYear, number>;
    // towns are better off; a few communes (coastal, former salt/farm land) poorer than the rest
    const propensity = u.isTown ? 0.45 + 0.1 * rng.next() : Math.exp(0.45 * rng.normal());
    return { ...u, slug: slugOf(u.name), totals, propensity, villages: villagesOf(rng, u.isTown, t22) };
  });
}
