// Review years 2025 and 2026, on the 8 units of 2025-07 (src/lib/geography.ts): the households of review 2024
// live on in a successor of their commune, re-coded by their new unit; some leave, new ones appear. 2025 is
// classified under the 2022–2025 standard, 2026 under 2027–2030 (higher income lines, waste treatment in,
// information access out), which makes more households poor or near-poor by its rule.
//
// Everything here draws from its own seeded stream (index.ts), after the 2021–2024 households are fixed, so the
// files of 2021–2024 are the same bytes as before these years existed.
import { predecessors } from '../../src/lib/geography.ts';
import { standardForReviewYear } from '../../src/lib/reference.ts';
import type { Rng } from '../lib/prng.ts';
import { buildNewUnits, FIRST_PERIOD, NEW_PERIOD, NEW_YEARS, type Commune, type NewUnit, type NewYear, type ReviewYear } from './geography.ts';
import { addressIn, citizenId, movedAddress, personName, phoneNumber } from './people.ts';
import {
  drawFlags, incomeFor, indicatorsOf, plantMismatches, supportFor,
  type DemoRecords, type HouseholdRecord, type Identity,
} from './records.ts';
import { wasPoorBefore, type Household, type Status } from './roster.ts';

/** How the households of one new unit could be linked to review 2024 without their previous references. */
export interface UnitLinkage {
  commune_code: string;
  carries_references: boolean;
  id_scheme: NewUnit['idScheme'];
  /** rows of review 2025 */
  households: number;
  /** ... of households assessed at review 2024 (in one of the unit's predecessors): the ones that can be linked */
  carried_over: number;
  /** ... whose 2025 code differs from their 2024 code */
  recoded: number;
  /** of the carried-over, by the crosswalk alone (same code in a predecessor's 2024 rows): one match, the right one */
  crosswalk_linked: number;
  /** two or more predecessors have a 2024 household with that code: left unlinked */
  crosswalk_ambiguous: number;
  /** no predecessor has that code (the household was re-coded) */
  crosswalk_not_found: number;
  /** one match, but another household: never expected (new codes are kept clear of old ones) */
  crosswalk_wrong: number;
}

export interface NewPeriod {
  units: NewUnit[];
  records: HouseholdRecord[];
  mismatches: DemoRecords['mismatches'];
  linkage: UnitLinkage[];
}

/** Where the district's escaped households keep their support for the programmes' 36 months (the rest: ended). */
const SUPPORT_GOES_ON = 0.5;

const lineOf = (year: number, unit: NewUnit) => standardForReviewYear(year)!.income_lines[unit.isUrban ? 'urban' : 'rural'];

/** The review (≤ `year`) at which a household last escaped poverty: poor at r−1, assessed and not poor at r. */
export function lastEscape(h: Household, year: ReviewYear): number | undefined {
  for (let r = year; r > 2021; r--) {
    const now = h.status[r as ReviewYear];
    if (h.status[(r - 1) as ReviewYear] === 'poor' && now !== undefined && now !== 'poor') return r;
  }
  return undefined;
}

