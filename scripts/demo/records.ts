// One record per household per review year in which it was assessed: the columns of docs/input-format.md
// "Household columns", consistent with the standard's rule (income line AND ≥ 3 deprivations) except for a
// handful of deliberate, documented disagreements.
import type { MISMATCH_MEASURES } from '../../src/lib/contract.ts';
import { programs, standardForReviewYear, type AreaType } from '../../src/lib/reference.ts';
import { weightedSample, type Rng } from '../lib/prng.ts';
import { FIRST_YEARS, REVIEW_YEARS, type ReviewYear } from './geography.ts';
import { addressOf, citizenId, personName, phoneNumber } from './people.ts';
import type { Household, Status } from './roster.ts';

/** Poor households deprived in each published indicator, review year 2022 (the directive). */
export const DIRECTIVE_2022_DEPRIVED: Record<string, number> = {
  employment: 488, dependents: 494, health_insurance: 313, housing_quality: 279, telecom: 610, information_access: 446,
};

export interface HouseholdRecord {
  review_year: ReviewYear;
  commune_code: string;
  household_id: string;
  /** review 2025 in the files that carry them: the 2019–2024 unit the household was reviewed in */
  previous_commune_code?: string;
  /** ... and its code there, only where the code changed */
  previous_household_id?: string;
  head_name: string;
  national_id: string;
  phone: string;
  address: string;
  village: string;
  members: number;
  area: AreaType;
  income_per_capita: number;
  labour_capacity: boolean;
  deprived: Record<string, boolean>;
  recorded_status: Status;
  support: Record<string, boolean>;
}

/** The six cells of recorded × rule off the diagonal (src/lib/contract.ts MISMATCH_MEASURES). */
export type MismatchKind = (typeof MISMATCH_MEASURES)[number];

export interface Identity {
  household_id: string; head_name: string; national_id: string; phone: string; address: string; village: string; baseMembers: number;
}

const standard = standardForReviewYear(2022)!;
/** The indicators of the 2022–2025 standard (review years 2021–2025). */
export const INDICATORS = standard.indicators.map((i) => i.code);
/** The indicators of the standard in force for a review year. */
export const indicatorsOf = (year: number): string[] => standardForReviewYear(year)!.indicators.map((i) => i.code);
const UNPUBLISHED = INDICATORS.filter((c) => !(c in DIRECTIVE_2022_DEPRIVED));

/** Chance a poor household is deprived in an indicator, from the directive's 2022 shares (and guesses for the rest). */
const POOR_SHARE: Record<string, number> = {
  employment: 0.436, dependents: 0.442, nutrition: 0.07, health_insurance: 0.28, adult_education: 0.13, child_schooling: 0.05,
  housing_quality: 0.25, housing_area: 0.11, drinking_water: 0.08, sanitation: 0.13, telecom: 0.546, information_access: 0.399,
  // 2027–2030: no regular waste collection or treatment, common outside the town centres
  waste_treatment: 0.34,
};

function labourTilt(code: string, labour: boolean): number {
  switch (code) {
    case 'employment': return labour ? 1.7 : 0.35;
    case 'dependents': return labour ? 0.45 : 1.35;
    case 'telecom': return labour ? 0.75 : 1.15;
    case 'nutrition': case 'child_schooling': case 'adult_education': return labour ? 1.5 : 0.4;
    default: return 1;
  }
}

const count = (flags: Record<string, boolean>, indicators = INDICATORS) => indicators.filter((c) => flags[c]).length;
const noFlags = (indicators = INDICATORS) => Object.fromEntries(indicators.map((c) => [c, false])) as Record<string, boolean>;

function setFlags(rng: Rng, flags: Record<string, boolean>, labour: boolean, target: { min: number; max: number }, pool = INDICATORS, indicators = INDICATORS) {
  while (count(flags, indicators) < target.min) {
    const free = pool.filter((c) => !flags[c]);
    flags[rng.weighted(free, free.map((c) => POOR_SHARE[c]! * labourTilt(c, labour)))!] = true;
  }
  while (count(flags, indicators) > target.max) {
    const set = indicators.filter((c) => flags[c]);
    flags[rng.pick(set)] = false;
  }
}

