// Who is assessed in which review year, and with what recognised status: household trajectories across
// 2021–2024, anchored on review year 2022 whose district counts are the directive's (2025 and 2026, on the new
// units: reorganisation.ts).
import { apportion, weightedSample, type Rng } from '../lib/prng.ts';
import { FIRST_YEARS, REVIEW_YEARS, type Commune, type NewUnit, type ReviewYear } from './geography.ts';

export type Status = 'poor' | 'near_poor' | 'not_poor';

/** Directive figures for review year 2022 (data/reference/official-figures.json). */
export const DIRECTIVE_2022 = { poor: 1118, nearPoor: 2359, poorNoLabour: 706 } as const;

export interface Household {
  commune: Commune;
  /** creation order within the commune; the household code is derived from it later */
  serial: number;
  /** some member able to work (stable: the directive's split is about the household's make-up) */
  labour: boolean;
  /** recognised status per review year in which the household was assessed */
  status: Partial<Record<ReviewYear, Status>>;
  /** last review year the household could be assessed (died, moved away) */
  goneAfter?: ReviewYear;
  /** the unit of 2025-07 it lives in from review 2025 (reorganisation.ts) */
  unit?: NewUnit;
}

export const wasPoorBefore = (h: Household, year: ReviewYear) => REVIEW_YEARS.some((y) => y < year && h.status[y] === 'poor');

export function buildRoster(rng: Rng, communes: Commune[]): Household[] {
  const households: Household[] = [];
  const serials = new Map<string, number>();
  const add = (commune: Commune, labour: boolean, status: Household['status']): Household => {
    const serial = (serials.get(commune.code) ?? 0) + 1;
    serials.set(commune.code, serial);
    const h: Household = { commune, serial, labour, status };
    households.push(h);
    return h;
  };

  // Review year 2022: the anchor. Counts per commune follow size × poverty level, summing to the directive.
  const poor22 = apportion(DIRECTIVE_2022.poor, communes.map((c) => c.totals[2022] * c.propensity));
  const near22 = apportion(DIRECTIVE_2022.nearPoor, communes.map((c) => c.totals[2022] * (0.45 + 0.55 * c.propensity)));
  const poorAnchor: Household[] = [];
  communes.forEach((c, i) => {
    for (let k = 0; k < poor22[i]!; k++) poorAnchor.push(add(c, true, { 2022: 'poor' }));
    for (let k = 0; k < near22[i]!; k++) add(c, !rng.chance(0.28), { 2022: 'near_poor' });
  });
  // exactly 706 of the 1,118 have no member able to work
  for (const h of weightedSample(rng, poorAnchor, () => 1, DIRECTIVE_2022.poorNoLabour)) h.labour = false;

  // Back to 2021: most of 2022's poor were poor already; the rest fell in from near-poverty or were new.
  for (const h of [...households]) {
    const s22 = h.status[2022];
    if (s22 === 'poor') {
      if (rng.chance(h.labour ? 0.7 : 0.88)) h.status[2021] = 'poor';
      else if (rng.chance(0.6)) h.status[2021] = 'near_poor';
    } else if (s22 === 'near_poor') {
      const r = rng.next();
      if (r < 0.12) h.status[2021] = 'poor';
      else if (r < 0.74) h.status[2021] = 'near_poor';
      else if (r < 0.77) h.status[2021] = 'not_poor';
    }
  }
  for (const c of communes) {
    const p = poor22[communes.indexOf(c)]!;
    const n = near22[communes.indexOf(c)]!;
    // poor in 2021 and escaped to not-poor in 2022 (assessed, certified as escaped)
    for (let k = 0, m = Math.round(p * 0.3 * (0.8 + 0.4 * rng.next())); k < m; k++) add(c, !rng.chance(0.15), { 2021: 'poor', 2022: 'not_poor' });
    // poor in 2021, not assessed in 2022: died or moved away
    for (let k = 0, m = Math.round(p * 0.07 * (0.5 + rng.next())); k < m; k++) {
      add(c, !rng.chance(0.75), { 2021: 'poor' }).goneAfter = 2021;
    }
    // near-poor in 2021 who left near-poverty in 2022
    for (let k = 0, m = Math.round(n * 0.32 * (0.8 + 0.4 * rng.next())); k < m; k++) {
      add(c, !rng.chance(0.25), rng.chance(0.85) ? { 2021: 'near_poor', 2022: 'not_poor' } : { 2021: 'near_poor' });
    }
  }

  // Forward to 2023 and 2024: the with-labour poor leave faster (jobs, credit); those with no labour capacity
  // mostly stay, so the last review before the zero-poor target is dominated by them.
  const stayPoor = { 2023: { noLabour: 0.6, labour: 0.2 }, 2024: { noLabour: 0.42, labour: 0.1 } } as const;
  for (const year of [2023, 2024] as const) {
    const prev = (year - 1) as ReviewYear;
    for (const h of [...households]) {
      if (h.goneAfter !== undefined && h.goneAfter < year) continue;
      const before = h.status[prev];
      const r = rng.next();
      if (before === 'poor') {
        const stay = h.labour ? stayPoor[year].labour : stayPoor[year].noLabour;
        const exit = h.labour ? 0.02 : 0.07;
        if (r < stay) h.status[year] = 'poor';
        else if (r < stay + exit) h.goneAfter = prev;
        else h.status[year] = rng.chance(h.labour ? 0.45 : 0.6) ? 'near_poor' : 'not_poor';
      } else if (before === 'near_poor') {
        const toPoor = year === 2023 ? 0.02 : 0.012;
        if (r < toPoor) h.status[year] = 'poor';
        else if (r < toPoor + 0.64) h.status[year] = 'near_poor';
        else if (r < toPoor + 0.88) h.status[year] = 'not_poor';
        else if (r < toPoor + 0.9) h.goneAfter = prev;
      } else if (before === 'not_poor') {
        // households that escaped are followed for a while (support continues 36 months); a few fall back
        const everPoor = wasPoorBefore(h, year);
        if (everPoor && r < 0.045) h.status[year] = 'poor';
        else if (!everPoor && r < 0.03) h.status[year] = 'near_poor';
        else if (r < (everPoor ? 0.6 : 0.25)) h.status[year] = 'not_poor';
      } else if (wasPoorBefore(h, year) && r < 0.015) {
        h.status[year] = 'poor';
      }
    }
    for (const c of communes) {
      const t = c.totals[year];
      const newlyPoor = Math.round(t * 0.00022 * c.propensity * (0.4 + 1.2 * rng.next()));
      for (let k = 0; k < newlyPoor; k++) add(c, !rng.chance(0.55), { [year]: 'poor' });
      const newlyNear = Math.round(t * 0.0035 * (0.45 + 0.55 * c.propensity) * (0.6 + 0.8 * rng.next()));
      for (let k = 0; k < newlyNear; k++) add(c, !rng.chance(0.3), { [year]: 'near_poor' });
    }
  }

  // Applicants and listed households found not poor: a sample of the commune, assessed in one year or two.
  for (const c of communes) {
    for (const year of FIRST_YEARS) {
      const count = Math.round(c.totals[year] * 0.011 * (0.7 + 0.6 * rng.next()));
      for (let k = 0; k < count; k++) {
        const status: Household['status'] = { [year]: 'not_poor' };
        if (year < 2024 && rng.chance(0.2)) status[(year + 1) as ReviewYear] = 'not_poor';
        add(c, !rng.chance(0.1), status);
      }
    }
  }
  return households;
}
