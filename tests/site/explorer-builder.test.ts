// The builder's SQL, run by build-time DuckDB on the published files, gives exactly the published cells
// chosen by filtering the whole table in plain JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { builderSql, normaliseState, TABLE_SPECS, BUILDER_TABLES } from '../../src/lib/explorer/builder';
import { DATA, ensureSite } from '../../support/browser/site';

let conn: DuckDBConnection;
type Row = Record<string, unknown>;
const all = async (sql: string): Promise<Row[]> => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Row[];

beforeAll(async () => {
  if (!existsSync(join(DATA, 'datapackage.json'))) await ensureSite();
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const t of [...BUILDER_TABLES, 'areas']) await conn.run(`CREATE TABLE ${t} AS SELECT * FROM '${join(DATA, `${t}.parquet`)}'`);
});
afterAll(() => conn?.closeSync());

describe('builder SQL', () => {
  it('deprivation share by commune: the latest year, poor households, one indicator, highest first', async () => {
    const state = normaliseState({ table: 'deprivation', measure: 'share', by: 'commune', indicator: 'health_insurance' });
    const got = await all(builderSql(state, 'en'));
    const rows = await all('SELECT * FROM deprivation');
    const areas = new Map((await all('SELECT area_code, name_en FROM areas')).map((a) => [a.area_code, a.name_en]));
    const latest = Math.max(...rows.map((r) => Number(r.review_year)));
    const expected = rows
      .filter((r) => Number(r.review_year) === latest && r.area_level === 'commune' && r.population === 'poor' && r.indicator_code === 'health_insurance')
      .map((r) => ({ commune: areas.get(r.area_code), share: r.share, status: r.status }));
    expect(got.length).toBe(expected.length);
    expect(got.length).toBeGreaterThan(0);
    const key = (r: Row) => `${r.commune}|${r.share}|${r.status}`;
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    const shares = got.map((r) => r.share).filter((v) => v !== null) as number[];
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('a movement over the years for the district', async () => {
    const state = normaliseState({ table: 'poverty_groups', measure: 'escaped', by: 'year' });
    const got = await all(builderSql(state, 'vi'));
    const expected = (await all('SELECT * FROM poverty_groups'))
      .filter((r) => r.area_level === 'district' && r.measure === 'escaped')
      .sort((a, b) => Number(a.review_year) - Number(b.review_year))
      .map((r) => ({ review_year: r.review_year, escaped: r.households, status: r.status }));
    expect(got).toEqual(expected);
  });

  it('a unit over the years is one territory: 11473 is Minh Đức to 2024, 2025-11473 Bạch Đằng from 2025', async () => {
    const poverty = await all('SELECT review_year, area_code, poor FROM poverty ORDER BY review_year');
    const years = (code: string, from: number, to: number) => poverty
      .filter((r) => r.area_code === code && Number(r.review_year) >= from && Number(r.review_year) <= to)
      .map((r) => ({ review_year: r.review_year, poor: r.poor }));
    const old = await all(builderSql(normaliseState({ table: 'poverty', measure: 'poor', by: 'year', area: '11473' }), 'vi'));
    const now = await all(builderSql(normaliseState({ table: 'poverty', measure: 'poor', by: 'year', area: '2025-11473' }), 'vi'));
    // the code alone holds both territories' rows: 2021–2024 and 2025–2026
    expect(years('11473', 2021, 2026)).toHaveLength(6);
    expect(old).toEqual(years('11473', 2021, 2024));
    expect(now).toEqual(years('11473', 2025, 2026));
    // a value naming no period with reviews falls back to the territory
    expect(normaliseState({ area: '2024-11473' }).area).toBe('311');
  });

  it.each(BUILDER_TABLES.flatMap((t) => TABLE_SPECS[t].measures.map((m) => [t, m.id] as const)))('%s / %s runs for every breakdown and gives rows with one column per chosen dimension', async (table, measure) => {
    const spec = TABLE_SPECS[table];
    const dims = spec.dimensions;
    expect(dims.length).toBeGreaterThan(0);
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      const by = dims.filter((_, i) => mask & (1 << i));
      const rows = await all(builderSql(normaliseState({ table, measure, by }), 'vi'));
      expect(rows.length, `${table} / ${measure} by ${by.join(', ') || 'nothing'}`).toBeGreaterThan(0);
      // the chosen dimensions, the measure, and the cell status where the table has one
      expect(Object.keys(rows[0]).length, `${table} / ${measure} by ${by.join(', ')}`).toBe(by.length + 1 + (spec.hasStatus ? 1 : 0));
      expect(Object.keys(rows[0])).toContain(measure);
    }
  });
});
