// The relation builders of the cell model, each on a hand-worked tiny table: which relations, which cells,
// which coefficients. Cells are named by key in the expectations, so an id change cannot hide a wrong term.
import { describe, expect, it } from 'vitest';
import type { RawTables } from '../src/lib/contract.ts';
import type { Program } from '../src/lib/reference.ts';
import { buildCellModel } from '../scripts/pipeline/sdc/build.ts';
import { addCells, areaCells } from '../scripts/pipeline/sdc/cells.ts';
import {
  addCommuneSums, addDepthSum, addIntensity, addLabourSplit, addMovementIdentity, addNeedRule, addStatusMismatch, addSupportRelations,
} from '../scripts/pipeline/sdc/relations.ts';
import { CellModelBuilder, type CellModel } from '../scripts/pipeline/sdc/model.ts';

const geo = (review_year: number, area_code: string) => ({ review_year, area_level: (area_code === '311' ? 'district' : 'commune') as 'district' | 'commune', area_code });

/**
 * One commune (11300) and the district (311) in 2022, the commune also in 2021 (for the movement identity).
 *   2022 commune: 20 households, 6 poor, 4 near-poor; poor: 2 without labour, 4 with; depth of the poor: 1 with 0
 *   deprivations, 3 with 1, 2 with 2 (Σ d·depth = 3 + 4 = 7 = health 4 + water 3); near-poor: 4 with 0.
 *   status mismatch: 6 (every poor household has fewer than 3 deprivations).
 *   movements: 5 poor in 2021, 2 escaped, 0 exited, 2 newly poor, 1 fell back: 5 − 2 − 0 + 2 + 1 = 6.
 *   2022 district: the commune's figures (one commune) for poverty_groups labour rows only.
 */
function tiny(): RawTables {
  const c22 = geo(2022, '11300');
  const d22 = geo(2022, '311');
  return {
    poverty: [
      { ...geo(2021, '11300'), total_households: 20, poor: 5, near_poor: 4, poor_rate: 25, near_poor_rate: 20 },
      { ...c22, total_households: 20, poor: 6, near_poor: 4, poor_rate: 30, near_poor_rate: 20 },
      { ...d22, total_households: 20, poor: 6, near_poor: 4, poor_rate: 30, near_poor_rate: 20 },
    ],
    poverty_groups: [
      { ...c22, measure: 'poor_no_labour', households: 2 },
      { ...c22, measure: 'poor_with_labour', households: 4 },
      { ...c22, measure: 'escaped', households: 2 },
      { ...c22, measure: 'exited_other', households: 0 },
      { ...c22, measure: 'newly_poor', households: 2 },
      { ...c22, measure: 'fell_back', households: 1 },
      { ...c22, measure: 'status_mismatch', households: 6 },
      { ...d22, measure: 'poor_no_labour', households: 2 },
      { ...d22, measure: 'poor_with_labour', households: 4 },
    ],
    deprivation: [
      { ...c22, population: 'poor', indicator_code: 'health_insurance', households: 4 },
      { ...c22, population: 'poor', indicator_code: 'water', households: 3 },
    ],
    deprivation_depth: [
      { ...c22, population: 'poor', deprivations: 0, households: 1 },
      { ...c22, population: 'poor', deprivations: 1, households: 3 },
      { ...c22, population: 'poor', deprivations: 2, households: 2 },
      { ...c22, population: 'near_poor', deprivations: 0, households: 4 },
    ],
    support: [
      { ...c22, program_code: 'p', measure: 'in_need', households: 4 },
      { ...c22, program_code: 'p', measure: 'supported', households: 3 },
      { ...c22, program_code: 'p', measure: 'in_need_supported', households: 2 },
    ],
    deprivation_dimension: [], support_received: [], exit_outcomes: [], what_if: [],
  };
}

/** The relations of a model as readable terms: name, `coef·table:key` terms, sense, rhs. */
function readable(model: CellModel): { name: string; terms: string[]; sense: string; rhs: number }[] {
  return model.relations.map((r) => ({
    name: r.name,
    terms: r.cells.map((c, j) => `${r.coefs[j]}·${model.cells[c].table}:${model.cells[c].key}`),
    sense: r.sense,
    rhs: r.rhs,
  }));
}

