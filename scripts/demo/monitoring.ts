// What the monitoring views need from the demo, added after every other draw and from streams of their own, so
// that nothing else in the demo changes:
// - support that goes on for households that escaped poverty in the last three reviews (the directive promises
//   newly escaped households credit, vocational training, health insurance, …): review years 2022–2024, where the
//   main stream gives an escaped household little support; 2025–2026 draw it in their own stream already
//   (reorganisation.ts). Only households recognised not poor are touched, so the published support table (over the
//   recognised poor and near-poor) keeps its counts; near-poor households get near-poor support anyway.
// - a few households recorded against the standard's rule in each of the six cells of recorded × rule, each year
//   from 2023 (2022 reproduces the directive and keeps its own mismatches; 2021 is left as it was).
import { createRng, type Rng } from '../lib/prng.ts';
import { programs, standardForReviewYear } from '../../src/lib/reference.ts';
import type { ReviewYear } from './geography.ts';
import { ESCAPED_SUPPORT, type DemoRecords, type HouseholdRecord, type MismatchKind } from './records.ts';
import { lastEscape } from './reorganisation.ts';
import type { Status } from './roster.ts';

/** FNV-1a of a text: the seed of a stream of its own. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The review years whose escaped households get support that goes on (the others draw it in their own stream). */
export const CONTINUED_SUPPORT_YEARS: readonly ReviewYear[] = [2022, 2023, 2024];
/** Share of the recently escaped households whose support goes on (as reorganisation.ts SUPPORT_GOES_ON). */
const GOES_ON = 0.5;

/**
 * Adds support flags (never removes one) to households recognised not poor at a review of CONTINUED_SUPPORT_YEARS
 * that escaped poverty at that review or at one of the two before it. Each household draws from its own stream,
 * seeded by a hash of the seed and its first record's commune and code: whether its support goes on, then per
 * review and program. Returns the number of household-years given at least one new flag.
 */
export function continueSupport(seed: number, recordsOf: DemoRecords['recordsOf']): number {
  let touched = 0;
  for (const [h, byYear] of recordsOf) {
    const years = CONTINUED_SUPPORT_YEARS.filter((y) => {
      const r = byYear[y];
      if (!r || r.recorded_status !== 'not_poor') return false;
      const escapedAt = lastEscape(h, y);
      return escapedAt !== undefined && y - escapedAt < 3;
    });
    if (years.length === 0) continue;
    const first = byYear[years[0]!]!;
    const rng = createRng(hashOf(`${seed}|support goes on|${first.commune_code}|${first.household_id}`));
    if (!rng.chance(GOES_ON)) continue;
    for (const y of years) {
      const r = byYear[y]!;
      let added = false;
      for (const p of programs) {
        const inNeed = (p.need.labour_capacity === undefined || p.need.labour_capacity === r.labour_capacity)
          && (!p.need.indicators_any || p.need.indicators_any.some((c) => r.deprived[c]));
        if (rng.chance(ESCAPED_SUPPORT[p.code]! * (inNeed ? 1 : 0.4)) && !r.support[p.code]) {
          r.support = { ...r.support, [p.code]: true };
          added = true;
        }
      }
      if (added) touched++;
    }
  }
  return touched;
}

/** Review years whose six cells are topped up. */
export const MISMATCH_YEARS: readonly ReviewYear[] = [2023, 2024, 2025, 2026];
/** Least households per cell and year at district level: k (5) so that the district cells can be shown. */
const LEAST_PER_CELL = 5;

const indicatorsOf = (year: number) => standardForReviewYear(year)!.indicators.map((i) => i.code);
const lineOf = (r: HouseholdRecord) => standardForReviewYear(r.review_year)!.income_lines[r.area];
const deprivations = (r: HouseholdRecord) => indicatorsOf(r.review_year).filter((c) => r.deprived[c]).length;

/** The standard's rule for a record (income line AND at least poor_min_deprivations). */
export function ruleOf(r: HouseholdRecord): Status {
  const s = standardForReviewYear(r.review_year)!;
  if (r.income_per_capita > lineOf(r)) return 'not_poor';
  return deprivations(r) >= s.poor_min_deprivations ? 'poor' : 'near_poor';
}

