// The cells of the model: every published count of every table and year, keyed by table and key columns,
// each within the published total an attacker knows it lies within; and one area's cells, for the relations.
import { DISTRICT_CODE, type Geo, type MonitoredPopulation, type Population, type RawTables } from '../../../src/lib/contract.ts';
import { periodOfReviewYear, predecessors, sameUnits, wholeUnionOf } from '../../../src/lib/geography.ts';
import type { CellModel, CellModelBuilder } from './model.ts';
import { newlyEscaped } from '../../../src/lib/reference.ts';
import { isPrimary } from './primary.ts';

/** Reviews in the newly-escaped window (data/reference/newly-escaped.json: this review and the ones before it). */
export const NEWLY_ESCAPED_WINDOW = newlyEscaped.window_reviews;

export const PROTECTED_TABLES = [
  'poverty_groups', 'deprivation', 'deprivation_depth', 'support',
  'deprivation_dimension', 'support_received', 'exit_outcomes', 'what_if',
] as const;
export type ProtectedTableName = (typeof PROTECTED_TABLES)[number];

export const geoKey = (r: Geo): string => `${r.review_year}/${r.area_code}`;

/** The key of a protected row inside its table, without the geography. */
export function restKey(table: ProtectedTableName, keyed: object): string {
  const row = keyed as Record<string, unknown>;
  switch (table) {
    case 'poverty_groups': return String(row.measure);
    case 'deprivation': return `${row.population}/${row.indicator_code}`;
    case 'deprivation_depth': return `${row.population}/${row.deprivations}`;
    case 'support': return `${row.program_code}/${row.measure}`;
    case 'deprivation_dimension': return `${row.population}/${row.dimension_code}`;
    case 'support_received': return `${row.population}/${row.program_code}`;
    case 'exit_outcomes': return `${row.years_after}/${row.outcome}`;
    case 'what_if': return `${row.standard}/${row.measure}`;
  }
}

/** The area code of a cell key (rowKey's second field). */
export const areaOfKey = (key: string): string => key.split('/')[1];

/** The cell key of a protected row: review year / area code / the table's own key columns. */
export function rowKey(table: ProtectedTableName, row: Geo): string {
  return `${geoKey(row)}/${restKey(table, row)}`;
}

/** A district row (a total over the communes). */
export const isTotal = (row: Geo): boolean => row.area_level === 'district' || row.area_code === DISTRICT_CODE;

type PovertyRow = RawTables['poverty'][number];

/**
 * The areas of review `prevYear` whose poor households the movements of `area` at review `year` start from.
 * `exact`: those the movement identity subtracts — the area itself when the units did not change (always for the
 * territory, DISTRICT_CODE), across a change of units the predecessors of a unit that is their whole union
 * (geography.ts wholeUnionOf) — or null where the identity does not hold (a unit sharing a split predecessor).
 * `bound`: every predecessor, whose poor bound its escaped + exited_other (each leaver is counted at a successor).
 */
export function previousAreas(area: string, year: number, prevYear: number): { exact: string[] | null; bound: string[] } {
  const from = periodOfReviewYear(prevYear);
  const to = periodOfReviewYear(year);
  if (area === DISTRICT_CODE || !from || !to || from.id === to.id) return { exact: [area], bound: [area] };
  return { exact: wholeUnionOf(area, to.id, from.id), bound: predecessors(area, to.id, from.id) };
}
type PovertyColumn = 'total_households' | 'poor' | 'near_poor';