/**
 * A household's deprivations in a year, from its deprivations the year before when there were any. `indicators`:
 * the standard's (an indicator the new standard dropped is dropped; one it added is drawn afresh, see
 * reorganisation.ts). The default is the 2022–2025 standard, whose draws must never change.
 */
export function drawFlags(rng: Rng, status: Status, labour: boolean, previous?: Record<string, boolean>, indicators = INDICATORS): Record<string, boolean> {
  const flags = previous ? { ...previous } : noFlags(indicators);
  const set = (target: { min: number; max: number }) => setFlags(rng, flags, labour, target, indicators, indicators);
  if (status === 'poor') {
    if (!previous) for (const c of indicators) flags[c] = rng.chance(Math.min(0.9, POOR_SHARE[c]! * labourTilt(c, labour)));
    else if (count(flags, indicators) > 3 && rng.chance(0.3)) set({ min: 0, max: count(flags, indicators) - 1 });
    set({ min: 3, max: 12 });
  } else if (status === 'near_poor') {
    if (!previous) set({ min: rng.weighted([0, 1, 2], [0.3, 0.42, 0.28]), max: 2 });
    set({ min: 0, max: 2 });
  } else {
    // above the line a household is not poor whatever its deprivations (the AND rule); some still have several
    if (!previous || rng.chance(0.5)) return flagsWith(rng, labour, rng.weighted([0, 1, 2, 3, 4], [0.5, 0.28, 0.12, 0.07, 0.03]), indicators);
    set({ min: 0, max: Math.max(0, count(flags, indicators) - 1) });
  }
  return flags;
}

function flagsWith(rng: Rng, labour: boolean, k: number, indicators = INDICATORS): Record<string, boolean> {
  const flags = noFlags(indicators);
  setFlags(rng, flags, labour, { min: k, max: k }, indicators, indicators);
  return flags;
}

/** Review year 2022's poor: every published indicator hit exactly, each household with at least 3. */
function anchorPoorFlags(rng: Rng, poor: Household[]): Map<Household, Record<string, boolean>> {
  const flags = new Map(poor.map((h) => [h, noFlags()]));
  const weightOf: Record<string, (h: Household) => number> = {
    employment: (h) => (h.labour ? 3 : 0.5),
    dependents: (h) => (h.labour ? 0.5 : 2),
    health_insurance: () => 1,
    housing_quality: (h) => (h.labour ? 1 : 1.3),
    telecom: (h) => (h.labour ? 0.8 : 1.6),
    // no phone or TV mostly where no one uses the internet either
    information_access: (h) => (flags.get(h)!.telecom ? 2.5 : 0.6),
  };
  for (const [code, households] of Object.entries(DIRECTIVE_2022_DEPRIVED)) {
    for (const h of weightedSample(rng, poor, weightOf[code]!, households)) flags.get(h)![code] = true;
  }
  for (const h of poor) {
    const f = flags.get(h)!;
    for (const c of UNPUBLISHED) f[c] = rng.chance(POOR_SHARE[c]! * labourTilt(c, h.labour) * 0.6);
    setFlags(rng, f, h.labour, { min: 3, max: 12 }, UNPUBLISHED);
  }
  return flags;
}

export function incomeFor(rng: Rng, status: Status, line: number, everPoor: boolean): number {
  const step = 1000;
  const within = (lo: number, hi: number) => Math.round((lo + rng.next() * (hi - lo)) / step) * step;
  if (status === 'poor') return rng.chance(0.03) ? line : Math.min(line, within(line * 0.4, line));
  if (status === 'near_poor') return rng.chance(0.05) ? line : Math.min(line, within(line * 0.72, line));
  const top = everPoor ? 1.5 : rng.chance(0.7) ? 1.6 : 3.2;
  return Math.max(line + step, within(line * 1.01, line * top));
}

/**
 * Support a household received in a year. `escaped`: for review years from 2025, whether the household escaped
 * poverty within the last three reviews and its support goes on (true), ended (false), or neither (undefined).
 */
