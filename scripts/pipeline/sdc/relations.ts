// The relations an attacker can use (every identity between published tables, as the methodology page lists them,
// plus the identities the reference data implies), one builder per family. Each adds to the builder; a derived relation the data does
// not satisfy is left out with a warning (CellModelBuilder.relate), a mandatory one throws.
import {
  DISTRICT_CODE, EXIT_OUTCOMES, MISMATCH_MEASURES, MOVEMENT_MEASURES, POPULATIONS, WHAT_IF_MEASURES, YEARS_AFTER,
  type Geo, type MonitoredPopulation, type Population, type RawTables,
} from '../../../src/lib/contract.ts';
import { sameUnits } from '../../../src/lib/geography.ts';
import { allIndicatorCodes, standardForReviewYear, standards, type Program } from '../../../src/lib/reference.ts';
import { isTotal, NEWLY_ESCAPED_WINDOW, PROTECTED_TABLES, restKey, rowKey, type AreaCells } from './cells.ts';
import type { CellModelBuilder } from './model.ts';

/** Communes sum to the district, for every cell of every protected table (by table, year and key). */
export function addCommuneSums(b: CellModelBuilder, raw: RawTables): void {
  const groups = new Map<string, { district?: number; communes: number[] }>();
  for (const table of PROTECTED_TABLES) {
    for (const row of raw[table] as Geo[]) {
      const id = b.find(table, rowKey(table, row))!;
      const groupKey = `${table}|${row.review_year}|${restKey(table, row)}`;
      const group = groups.get(groupKey) ?? { communes: [] };
      if (isTotal(row)) group.district = id; else group.communes.push(id);
      groups.set(groupKey, group);
    }
  }
  for (const [groupKey, group] of groups) {
    if (group.district === undefined || group.communes.length === 0) continue;
    b.columns.push({ district: group.district, communes: group.communes });
    b.relate(`${groupKey}: communes sum to the district`, [[group.district, 1], ...group.communes.map((c): [number, number] => [c, -1])], '=', 0);
  }
}

/** poor_no_labour + poor_with_labour = poor, likewise near-poor. */
export function addLabourSplit(b: CellModelBuilder, a: AreaCells, pop: Population): void {
  const no = a.group(`${pop}_no_labour`);
  const withLabour = a.group(`${pop}_with_labour`);
  if (no !== undefined && withLabour !== undefined) {
    b.relate(`${a.geo}/${pop}: labour groups sum to the population`, [[no, 1], [withLabour, 1], [a.popCell[pop], -1]], '=', 0);
  }
}

/** Deprivation depth (households by number of deprivations) sums to the population. */
export function addDepthSum(b: CellModelBuilder, a: AreaCells, pop: Population): void {
  const depth = a.depthOf(pop);
  if (depth.length > 0) {
    b.relate(`${a.geo}/${pop}: depth sums to the population`, [...depth.map(([, id]): [number, number] => [id, 1]), [a.popCell[pop], -1]], '=', 0);
  }
}

/**
 * Depth and indicator counts are two views of the same flags: Σ_d d·depth(d) = Σ_i deprivation(i) (each household
 * counted once per indicator it lacks); a household lacking indicator i lacks at least one; one lacking all lacks i.
 */
export function addIntensity(b: CellModelBuilder, a: AreaCells, pop: Population): void {
  const depth = a.depthOf(pop);
  const indicators = a.indicatorsOf(pop);
  if (depth.length === 0 || indicators.length === 0) return;
  const { geo } = a;
  b.relate(`${geo}/${pop}: deprivation intensity`,
    [...depth.map(([d, id]): [number, number] => [id, d]), ...indicators.map(([, id]): [number, number] => [id, -1])], '=', 0, true);
  const zero = depth.find(([d]) => d === 0)?.[1];
  const all = depth.find(([d]) => d === indicators.length)?.[1];
  for (const [code, id] of indicators) {
    if (zero !== undefined) b.relate(`${geo}/${pop}/${code}: at most the deprived`, [[id, 1], [zero, 1], [a.popCell[pop], -1]], '<=', 0, true);
    if (all !== undefined) b.relate(`${geo}/${pop}/${code}: at least the fully deprived`, [[all, 1], [id, -1]], '<=', 0, true);
  }
}

