// Long relations (a district with more communes than attack/rows.ts LONG: its communes-sum rows are priced through
// ordered candidate lists, not walked): the local attack's intervals and the least-cost change must still be the
// optimum over everything, checked here against whole LPs written independently (every suppressed cell a variable,
// every relation a row, straight from the table's definition, not from the cell model's relations).
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../scripts/lib/prng.ts';
import { attack } from '../scripts/pipeline/sdc/attack.ts';
import { LONG } from '../scripts/pipeline/sdc/attack/rows.ts';
import { cheapestChange, LongCosts } from '../scripts/pipeline/sdc/complement.ts';
import { CellModelBuilder, relationsByCell, type CellModel } from '../scripts/pipeline/sdc/model.ts';

const highs = await loadHighs();

/** N communes × M measures, each commune's measures summing to its published total, the district row the communes' sum. */
interface Table { n: number; m: number; x: number[][]; total: number[]; district: number[]; all: number }

function table(seed: number, n: number, m: number): Table {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: m }, () => (rng.chance(0.15) ? 0 : rng.int(1, 25))));
  const total = x.map((row) => row.reduce((s, v) => s + v, 0));
  const district = Array.from({ length: m }, (_, j) => x.reduce((s, row) => s + row[j], 0));
  return { n, m, x, total, district, all: total.reduce((s, v) => s + v, 0) };
}

/** The cell model of the table (commune cells first, then the district row, then the published totals). */
function modelOf(t: Table): { model: CellModel; cell: (i: number, j: number) => number; districtCell: (j: number) => number } {
  const b = new CellModelBuilder();
  const ids = t.x.map((row, i) => row.map((v, j) => b.add('t', `${i}/${j}`, v, t.total[i])));
  const dist = t.district.map((v, j) => b.add('t', `d/${j}`, v, t.all, { total: true }));
  const totals = t.total.map((v, i) => b.add('poverty', `${i}`, v, v, { fixed: true }));
  const all = b.add('poverty', 'd', t.all, t.all, { fixed: true, total: true });
  for (let j = 0; j < t.m; j++) b.relate(`column ${j}`, [[dist[j], 1], ...ids.map((row): [number, number] => [row[j], -1])], '=', 0);
  t.x.forEach((row, i) => b.relate(`row ${i}`, [...row.map((_, j): [number, number] => [ids[i][j], 1]), [totals[i], -1]], '=', 0));
  b.relate('district row', [...dist.map((id): [number, number] => [id, 1]), [all, -1]], '=', 0);
  return { model: b.build(), cell: (i, j) => ids[i][j], districtCell: (j) => dist[j] };
}

/** Every (i, j) cell (j = −1: the district's) as the independent LP sees it: hidden or published value. */
type Hidden = (i: number, j: number) => boolean;

/** The interval of every hidden cell by whole LPs over the table's definition (rounded inwards, as the audit does). */
function wholeIntervals(t: Table, hidden: Hidden): Map<string, [number, number]> {
  const vars: { key: string; i: number; j: number; upper: number }[] = [];
  for (let i = -1; i < t.n; i++) for (let j = 0; j < t.m; j++) if (hidden(i, j)) vars.push({ key: i < 0 ? `d/${j}` : `${i}/${j}`, i, j, upper: i < 0 ? t.all : t.total[i] });
  const index = new Map(vars.map((v, q) => [v.key, q]));
  const value = (i: number, j: number): number => (i < 0 ? t.district[j] : t.x[i][j]);
  const rows: { terms: [number, number][]; rhs: number }[] = [];
  const row = (cells: [number, number, number][], rhs: number): void => {
    // cells: (i, j, coef); published ones move to the right-hand side
    const terms: [number, number][] = [];
    let r = rhs;
    for (const [i, j, a] of cells) {
      const q = index.get(i < 0 ? `d/${j}` : `${i}/${j}`);
      if (q === undefined) r -= a * value(i, j); else terms.push([q, a]);
    }
    if (terms.length > 0) rows.push({ terms, rhs: r });
  };
  for (let j = 0; j < t.m; j++) row([[-1, j, 1], ...Array.from({ length: t.n }, (_, i): [number, number, number] => [i, j, -1])], 0);
  for (let i = 0; i < t.n; i++) row(Array.from({ length: t.m }, (_, j): [number, number, number] => [i, j, 1]), t.total[i]);
  row(Array.from({ length: t.m }, (_, j): [number, number, number] => [-1, j, 1]), t.all);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) { for (const [q, a] of r.terms) { indices.push(q); values.push(a); } starts.push(indices.length); }
  const lp = highs.createModel({
    numCols: vars.length, numRows: rows.length, colCost: new Float64Array(vars.length), colLower: new Float64Array(vars.length),
    colUpper: Float64Array.from(vars, (v) => v.upper), rowLower: rows.map((r) => r.rhs), rowUpper: rows.map((r) => r.rhs),
    matrix: { format: 'csr', numRows: rows.length, numCols: vars.length, starts, indices, values },
  });
  lp.options.set('output_flag', false);
  const out = new Map<string, [number, number]>();
  try {
    vars.forEach((v, q) => {
      const ends: number[] = [];
      for (const sign of [1, -1]) {
        lp.changeColCost(q, sign);
        lp.run();
        expect(lp.getModelStatus()).toBe(7);
        ends.push(lp.getSolution().colValue[q]);
      }
      lp.changeColCost(q, 0);
      out.set(v.key, [Math.ceil(ends[0] - 1e-6) + 0, Math.floor(ends[1] + 1e-6) + 0]);
    });
  } finally {
    lp.dispose();
  }
  return out;
}