export function buildNewPeriod(rng: Rng, communes: Commune[], roster: Household[], first: DemoRecords): NewPeriod {
  const units = buildNewUnits(rng, communes);
  const successorsOf = new Map<string, { unit: NewUnit; share: number }[]>();
  for (const unit of units) {
    for (const s of unit.sources) successorsOf.set(s.commune.code, [...(successorsOf.get(s.commune.code) ?? []), { unit, share: s.share }]);
  }

  // ---- who lives where: every household of review 2024 in one successor of its commune
  const carried = roster.filter((h) => h.status[2024] !== undefined);
  for (const h of carried) {
    const next = successorsOf.get(h.commune.code)!;
    h.unit = next.length === 1 ? next[0]!.unit : rng.weighted(next.map((n) => n.unit), next.map((n) => n.share));
  }
  const households: Household[] = [...carried];
  const serials = new Map<string, number>();
  const addNew = (unit: NewUnit, labour: boolean, status: Household['status']) => {
    // a new household (split off, moved in) lives in the part of the unit one of its predecessors was
    const source = rng.weighted(unit.sources, unit.sources.map((s) => s.share * s.commune.totals[2024]));
    const serial = (serials.get(unit.code) ?? 0) + 1;
    serials.set(unit.code, serial);
    const h: Household = { commune: source.commune, serial, labour, status, unit };
    households.push(h);
    return h;
  };

  const recordsOf = first.recordsOf;
  const supported = (h: Household, year: ReviewYear) => Object.values(recordsOf.get(h)?.[year]?.support ?? {}).some(Boolean);
  const supportGoesOn = new Map<Household, boolean>();
  const goesOn = (h: Household) => {
    if (!supportGoesOn.has(h)) supportGoesOn.set(h, rng.chance(SUPPORT_GOES_ON));
    return supportGoesOn.get(h)!;
  };

  // ---- identities: carried households keep theirs (the address now names the new unit); new ones get one
  const nationalIds = new Set<string>();
  const phones = new Set<string>();
  for (const id of first.identities.values()) {
    nationalIds.add(id.national_id);
    if (id.phone) phones.add(id.phone);
  }
  const identities = new Map<Household, Identity>();
  const identityOf = (h: Household): Identity => {
    let id = identities.get(h);
    if (id) return id;
    const old = first.identities.get(h);
    if (old) id = { ...old, address: movedAddress(old.address, h.commune.name, h.unit!.name) };
    else {
      const female = rng.chance(h.labour ? 0.3 : 0.58);
      const birthYear = h.labour ? rng.int(1960, 2003) : rng.int(1935, 1965);
      const village = rng.pick(h.commune.villages);
      id = {
        household_id: '', // set by the unit's register below
        head_name: personName(rng, female),
        national_id: citizenId(rng, female, birthYear, nationalIds),
        phone: rng.chance(h.labour ? 0.97 : 0.75) ? phoneNumber(rng, phones) : '',
        address: addressIn(rng, village, h.unit!.name),
        village,
        baseMembers: h.labour ? rng.weighted([1, 2, 3, 4, 5, 6], [0.08, 0.3, 0.3, 0.2, 0.08, 0.04]) : rng.weighted([1, 2, 3], [0.5, 0.38, 0.12]),
      };
    }
    identities.set(h, id);
    return id;
  };

  // ---- household codes per unit: kept (old code, duplicates re-coded) or a new register
  const oldNumber = (id: string) => Number(id.replace(/^HGD/, ''));
  const nextCode = new Map<string, () => string>();
  for (const unit of units) {
    let n: number;
    if (unit.idScheme === 'kept') {
      // new numbers start above every number any predecessor used, so a re-coded household never meets an
      // old code of another household when linked through the crosswalk
      const preds = new Set(predecessors(unit.code, NEW_PERIOD, FIRST_PERIOD));
      const max = Math.max(0, ...[...first.identities].filter(([h]) => preds.has(h.commune.code)).map(([, id]) => oldNumber(id.household_id)));
      n = Math.ceil((max + 1) / 1000) * 1000;
      nextCode.set(unit.code, () => `HGD${String((n += rng.int(1, 3))).padStart(5, '0')}`);
    } else {
      n = 0;
      nextCode.set(unit.code, () => `${unit.idPrefix}${String((n += rng.int(1, 4))).padStart(5, '0')}`);
    }
  }
  const codeOf = new Map<Household, string>();
  for (const unit of units) {
    const inUnit = carried.filter((h) => h.unit === unit)
      .sort((a, b) => a.commune.code.localeCompare(b.commune.code) || first.identities.get(a)!.household_id.localeCompare(first.identities.get(b)!.household_id));
    if (unit.idScheme === 'kept') {
      const taken = new Set<string>();
      const again: Household[] = [];
      for (const h of inUnit) {
        const id = first.identities.get(h)!.household_id;
        if (oldNumber(id) >= 90_000) throw new Error('demo: a 2019–2024 household code is outside the range the new codes keep clear of');
        if (taken.has(id)) again.push(h);
        else { taken.add(id); codeOf.set(h, id); }
      }
      for (const h of again) codeOf.set(h, nextCode.get(unit.code)!());
    } else {
      for (const h of rng.shuffle([...inUnit])) codeOf.set(h, nextCode.get(unit.code)!());
    }
  }
  const householdId = (h: Household): string => {
    if (!codeOf.has(h)) codeOf.set(h, nextCode.get(h.unit!.code)!());
    return codeOf.get(h)!;
  };

  const records: HouseholdRecord[] = [];
  const flagsOf = new Map<Household, Partial<Record<ReviewYear, Record<string, boolean>>>>();
  const latestFlags = (h: Household, year: ReviewYear) => {
    for (let y = year - 1; y >= 2021; y--) {
      const f = flagsOf.get(h)?.[y as ReviewYear] ?? recordsOf.get(h)?.[y as ReviewYear]?.deprived;
      if (f) return f;
    }
    return undefined;
  };

  const latestRecord = (h: Household, year: ReviewYear) => {
    for (let y = year - 1; y >= 2021; y--) {
      const r = recordsOf.get(h)?.[y as ReviewYear];
      if (r) return r;
    }
    return undefined;
  };

  const writeYear = (year: NewYear) => {
    const indicators = indicatorsOf(year);
    for (const unit of units) {
      const ofUnit = households.filter((h) => h.unit === unit && h.status[year] !== undefined);
      for (const h of ofUnit) householdId(h); // newcomers get the unit's next codes in the order they came
      ofUnit.sort((a, b) => householdId(a).localeCompare(householdId(b)));
      for (const h of ofUnit) {
        const status = h.status[year]!;
        const id = identityOf(h);
        const previous = latestFlags(h, year);
        let base = previous;
        if (previous && year >= 2026 && !('waste_treatment' in previous)) {
          // the 2027–2030 form: information access is no longer asked, waste treatment is
          const { information_access: _, ...rest } = previous;
          const p = status === 'poor' ? 0.34 : status === 'near_poor' ? 0.2 : 0.05;
          base = { ...rest, waste_treatment: rng.chance(p) };
        }
        const deprived = drawFlags(rng, status, h.labour, base, indicators);
        flagsOf.set(h, { ...flagsOf.get(h), [year]: deprived });
        const everPoor = wasPoorBefore(h, year);
        const escapedAt = status === 'not_poor' ? lastEscape(h, year) : undefined;
        const escaped = escapedAt !== undefined && year - escapedAt < 3 ? goesOn(h) : everPoor && status === 'not_poor' ? false : undefined;
        const record: HouseholdRecord = {
          review_year: year,
          commune_code: unit.code,
          household_id: householdId(h),
          head_name: id.head_name,
          national_id: id.national_id,
          phone: id.phone,
          address: id.address,
          village: id.village,
          members: Math.max(1, id.baseMembers + (rng.chance(0.12) ? rng.pick([-1, 1]) : 0)),
          area: unit.isUrban ? 'urban' : 'rural',
          income_per_capita: nextIncome(rng, status, lineOf(year, unit), everPoor, latestRecord(h, year)?.income_per_capita),
          labour_capacity: h.labour,
          deprived,
          recorded_status: status,
          support: supportFor(rng, status, h.labour, deprived, everPoor, escaped),
        };
        if (year === 2025 && unit.carriesReferences && first.identities.has(h)) {
          record.previous_commune_code = h.commune.code;
          const old = first.identities.get(h)!.household_id;
          if (old !== record.household_id) record.previous_household_id = old;
        }
        records.push(record);
        recordsOf.set(h, { ...recordsOf.get(h), [year]: record });
      }
    }
  };

  // ---- review 2025 (2022–2025 standard): the poor with labour escape, support ends for some who escaped
  for (const h of carried) {
    const r = rng.next();
    const before = h.status[2024]!;
    if (before === 'poor') {
      const stay = h.labour ? 0.16 : 0.5;
      const leave = h.labour ? 0.02 : 0.08;
      if (r < stay) h.status[2025] = 'poor';
      else if (r < stay + leave) h.goneAfter = 2024;
      else h.status[2025] = rng.chance(h.labour ? 0.45 : 0.6) ? 'near_poor' : 'not_poor';
    } else if (before === 'near_poor') {
      if (r < 0.012) h.status[2025] = 'poor';
      else if (r < 0.632) h.status[2025] = 'near_poor';
      else if (r < 0.892) h.status[2025] = 'not_poor';
      else if (r < 0.912) h.goneAfter = 2024;
    } else if (wasPoorBefore(h, 2025)) {
      // escaped earlier: those whose support has ended (none recorded at review 2024) fall back more often
      const fallBack = supported(h, 2024) ? 0.025 : 0.075;
      if (r < fallBack) h.status[2025] = 'poor';
      else if (r < fallBack + 0.03) h.status[2025] = 'near_poor';
      else if (r < 0.6) h.status[2025] = 'not_poor';
      else if (r < 0.62) h.goneAfter = 2024;
    } else {
      if (r < 0.03) h.status[2025] = 'near_poor';
      else if (r < 0.25) h.status[2025] = 'not_poor';
      else if (r < 0.26) h.goneAfter = 2024;
    }
  }
  addNewcomers(rng, units, 2025, addNew, { poor: 0.00016, nearPoor: 0.0032, applicants: 0.011 });
  writeYear(2025);

  // ---- review 2026 (2027–2030 standard: higher lines, waste treatment): more households under the line
  for (const h of households.filter((x) => x.goneAfter === undefined)) {
    const r = rng.next();
    const before = h.status[2025];
    if (before === 'poor') {
      const stay = h.labour ? 0.35 : 0.72;
      const leave = h.labour ? 0.02 : 0.06;
      if (r < stay) h.status[2026] = 'poor';
      else if (r < stay + leave) h.goneAfter = 2025;
      else h.status[2026] = rng.chance(0.7) ? 'near_poor' : 'not_poor';
    } else if (before === 'near_poor') {
      if (r < 0.07) h.status[2026] = 'poor';
      else if (r < 0.81) h.status[2026] = 'near_poor';
      else if (r < 0.94) h.status[2026] = 'not_poor';
      else if (r < 0.96) h.goneAfter = 2025;
    } else if (before === 'not_poor') {
      const everPoor = wasPoorBefore(h, 2026);
      const fallBack = everPoor ? (supported(h, 2025) ? 0.03 : 0.08) : 0.008;
      const toNear = everPoor ? 0.16 : 0.1;
      if (r < fallBack) h.status[2026] = 'poor';
      else if (r < fallBack + toNear) h.status[2026] = 'near_poor';
      else if (r < (everPoor ? 0.6 : 0.3)) h.status[2026] = 'not_poor';
      else if (r < (everPoor ? 0.62 : 0.31)) h.goneAfter = 2025;
    } else if (wasPoorBefore(h, 2026)) {
      // not assessed in 2025, found again under the new lines
      if (r < 0.02) h.status[2026] = 'poor';
      else if (r < 0.07) h.status[2026] = 'near_poor';
    } else if (r < 0.05) h.status[2026] = 'near_poor';
  }
  addNewcomers(rng, units, 2026, addNew, { poor: 0.0009, nearPoor: 0.009, applicants: 0.012 });
  writeYear(2026);

  const mismatches = plantMismatches(rng, records, NEW_YEARS);
  return { units, records, mismatches, linkage: linkageOf(units, first, records) };
}