/** Recognised status against the rule: at least the poor with fewer than the minimum deprivations and the near-poor with at least it. */
export function addStatusMismatch(b: CellModelBuilder, a: AreaCells): void {
  const mismatch = a.group('status_mismatch');
  if (mismatch === undefined) return;
  const minimum = standardForReviewYear(a.year)?.poor_min_deprivations ?? 3;
  const disagree: [number, number][] = [
    ...a.depthOf('poor').filter(([d]) => d < minimum).map(([, id]): [number, number] => [id, 1]),
    ...a.depthOf('near_poor').filter(([d]) => d >= minimum).map(([, id]): [number, number] => [id, 1]),
  ];
  if (disagree.length > 0) b.relate(`${a.geo}: status mismatch at least the depth disagreements`, [...disagree, [mismatch, -1]], '<=', 0, true);
}

/**
 * The movement identity across consecutive review years, and the bounds of the flows out of and into poverty.
 * Across a change of units the previous-year poor are the predecessors' summed (cells.ts previousAreas): the
 * identity is written for the territory and for units that are unions of whole predecessors, and for no other
 * (it does not hold there); the bound on the leavers uses all of a unit's predecessors.
 */
export function addMovementIdentity(b: CellModelBuilder, a: AreaCells): void {
  const { geo, prevPoor, prevPoorBound } = a;
  const poor = a.popCell.poor;
  const [escaped, exitedOther, newlyPoor, fellBack] = MOVEMENT_MEASURES.map((m) => a.group(m));
  if (escaped === undefined || exitedOther === undefined || newlyPoor === undefined || fellBack === undefined) return;
  const minus = (cells: number[]) => cells.map((c): [number, number] => [c, -1]);
  if (prevPoor !== undefined) {
    b.relate(`${geo}: poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back`,
      [[poor, 1], ...minus(prevPoor), [escaped, 1], [exitedOther, 1], [newlyPoor, -1], [fellBack, -1]], '=', 0);
  }
  if (prevPoorBound !== undefined) {
    b.relate(`${geo}: escaped + exited_other ≤ poor(t−1)`, [[escaped, 1], [exitedOther, 1], ...minus(prevPoorBound)], '<=', 0, true);
  }
  if (prevPoor !== undefined || prevPoorBound !== undefined) {
    b.relate(`${geo}: newly_poor + fell_back ≤ poor(t)`, [[newlyPoor, 1], [fellBack, 1], [poor, -1]], '<=', 0, true);
  }
}

/** Support need against delivery: in_need_supported within both, and the union within poor + near-poor. */
export function addSupportRelations(b: CellModelBuilder, a: AreaCells, program: Program): void {
  const { geo } = a;
  const need = a.cell('support', `${program.code}/in_need`);
  const supported = a.cell('support', `${program.code}/supported`);
  const both = a.cell('support', `${program.code}/in_need_supported`);
  if (both !== undefined && need !== undefined) b.relate(`${geo}/${program.code}: in_need_supported ≤ in_need`, [[both, 1], [need, -1]], '<=', 0);
  if (both !== undefined && supported !== undefined) b.relate(`${geo}/${program.code}: in_need_supported ≤ supported`, [[both, 1], [supported, -1]], '<=', 0);
  if (both !== undefined && need !== undefined && supported !== undefined) {
    b.relate(`${geo}/${program.code}: in_need ∪ supported ≤ poor + near_poor`,
      [[need, 1], [supported, 1], [both, -1], [a.popCell.poor, -1], [a.popCell.near_poor, -1]], '<=', 0, true);
  }
}

