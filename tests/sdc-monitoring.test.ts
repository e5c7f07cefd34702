// The disclosure audit on issue 13's tables and relations, on hand-built releases whose leaks are worked out by hand
// in the comments: an exit cohort's outcomes add up to its escaped; support received by the poor and the near-poor
// adds up to the supported; newly escaped lies between escaped(t) and the window's escapes; a dimension lies between
// its largest indicator and their sum; the what-if under the standard in force is the rule count the mismatch cells
// give. Each release hides the cells named and shows every other cell; the audit must name the leak, with the value.
import { describe, expect, it } from 'vitest';
import type { Geo, ProtectedTables, RawTables } from '../src/lib/contract.ts';
import { audit } from '../scripts/pipeline/audit.ts';

const A = '11300';
const B = '11307';
const D = '311';
const geo = (review_year: number, area_code: string): Geo => ({ review_year, area_level: area_code === D ? 'district' : 'commune', area_code });

/** Poverty rows of A, B and the district (their sum) for each year: counts large enough to leave every bound loose. */
function povertyRows(years: number[], a = { total: 900, poor: 30, near_poor: 20 }, b = { total: 1200, poor: 40, near_poor: 35 }): RawTables['poverty'] {
  return years.flatMap(() => [[D, { total: a.total + b.total, poor: a.poor + b.poor, near_poor: a.near_poor + b.near_poor }], [A, a], [B, b]] as const)
    .map(([code, p], i) => ({
      ...geo(years[Math.floor(i / 3)], code), total_households: p.total, poor: p.poor, near_poor: p.near_poor,
      poor_rate: Math.round((10000 * p.poor) / p.total) / 100, near_poor_rate: Math.round((10000 * p.near_poor) / p.total) / 100,
    }));
}
const empty = (): RawTables => ({
  poverty: [], poverty_groups: [], deprivation: [], deprivation_depth: [], support: [],
  deprivation_dimension: [], support_received: [], exit_outcomes: [], what_if: [],
});

/** The release that shows every cell of `raw` but those whose `table|year/area/rest` key is in `hidden`. */
function release(raw: RawTables, hidden: string[]): ProtectedTables {
  const keyOf: Record<string, (r: Record<string, unknown>) => string> = {
    poverty_groups: (r) => String(r.measure),
    deprivation: (r) => `${r.population}/${r.indicator_code}`,
    deprivation_depth: (r) => `${r.population}/${r.deprivations}`,
    support: (r) => `${r.program_code}/${r.measure}`,
    deprivation_dimension: (r) => `${r.population}/${r.dimension_code}`,
    support_received: (r) => `${r.population}/${r.program_code}`,
    exit_outcomes: (r) => `${r.years_after}/${r.outcome}`,
    what_if: (r) => `${r.standard}/${r.measure}`,
  };
  const seen = new Set<string>();
  const out = { poverty: raw.poverty } as Record<string, unknown[]>;
  for (const [table, rest] of Object.entries(keyOf)) {
    out[table] = (raw[table as keyof RawTables] as unknown as (Geo & Record<string, unknown>)[]).map((r) => {
      const key = `${table}|${r.review_year}/${r.area_code}/${rest(r)}`;
      const hide = hidden.includes(key);
      if (hide) seen.add(key);
      const share = 'population' in r && table !== 'support_received' ? { share: null } : {};
      return { ...r, ...share, households: hide ? null : r.households, status: hide ? 'suppressed' : 'ok', households_min: null, households_max: null };
    });
  }
  expect([...seen].sort()).toEqual([...hidden].sort()); // every cell named exists
  return out as unknown as ProtectedTables;
}

const failuresOf = async (raw: RawTables, hidden: string[], k = 5) => {
  const result = await audit(raw, release(raw, hidden), { k });
  return { result, failures: result.failures.map(({ table, key, lower, upper, reason }) => ({ table, key, lower, upper, reason })) };
};
const exact = (table: string, key: string, value: number) => ({ table, key, lower: value, upper: value, reason: 'exactly determined' });

