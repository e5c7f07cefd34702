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

export function buildCellModel(raw: RawTables, opts: BuildOptions = {}): CellModel {
  const programs = opts.programs ?? defaultPrograms;
  const b = new CellModelBuilder();

  // poverty: published in full, so its counts are constants every relation may use
  const povertyByGeo = new Map<string, RawTables['poverty'][number]>();
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
  const povertyCell = (year: number, area: string, column: 'total_households' | 'poor' | 'near_poor'): number | undefined =>
    b.find('poverty', `${year}/${area}/${column}`);
  const count = (year: number, area: string, column: 'total_households' | 'poor' | 'near_poor'): number | undefined =>
    povertyByGeo.get(`${year}/${area}`)?.[column];
  const requireGeo = (table: string, row: Geo): RawTables['poverty'][number] => {
    const p = povertyByGeo.get(geoKey(row));
    if (!p) throw new Error(`${table} row without a poverty row: ${geoKey(row)}`);
    return p;
  };

  const isTotal = (row: Geo): boolean => row.area_level === 'district' || row.area_code === DISTRICT_CODE;
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

  // communes sum to the district, for every cell of every protected table
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

  const cell = (table: string, key: string): number | undefined => b.find(table, key);
  for (const p of raw.poverty) {
    const geo = geoKey(p);
    const year = p.review_year;
    const area = p.area_code;
    const poor = povertyCell(year, area, 'poor')!;
    const nearPoor = povertyCell(year, area, 'near_poor')!;
    const popCell: Record<Population, number> = { poor, near_poor: nearPoor };
    const group = (measure: string): number | undefined => cell('poverty_groups', `${geo}/${measure}`);

    // poor_no_labour + poor_with_labour = poor, likewise near-poor
    for (const pop of POPULATIONS) {
      const no = group(`${pop}_no_labour`);
      const withLabour = group(`${pop}_with_labour`);
      if (no !== undefined && withLabour !== undefined) {
        b.relate(`${geo}/${pop}: labour groups sum to the population`, [[no, 1], [withLabour, 1], [popCell[pop], -1]], '=', 0);
      }
    }

    // deprivation depth sums to the population; depth and indicator counts are two views of the same flags
    const depthOf = (pop: Population): [number, number][] => {
      const out: [number, number][] = [];
      for (let d = 0; d <= 20; d++) {
        const id = cell('deprivation_depth', `${geo}/${pop}/${d}`);
        if (id !== undefined) out.push([d, id]);
      }
      return out;
    };
    const indicatorsOf = (pop: Population): [string, number][] =>
      raw.deprivation.filter((r) => r.review_year === year && r.area_code === area && r.population === pop)
        .map((r): [string, number] => [r.indicator_code, cell('deprivation', `${geo}/${pop}/${r.indicator_code}`)!]);
    for (const pop of POPULATIONS) {
      const depth = depthOf(pop);
      const indicators = indicatorsOf(pop);
      if (depth.length > 0) {
        b.relate(`${geo}/${pop}: depth sums to the population`, [...depth.map(([, id]): [number, number] => [id, 1]), [popCell[pop], -1]], '=', 0);
      }
      if (depth.length > 0 && indicators.length > 0) {
        // Σ_d d·depth(d) = Σ_i deprivation(i): each household counted once per indicator it lacks
        b.relate(`${geo}/${pop}: deprivation intensity`,
          [...depth.map(([d, id]): [number, number] => [id, d]), ...indicators.map(([, id]): [number, number] => [id, -1])], '=', 0, true);
        const zero = depth.find(([d]) => d === 0)?.[1];
        const all = depth.find(([d]) => d === indicators.length)?.[1];
        for (const [code, id] of indicators) {
          // a household lacking indicator i lacks at least one; one lacking all lacks i
          if (zero !== undefined) b.relate(`${geo}/${pop}/${code}: at most the deprived`, [[id, 1], [zero, 1], [popCell[pop], -1]], '<=', 0, true);
          if (all !== undefined) b.relate(`${geo}/${pop}/${code}: at least the fully deprived`, [[all, 1], [id, -1]], '<=', 0, true);
        }
      }
    }

    // recognised status against the rule: poor with fewer than the minimum deprivations, near-poor with at least it
    const mismatch = group('status_mismatch');
    const minimum = standardForReviewYear(year)?.poor_min_deprivations ?? 3;
    if (mismatch !== undefined) {
      const disagree: [number, number][] = [
        ...depthOf('poor').filter(([d]) => d < minimum).map(([, id]): [number, number] => [id, 1]),
        ...depthOf('near_poor').filter(([d]) => d >= minimum).map(([, id]): [number, number] => [id, 1]),
      ];
      if (disagree.length > 0) b.relate(`${geo}: status mismatch at least the depth disagreements`, [...disagree, [mismatch, -1]], '<=', 0, true);
    }

    // movement identity across consecutive review years
    const prev = previousYear.get(year);
    const prevPoor = prev === undefined ? undefined : povertyCell(prev, area, 'poor');
    const [escaped, exitedOther, newlyPoor, fellBack] = MOVEMENT_MEASURES.map((m) => group(m));
    if (prevPoor !== undefined && escaped !== undefined && exitedOther !== undefined && newlyPoor !== undefined && fellBack !== undefined) {
      b.relate(`${geo}: poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back`,
        [[poor, 1], [prevPoor, -1], [escaped, 1], [exitedOther, 1], [newlyPoor, -1], [fellBack, -1]], '=', 0);
      b.relate(`${geo}: escaped + exited_other ≤ poor(t−1)`, [[escaped, 1], [exitedOther, 1], [prevPoor, -1]], '<=', 0, true);
      b.relate(`${geo}: newly_poor + fell_back ≤ poor(t)`, [[newlyPoor, 1], [fellBack, 1], [poor, -1]], '<=', 0, true);
    }

    // support: need vs delivery, and need as the programs' rules define it from the other tables
    for (const program of programs) {
      const need = cell('support', `${geo}/${program.code}/in_need`);
      const supported = cell('support', `${geo}/${program.code}/supported`);
      const both = cell('support', `${geo}/${program.code}/in_need_supported`);
      if (both !== undefined && need !== undefined) b.relate(`${geo}/${program.code}: in_need_supported ≤ in_need`, [[both, 1], [need, -1]], '<=', 0);
      if (both !== undefined && supported !== undefined) b.relate(`${geo}/${program.code}: in_need_supported ≤ supported`, [[both, 1], [supported, -1]], '<=', 0);
      if (both !== undefined && need !== undefined && supported !== undefined) {
        b.relate(`${geo}/${program.code}: in_need ∪ supported ≤ poor + near_poor`, [[need, 1], [supported, 1], [both, -1], [poor, -1], [nearPoor, -1]], '<=', 0, true);
      }
      if (need === undefined) continue;
      addNeedRule(b, program, geo, need, popCell);
    }
  }
  return b.build();
}

/** in_need from programs.json's need rule, in terms of the deprivation and labour-group cells. */
function addNeedRule(b: CellModelBuilder, program: Program, geo: string, need: number, popCell: Record<Population, number>): void {
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