/** in_need from programs.json's need rule, in terms of the deprivation and labour-group cells. */
export function addNeedRule(b: CellModelBuilder, a: AreaCells, program: Program): void {
  const need = a.cell('support', `${program.code}/in_need`);
  if (need === undefined) return;
  const { geo, popCell } = a;
  const name = `${geo}/${program.code}: in_need by the program's rule`;
  const indicators = (program.need.indicators_any ?? [])
    .map((code) => POPULATIONS.map((pop) => b.find('deprivation', `${geo}/${pop}/${code}`)))
    .filter((ids): ids is number[] => ids.every((id) => id !== undefined));
  const labour = program.need.labour_capacity;
  const labourCells = labour === undefined ? undefined
    : POPULATIONS.map((pop) => b.find('poverty_groups', `${geo}/${pop}_${labour ? 'with' : 'no'}_labour`));
  const labourIds = labourCells?.every((id) => id !== undefined) ? (labourCells as number[]) : undefined;
  const hasIndicatorRule = (program.need.indicators_any ?? []).length > 0;
  if (hasIndicatorRule && indicators.length === 0) return; // none of its indicators in this year's standard
  if (labour !== undefined && !labourIds) return;
  const minus = (ids: number[]): [number, number][] => ids.map((id): [number, number] => [id, -1]);

  if (!hasIndicatorRule && labourIds) {
    b.relate(name, [[need, 1], ...minus(labourIds)], '=', 0, true);
    return;
  }
  if (indicators.length === 1 && !labourIds) {
    b.relate(name, [[need, 1], ...minus(indicators[0])], '=', 0, true);
    return;
  }
  // several indicators (any of them) and/or a labour condition: bounds, not an identity
  b.relate(`${name} (at most the sum)`, [[need, 1], ...minus(indicators.flat())], '<=', 0, true);
  if (labourIds) {
    b.relate(`${name} (at most the labour group)`, [[need, 1], ...minus(labourIds)], '<=', 0, true);
    for (const ids of indicators) {
      // |A ∩ L| ≥ |A| + |L| − |population|, per population, summed
      b.relate(`${name} (at least the overlap)`,
        [[need, 1], ...minus(ids), ...minus(labourIds), [popCell.poor, 1], [popCell.near_poor, 1]], '>=', 0, true);
    }
  } else {
    for (const ids of indicators) b.relate(`${name} (at least each indicator)`, [[need, 1], ...minus(ids)], '>=', 0, true);
  }
}

/**
 * The six cells of recorded × rule off the diagonal add up to status_mismatch; the recorded poor (near-poor, not
 * poor) among them are at most the recorded poor (…); and what depth tells (derived): a recorded poor household
 * with fewer than the minimum deprivations is off the rule, and only such a one can be rule near-poor; likewise a
 * recorded near-poor household with at least the minimum is off the rule, and only such a one can be rule poor.
 */
