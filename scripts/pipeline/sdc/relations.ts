// The relations an attacker can use (every identity between published tables, as the methodology page lists them,
// plus the identities the reference data implies), one builder per family. Each adds to the builder; a derived relation the data does
// not satisfy is left out with a warning (CellModelBuilder.relate), a mandatory one throws.
import { MOVEMENT_MEASURES, POPULATIONS, type Geo, type Population, type RawTables } from '../../../src/lib/contract.ts';
import { standardForReviewYear, type Program } from '../../../src/lib/reference.ts';
import { isTotal, PROTECTED_TABLES, restKey, rowKey, type AreaCells } from './cells.ts';
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