const cellOf = (r: HouseholdRecord): MismatchKind | undefined =>
  (r.recorded_status === ruleOf(r) ? undefined : `recorded_${r.recorded_status}_rule_${ruleOf(r)}` as MismatchKind);

const KINDS: MismatchKind[] = [
  'recorded_poor_rule_near_poor', 'recorded_poor_rule_not_poor', 'recorded_near_poor_rule_poor',
  'recorded_near_poor_rule_not_poor', 'recorded_not_poor_rule_poor', 'recorded_not_poor_rule_near_poor',
];

/** Turns `r`, recorded `from` and agreeing with the rule, into a record of cell `kind`; false when it cannot. */
function plant(rng: Rng, r: HouseholdRecord, kind: MismatchKind): boolean {
  const line = lineOf(r);
  const min = standardForReviewYear(r.review_year)!.poor_min_deprivations;
  const indicators = indicatorsOf(r.review_year);
  const n = deprivations(r);
  switch (kind) {
    case 'recorded_poor_rule_not_poor':
    case 'recorded_near_poor_rule_not_poor':
      // a late income check: above the line
      r.income_per_capita = line + 1000 * rng.int(5, 80);
      return true;
    case 'recorded_not_poor_rule_near_poor':
      if (n >= min) return false;
      r.income_per_capita = line - 1000 * rng.int(0, 120);
      return true;
    case 'recorded_not_poor_rule_poor':
      // not recognised although under the line with enough deprivations (a village meeting's judgement)
      if (n < min) return false;
      r.income_per_capita = line - 1000 * rng.int(0, 200);
      return true;
    case 'recorded_poor_rule_near_poor': {
      // recognised poor with fewer deprivations than the rule asks
      const set = indicators.filter((c) => r.deprived[c]);
      r.deprived = { ...r.deprived, ...Object.fromEntries(set.slice(min - 1).map((c) => [c, false])) };
      return true;
    }
    case 'recorded_near_poor_rule_poor': {
      // recognised near-poor with as many deprivations as the rule asks of the poor
      const free = rng.shuffle(indicators.filter((c) => !r.deprived[c]));
      r.deprived = { ...r.deprived, ...Object.fromEntries(free.slice(0, min - n).map((c) => [c, true])) };
      return true;
    }
  }
}

/**
 * Tops up each of the six cells to at least LEAST_PER_CELL (plus 0–2) households at district level in each review
 * year of MISMATCH_YEARS, from a stream of its own per year; only households whose record agrees with the rule
 * are changed, and only in income (a late income check) or deprivation flags (a judgement on the indicators), never
 * in recognised status. Returns the households planted.
 */
export function topUpMismatches(seed: number, records: HouseholdRecord[]): DemoRecords['mismatches'] {
  const planted: DemoRecords['mismatches'] = [];
  for (const year of MISMATCH_YEARS) {
    const rng = createRng(hashOf(`${seed}|six cells|${year}`));
    const ofYear = records.filter((r) => r.review_year === year);
    const have = new Map<MismatchKind, number>(KINDS.map((k) => [k, 0]));
    for (const r of ofYear) {
      const cell = cellOf(r);
      if (cell) have.set(cell, have.get(cell)! + 1);
    }
    const used = new Set<HouseholdRecord>();
    for (const kind of KINDS) {
      const target = LEAST_PER_CELL + rng.int(0, 2);
      const from = kind.replace(/^recorded_(.+)_rule_.+$/, '$1') as Status;
      const candidates = rng.shuffle(ofYear.filter((r) => r.recorded_status === from && cellOf(r) === undefined));
      for (const r of candidates) {
        if (have.get(kind)! >= target) break;
        if (used.has(r) || !plant(rng, r, kind)) continue;
        if (cellOf(r) !== kind) throw new Error(`demo: planting ${kind} gave ${cellOf(r) ?? 'agreement'}`);
        used.add(r);
        have.set(kind, have.get(kind)! + 1);
        planted.push({ review_year: year, commune_code: r.commune_code, household_id: r.household_id, kind });
      }
      if (have.get(kind)! < target) throw new Error(`demo: review ${year} has too few candidates for ${kind}`);
    }
  }
  return planted;
}