export function addMismatchCells(b: CellModelBuilder, a: AreaCells): void {
  const mismatch = a.group('status_mismatch');
  const cells = MISMATCH_MEASURES.map((m) => a.group(m));
  if (mismatch === undefined || cells.some((c) => c === undefined)) return;
  const [poorNear, poorNot, nearPoor, nearNot, notPoor, notNear] = cells as number[];
  const { geo, popCell } = a;
  const total = b.find('poverty', `${geo}/total_households`)!;
  b.relate(`${geo}: the six mismatch cells add up to status_mismatch`, [...cells.map((c): [number, number] => [c!, 1]), [mismatch, -1]], '=', 0);
  b.relate(`${geo}: recorded poor off the rule ≤ poor`, [[poorNear, 1], [poorNot, 1], [popCell.poor, -1]], '<=', 0);
  b.relate(`${geo}: recorded near-poor off the rule ≤ near_poor`, [[nearPoor, 1], [nearNot, 1], [popCell.near_poor, -1]], '<=', 0);
  b.relate(`${geo}: recorded not poor off the rule ≤ total − poor − near_poor`,
    [[notPoor, 1], [notNear, 1], [total, -1], [popCell.poor, 1], [popCell.near_poor, 1]], '<=', 0);
  const minimum = standardForReviewYear(a.year)?.poor_min_deprivations ?? 3;
  const poorFew = a.depthOf('poor').filter(([d]) => d < minimum).map(([, id]): [number, number] => [id, -1]);
  const nearMany = a.depthOf('near_poor').filter(([d]) => d >= minimum).map(([, id]): [number, number] => [id, -1]);
  if (poorFew.length > 0) {
    b.relate(`${geo}: recorded poor, rule near-poor ≤ poor with few deprivations`, [[poorNear, 1], ...poorFew], '<=', 0, true);
    b.relate(`${geo}: recorded poor off the rule ≥ poor with few deprivations`, [[poorNear, 1], [poorNot, 1], ...poorFew], '>=', 0, true);
  }
  if (nearMany.length > 0) {
    b.relate(`${geo}: recorded near-poor, rule poor ≤ near-poor with many deprivations`, [[nearPoor, 1], ...nearMany], '<=', 0, true);
    b.relate(`${geo}: recorded near-poor off the rule ≥ near-poor with many deprivations`, [[nearPoor, 1], [nearNot, 1], ...nearMany], '>=', 0, true);
  }
}

/**
 * Deprivation by dimension (deprived in any indicator of the dimension, membership from the standard of the review
 * year): at least each of its indicators and at most their sum (one indicator: equal to it); for a recognised
 * population also at most the deprived (population − depth 0), and all dimensions together at least
 * Σ_d ⌈d / m⌉·depth(d), m the most indicators a dimension has (a household lacking d indicators lacks ⌈d/m⌉ dimensions).
 */
export function addDimensions(b: CellModelBuilder, a: AreaCells, pop: MonitoredPopulation): void {
  const standard = standardForReviewYear(a.year);
  if (!standard) return;
  const { geo } = a;
  const found: number[] = [];
  let most = 0;
  for (const dim of standard.dimensions) {
    const codes = standard.indicators.filter((i) => i.dimension === dim.code).map((i) => i.code);
    most = Math.max(most, codes.length);
    const d = a.cell('deprivation_dimension', `${pop}/${dim.code}`);
    if (d === undefined) continue;
    found.push(d);
    const ids = codes.map((code) => a.cell('deprivation', `${pop}/${code}`));
    if (ids.length === 0 || ids.some((id) => id === undefined)) continue;
    codes.forEach((code, i) => b.relate(`${geo}/${pop}/${dim.code}: at least its indicator ${code}`, [[ids[i]!, 1], [d, -1]], '<=', 0, true));
    if (ids.length > 1) b.relate(`${geo}/${pop}/${dim.code}: at most the sum of its indicators`, [[d, 1], ...ids.map((id): [number, number] => [id!, -1])], '<=', 0, true);
  }
  if (pop === 'newly_escaped' || found.length === 0) return;
  const depth = a.depthOf(pop);
  const zero = depth.find(([d]) => d === 0)?.[1];
  if (zero !== undefined) {
    for (const d of found) b.relate(`${geo}/${pop}: a dimension at most the deprived`, [[d, 1], [zero, 1], [a.popCell[pop], -1]], '<=', 0, true);
  }
  if (depth.length > 0 && found.length === standard.dimensions.length && most > 0) {
    b.relate(`${geo}/${pop}: dimensions at least the depth allows`,
      [...found.map((d): [number, number] => [d, 1]), ...depth.map(([d, id]): [number, number] => [id, -Math.ceil(d / most)])], '>=', 0, true);
  }
}