describe('exit outcomes add up to the cohort\'s escaped', () => {
  //                 escaped | poor  near_poor  not_poor  not_assessed   (escaped at 2023, one review later)
  //   A                20   |   2       8         5          5
  //   B                30   |   7       9         8          6
  //   district         50   |   9      17        13         11
  const raw = empty();
  raw.poverty = povertyRows([2023]);
  const cohort = { [A]: [20, 2, 8, 5, 5], [B]: [30, 7, 9, 8, 6], [D]: [50, 9, 17, 13, 11] };
  for (const [code, [escaped, ...outcomes]] of Object.entries(cohort)) {
    raw.poverty_groups.push({ ...geo(2023, code), measure: 'escaped', households: escaped, linkage: 'complete' });
    (['poor', 'near_poor', 'not_poor', 'not_assessed'] as const).forEach((outcome, i) =>
      raw.exit_outcomes.push({ ...geo(2023, code), years_after: 1, outcome, households: outcomes[i], linkage: 'complete' }));
  }

  it('a lone small outcome hidden beside the other outcomes and escaped is recovered: 20 − 8 − 5 − 5 = 2', async () => {
    const { failures } = await failuresOf(raw, [`exit_outcomes|2023/${A}/1/poor`]);
    expect(failures).toEqual([exact('exit_outcomes', `2023/${A}/1/poor`, 2)]);
  });

  it('hidden in a rectangle (poor and near-poor of A and B) each keeps an interval at least 5 wide', async () => {
    // A.poor + A.near = 20 − 5 − 5 = 10, B.poor + B.near = 30 − 8 − 6 = 16, A.poor + B.poor = 9, A.near + B.near = 17:
    // A.poor ∈ [0, 9], A.near = 10 − A.poor ∈ [1, 10], B.poor = 9 − A.poor ∈ [0, 9], B.near = 16 − B.poor ∈ [7, 16]
    const hidden = [`${A}/1/poor`, `${A}/1/near_poor`, `${B}/1/poor`, `${B}/1/near_poor`].map((k) => `exit_outcomes|2023/${k}`);
    const { result, failures } = await failuresOf(raw, hidden);
    expect(failures).toEqual([]);
    expect(Object.fromEntries(result.intervals!)).toEqual({
      [`exit_outcomes|2023/${A}/1/poor`]: [0, 9], [`exit_outcomes|2023/${A}/1/near_poor`]: [1, 10],
      [`exit_outcomes|2023/${B}/1/poor`]: [0, 9], [`exit_outcomes|2023/${B}/1/near_poor`]: [7, 16],
    });
  });
});

describe('support received by the poor plus the near-poor is the supported', () => {
  //            supported | received: poor  near_poor   (credit, 2023)
  //   A            12    |             3       9
  //   B            15    |             6       9
  //   district     27    |             9      18
  const raw = empty();
  raw.poverty = povertyRows([2023]);
  for (const [code, supported, poor, near] of [[A, 12, 3, 9], [B, 15, 6, 9], [D, 27, 9, 18]] as const) {
    raw.support.push({ ...geo(2023, code), program_code: 'credit', measure: 'supported', households: supported });
    raw.support_received.push({ ...geo(2023, code), population: 'poor', program_code: 'credit', households: poor });
    raw.support_received.push({ ...geo(2023, code), population: 'near_poor', program_code: 'credit', households: near });
  }

  it('a hidden count of the poor is the supported minus the near-poor: 12 − 9 = 3', async () => {
    // the district column alone would not tell it (B's poor hidden too); the program's row does
    const { failures } = await failuresOf(raw, [`support_received|2023/${A}/poor/credit`, `support_received|2023/${B}/poor/credit`]);
    expect(failures).toEqual([exact('support_received', `2023/${A}/poor/credit`, 3), exact('support_received', `2023/${B}/poor/credit`, 6)]);
  });

  it('hiding the supported too leaves each in a range (A: [0, 9] poor, B: [0, 9])', async () => {
    // A.poor + B.poor = 9 (district), A.supported = A.poor + 9, B.supported = B.poor + 9, A.supported + B.supported = 27
    const hidden = [`support_received|2023/${A}/poor/credit`, `support_received|2023/${B}/poor/credit`, `support|2023/${A}/credit/supported`, `support|2023/${B}/credit/supported`];
    const { result, failures } = await failuresOf(raw, hidden);
    expect(failures).toEqual([]);
    expect(result.intervals!.get(`support_received|2023/${A}/poor/credit`)).toEqual([0, 9]);
    expect(result.intervals!.get(`support|2023/${A}/credit/supported`)).toEqual([9, 18]);
  });
});