/** The cells of `raw`, then one family's relations for the 2022 commune. */
function family(add: (b: CellModelBuilder, area: ReturnType<typeof areaCells>) => void, raw = tiny()) {
  const b = new CellModelBuilder();
  const releases = addCells(b, raw);
  add(b, areaCells(b, raw, releases, raw.poverty[1]));
  return readable(b.build());
}

describe('cells', () => {
  it('poverty counts are fixed constants; each protected cell lies within its published total', () => {
    const b = new CellModelBuilder();
    addCells(b, tiny());
    const model = b.build();
    const at = (table: string, key: string) => model.cells.find((c) => c.table === table && c.key === key)!;
    expect(model.cells.slice(0, 3).map((c) => [c.table, c.key, c.value, c.fixed])).toEqual([
      ['poverty', '2021/11300/total_households', 20, true], ['poverty', '2021/11300/poor', 5, true], ['poverty', '2021/11300/near_poor', 4, true],
    ]);
    expect(at('poverty_groups', '2022/11300/poor_no_labour').upper).toBe(6); // within the poor
    expect(at('poverty_groups', '2022/11300/escaped').upper).toBe(5); // within last year's poor
    expect(at('poverty_groups', '2022/11300/status_mismatch').upper).toBe(20); // within all households
    expect(at('deprivation_depth', '2022/11300/near_poor/0').upper).toBe(4);
    expect(at('support', '2022/11300/p/in_need').upper).toBe(10); // within poor + near-poor
    expect(at('poverty_groups', '2022/311/poor_with_labour').total).toBe(true);
    expect(at('poverty_groups', '2022/11300/poor_with_labour').total).toBe(false);
  });
});