/** The outcomes of an exit cohort (escaped at this review, in this area), each number of years after, add up to its escaped. */
export function addExitOutcomes(b: CellModelBuilder, a: AreaCells): void {
  const escaped = a.group('escaped');
  for (const after of YEARS_AFTER) {
    const cells = EXIT_OUTCOMES.map((o) => a.cell('exit_outcomes', `${after}/${o}`));
    if (escaped === undefined || cells.some((c) => c === undefined)) continue;
    b.relate(`${a.geo}/${after}: exit outcomes add up to escaped`, [...cells.map((c): [number, number] => [c!, 1]), [escaped, -1]], '=', 0);
  }
}

/**
 * newly_escaped (not poor now, escaped at one of the window's reviews) against the flows it is made of, where the
 * area is the same unit in those years (always the territory): at least escaped(t) plus the cohort of t−1 not poor
 * at t (disjoint: one was poor at t−1, the other not), at most that plus the cohort of t−2 not poor at t, and at
 * most the window's escapes; the cohort of t−1 poor again at t fell back at t. And every count of the population
 * (deprivation, dimension, support received) is at most newly_escaped.
 */
export function addNewlyEscaped(b: CellModelBuilder, a: AreaCells, programs: Program[]): void {
  const newly = a.group('newly_escaped');
  if (newly === undefined) return;
  const { geo } = a;
  const keys = [
    ...allIndicatorCodes.map((code) => ['deprivation', code]),
    ...[...new Set(standards.flatMap((s) => s.dimensions.map((d) => d.code)))].map((code) => ['deprivation_dimension', code]),
    ...programs.map((p) => ['support_received', p.code]),
  ];
  for (const [table, code] of keys) {
    const id = a.cell(table, `newly_escaped/${code}`);
    if (id !== undefined) b.relate(`${geo}/${table}/${code}: newly escaped at most newly_escaped`, [[id, 1], [newly, -1]], '<=', 0);
  }
  const escaped = a.group('escaped');
  if (escaped === undefined) return;
  b.relate(`${geo}: newly_escaped at least escaped`, [[newly, 1], [escaped, -1]], '>=', 0, true);
  const same = (y: number): boolean => a.area === DISTRICT_CODE || sameUnits(a.year, y);
  const window = a.earlierYears.slice(0, NEWLY_ESCAPED_WINDOW - 1);
  if (!window.every(same)) return;
  // the escapes of the window's earlier reviews (none where a review is the first of the data: nothing escaped then)
  const earlier = window.map((y) => a.cellOf(y, 'poverty_groups', 'escaped')).filter((id): id is number => id !== undefined);
  b.relate(`${geo}: newly_escaped at most the window's escapes`, [[newly, 1], [escaped, -1], ...earlier.map((id): [number, number] => [id, -1])], '<=', 0, true);
  // the cohorts of the window's earlier reviews, j reviews later (now): those not poor
  const notPoorNow = (y: number, after: number): [number, number][] | undefined => {
    const ids = (['near_poor', 'not_poor'] as const).map((o) => a.cellOf(y, 'exit_outcomes', `${after}/${o}`));
    return ids.every((id) => id !== undefined) ? ids.map((id): [number, number] => [id!, -1]) : undefined;
  };
  const cohorts = window.map((y, i) => ({ y, escaped: a.cellOf(y, 'poverty_groups', 'escaped'), notPoor: notPoorNow(y, i + 1) }));
  const last = cohorts[0];
  if (last?.escaped !== undefined && last.notPoor) {
    b.relate(`${geo}: newly_escaped at least escaped + the last cohort not poor`, [[newly, 1], [escaped, -1], ...last.notPoor], '>=', 0, true);
    const poorAgain = a.cellOf(last.y, 'exit_outcomes', '1/poor');
    const fellBack = a.group('fell_back');
    if (poorAgain !== undefined && fellBack !== undefined) {
      b.relate(`${geo}: the last cohort poor again fell back`, [[poorAgain, 1], [fellBack, -1]], '<=', 0, true);
    }
  }
  // every cohort with escapes must have its outcomes for the upper bound
  if (cohorts.every((c) => c.escaped === undefined || c.notPoor)) {
    b.relate(`${geo}: newly_escaped at most escaped + the window's cohorts not poor`,
      [[newly, 1], [escaped, -1], ...cohorts.flatMap((c) => (c.escaped === undefined ? [] : c.notPoor!))], '<=', 0, true);
  }
}