export function supportFor(rng: Rng, status: Status, labour: boolean, flags: Record<string, boolean>, everPoor: boolean, escaped?: boolean): Record<string, boolean> {
  // coverage of households in need, per program: the directive complains that delivery lags need
  const coverage: Record<string, number> = {
    housing: 0.5, health_insurance: 0.72, income_support: 0.76, credit: 0.48, vocational_training: 0.42, telecom: 0.45,
  };
  const support: Record<string, boolean> = {};
  for (const p of programs) {
    const needLabour = p.need.labour_capacity === undefined || p.need.labour_capacity === labour;
    const needIndicator = !p.need.indicators_any || p.need.indicators_any.some((c) => flags[c]);
    const inNeed = needLabour && needIndicator;
    let chance: number;
    if (status === 'not_poor' && escaped === true) chance = ESCAPED_SUPPORT[p.code]! * (inNeed ? 1 : 0.4);
    else if (status === 'not_poor') chance = everPoor && p.code === 'credit' ? (escaped === false ? 0.02 : 0.08) : 0.004;
    else if (inNeed) chance = coverage[p.code]! * (status === 'poor' ? 1 : 0.7);
    else chance = 0.03;
    support[p.code] = rng.chance(chance);
  }
  return support;
}

/**
 * From 2025: support a recently escaped household keeps while its support goes on (the programmes run on for
 * 36 months after escaping: health insurance, credit, training).
 */
export const ESCAPED_SUPPORT: Record<string, number> = {
  housing: 0.05, health_insurance: 0.55, income_support: 0.05, credit: 0.4, vocational_training: 0.18, telecom: 0.1,
};

export interface DemoRecords {
  records: HouseholdRecord[];
  mismatches: { review_year: ReviewYear; commune_code: string; household_id: string; kind: MismatchKind }[];
  /** who each household is (kept when it moves to a new unit in 2025) */
  identities: Map<Household, Identity>;
  /** each household's record per review year */
  recordsOf: Map<Household, Partial<Record<ReviewYear, HouseholdRecord>>>;
}

export function buildRecords(rng: Rng, roster: Household[]): DemoRecords {
  const identities = assignIdentities(rng, roster);
  const lineOf = (h: Household, year: ReviewYear) => standardForReviewYear(year)!.income_lines[h.commune.isTown ? 'urban' : 'rural'];
  const flagsByYear = new Map<ReviewYear, Map<Household, Record<string, boolean>>>();
  const anchor = anchorPoorFlags(rng, roster.filter((h) => h.status[2022] === 'poor'));
  // 2022 first (the anchor), then outwards, so a household's deprivations persist from year to year
  for (const year of [2022, 2023, 2024, 2021] as const) {
    const neighbour = year === 2021 ? 2022 : ((year - 1) as ReviewYear);
    const flags = new Map<Household, Record<string, boolean>>();
    for (const h of roster) {
      const status = h.status[year];
      if (!status) continue;
      const fixed = year === 2022 && status === 'poor' ? anchor.get(h) : undefined;
      flags.set(h, fixed ?? drawFlags(rng, status, h.labour, flagsByYear.get(neighbour)?.get(h)));
    }
    flagsByYear.set(year, flags);
  }

  const records: HouseholdRecord[] = [];
  const recordOf = new Map<string, HouseholdRecord>();
  const recordsOf = new Map<Household, Partial<Record<ReviewYear, HouseholdRecord>>>();
  for (const year of FIRST_YEARS) {
    for (const h of roster) {
      const status = h.status[year];
      if (!status) continue;
      const id = identities.get(h)!;
      const everPoor = REVIEW_YEARS.some((y) => y < year && h.status[y] === 'poor');
      const deprived = flagsByYear.get(year)!.get(h)!;
      const members = Math.max(1, id.baseMembers + (rng.chance(0.12) ? rng.pick([-1, 1]) : 0));
      const record: HouseholdRecord = {
        review_year: year,
        commune_code: h.commune.code,
        household_id: id.household_id,
        head_name: id.head_name,
        national_id: id.national_id,
        phone: id.phone,
        address: id.address,
        village: id.village,
        members,
        area: h.commune.isTown ? 'urban' : 'rural',
        income_per_capita: incomeFor(rng, status, lineOf(h, year), everPoor),
        labour_capacity: h.labour,
        deprived,
        recorded_status: status,
        support: supportFor(rng, status, h.labour, deprived, everPoor),
      };
      records.push(record);
      recordOf.set(`${year}|${h.commune.code}|${id.household_id}`, record);
      recordsOf.set(h, { ...recordsOf.get(h), [year]: record });
    }
  }
  return { records, mismatches: plantMismatches(rng, records), identities, recordsOf };
}