/**
 * The least cost of moving cell (pi, pj) up by `by`, every published relation kept: a whole LP with an up and a down
 * column per movable cell (the published totals never move), each at `cost` per household.
 */
function wholeChangeCost(t: Table, pi: number, pj: number, by: number, cost: (i: number, j: number) => number): number {
  const cells: { i: number; j: number }[] = [];
  for (let i = -1; i < t.n; i++) for (let j = 0; j < t.m; j++) cells.push({ i, j });
  const at = new Map(cells.map((c, q) => [`${c.i}/${c.j}`, q]));
  const value = (i: number, j: number): number => (i < 0 ? t.district[j] : t.x[i][j]);
  const upper = (i: number): number => (i < 0 ? t.all : t.total[i]);
  const rows: [number, number][][] = [];
  for (let j = 0; j < t.m; j++) rows.push([[at.get(`-1/${j}`)!, 1], ...Array.from({ length: t.n }, (_, i): [number, number] => [at.get(`${i}/${j}`)!, -1])]);
  for (let i = 0; i < t.n; i++) rows.push(Array.from({ length: t.m }, (_, j): [number, number] => [at.get(`${i}/${j}`)!, 1]));
  rows.push(Array.from({ length: t.m }, (_, j): [number, number] => [at.get(`-1/${j}`)!, 1]));
  // columns 2q (up) and 2q + 1 (down); p moves exactly `by` up
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) { for (const [q, a] of r) { indices.push(2 * q, 2 * q + 1); values.push(a, -a); } starts.push(indices.length); }
  const p = at.get(`${pi}/${pj}`)!;
  const n = 2 * cells.length;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  cells.forEach((c, q) => {
    const w = q === p ? 0 : cost(c.i, c.j);
    colCost[2 * q] = w; colCost[2 * q + 1] = w;
    colUpper[2 * q] = upper(c.i) - value(c.i, c.j);
    colUpper[2 * q + 1] = value(c.i, c.j);
  });
  colLower[2 * p] = by; colUpper[2 * p] = by; colUpper[2 * p + 1] = 0;
  const lp = highs.createModel({
    numCols: n, numRows: rows.length, colCost, colLower, colUpper, rowLower: new Float64Array(rows.length), rowUpper: new Float64Array(rows.length),
    matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
  });
  lp.options.set('output_flag', false);
  try {
    lp.run();
    expect(lp.getModelStatus()).toBe(7);
    const x = lp.getSolution().colValue;
    return colCost.reduce((s, w, q) => s + w * x[q], 0);
  } finally {
    lp.dispose();
  }
}

describe('long relations (more communes than LONG)', () => {
  const n = 3 * LONG;
  const t = table(7, n, 4);
  const { model, cell, districtCell } = modelOf(t);
  const rng = createRng(70);
  const hiddenSet = new Set<string>();
  for (let i = 0; i < n; i++) for (let j = 0; j < t.m; j++) if (rng.chance(0.3)) hiddenSet.add(`${i}/${j}`);
  hiddenSet.add('-1/1');
  const hidden: Hidden = (i, j) => hiddenSet.has(`${i}/${j}`);
  const suppressed = new Uint8Array(model.cells.length);
  for (let i = -1; i < n; i++) for (let j = 0; j < t.m; j++) if (hidden(i, j)) suppressed[i < 0 ? districtCell(j) : cell(i, j)] = 1;

  it('the attack\'s interval of every hidden cell is the whole LP\'s', () => {
    const result = attack(model, suppressed, { k: 3, singletons: false, intervals: true });
    const expected = wholeIntervals(t, hidden);
    expect(expected.size).toBeGreaterThan(200);
    const got = new Map([...result.intervals!].map(([id, iv]) => [model.cells[id].key, iv]));
    const wrong = [...expected].filter(([key, iv]) => got.get(key)?.[0] !== iv[0] || got.get(key)?.[1] !== iv[1]);
    expect(wrong).toEqual([]);
    expect(got.size).toBe(expected.size);
    // and some cells are narrow: the check has something to find (not every interval is the whole [0, total])
    expect([...expected].filter(([key, [lo, hi]]) => hi - lo < (key.startsWith('d/') ? t.all : t.total[Number(key.split('/')[0])])).length).toBeGreaterThan(20);
  });

  it('the least-cost change costs what the whole LP\'s optimum costs, alone and with the cost order shared', () => {
    const byCell = relationsByCell(model);
    const base = (j: number): number => (model.cells[j].total ? 100 : 1) * (model.cells[j].value + 1);
    const price = (j: number): number => (suppressed[j] ? 0 : base(j));
    const shared = new LongCosts(model, byCell, base);
    model.cells.forEach((_, j) => { if (suppressed[j]) shared.lower(j); });
    const costOf = (change: Map<number, number>, p: number): number =>
      [...change].reduce((s, [c, v]) => s + (c === p ? 0 : price(c) * Math.abs(v - model.cells[c].value)), 0);
    let checked = 0;
    for (let i = 0; i < n && checked < 12; i += 17) {
      const j = i % t.m;
      if (t.x[i][j] + 2 > t.total[i]) continue;
      const p = cell(i, j);
      const expected = wholeChangeCost(t, i, j, 2, (ci, cj) => price(ci < 0 ? districtCell(cj) : cell(ci, cj)));
      for (const costs of [undefined, shared]) {
        const change = cheapestChange(model, byCell, p, 1, 2, price, new Set(), costs);
        expect(change.moved).toBeCloseTo(2, 9);
        expect(costOf(change.point, p)).toBeCloseTo(expected, 6);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  });
});