describe('relation families', () => {
  it('communes sum to the district, per table, year and key', () => {
    const b = new CellModelBuilder();
    const raw = tiny();
    addCells(b, raw);
    addCommuneSums(b, raw);
    expect(readable(b.build())).toEqual([
      { name: 'poverty_groups|2022|poor_no_labour: communes sum to the district', terms: ['-1·poverty_groups:2022/11300/poor_no_labour', '1·poverty_groups:2022/311/poor_no_labour'], sense: '=', rhs: 0 },
      { name: 'poverty_groups|2022|poor_with_labour: communes sum to the district', terms: ['-1·poverty_groups:2022/11300/poor_with_labour', '1·poverty_groups:2022/311/poor_with_labour'], sense: '=', rhs: 0 },
    ]);
  });

  it('labour split: no_labour + with_labour = the population (only where both rows exist)', () => {
    expect(family((b, a) => { addLabourSplit(b, a, 'poor'); addLabourSplit(b, a, 'near_poor'); })).toEqual([
      { name: '2022/11300/poor: labour groups sum to the population', terms: ['-1·poverty:2022/11300/poor', '1·poverty_groups:2022/11300/poor_no_labour', '1·poverty_groups:2022/11300/poor_with_labour'], sense: '=', rhs: 0 },
    ]);
  });

  it('depth sums to the population', () => {
    expect(family((b, a) => addDepthSum(b, a, 'poor'))).toEqual([
      { name: '2022/11300/poor: depth sums to the population', terms: ['-1·poverty:2022/11300/poor', '1·deprivation_depth:2022/11300/poor/0', '1·deprivation_depth:2022/11300/poor/1', '1·deprivation_depth:2022/11300/poor/2'], sense: '=', rhs: 0 },
    ]);
  });

  it('intensity: Σ d·depth(d) = Σ indicators, each indicator at most the deprived and at least the fully deprived', () => {
    // 2 indicators: "fully deprived" is depth 2; "deprived" is everyone but depth 0
    expect(family((b, a) => addIntensity(b, a, 'poor'))).toEqual([
      { name: '2022/11300/poor: deprivation intensity', terms: ['-1·deprivation:2022/11300/poor/health_insurance', '-1·deprivation:2022/11300/poor/water', '1·deprivation_depth:2022/11300/poor/1', '2·deprivation_depth:2022/11300/poor/2'], sense: '=', rhs: 0 },
      { name: '2022/11300/poor/health_insurance: at most the deprived', terms: ['-1·poverty:2022/11300/poor', '1·deprivation:2022/11300/poor/health_insurance', '1·deprivation_depth:2022/11300/poor/0'], sense: '<=', rhs: 0 },
      { name: '2022/11300/poor/health_insurance: at least the fully deprived', terms: ['-1·deprivation:2022/11300/poor/health_insurance', '1·deprivation_depth:2022/11300/poor/2'], sense: '<=', rhs: 0 },
      { name: '2022/11300/poor/water: at most the deprived', terms: ['-1·poverty:2022/11300/poor', '1·deprivation:2022/11300/poor/water', '1·deprivation_depth:2022/11300/poor/0'], sense: '<=', rhs: 0 },
      { name: '2022/11300/poor/water: at least the fully deprived', terms: ['-1·deprivation:2022/11300/poor/water', '1·deprivation_depth:2022/11300/poor/2'], sense: '<=', rhs: 0 },
    ]);
    // the near-poor have depth rows but no indicator rows: no intensity
    expect(family((b, a) => addIntensity(b, a, 'near_poor'))).toEqual([]);
  });

  it('an intensity that does not hold is left out with a warning, not thrown', () => {
    const raw = tiny();
    raw.deprivation[0].households = 5; // Σ indicators 8 ≠ Σ d·depth 7
    const b = new CellModelBuilder();
    addIntensity(b, areaCells(b, raw, addCells(b, raw), raw.poverty[1]), 'poor');
    expect(b.build().warnings).toEqual(['relation does not hold in the data: 2022/11300/poor: deprivation intensity']);
  });

  it('status mismatch is at least the depth disagreements (2022 standard: poor need 3 deprivations)', () => {
    // every poor depth row is under 3 (all disagree); no near-poor row is at 3 or more
    expect(family((b, a) => addStatusMismatch(b, a))).toEqual([
      { name: '2022/11300: status mismatch at least the depth disagreements', terms: ['-1·poverty_groups:2022/11300/status_mismatch', '1·deprivation_depth:2022/11300/poor/0', '1·deprivation_depth:2022/11300/poor/1', '1·deprivation_depth:2022/11300/poor/2'], sense: '<=', rhs: 0 },
    ]);
  });

  it('movement identity with the previous year, and the bounds of the flows', () => {
    const flows = ['poverty_groups:2022/11300/escaped', 'poverty_groups:2022/11300/exited_other', 'poverty_groups:2022/11300/newly_poor', 'poverty_groups:2022/11300/fell_back'];
    expect(family((b, a) => addMovementIdentity(b, a))).toEqual([
      { name: '2022/11300: poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back', terms: ['-1·poverty:2021/11300/poor', '1·poverty:2022/11300/poor', `1·${flows[0]}`, `1·${flows[1]}`, `-1·${flows[2]}`, `-1·${flows[3]}`], sense: '=', rhs: 0 },
      { name: '2022/11300: escaped + exited_other ≤ poor(t−1)', terms: ['-1·poverty:2021/11300/poor', `1·${flows[0]}`, `1·${flows[1]}`], sense: '<=', rhs: 0 },
      { name: '2022/11300: newly_poor + fell_back ≤ poor(t)', terms: ['-1·poverty:2022/11300/poor', `1·${flows[2]}`, `1·${flows[3]}`], sense: '<=', rhs: 0 },
    ]);
    // the first year has no previous one
    const raw = tiny();
    const b = new CellModelBuilder();
    addMovementIdentity(b, areaCells(b, raw, addCells(b, raw), raw.poverty[0]));
    expect(b.build().relations).toEqual([]);
  });

  it('support: in_need_supported within need and delivery, the union within poor + near-poor', () => {
    const program: Program = { code: 'p', name_vi: '', name_en: '', policies: [], need: {} } as Program;
    const [need, supported, both] = ['in_need', 'supported', 'in_need_supported'].map((m) => `support:2022/11300/p/${m}`);
    expect(family((b, a) => addSupportRelations(b, a, program))).toEqual([
      { name: '2022/11300/p: in_need_supported ≤ in_need', terms: [`-1·${need}`, `1·${both}`], sense: '<=', rhs: 0 },
      { name: '2022/11300/p: in_need_supported ≤ supported', terms: [`-1·${supported}`, `1·${both}`], sense: '<=', rhs: 0 },
      { name: '2022/11300/p: in_need ∪ supported ≤ poor + near_poor', terms: ['-1·poverty:2022/11300/poor', '-1·poverty:2022/11300/near_poor', `1·${need}`, `1·${supported}`, `-1·${both}`], sense: '<=', rhs: 0 },
    ]);
  });
});