/** The poverty rows by year/area, and each review year's previous one. */
export interface Releases { povertyByGeo: Map<string, PovertyRow>; previousYear: Map<number, number> }

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

  const prevPoorOf = new Map<string, number | undefined>();
  const previousPoor = (row: Geo): number | undefined => {
    const prev = previousYear.get(row.review_year);
    if (prev === undefined) return undefined;
    const geo = geoKey(row);
    if (!prevPoorOf.has(geo)) {
      const counts = previousAreas(row.area_code, row.review_year, prev).bound.map((a) => count(prev, a, 'poor'));
      prevPoorOf.set(geo, counts.length > 0 && counts.every((n) => n !== undefined) ? counts.reduce((s, n) => s! + n!, 0) : undefined);
    }
    return prevPoorOf.get(geo);
  };
  /**
   * What the published poverty table alone bounds newly_escaped by: the households not poor, and, where the area is
   * the same unit over the window (always the territory), the escapes the window's reviews could have had (each at
   * most the poor of the review before it; none in the first review of the data). Never below the true count (data
   * that break the definition get the looser bound, not a bound that would tell the count).
   */
  const newlyEscapedBound = (row: Geo, p: PovertyRow, value: number): number => {
    const notPoor = p.total_households - p.poor;
    const window: number[] = [row.review_year];
    for (let y = previousYear.get(row.review_year); y !== undefined && window.length < NEWLY_ESCAPED_WINDOW; y = previousYear.get(y)) window.push(y);
    if (!window.every((y) => row.area_code === DISTRICT_CODE || sameUnits(row.review_year, y))) return notPoor;
    const escapes = window.map((y) => (previousYear.has(y) ? previousPoor({ ...row, review_year: y }) : 0));
    if (escapes.some((n) => n === undefined)) return notPoor;
    const bound = escapes.reduce((s: number, n) => s + n!, 0);
    return bound >= value ? Math.min(notPoor, bound) : notPoor;
  };
  const newlyUpper = new Map<string, number>();
  for (const row of raw.poverty_groups) {
    const p = requireGeo('poverty_groups', row);
    const prevPoor = previousPoor(row);
    const m = row.measure;
    const upper =
      m.startsWith('poor_') || m.startsWith('recorded_poor_rule_') ? p.poor
      : m.startsWith('near_poor_') || m.startsWith('recorded_near_poor_rule_') ? p.near_poor
      : m.startsWith('recorded_not_poor_rule_') ? p.total_households - p.poor - p.near_poor
      : m === 'escaped' || m === 'exited_other' ? prevPoor ?? p.total_households
      : m === 'newly_poor' || m === 'fell_back' ? p.poor
      : m === 'newly_escaped' ? newlyEscapedBound(row, p, row.households)
      : p.total_households; // status_mismatch: among all assessed households, which never exceed the residents
    b.add('poverty_groups', rowKey('poverty_groups', row), row.households, upper, { total: isTotal(row) });
    if (m === 'newly_escaped') newlyUpper.set(geoKey(row), upper);
  }
  const groupOf = new Map(raw.poverty_groups.map((g) => [`${geoKey(g)}/${g.measure}`, g]));
  // A monitored population's cells: the recognised populations are published in full (constants); newly_escaped
  // households within newly_escaped's bound from the poverty table (constant), and at most the newly_escaped cell
  // (a relation: relations.ts addNewlyEscaped), whose true count is also the total of the complement rule (`within`).
  const populationCell = (table: 'deprivation' | 'deprivation_dimension' | 'support_received', row: Geo & { population: MonitoredPopulation; households: number }): void => {
    const p = requireGeo(table, row);
    const escapedNow = row.population === 'newly_escaped' ? groupOf.get(`${geoKey(row)}/newly_escaped`)?.households : undefined;
    b.add(table, rowKey(table, row), row.households,
      row.population === 'newly_escaped' ? newlyUpper.get(geoKey(row)) ?? p.total_households - p.poor : p[row.population],
      { total: isTotal(row), within: escapedNow });
  };
  for (const row of raw.deprivation) populationCell('deprivation', row);
  for (const row of raw.deprivation_dimension) populationCell('deprivation_dimension', row);
  for (const row of raw.support_received) populationCell('support_received', row);
  // an exit cohort's outcomes: within the cohort, the escaped of (exit year, area), bound as escaped is (the poor of
  // the year before) and tied to it by a relation (relations.ts addExitOutcomes)
  for (const row of raw.exit_outcomes) {
    const p = requireGeo('exit_outcomes', row);
    const escaped = groupOf.get(`${geoKey(row)}/escaped`)?.households;
    // and, where the area is the same unit `years_after` reviews later (always the territory), within what that
    // review published: the poor then, the near-poor then, the rest then
    const later = povertyByGeo.get(`${row.review_year + row.years_after}/${row.area_code}`);
    const sameLater = later !== undefined && (row.area_code === DISTRICT_CODE || sameUnits(row.review_year, later.review_year));
    const then = !sameLater ? Infinity : row.outcome === 'poor' ? later.poor : row.outcome === 'near_poor' ? later.near_poor
      : row.outcome === 'not_poor' ? later.total_households - later.poor - later.near_poor : Infinity;
    const cohort = previousPoor(row) ?? p.total_households;
    // (never below the true count: data that break the definition get the looser bound)
    b.add('exit_outcomes', rowKey('exit_outcomes', row), row.households, then >= row.households ? Math.min(cohort, then) : cohort, { total: isTotal(row), within: escaped });
  }
  // the households assessed in the review, classified by a standard's rule: at most the residents
  for (const row of raw.what_if) {
    const p = requireGeo('what_if', row);
    b.add('what_if', rowKey('what_if', row), row.households, p.total_households, { total: isTotal(row) });
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

/** One area in one review year, and lookups of its cells: what the per-area relation families work on. */
export interface AreaCells {
  /** `year/area` */
  geo: string;
  year: number;
  area: string;
  /** the poverty cells of the two populations */
  popCell: Record<Population, number>;
  /** the poor the year before that the movement identity starts from (previousAreas `exact`): none in the first
   *  year, nor across a change of units for a unit that is not a union of whole predecessors */
  prevPoor: number[] | undefined;
  /** the poor the year before that bound escaped + exited_other (previousAreas `bound`) */
  prevPoorBound: number[] | undefined;
  /** the poverty_groups cell of a measure */
  group(measure: string): number | undefined;
  /** the deprivation_depth cells of a population, as [deprivations, cell], ascending */
  depthOf(pop: Population): [number, number][];
  /** the deprivation cells of a population, as [indicator code, cell], in the table's order */
  indicatorsOf(pop: Population): [string, number][];
  /** any cell of the area by table and the key after the geography */
  cell(table: string, rest: string): number | undefined;
  /** the review years before this one in the data, nearest first (up to three) */
  earlierYears: number[];
  /** a cell of the same area code in another review year (a code names a territory only with its period: check sameUnits) */
  cellOf(year: number, table: string, rest: string): number | undefined;
}

const deprivationIndex = new WeakMap<RawTables['deprivation'], Map<string, RawTables['deprivation']>>();
/** The deprivation rows by `year/area/population`, in the table's order (one pass, not one filter per area). */
function deprivationByArea(raw: RawTables): Map<string, RawTables['deprivation']> {
  let index = deprivationIndex.get(raw.deprivation);
  if (!index) {
    index = new Map();
    for (const r of raw.deprivation) {
      const key = `${r.review_year}/${r.area_code}/${r.population}`;
      const list = index.get(key);
      if (list) list.push(r); else index.set(key, [r]);
    }
    deprivationIndex.set(raw.deprivation, index);
  }
  return index;
}

export function areaCells(b: CellModelBuilder, raw: RawTables, releases: Releases, p: PovertyRow): AreaCells {
  const geo = geoKey(p);
  const year = p.review_year;
  const area = p.area_code;
  const povertyCell = (y: number, column: PovertyColumn, at = area): number | undefined => b.find('poverty', `${y}/${at}/${column}`);
  const prev = releases.previousYear.get(year);
  const prevCells = (areas: string[] | null | undefined): number[] | undefined => {
    if (prev === undefined || !areas || areas.length === 0) return undefined;
    const cells = areas.map((at) => povertyCell(prev, 'poor', at));
    return cells.every((c) => c !== undefined) ? (cells as number[]) : undefined;
  };
  const previous = prev === undefined ? undefined : previousAreas(area, year, prev);
  const cell = (table: string, rest: string): number | undefined => b.find(table, `${geo}/${rest}`);
  const earlierYears: number[] = [];
  for (let y = releases.previousYear.get(year); y !== undefined && earlierYears.length < 3; y = releases.previousYear.get(y)) earlierYears.push(y);
  return {
    geo, year, area, earlierYears,
    cellOf: (y, table, rest) => b.find(table, `${y}/${area}/${rest}`),
    popCell: { poor: povertyCell(year, 'poor')!, near_poor: povertyCell(year, 'near_poor')! },
    prevPoor: prevCells(previous?.exact),
    prevPoorBound: prevCells(previous?.bound),
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
      (deprivationByArea(raw).get(`${year}/${area}/${pop}`) ?? [])
        .map((r): [string, number] => [r.indicator_code, cell('deprivation', `${pop}/${r.indicator_code}`)!]),
  };
}

/**
 * A count the district publishes as 0 tells that every commune's count below it is 0 too. Those cells, the
 * district's and its communes', are settled: published as 0, constants for the attacker, never suppressed. Hiding a
 * zero the district row already tells protects nothing, and hiding the district zero itself (to protect a small
 * commune's zeros) is what hatched the district rows (docs/disclosure-control.md: structural zeros are not cells).
 * Only a safe district zero settles (not primary at k: its complement, the district's population, is at least k);
 * `published(district)` says whether it is published: for protection, when no earlier release hid it; for the
 * audit, when the release shows it. Returns the settled columns (indices into model.columns).
 */
export function settleZeroColumns(model: CellModel, k: number, published: (district: number) => boolean): number[] {
  const settled: number[] = [];
  model.columns.forEach(({ district, communes }, i) => {
    const cell = model.cells[district];
    if (cell.value !== 0 || cell.fixed || isPrimary(cell, k) || !published(district)) return;
    for (const id of [district, ...communes]) model.cells[id].fixed = true;
    settled.push(i);
  });
  if (settled.length > 0) fixedChanged(model);
  return settled;
}

const epochs = new WeakMap<CellModel, number>();
/** How many times cells' `fixed` changed in the model (settled, reopened): what caches of the constants key on. */
export function fixedEpoch(model: CellModel): number {
  return epochs.get(model) ?? 0;
}
function fixedChanged(model: CellModel): void {
  epochs.set(model, fixedEpoch(model) + 1);
}

/** Undoes settleZeroColumns for one column: its cells are ordinary published cells again (the attacker's view is unchanged). */
export function reopenColumn(model: CellModel, column: number): void {
  const { district, communes } = model.columns[column];
  for (const id of [district, ...communes]) model.cells[id].fixed = false;
  fixedChanged(model);
}