/**
 * A household's income, from its income at its last review where that fits its status: incomes grow a little
 * from year to year, and a household stays under a line that rose (the 2027–2030 standard, or a commune that
 * became a ward) at much the income it had. Where it does not fit (escaped, fell back), drawn afresh.
 */
function nextIncome(rng: Rng, status: Status, line: number, everPoor: boolean, before?: number): number {
  const fresh = incomeFor(rng, status, line, everPoor);
  if (before === undefined) return fresh;
  const grown = Math.round((before * (1.01 + 0.06 * rng.next())) / 1000) * 1000;
  if (status === 'not_poor') return grown > line ? grown : fresh;
  return grown <= line && grown >= line * (status === 'poor' ? 0.4 : 0.72) ? grown : fresh;
}

function addNewcomers(
  rng: Rng, units: NewUnit[], year: NewYear, addNew: (unit: NewUnit, labour: boolean, status: Household['status']) => Household,
  rate: { poor: number; nearPoor: number; applicants: number },
) {
  for (const unit of units) {
    const t = unit.totals[year];
    const poor = Math.round(t * rate.poor * unit.propensity * (0.5 + rng.next()));
    for (let k = 0; k < poor; k++) addNew(unit, !rng.chance(0.5), { [year]: 'poor' as Status });
    const near = Math.round(t * rate.nearPoor * (0.45 + 0.55 * unit.propensity) * (0.7 + 0.6 * rng.next()));
    for (let k = 0; k < near; k++) addNew(unit, !rng.chance(0.3), { [year]: 'near_poor' as Status });
    const applicants = Math.round(t * rate.applicants * (0.7 + 0.6 * rng.next()));
    for (let k = 0; k < applicants; k++) addNew(unit, !rng.chance(0.1), { [year]: 'not_poor' as Status });
  }
}