describe('newly escaped between escaped(t) and the escapes of its window', () => {
  //             escaped 2023  escaped 2024 | newly escaped 2023  2024    (2022: the first review, no escapes known)
  //   A               0             7      |          0           7
  //   B              10            10      |         10          15
  //   district       10            17      |         10          22
  const raw = empty();
  raw.poverty = povertyRows([2022, 2023, 2024]);
  for (const [code, e23, e24, n23, n24] of [[A, 0, 7, 0, 7], [B, 10, 10, 10, 15], [D, 10, 17, 10, 22]] as const) {
    raw.poverty_groups.push({ ...geo(2023, code), measure: 'escaped', households: e23, linkage: 'complete' });
    raw.poverty_groups.push({ ...geo(2023, code), measure: 'newly_escaped', households: n23, linkage: 'partial' });
    raw.poverty_groups.push({ ...geo(2024, code), measure: 'escaped', households: e24, linkage: 'complete' });
    raw.poverty_groups.push({ ...geo(2024, code), measure: 'newly_escaped', households: n24, linkage: 'partial' });
  }

  it('hidden in every area of 2024, A\'s is pinned: at least escaped(2024) = 7, at most 7 + escaped(2023) = 7 + 0', async () => {
    // B ∈ [10, 20], the district ∈ [17, 27] = A + B: wide enough; A alone is exact
    const hidden = [A, B, D].map((code) => `poverty_groups|2024/${code}/newly_escaped`);
    const { result, failures } = await failuresOf(raw, hidden);
    expect(failures).toEqual([exact('poverty_groups', `2024/${A}/newly_escaped`, 7)]);
    expect(result.intervals!.get(`poverty_groups|2024/${B}/newly_escaped`)).toEqual([10, 20]);
    expect(result.intervals!.get(`poverty_groups|2024/${D}/newly_escaped`)).toEqual([17, 27]);
  });
});

describe('a dimension between its largest indicator and their sum', () => {
  //             nutrition  health_insurance | health (dimension)    (poor, 2023)
  //   A              7            0         |      7
  //   B              5            6         |      9
  //   district      12            6         |     16
  const raw = empty();
  raw.poverty = povertyRows([2023]);
  for (const [code, nutrition, insurance, health] of [[A, 7, 0, 7], [B, 5, 6, 9], [D, 12, 6, 16]] as const) {
    raw.deprivation.push({ ...geo(2023, code), population: 'poor', indicator_code: 'nutrition', households: nutrition });
    raw.deprivation.push({ ...geo(2023, code), population: 'poor', indicator_code: 'health_insurance', households: insurance });
    raw.deprivation_dimension.push({ ...geo(2023, code), population: 'poor', dimension_code: 'health', households: health });
  }

  it('is pinned where the largest indicator equals the sum (A: max(7, 0) = 7 + 0)', async () => {
    // B ∈ [max(5, 6), 5 + 6] = [6, 11]; the district ∈ [12, 18] and = A + B ∈ [13, 18]
    const hidden = [A, B, D].map((code) => `deprivation_dimension|2023/${code}/poor/health`);
    const { result, failures } = await failuresOf(raw, hidden);
    expect(failures).toEqual([exact('deprivation_dimension', `2023/${A}/poor/health`, 7)]);
    expect(result.intervals!.get(`deprivation_dimension|2023/${B}/poor/health`)).toEqual([6, 11]);
    expect(result.intervals!.get(`deprivation_dimension|2023/${D}/poor/health`)).toEqual([13, 18]);
  });
});

