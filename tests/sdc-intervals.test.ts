// The published interval of every hidden cell (households_min, households_max) against an attacker written here,
// independently of scripts/pipeline/sdc: a small release is protected and audited as the pipeline does, then
// this file writes the published tables' relations itself, from the data contract (communes sum to the
// district, labour split, depth sum, intensity, deprivation within the population, status mismatch, movements,
// support, the programmes' need rules; issue 13's: the six mismatch cells, dimensions, exit cohorts, newly escaped,
// support received, what-if), in CPLEX LP text, and asks HiGHS for each hidden cell's least and
// greatest value. The published ends must be exactly those, rounded inwards to whole households.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import type { Population, ProtectedTables, RawTables } from '../src/lib/contract.ts';
import { audit } from '../scripts/pipeline/audit.ts';
import { protect } from '../scripts/pipeline/protect.ts';
import { withIntervals } from '../scripts/pipeline/sdc/tables.ts';
import { attack } from '../scripts/pipeline/sdc/attack.ts';
import { attackOnThreads, attackThreads, balancedParts } from '../scripts/pipeline/sdc/attack/threads.ts';
import { buildCellModel } from '../scripts/pipeline/sdc/build.ts';
import { primarySuppression } from '../scripts/pipeline/sdc/primary.ts';
import { availableParallelism } from 'node:os';
import { generateRawTables } from '../support/sdc-fixture.ts';
import programsJson from '../data/reference/programs.json' with { type: 'json' };
import standardsJson from '../data/reference/standards.json' with { type: 'json' };

const highs = await loadHighs();

type Row = { review_year: number; area_code: string; households: number | null; households_min: number | null; households_max: number | null };
/** a term of a relation: a hidden cell (a variable) or a published count (a constant) */
type Term = { row?: Row; value: number };
interface Relation { terms: [Term, number][]; sense: '=' | '<=' | '>=' }