/** What a reader of the 2025 files could link without the previous references: the crosswalk path alone. */
function linkageOf(units: NewUnit[], first: DemoRecords, records: HouseholdRecord[]): UnitLinkage[] {
  const rows2024 = first.records.filter((r) => r.review_year === 2024);
  const who2024 = new Map<string, string>(); // (commune, code) → national id
  const code2024 = new Map<string, string>(); // national id → code
  for (const r of rows2024) {
    who2024.set(`${r.commune_code}|${r.household_id}`, r.national_id);
    code2024.set(r.national_id, r.household_id);
  }
  return units.map((unit) => {
    const preds = predecessors(unit.code, NEW_PERIOD, FIRST_PERIOD);
    const rows = records.filter((r) => r.review_year === 2025 && r.commune_code === unit.code);
    const out: UnitLinkage = {
      commune_code: unit.code, carries_references: unit.carriesReferences, id_scheme: unit.idScheme,
      households: rows.length, carried_over: 0, recoded: 0,
      crosswalk_linked: 0, crosswalk_ambiguous: 0, crosswalk_not_found: 0, crosswalk_wrong: 0,
    };
    for (const r of rows) {
      const before = code2024.get(r.national_id);
      if (before === undefined) continue;
      out.carried_over++;
      if (before !== r.household_id) out.recoded++;
      const matches = preds.filter((p) => who2024.has(`${p}|${r.household_id}`));
      if (matches.length >= 2) out.crosswalk_ambiguous++;
      else if (matches.length === 0) out.crosswalk_not_found++;
      else if (who2024.get(`${matches[0]}|${r.household_id}`) === r.national_id) out.crosswalk_linked++;
      else out.crosswalk_wrong++;
    }
    return out;
  });
}