describe('the what-if under the standard in force is the rule count the mismatch cells give', () => {
  // 2025 (the last review under the 2022–2025 standard). Recorded × rule off the diagonal, and the rule counts:
  //   A: poor 30, near-poor 20; recorded poor rule near-poor 5, recorded near-poor rule poor 6 (others 0): mismatch 11
  //      rule poor = 30 − 5 − 0 + 6 + 0 = 31, rule near-poor = 20 − 6 − 0 + 5 + 0 = 19
  //   B: poor 40, near-poor 35; recorded poor rule not poor 8, recorded not poor rule near-poor 5: mismatch 13
  //      rule poor = 40 − 0 − 8 + 0 + 0 = 32, rule near-poor = 35 − 0 − 0 + 0 + 5 = 40
  const raw = empty();
  raw.poverty = povertyRows([2025]);
  const cells: Record<string, number[]> = { [A]: [5, 0, 6, 0, 0, 0], [B]: [0, 8, 0, 0, 0, 5] };
  const rule: Record<string, number[]> = { [A]: [31, 19], [B]: [32, 40], [D]: [63, 59] };
  const measures = ['recorded_poor_rule_near_poor', 'recorded_poor_rule_not_poor', 'recorded_near_poor_rule_poor',
    'recorded_near_poor_rule_not_poor', 'recorded_not_poor_rule_poor', 'recorded_not_poor_rule_near_poor'] as const;
  for (const code of [D, A, B]) {
    const six = code === D ? cells[A].map((n, i) => n + cells[B][i]) : cells[code];
    raw.poverty_groups.push({ ...geo(2025, code), measure: 'status_mismatch', households: six.reduce((s, n) => s + n, 0) });
    measures.forEach((measure, i) => raw.poverty_groups.push({ ...geo(2025, code), measure, households: six[i] }));
    const [poor, near] = rule[code];
    for (const [measure, n] of [['poor_min', poor], ['poor_max', poor], ['near_poor_min', near], ['near_poor_max', near]] as const) {
      raw.what_if.push({ ...geo(2025, code), standard: '2022-2025', measure, households: n });
    }
  }

  it('every hidden rule count of poor is recovered from the recognised count and the mismatch cells', async () => {
    const hidden = [D, A, B].flatMap((code) => [`what_if|2025/${code}/2022-2025/poor_min`, `what_if|2025/${code}/2022-2025/poor_max`]);
    const { failures } = await failuresOf(raw, hidden);
    expect(failures).toEqual([
      exact('what_if', `2025/${D}/2022-2025/poor_min`, 63), exact('what_if', `2025/${D}/2022-2025/poor_max`, 63),
      exact('what_if', `2025/${A}/2022-2025/poor_min`, 31), exact('what_if', `2025/${A}/2022-2025/poor_max`, 31),
      exact('what_if', `2025/${B}/2022-2025/poor_min`, 32), exact('what_if', `2025/${B}/2022-2025/poor_max`, 32),
    ]);
  });

  it('and a hidden mismatch cell from the what-if: A\'s recorded near-poor rule poor = 31 − 30 + 5 + 0 − 0 = 6', async () => {
    // hidden with its row partner and the district's (so neither the six-cell sum nor the district tells it alone)
    const hidden = [`poverty_groups|2025/${A}/recorded_near_poor_rule_poor`, `poverty_groups|2025/${A}/status_mismatch`];
    const { failures } = await failuresOf(raw, hidden);
    expect(failures).toContainEqual(exact('poverty_groups', `2025/${A}/recorded_near_poor_rule_poor`, 6));
  });
});