/**
 * A handful of households per year whose recognised status disagrees with the rule (a village meeting's
 * judgement, a late income check). In 2022 only households recorded not-poor are touched, so every
 * directive figure stays exact.
 */
export function plantMismatches(rng: Rng, records: HouseholdRecord[], years: readonly ReviewYear[] = FIRST_YEARS): DemoRecords['mismatches'] {
  const planted: DemoRecords['mismatches'] = [];
  for (const year of years) {
    const indicators = year <= 2025 ? INDICATORS : indicatorsOf(year);
    const ofYear = records.filter((r) => r.review_year === year);
    const kinds: MismatchKind[] = year === 2022
      ? Array(7).fill('recorded_not_poor_rule_near_poor')
      : rng.shuffle(['recorded_not_poor_rule_near_poor', 'recorded_not_poor_rule_near_poor', 'recorded_not_poor_rule_near_poor',
        'recorded_near_poor_rule_not_poor', 'recorded_near_poor_rule_not_poor', 'recorded_poor_rule_near_poor', ...(rng.chance(0.5) ? ['recorded_not_poor_rule_near_poor' as const] : [])]);
    const used = new Set<HouseholdRecord>();
    for (const kind of kinds) {
      const from: Status = kind === 'recorded_not_poor_rule_near_poor' ? 'not_poor' : kind === 'recorded_near_poor_rule_not_poor' ? 'near_poor' : 'poor';
      const candidates = ofYear.filter((r) => r.recorded_status === from && !used.has(r) && (from !== 'not_poor' || count(r.deprived, indicators) <= 2));
      const r = rng.pick(candidates);
      used.add(r);
      const line = standardForReviewYear(year)!.income_lines[r.area];
      if (kind === 'recorded_not_poor_rule_near_poor') r.income_per_capita = line - 1000 * rng.int(0, 120);
      else if (kind === 'recorded_near_poor_rule_not_poor') r.income_per_capita = line + 1000 * rng.int(5, 60);
      else r.deprived = { ...r.deprived, ...Object.fromEntries(indicators.filter((c) => r.deprived[c]).slice(2).map((c) => [c, false])) };
      planted.push({ review_year: year, commune_code: r.commune_code, household_id: r.household_id, kind });
    }
  }
  return planted;
}

function assignIdentities(rng: Rng, roster: Household[]): Map<Household, Identity> {
  const ids = new Set<string>();
  const phones = new Set<string>();
  const identities = new Map<Household, Identity>();
  // household codes are the commune's register numbers, not the order this generator met the households in
  const byCommune = new Map<string, Household[]>();
  for (const h of roster) byCommune.set(h.commune.code, [...(byCommune.get(h.commune.code) ?? []), h]);
  const codeOf = new Map<Household, string>();
  for (const list of byCommune.values()) {
    const numbers = rng.shuffle(list.map((_, i) => i + 1)).map((n) => n * 7 + rng.int(0, 6));
    list.forEach((h, i) => codeOf.set(h, `HGD${String(numbers[i]).padStart(5, '0')}`));
  }
  for (const h of roster) {
    // heads of households with no labour capacity are mostly elderly, often widowed women
    const female = rng.chance(h.labour ? 0.3 : 0.58);
    const birthYear = h.labour ? rng.int(1955, 1998) : rng.int(1932, 1962);
    const village = rng.pick(h.commune.villages);
    identities.set(h, {
      household_id: codeOf.get(h)!,
      head_name: personName(rng, female),
      national_id: citizenId(rng, female, birthYear, ids),
      phone: rng.chance(h.labour ? 0.96 : 0.7) ? phoneNumber(rng, phones) : '',
      address: addressOf(rng, village, h.commune.name),
      village,
      baseMembers: h.labour ? rng.weighted([2, 3, 4, 5, 6, 7], [0.1, 0.22, 0.3, 0.2, 0.12, 0.06]) : rng.weighted([1, 2, 3, 4], [0.35, 0.4, 0.15, 0.1]),
    });
  }
  return identities;
}