/** The attacker's relations over published tables, as the data contract states them. */
function relations(t: ProtectedTables): { vars: Row[]; upper: Map<Row, number>; rels: Relation[] } {
  const vars: Row[] = [];
  const upper = new Map<Row, number>();
  const rels: Relation[] = [];
  const poverty = new Map(t.poverty.map((p) => [`${p.review_year}/${p.area_code}`, p]));
  const term = (row: Row | undefined, fallback?: number): Term | undefined => {
    if (!row) return fallback === undefined ? undefined : { value: fallback };
    return row.households === null ? { row, value: NaN } : { value: row.households };
  };
  const n = (value: number): Term => ({ value });
  const rel = (terms: ([Term | undefined, number])[], sense: Relation['sense']): void => {
    if (terms.some(([x]) => x === undefined)) return;
    rels.push({ terms: terms as [Term, number][], sense });
  };
  const index = new Map<string, Row>();
  const add = (table: string, row: Row, rest: string, bound: number): void => {
    index.set(`${table}|${row.review_year}|${row.area_code}|${rest}`, row);
    if (row.households === null) { vars.push(row); upper.set(row, bound); }
  };
  const get = (table: string, year: number, area: string, rest: string) => index.get(`${table}|${year}|${area}|${rest}`);

  // newly escaped: not poor, and escaped at this review or the two before, each escape one of the poor the review
  // before (none at the first review of the data); the fixture's communes keep their units
  const first = Math.min(...t.poverty.map((p) => p.review_year));
  const newlyBound = (y: number, a: string): number => {
    const p = poverty.get(`${y}/${a}`)!;
    const window = [y, y - 1, y - 2].filter((r) => r > first);
    return Math.min(p.total_households - p.poor, window.reduce((sum, r) => sum + poverty.get(`${r - 1}/${a}`)!.poor, 0));
  };
  for (const r of t.poverty_groups) {
    const p = poverty.get(`${r.review_year}/${r.area_code}`)!;
    const prev = poverty.get(`${r.review_year - 1}/${r.area_code}`);
    const m = r.measure;
    const bound = m.startsWith('poor_') || m.startsWith('recorded_poor_') ? p.poor : m.startsWith('near_poor_') || m.startsWith('recorded_near_poor_') ? p.near_poor
      : m.startsWith('recorded_not_poor_') ? p.total_households - p.poor - p.near_poor
      : m === 'escaped' || m === 'exited_other' ? prev?.poor ?? p.total_households
      : m === 'newly_poor' || m === 'fell_back' ? p.poor
      : m === 'newly_escaped' ? newlyBound(r.review_year, r.area_code) : p.total_households;
    add('groups', r, m, bound);
  }
  const populationBound = (r: { review_year: number; area_code: string; population: string }): number =>
    r.population === 'newly_escaped' ? newlyBound(r.review_year, r.area_code) : poverty.get(`${r.review_year}/${r.area_code}`)![r.population as Population];
  for (const r of t.deprivation) add('deprivation', r, `${r.population}/${r.indicator_code}`, populationBound(r));
  for (const r of t.deprivation_dimension) add('dimension', r, `${r.population}/${r.dimension_code}`, populationBound(r));
  for (const r of t.support_received) add('received', r, `${r.population}/${r.program_code}`, populationBound(r));
  // an exit cohort: the escaped at its review, at most the poor of the review before; and each outcome within what
  // the later review published (poor then, near-poor then, the rest then)
  for (const r of t.exit_outcomes) {
    const later = poverty.get(`${r.review_year + r.years_after}/${r.area_code}`)!;
    const then = r.outcome === 'poor' ? later.poor : r.outcome === 'near_poor' ? later.near_poor
      : r.outcome === 'not_poor' ? later.total_households - later.poor - later.near_poor : Infinity;
    add('exit', r, `${r.years_after}/${r.outcome}`, Math.min(poverty.get(`${r.review_year - 1}/${r.area_code}`)!.poor, then));
  }
  for (const r of t.what_if) add('what_if', r, `${r.standard}/${r.measure}`, poverty.get(`${r.review_year}/${r.area_code}`)!.total_households);
  for (const r of t.deprivation_depth) add('depth', r, `${r.population}/${r.deprivations}`, poverty.get(`${r.review_year}/${r.area_code}`)![r.population]);
  for (const r of t.support) {
    const p = poverty.get(`${r.review_year}/${r.area_code}`)!;
    add('support', r, `${r.program_code}/${r.measure}`, p.poor + p.near_poor);
  }

  // communes sum to the district, cell by cell
  const byRest = new Map<string, { district?: Row; communes: Row[] }>();
  for (const [key, row] of index) {
    const [table, year, area, rest] = key.split('|');
    const g = byRest.get(`${table}|${year}|${rest}`) ?? { communes: [] };
    if (area === '311') g.district = row; else g.communes.push(row);
    byRest.set(`${table}|${year}|${rest}`, g);
  }
  for (const g of byRest.values()) if (g.district) rel([[term(g.district), 1], ...g.communes.map((c): [Term | undefined, number] => [term(c), -1])], '=');

  const indicatorCodes = [...new Set(t.deprivation.map((d) => d.indicator_code))];
  for (const p of t.poverty) {
    const { review_year: y, area_code: a } = p;
    for (const pop of ['poor', 'near_poor'] as const) {
      rel([[term(get('groups', y, a, `${pop}_no_labour`)), 1], [term(get('groups', y, a, `${pop}_with_labour`)), 1], [n(p[pop]), -1]], '=');
      const depth = t.deprivation_depth.filter((d) => d.review_year === y && d.area_code === a && d.population === pop);
      const deps = t.deprivation.filter((d) => d.review_year === y && d.area_code === a && d.population === pop);
      if (depth.length) rel([...depth.map((d): [Term | undefined, number] => [term(d), 1]), [n(p[pop]), -1]], '=');
      if (depth.length && deps.length) {
        // each household counted once per indicator it lacks
        rel([...depth.map((d): [Term | undefined, number] => [term(d), d.deprivations]), ...deps.map((d): [Term | undefined, number] => [term(d), -1])], '=');
        const zero = depth.find((d) => d.deprivations === 0);
        const all = depth.find((d) => d.deprivations === indicatorCodes.length);
        for (const d of deps) {
          if (zero) rel([[term(d), 1], [term(zero), 1], [n(p[pop]), -1]], '<=');
          if (all) rel([[term(all), 1], [term(d), -1]], '<=');
        }
      }
    }
    // the recognised status against the rule (3 deprivations make a household poor)
    const disagree = t.deprivation_depth.filter((d) => d.review_year === y && d.area_code === a
      && (d.population === 'poor' ? d.deprivations < 3 : d.deprivations >= 3));
    if (disagree.length) rel([...disagree.map((d): [Term | undefined, number] => [term(d), 1]), [term(get('groups', y, a, 'status_mismatch')), -1]], '<=');
    // the six cells of recorded × rule: they add up to status_mismatch; each recorded population's within it; a recorded
    // poor household with fewer than 3 deprivations is off the rule (and only such a one is rule near-poor); a recorded
    // near-poor one with 3 or more likewise (and only such a one is rule poor)
    const [pN, pX, nP, nX, xP, xN] = ['poor_rule_near_poor', 'poor_rule_not_poor', 'near_poor_rule_poor', 'near_poor_rule_not_poor', 'not_poor_rule_poor', 'not_poor_rule_near_poor']
      .map((m) => term(get('groups', y, a, `recorded_${m}`)));
    rel([[pN, 1], [pX, 1], [nP, 1], [nX, 1], [xP, 1], [xN, 1], [term(get('groups', y, a, 'status_mismatch')), -1]], '=');
    rel([[pN, 1], [pX, 1], [n(p.poor), -1]], '<=');
    rel([[nP, 1], [nX, 1], [n(p.near_poor), -1]], '<=');
    rel([[xP, 1], [xN, 1], [n(p.total_households - p.poor - p.near_poor), -1]], '<=');
    const depthOf = (pop: string, keep: (d: number) => boolean): [Term | undefined, number][] => t.deprivation_depth
      .filter((d) => d.review_year === y && d.area_code === a && d.population === pop && keep(d.deprivations)).map((d) => [term(d), -1]);
    rel([[pN, 1], ...depthOf('poor', (d) => d < 3)], '<=');
    rel([[pN, 1], [pX, 1], ...depthOf('poor', (d) => d < 3)], '>=');
    rel([[nP, 1], ...depthOf('near_poor', (d) => d >= 3)], '<=');
    rel([[nP, 1], [nX, 1], ...depthOf('near_poor', (d) => d >= 3)], '>=');
    // dimensions (2022–2025: two indicators each): at least each indicator, at most both; for a recognised population at
    // most the deprived, and the six together at least ⌈d / 2⌉ per household lacking d indicators
    for (const pop of ['poor', 'near_poor', 'newly_escaped'] as const) {
      const dims = t.deprivation_dimension.filter((d) => d.review_year === y && d.area_code === a && d.population === pop);
      for (const dim of dims) {
        const codes = standardsJson.standards[0].indicators.filter((i) => i.dimension === dim.dimension_code).map((i) => i.code);
        const inds = codes.map((code) => term(get('deprivation', y, a, `${pop}/${code}`)));
        for (const ind of inds) rel([[ind, 1], [term(dim), -1]], '<=');
        rel([[term(dim), 1], ...inds.map((ind): [Term | undefined, number] => [ind, -1])], '<=');
        if (pop !== 'newly_escaped') rel([[term(dim), 1], [term(get('depth', y, a, `${pop}/0`)), 1], [n(p[pop]), -1]], '<=');
      }
      if (pop !== 'newly_escaped' && dims.length === 6) {
        rel([...dims.map((d): [Term | undefined, number] => [term(d), 1]),
          ...t.deprivation_depth.filter((d) => d.review_year === y && d.area_code === a && d.population === pop)
            .map((d): [Term | undefined, number] => [term(d), -Math.ceil(d.deprivations / 2)])], '>=');
      }
    }
    // exit cohorts: the outcomes of each number of years after add up to the escaped of the exit review
    for (const after of [1, 2, 3]) {
      const outs = ['poor', 'near_poor', 'not_poor', 'not_assessed'].map((o) => get('exit', y, a, `${after}/${o}`));
      if (outs.every(Boolean)) rel([...outs.map((o): [Term | undefined, number] => [term(o), 1]), [term(get('groups', y, a, 'escaped')), -1]], '=');
    }
    // newly escaped: every count of the population within it; at least escaped; at most the window's escapes; at least
    // escaped + the last cohort not poor now, at most that + the cohort before not poor now; the last cohort poor again fell back
    const newly = term(get('groups', y, a, 'newly_escaped'));
    for (const r of [...t.deprivation, ...t.deprivation_dimension, ...t.support_received]) {
      if (r.review_year === y && r.area_code === a && r.population === 'newly_escaped') rel([[term(r), 1], [newly, -1]], '<=');
    }
    const escapedIn = (year: number) => get('groups', year, a, 'escaped');
    if (escapedIn(y)) {
      rel([[newly, 1], [term(escapedIn(y)), -1]], '>=');
      rel([[newly, 1], ...[y, y - 1, y - 2].filter((r) => escapedIn(r)).map((r): [Term | undefined, number] => [term(escapedIn(r)), -1])], '<=');
      const notPoor = (year: number, after: number): [Term | undefined, number][] =>
        ['near_poor', 'not_poor'].map((o) => [term(get('exit', year, a, `${after}/${o}`)), -1]);
      if (escapedIn(y - 1)) {
        rel([[newly, 1], [term(escapedIn(y)), -1], ...notPoor(y - 1, 1)], '>=');
        rel([[term(get('exit', y - 1, a, '1/poor')), 1], [term(get('groups', y, a, 'fell_back')), -1]], '<=');
      }
      rel([[newly, 1], [term(escapedIn(y)), -1], ...(escapedIn(y - 1) ? notPoor(y - 1, 1) : []), ...(escapedIn(y - 2) ? notPoor(y - 2, 2) : [])], '<=');
    }
    // what-if: min ≤ max; under the line whatever the uncollected indicator; the 2022–2025 rule counts from the mismatch
    // cells; the 2027–2030 lines are higher: at least as many households under them
    const wi = (standard: string, m: string) => term(get('what_if', y, a, `${standard}/${m}`));
    for (const standard of ['2022-2025', '2027-2030']) {
      if (!get('what_if', y, a, `${standard}/poor_min`)) continue;
      rel([[wi(standard, 'poor_min'), 1], [wi(standard, 'poor_max'), -1]], '<=');
      rel([[wi(standard, 'near_poor_min'), 1], [wi(standard, 'near_poor_max'), -1]], '<=');
      rel([[wi(standard, 'poor_max'), 1], [wi(standard, 'near_poor_min'), 1], [wi(standard, 'poor_min'), -1], [wi(standard, 'near_poor_max'), -1]], '=');
    }
    if (get('what_if', y, a, '2022-2025/poor_min')) {
      for (const m of ['poor_min', 'poor_max']) rel([[wi('2022-2025', m), 1], [n(p.poor), -1], [pN, 1], [pX, 1], [nP, -1], [xP, -1]], '=');
      for (const m of ['near_poor_min', 'near_poor_max']) rel([[wi('2022-2025', m), 1], [n(p.near_poor), -1], [nP, 1], [nX, 1], [pN, -1], [xN, -1]], '=');
      rel([[wi('2027-2030', 'poor_min'), 1], [wi('2027-2030', 'near_poor_max'), 1], [wi('2022-2025', 'poor_max'), -1], [wi('2022-2025', 'near_poor_max'), -1]], '>=');
    }
    // movements
    const prev = poverty.get(`${y - 1}/${a}`);
    const [esc, ext, nwp, fb] = ['escaped', 'exited_other', 'newly_poor', 'fell_back'].map((m) => term(get('groups', y, a, m)));
    if (prev) {
      rel([[n(p.poor), 1], [n(prev.poor), -1], [esc, 1], [ext, 1], [nwp, -1], [fb, -1]], '=');
      rel([[esc, 1], [ext, 1], [n(prev.poor), -1]], '<=');
      rel([[nwp, 1], [fb, 1], [n(p.poor), -1]], '<=');
    }
    // support: need against delivery, and each programme's need rule
    for (const program of programsJson.programs) {
      const need = term(get('support', y, a, `${program.code}/in_need`));
      const supported = term(get('support', y, a, `${program.code}/supported`));
      const both = term(get('support', y, a, `${program.code}/in_need_supported`));
      rel([[both, 1], [need, -1]], '<=');
      rel([[both, 1], [supported, -1]], '<=');
      rel([[need, 1], [supported, 1], [both, -1], [n(p.poor + p.near_poor), -1]], '<=');
      // support received by the poor plus the near-poor is the supported
      rel([[term(get('received', y, a, `poor/${program.code}`)), 1], [term(get('received', y, a, `near_poor/${program.code}`)), 1], [supported, -1]], '=');
      const rule = program.need as { indicators_any?: string[]; labour_capacity?: boolean };
      const inds = (rule.indicators_any ?? [])
        .map((code) => (['poor', 'near_poor'] as const).map((pop) => term(get('deprivation', y, a, `${pop}/${code}`))))
        .filter((x) => x.every(Boolean));
      const labour = rule.labour_capacity === undefined ? undefined
        : (['poor', 'near_poor'] as const).map((pop) => term(get('groups', y, a, `${pop}_${rule.labour_capacity ? 'with' : 'no'}_labour`)));
      const minus = (xs: (Term | undefined)[]): [Term | undefined, number][] => xs.map((x) => [x, -1]);
      if ((rule.indicators_any ?? []).length > 0 && inds.length === 0) continue;
      if (!rule.indicators_any?.length && labour) { rel([[need, 1], ...minus(labour)], '='); continue; }
      if (inds.length === 1 && !labour) { rel([[need, 1], ...minus(inds[0])], '='); continue; }
      rel([[need, 1], ...minus(inds.flat())], '<=');
      if (labour) {
        rel([[need, 1], ...minus(labour)], '<=');
        for (const i of inds) rel([[need, 1], ...minus(i), ...minus(labour), [n(p.poor + p.near_poor), 1]], '>=');
      } else for (const i of inds) rel([[need, 1], ...minus(i)], '>=');
    }
  }
  return { vars, upper, rels };
}