describe('need rules', () => {
  const need = 'support:2022/11300/p/in_need';
  const rule = (r: Program['need']): Program => ({ code: 'p', name_vi: '', name_en: '', policies: [], need: r }) as Program;
  /** The tiny table with the near-poor given the same labour and indicator rows (a rule needs both populations). */
  function withNearPoor(needCount: number): RawTables {
    const raw = tiny();
    const c22 = geo(2022, '11300');
    raw.poverty_groups.push({ ...c22, measure: 'near_poor_no_labour', households: 1 }, { ...c22, measure: 'near_poor_with_labour', households: 3 });
    raw.deprivation.push({ ...c22, population: 'near_poor', indicator_code: 'health_insurance', households: 0 });
    raw.support[0].households = needCount;
    return raw;
  }

  it('labour only: in_need is the labour group of both populations', () => {
    expect(family((b, a) => addNeedRule(b, a, rule({ labour_capacity: false })), withNearPoor(3))).toEqual([
      { name: '2022/11300/p: in_need by the program\'s rule', terms: ['-1·poverty_groups:2022/11300/poor_no_labour', '-1·poverty_groups:2022/11300/near_poor_no_labour', `1·${need}`], sense: '=', rhs: 0 },
    ]);
  });

  it('one indicator: in_need is its deprivation count of both populations', () => {
    expect(family((b, a) => addNeedRule(b, a, rule({ indicators_any: ['health_insurance'] })), withNearPoor(4))).toEqual([
      { name: '2022/11300/p: in_need by the program\'s rule', terms: ['-1·deprivation:2022/11300/poor/health_insurance', '-1·deprivation:2022/11300/near_poor/health_insurance', `1·${need}`], sense: '=', rhs: 0 },
    ]);
  });

  it('an indicator and a labour condition: bounds, not an identity', () => {
    // in_need = 3: ≤ 4 + 0 (indicator), ≤ 4 + 3 (with labour), ≥ 4 + 0 + 4 + 3 − 6 − 4 = 1 (overlap)
    const relations = family((b, a) => addNeedRule(b, a, rule({ indicators_any: ['health_insurance'], labour_capacity: true })), withNearPoor(3));
    expect(relations.map((r) => [r.name, r.sense])).toEqual([
      ['2022/11300/p: in_need by the program\'s rule (at most the sum)', '<='],
      ['2022/11300/p: in_need by the program\'s rule (at most the labour group)', '<='],
      ['2022/11300/p: in_need by the program\'s rule (at least the overlap)', '>='],
    ]);
    expect(relations[2].terms).toEqual([
      '1·poverty:2022/11300/poor', '1·poverty:2022/11300/near_poor', '-1·poverty_groups:2022/11300/poor_with_labour', '-1·poverty_groups:2022/11300/near_poor_with_labour',
      '-1·deprivation:2022/11300/poor/health_insurance', '-1·deprivation:2022/11300/near_poor/health_insurance', `1·${need}`,
    ]);
  });

  it('no rule when an indicator of the rule is missing for a population', () => {
    // tiny() has no near-poor indicator rows
    expect(family((b, a) => addNeedRule(b, a, rule({ indicators_any: ['health_insurance'] })))).toEqual([]);
  });
});

describe('buildCellModel', () => {
  it('composes the families in a fixed order: commune sums first, then per area labour, depth, intensity, mismatch, movement, support', () => {
    const program: Program = { code: 'p', name_vi: '', name_en: '', policies: [], need: {} } as Program;
    const names = buildCellModel(tiny(), { programs: [program] }).relations.map((r) => r.name.replace(/^[^:]*: /, ''));
    expect(names).toEqual([
      'communes sum to the district', 'communes sum to the district',
      'labour groups sum to the population', 'depth sums to the population', 'deprivation intensity',
      'at most the deprived', 'at least the fully deprived', 'at most the deprived', 'at least the fully deprived',
      'depth sums to the population', 'status mismatch at least the depth disagreements',
      'poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back', 'escaped + exited_other ≤ poor(t−1)', 'newly_poor + fell_back ≤ poor(t)',
      'in_need_supported ≤ in_need', 'in_need_supported ≤ supported', 'in_need ∪ supported ≤ poor + near_poor',
      'labour groups sum to the population',
    ]);
  });
});
