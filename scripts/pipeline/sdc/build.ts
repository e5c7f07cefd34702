// RawTables → cell model: every published count of every table and year, and every relation an attacker
// can use (data-contract.md, "Relations an attacker can use", plus the identities the reference data implies).
import { DISTRICT_CODE, MOVEMENT_MEASURES, POPULATIONS, type Geo, type Population, type RawTables } from '../../../src/lib/contract.ts';
import { programs as defaultPrograms, standardForReviewYear, type Program } from '../../../src/lib/reference.ts';
import { CellModelBuilder, type CellModel } from './model.ts';

export const PROTECTED_TABLES = ['poverty_groups', 'deprivation', 'deprivation_depth', 'support'] as const;
export type ProtectedTableName = (typeof PROTECTED_TABLES)[number];

const geoKey = (r: Geo): string => `${r.review_year}/${r.area_code}`;

/** The key of a protected row inside its table, without the geography. */
export function restKey(table: ProtectedTableName, keyed: object): string {
  const row = keyed as Record<string, unknown>;
  switch (table) {
    case 'poverty_groups': return String(row.measure);
    case 'deprivation': return `${row.population}/${row.indicator_code}`;
    case 'deprivation_depth': return `${row.population}/${row.deprivations}`;
    case 'support': return `${row.program_code}/${row.measure}`;
  }
}

/** The cell key of a protected row: review year / area code / the table's own key columns. */
export function rowKey(table: ProtectedTableName, row: Geo): string {
  return `${geoKey(row)}/${restKey(table, row)}`;
}

export interface BuildOptions {
  /** support programs and their need rules (data/reference/programs.json by default) */
  programs?: Program[];
}

/**
 * The cell model of a release: every cell first (ids in a fixed order: poverty, then the protected tables),
 * then the relations, family by family, area by area. The order of cells and relations is part of the result
 * (the attacker's LP is warm-started and ties break by id), so it must not change.
 */
export function buildCellModel(raw: RawTables, opts: BuildOptions = {}): CellModel {
  const programs = opts.programs ?? defaultPrograms;
  const b = new CellModelBuilder();
  const releases = addCells(b, raw);
  addCommuneSums(b, raw);
  for (const p of raw.poverty) {
    const area = areaCells(b, raw, releases, p);
    for (const pop of POPULATIONS) addLabourSplit(b, area, pop);
    for (const pop of POPULATIONS) {
      addDepthSum(b, area, pop);
      addIntensity(b, area, pop);
    }
    addStatusMismatch(b, area);
    addMovementIdentity(b, area);
    for (const program of programs) {
      addSupportRelations(b, area, program);
      addNeedRule(b, area, program);
    }
  }
  return b.build();
}

const isTotal = (row: Geo): boolean => row.area_level === 'district' || row.area_code === DISTRICT_CODE;
type PovertyRow = RawTables['poverty'][number];
type PovertyColumn = 'total_households' | 'poor' | 'near_poor';

/** The poverty rows by year/area, and each review year's previous one. */
interface Releases { povertyByGeo: Map<string, PovertyRow>; previousYear: Map<number, number> }

/**
 * Every cell: the poverty table's counts (published in full, so constants every relation may use: `fixed`),
 * then each protected table's counts, each within the published total it lies within.
 */