/** Least and greatest value of each hidden cell by HiGHS on the LP text, rounded inwards. */
function bounds(t: ProtectedTables): Map<Row, [number, number]> {
  const { vars, upper, rels } = relations(t);
  const id = new Map(vars.map((v, i) => [v, `x${i}`]));
  const lines = rels.flatMap((r, i) => {
    let constant = 0;
    const parts: string[] = [];
    for (const [x, c] of r.terms) {
      if (x.row) parts.push(`${c >= 0 ? '+' : '-'} ${Math.abs(c)} ${id.get(x.row)}`);
      else constant += c * x.value;
    }
    if (parts.length === 0) return [];
    return [` r${i}: ${parts.join(' ')} ${r.sense} ${-constant}`];
  });
  const boundLines = vars.map((v) => ` 0 <= ${id.get(v)} <= ${upper.get(v)}`);
  // one model read from the LP text, re-solved for each objective: minimise x, then −x, cell by cell
  const lp = `Minimize\n obj: ${id.get(vars[0])}\nSubject To\n${lines.join('\n')}\nBounds\n${boundLines.join('\n')}\nEnd\n`;
  const model = highs.createModel({ format: 'lp', data: lp });
  model.options.set('output_flag', false);
  const out = new Map<Row, [number, number]>();
  try {
    const cols = vars.map((v) => model.getColByName(id.get(v)!));
    model.changeColCost(cols[0], 0);
    for (const [i, v] of vars.entries()) {
      const ends = ([1, -1] as const).map((sign) => {
        model.changeColCost(cols[i], sign);
        model.run();
        if (model.getModelStatus() !== 7) throw new Error(`the test's attacker LP: status ${model.getModelStatus()}`);
        return model.getSolution().colValue[cols[i]];
      });
      model.changeColCost(cols[i], 0);
      out.set(v, [Math.ceil(ends[0] - 1e-6) + 0, Math.floor(ends[1] + 1e-6) + 0]);
    }
  } finally {
    model.dispose();
  }
  return out;
}