/** Support received by the poor plus the near-poor is the program's supported households. */
export function addSupportReceived(b: CellModelBuilder, a: AreaCells, program: Program): void {
  const supported = a.cell('support', `${program.code}/supported`);
  const [poor, near] = POPULATIONS.map((pop) => a.cell('support_received', `${pop}/${program.code}`));
  if (supported === undefined || poor === undefined || near === undefined) return;
  b.relate(`${a.geo}/${program.code}: support received by poor + near-poor = supported`, [[poor, 1], [near, 1], [supported, -1]], '=', 0);
}

/**
 * What-if classification of the households assessed in the review: min ≤ max; the households under the income line
 * do not depend on the uncollected indicator (poor_max + near_poor_min = poor_min + near_poor_max); the standard in
 * force for the review counts what its rule says, which the mismatch cells give from the recognised counts
 * (rule poor = poor − recorded poor off the rule + recorded near-poor and not poor that the rule makes poor, likewise
 * near-poor); and a later standard with lines at least as high has at least as many households under them.
 */
export function addWhatIf(b: CellModelBuilder, a: AreaCells): void {
  const { geo } = a;
  const rows = new Map<string, number[]>();
  for (const s of standards) {
    const ids = WHAT_IF_MEASURES.map((m) => a.cell('what_if', `${s.code}/${m}`));
    if (ids.some((id) => id === undefined)) continue;
    const [poorMin, poorMax, nearMin, nearMax] = ids as number[];
    rows.set(s.code, ids as number[]);
    b.relate(`${geo}/${s.code}: poor_min ≤ poor_max`, [[poorMin, 1], [poorMax, -1]], '<=', 0, true);
    b.relate(`${geo}/${s.code}: near_poor_min ≤ near_poor_max`, [[nearMin, 1], [nearMax, -1]], '<=', 0, true);
    b.relate(`${geo}/${s.code}: under the line whatever the missing indicator`, [[poorMax, 1], [nearMin, 1], [poorMin, -1], [nearMax, -1]], '=', 0, true);
  }
  const current = standardForReviewYear(a.year);
  const mine = current && rows.get(current.code);
  if (!current || !mine) return;
  const cells = MISMATCH_MEASURES.map((m) => a.group(m));
  if (cells.every((c) => c !== undefined)) {
    const [poorNear, poorNot, nearPoor, nearNot, notPoor, notNear] = cells as number[];
    const [poorMin, poorMax, nearMin, nearMax] = mine;
    for (const id of [poorMin, poorMax]) {
      b.relate(`${geo}/${current.code}: rule poor from the mismatch cells`,
        [[id, 1], [a.popCell.poor, -1], [poorNear, 1], [poorNot, 1], [nearPoor, -1], [notPoor, -1]], '=', 0, true);
    }
    for (const id of [nearMin, nearMax]) {
      b.relate(`${geo}/${current.code}: rule near-poor from the mismatch cells`,
        [[id, 1], [a.popCell.near_poor, -1], [nearPoor, 1], [nearNot, 1], [poorNear, -1], [notNear, -1]], '=', 0, true);
    }
  }
  for (const s of standards) {
    const later = rows.get(s.code);
    if (!later || s.first_review_year <= current.last_review_year) continue;
    if (!(['rural', 'urban'] as const).every((area) => s.income_lines[area] >= current.income_lines[area])) continue;
    b.relate(`${geo}/${s.code}: at least as many under the higher lines`,
      [[later[0], 1], [later[3], 1], [mine[1], -1], [mine[3], -1]], '>=', 0, true);
  }
}