export function addCells(b: CellModelBuilder, raw: RawTables): Releases {
  const povertyByGeo = new Map<string, PovertyRow>();
  for (const row of raw.poverty) {
    const geo = geoKey(row);
    if (povertyByGeo.has(geo)) throw new Error(`duplicate poverty row: ${geo}`);
    povertyByGeo.set(geo, row);
    for (const column of ['total_households', 'poor', 'near_poor'] as const) {
      b.add('poverty', `${geo}/${column}`, row[column], row[column], { fixed: true, total: row.area_level === 'district' });
    }
  }
  const years = [...new Set(raw.poverty.map((r) => r.review_year))].sort((x, y) => x - y);
  const previousYear = new Map<number, number>(years.slice(1).map((y, i) => [y, years[i]]));
  const count = (year: number, area: string, column: PovertyColumn): number | undefined => povertyByGeo.get(`${year}/${area}`)?.[column];
  const requireGeo = (table: string, row: Geo): PovertyRow => {
    const p = povertyByGeo.get(geoKey(row));
    if (!p) throw new Error(`${table} row without a poverty row: ${geoKey(row)}`);
    return p;
  };

  for (const row of raw.poverty_groups) {
    const p = requireGeo('poverty_groups', row);
    const prevPoor = previousYear.has(row.review_year) ? count(previousYear.get(row.review_year)!, row.area_code, 'poor') : undefined;
    const upper =
      row.measure.startsWith('poor_') ? p.poor
      : row.measure.startsWith('near_poor_') ? p.near_poor
      : row.measure === 'escaped' || row.measure === 'exited_other' ? prevPoor ?? p.total_households
      : row.measure === 'newly_poor' || row.measure === 'fell_back' ? p.poor
      : p.total_households; // status_mismatch: among all assessed households, which never exceed the residents
    b.add('poverty_groups', rowKey('poverty_groups', row), row.households, upper, { total: isTotal(row) });
  }
  for (const row of raw.deprivation) {
    const p = requireGeo('deprivation', row);
    b.add('deprivation', rowKey('deprivation', row), row.households, p[row.population], { total: isTotal(row) });
  }
  for (const row of raw.deprivation_depth) {
    const p = requireGeo('deprivation_depth', row);
    b.add('deprivation_depth', rowKey('deprivation_depth', row), row.households, p[row.population], { total: isTotal(row) });
  }
  for (const row of raw.support) {
    const p = requireGeo('support', row);
    b.add('support', rowKey('support', row), row.households, p.poor + p.near_poor, { total: isTotal(row) });
  }
  return { povertyByGeo, previousYear };
}

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
    b.relate(`${groupKey}: communes sum to the district`, [[group.district, 1], ...group.communes.map((c): [number, number] => [c, -1])], '=', 0);
  }
}

/** One area in one review year, and lookups of its cells: what the per-area relation families work on. */
export interface AreaCells {
  /** `year/area` */
  geo: string;
  year: number;
  area: string;
  /** the poverty cells of the two populations, and of the poor the year before (none in the first year) */
  popCell: Record<Population, number>;
  prevPoor: number | undefined;
  /** the poverty_groups cell of a measure */
  group(measure: string): number | undefined;
  /** the deprivation_depth cells of a population, as [deprivations, cell], ascending */
  depthOf(pop: Population): [number, number][];
  /** the deprivation cells of a population, as [indicator code, cell], in the table's order */
  indicatorsOf(pop: Population): [string, number][];
  /** any cell of the area by table and the key after the geography */
  cell(table: string, rest: string): number | undefined;
}

export function areaCells(b: CellModelBuilder, raw: RawTables, releases: Releases, p: PovertyRow): AreaCells {
  const geo = geoKey(p);
  const year = p.review_year;
  const area = p.area_code;
  const povertyCell = (y: number, column: PovertyColumn): number | undefined => b.find('poverty', `${y}/${area}/${column}`);
  const prev = releases.previousYear.get(year);
  const cell = (table: string, rest: string): number | undefined => b.find(table, `${geo}/${rest}`);
  return {
    geo, year, area,
    popCell: { poor: povertyCell(year, 'poor')!, near_poor: povertyCell(year, 'near_poor')! },
    prevPoor: prev === undefined ? undefined : povertyCell(prev, 'poor'),
    cell,
    group: (measure) => cell('poverty_groups', measure),
    depthOf: (pop) => {
      const out: [number, number][] = [];
      for (let d = 0; d <= 20; d++) {
        const id = cell('deprivation_depth', `${pop}/${d}`);
        if (id !== undefined) out.push([d, id]);
      }
      return out;
    },
    indicatorsOf: (pop) =>
      raw.deprivation.filter((r) => r.review_year === year && r.area_code === area && r.population === pop)
        .map((r): [string, number] => [r.indicator_code, cell('deprivation', `${pop}/${r.indicator_code}`)!]),
  };
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

/** The movement identity across consecutive review years, and the bounds of the flows out of and into poverty. */
export function addMovementIdentity(b: CellModelBuilder, a: AreaCells): void {
  const { geo, prevPoor } = a;
  const poor = a.popCell.poor;
  const [escaped, exitedOther, newlyPoor, fellBack] = MOVEMENT_MEASURES.map((m) => a.group(m));
  if (prevPoor === undefined || escaped === undefined || exitedOther === undefined || newlyPoor === undefined || fellBack === undefined) return;
  b.relate(`${geo}: poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back`,
    [[poor, 1], [prevPoor, -1], [escaped, 1], [exitedOther, 1], [newlyPoor, -1], [fellBack, -1]], '=', 0);
  b.relate(`${geo}: escaped + exited_other ≤ poor(t−1)`, [[escaped, 1], [exitedOther, 1], [prevPoor, -1]], '<=', 0, true);
  b.relate(`${geo}: newly_poor + fell_back ≤ poor(t)`, [[newlyPoor, 1], [fellBack, 1], [poor, -1]], '<=', 0, true);
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