async function release(raw: RawTables, k: number, threads: number, blockUnits?: number): Promise<ProtectedTables> {
  const { tables, report } = await protect(raw, { k, blockUnits });
  // blocks of one unit: the three communes are protected by blocks first (sdc/blocks.ts), then as a whole
  expect(report.blocks > 0).toBe(blockUnits !== undefined);
  const audited = await audit(raw, tables, { k, threads });
  expect(audited.threads).toBe(threads);
  expect(audited.ok).toBe(true);
  return withIntervals(tables, audited.intervals!);
}

describe('the published interval of every hidden cell', () => {
  // the second on three threads (sdc/attack/threads.ts: the cells dealt to three shares, two of them on worker threads),
  // protected by blocks of one unit (sdc/blocks.ts)
  for (const [seed, k, threads, blockUnits] of [[5, 5, 1, undefined], [11, 3, 3, 1]] as const) {
    it(`equals the bounds of an attacker written independently (seed ${seed}, k = ${k}, ${threads} thread${threads === 1 ? '' : 's'}${blockUnits ? ', by blocks' : ''})`, async () => {
      // three reviews: an exit cohort followed one review, newly escaped over two reviews' escapes, the what-if of 2023
      const raw = generateRawTables({ seed, communes: 3, years: 3, pool: 20 });
      const published = await release(raw, k, threads, blockUnits);
      const rows: Row[] = [...published.poverty_groups, ...published.deprivation, ...published.deprivation_depth, ...published.support,
        ...published.deprivation_dimension, ...published.support_received, ...published.exit_outcomes, ...published.what_if];
      const hiddenIn = (table: Row[]) => table.filter((r) => r.households === null).length;
      // the new tables have hidden cells of their own to check
      for (const table of [published.deprivation_dimension, published.support_received, published.exit_outcomes]) expect(hiddenIn(table)).toBeGreaterThan(0);
      const hidden = rows.filter((r) => r.households === null);
      expect(hidden.length).toBeGreaterThan(20);
      // shown cells carry no interval; hidden ones carry one at least k wide or their whole range, never exact
      for (const r of rows) {
        if (r.households !== null) expect([r.households_min, r.households_max]).toEqual([null, null]);
        else {
          expect(r.households_min).not.toBeNull();
          expect(r.households_max!).toBeGreaterThan(r.households_min!);
        }
      }
      const expected = bounds(published);
      const mismatches = hidden.filter((r) => {
        const [lo, hi] = expected.get(r)!;
        return r.households_min !== lo || r.households_max !== hi;
      }).map((r) => ({ row: r, test: expected.get(r) }));
      expect(mismatches).toEqual([]);
      // and the true value lies within (published rows follow the raw rows one to one)
      const truth = [...raw.poverty_groups, ...raw.deprivation, ...raw.deprivation_depth, ...raw.support,
        ...raw.deprivation_dimension, ...raw.support_received, ...raw.exit_outcomes, ...raw.what_if].map((r) => r.households);
      rows.forEach((r, i) => {
        if (r.households === null) expect(truth[i]).toBeGreaterThanOrEqual(r.households_min!), expect(truth[i]).toBeLessThanOrEqual(r.households_max!);
      });
    }, 600_000); // protect and audit of three reviews: minutes on a loaded machine
  }
});

describe('the attack on threads (sdc/attack/threads.ts)', () => {
  it('finds the same failures, singleton ones included, and the same intervals as on one thread', async () => {
    // primary suppression alone: a pattern full of failures, each share's own to find
    const model = buildCellModel(generateRawTables({ seed: 7, communes: 3, years: 1, pool: 8 }));
    const suppressed = primarySuppression(model, 5);
    const one = attack(model, suppressed, { k: 5, intervals: true });
    const three = await attackOnThreads(model, suppressed, { k: 5, intervals: true }, 3);
    // enough cells for every share to have its own blocks (of 64), and failures of both kinds to merge
    expect(suppressed.reduce((s, x) => s + x, 0)).toBeGreaterThan(3 * 64);
    expect(new Set(one.failures.map((f) => f.reason))).toEqual(new Set(['exact', 'narrow', 'singleton']));
    const verdict = (r: typeof one) => r.failures.map(({ cell, lower, upper, reason, singleton }) => ({ cell, lower, upper, reason, singleton }));
    expect(verdict(three)).toEqual(verdict(one));
    expect([...three.intervals!]).toEqual([...one.intervals!].sort((a, b) => a[0] - b[0]));
  }, 300_000);

  it('by the model\'s parts when they balance: the same failures and intervals as on one thread, in the whole\'s ids', async () => {
    // three reviews: parts of linked tables per review, none with more than half the suppressed cells
    const model = buildCellModel(generateRawTables({ seed: 7, communes: 3, years: 3, pool: 8 }));
    const suppressed = primarySuppression(model, 5);
    expect(balancedParts(model, suppressed, 2)?.length).toBeGreaterThanOrEqual(2);
    const one = attack(model, suppressed, { k: 5, intervals: true });
    const two = await attackOnThreads(model, suppressed, { k: 5, intervals: true }, 2);
    expect(new Set(one.failures.map((f) => f.reason))).toEqual(new Set(['exact', 'narrow', 'singleton']));
    const verdict = (r: typeof one) => r.failures.map(({ cell, lower, upper, reason, singleton }) => ({ cell, lower, upper, reason, singleton }));
    expect(verdict(two)).toEqual(verdict(one));
    expect([...two.intervals!]).toEqual([...one.intervals!].sort((a, b) => a[0] - b[0]));
    // a proof names relations of the whole: an end off the cell's own bound is held by a relation of the cell's
    const proofs = two.failures.filter((f) => f.reason !== 'singleton').flatMap((f) => (f.binding ?? []).filter((p) => p.length > 0).map((p) => ({ cell: f.cell, p })));
    expect(proofs.length).toBeGreaterThan(0);
    for (const { cell, p } of proofs) expect(p.some((ri) => model.relations[ri].cells.includes(cell))).toBe(true);
  }, 300_000);

  it('uses one thread for a small release, one per core for a large one, and SDC_THREADS when set', () => {
    expect(attackThreads(500, {})).toBe(1);
    expect(attackThreads(1_000_000, {})).toBe(Math.min(availableParallelism(), 8));
    expect(attackThreads(1_000_000, { SDC_THREADS: '1' })).toBe(1);
    expect(attackThreads(10, { SDC_THREADS: '3' })).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'two']) expect(() => attackThreads(10, { SDC_THREADS: bad })).toThrow(/SDC_THREADS/);
  });
});
