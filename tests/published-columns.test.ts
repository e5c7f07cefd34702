// The published-column allow-list (issue 4): every table and column the pipeline may publish, written out
// by hand. A column added to the output fails this test until it is added here on purpose — the moment to
// ask whether it could identify a household (README "What it publishes", the methodology page).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../scripts/pipeline/run.ts';

type Type = 'VARCHAR' | 'INTEGER' | 'DOUBLE';
const GEO: [string, Type][] = [['review_year', 'INTEGER'], ['area_level', 'VARCHAR'], ['area_code', 'VARCHAR']];

/** The allow-list: table → columns in published order, with their types. */
const ALLOWED: Record<string, [string, Type][]> = {
  areas: [
    ['area_code', 'VARCHAR'], ['area_level', 'VARCHAR'], ['parent_code', 'VARCHAR'], ['name_vi', 'VARCHAR'],
    ['name_en', 'VARCHAR'], ['unit_type', 'VARCHAR'], ['valid_from', 'VARCHAR'], ['valid_to', 'VARCHAR'],
  ],
  indicators: [
    ['standard', 'VARCHAR'], ['indicator_code', 'VARCHAR'], ['dimension_code', 'VARCHAR'], ['indicator_name_vi', 'VARCHAR'],
    ['indicator_name_en', 'VARCHAR'], ['dimension_name_vi', 'VARCHAR'], ['dimension_name_en', 'VARCHAR'],
  ],
  poverty: [
    ...GEO, ['total_households', 'INTEGER'], ['poor', 'INTEGER'], ['near_poor', 'INTEGER'],
    ['poor_rate', 'DOUBLE'], ['near_poor_rate', 'DOUBLE'],
  ],
  // linkage: complete / partial per area and year (issue 12), never a household
  poverty_groups: [...GEO, ['measure', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR'], ['linkage', 'VARCHAR']],
  deprivation: [
    ...GEO, ['population', 'VARCHAR'], ['indicator_code', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['share', 'DOUBLE'], ['status', 'VARCHAR'],
  ],
  deprivation_depth: [...GEO, ['population', 'VARCHAR'], ['deprivations', 'INTEGER'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR']],
  support: [...GEO, ['program_code', 'VARCHAR'], ['measure', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR']],
  // issue 13, the monitoring views: counts of households per area and year, like the tables above
  deprivation_dimension: [
    ...GEO, ['population', 'VARCHAR'], ['dimension_code', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['share', 'DOUBLE'], ['status', 'VARCHAR'],
  ],
  support_received: [...GEO, ['population', 'VARCHAR'], ['program_code', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR']],
  exit_outcomes: [
    ...GEO, ['years_after', 'INTEGER'], ['outcome', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR'], ['linkage', 'VARCHAR'],
  ],
  what_if: [...GEO, ['standard', 'VARCHAR'], ['measure', 'VARCHAR'], ['households', 'INTEGER'], ['households_min', 'INTEGER'], ['households_max', 'INTEGER'], ['status', 'VARCHAR']],
  // the crosswalks between unit sets, from data/reference/geography.json (reference data only)
  area_changes: [
    ['from_code', 'VARCHAR'], ['from_valid_from', 'VARCHAR'], ['to_code', 'VARCHAR'], ['to_valid_from', 'VARCHAR'], ['kind', 'VARCHAR'], ['evidence', 'VARCHAR'],
  ],
};
const FRICTIONLESS: Record<Type, string> = { VARCHAR: 'string', INTEGER: 'integer', DOUBLE: 'number' };

/** datapackage.json's own keys, and each resource's: metadata grows on purpose too. */
const DESCRIPTOR_KEYS = [
  'profile', 'name', 'id', 'version', 'title', 'title_en', 'description', 'description_en', 'created', 'licenses', 'sources',
  'resources', 'demo', 'review_years', 'standards', 'newly_escaped', 'disclosure_control', 'validation', 'reconciliation', 'rounding',
];
const RESOURCE_KEYS = ['name', 'path', 'title', 'title_en', 'format', 'mediatype', 'encoding', 'dialect', 'bytes', 'hash', 'rows', 'schema'];
const FIELD_KEYS = ['name', 'type', 'description', 'description_vi'];

const FIXTURE = 'tests/fixtures/e2e';
let work: string;
let out: string;
let exitCode: number;
let log = '';
let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'published-columns-'));
  out = join(work, 'out');
  const result = await runPipeline({
    input: FIXTURE, out, report: join(work, 'report.json'), dropInvalid: false, k: 3, previous: null, linkKey: randomBytes(32),
  }, { stderr: { write: (t: string) => { log += t; } }, clock: () => 0 });
  exitCode = result.exitCode;
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
}, 600_000);

afterAll(async () => {
  conn?.closeSync();
  instance?.closeSync();
  if (work) await rm(work, { recursive: true, force: true });
});

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;
const parquetPath = (table: string, dir = out) => quote(join(dir, `${table}.parquet`));

async function parquetColumns(path: string): Promise<{ name: unknown; type: unknown }[]> {
  const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${path})`)).getRowObjectsJS();
  return described.map((c) => ({ name: c.column_name, type: c.column_type }));
}
async function kvKeys(path: string): Promise<unknown[]> {
  return (await conn.runAndReadAll(`SELECT decode(key) AS key FROM parquet_kv_metadata(${path})`)).getRowObjectsJS().map((k) => k.key);
}

describe('published columns', () => {
  it('the pipeline published', () => {
    expect(exitCode, log).toBe(0);
  });

  it('publishes exactly the allowed files: NAME.parquet and NAME.csv per table, and datapackage.json', async () => {
    const files = (await readdir(out, { recursive: true })).sort();
    const allowed = [...Object.keys(ALLOWED).flatMap((t) => [`${t}.csv`, `${t}.parquet`]), 'datapackage.json'].sort();
    expect(files).toEqual(allowed);
  });

  describe.each(Object.keys(ALLOWED))('%s', (table) => {
    const allowed = () => ALLOWED[table]!.map(([name, type]) => ({ name, type }));

    it('parquet: columns and types equal the allow-list', async () => {
      expect(await parquetColumns(parquetPath(table))).toEqual(allowed());
    });

    it('parquet: the file schema holds no other (nested or hidden) column', async () => {
      const schema = (await conn.runAndReadAll(`SELECT name, num_children FROM parquet_schema(${parquetPath(table)})`)).getRowObjectsJS();
      // the first element is the root; every other is a leaf column
      expect(schema.slice(1).map((s) => s.name)).toEqual(ALLOWED[table]!.map(([n]) => n));
      expect(schema.slice(1).every((s) => !s.num_children)).toBe(true);
    });

    it('parquet: no key-value metadata beyond what the writer adds', async () => {
      expect(await kvKeys(parquetPath(table))).toEqual([]);
    });

    it('CSV: the header equals the allow-list and every row has as many fields', async () => {
      const text = await readFile(join(out, `${table}.csv`), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = text.slice(1).split('\r\n').filter((l) => l !== '');
      expect(header!.split(',')).toEqual(ALLOWED[table]!.map(([n]) => n));
      const described = (await conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${parquetPath(table)})`)).getRowObjectsJS();
      expect(rows.length).toBe(Number(described[0]!.n));
      const fields = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${join(out, `${table}.csv`).replaceAll("'", "''")}', header = true, all_varchar = true, strict_mode = true)`)).getRowObjectsJS();
      expect(fields.map((f) => f.column_name)).toEqual(ALLOWED[table]!.map(([n]) => n));
    });

    it('datapackage.json: both resources of the table list exactly the allowed fields and types', async () => {
      const descriptor = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
      const resources = descriptor.resources.filter((r: { path: string }) => r.path === `${table}.csv` || r.path === `${table}.parquet`);
      expect(resources.map((r: { path: string }) => r.path).sort()).toEqual([`${table}.csv`, `${table}.parquet`]);
      for (const r of resources) {
        expect(r.schema.fields.map((f: { name: string; type: string }) => ({ name: f.name, type: f.type })), r.path)
          .toEqual(ALLOWED[table]!.map(([name, type]) => ({ name, type: FRICTIONLESS[type] })));
        for (const f of r.schema.fields) expect(Object.keys(f).sort(), `${r.path} ${f.name}`).toEqual([...FIELD_KEYS].sort());
      }
    });
  });

  it('datapackage.json: only the allowed keys, resources only for the allowed files', async () => {
    const descriptor = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
    expect(Object.keys(descriptor).sort()).toEqual([...DESCRIPTOR_KEYS].sort());
    expect(descriptor.resources.map((r: { path: string }) => r.path).sort())
      .toEqual(Object.keys(ALLOWED).flatMap((t) => [`${t}.csv`, `${t}.parquet`]).sort());
    for (const r of descriptor.resources) {
      for (const key of Object.keys(r)) expect(RESOURCE_KEYS, `${r.path}: ${key}`).toContain(key);
    }
  });
});

describe('positive controls: the checks fail on a planted column', () => {
  it('an extra column, a retyped column and key-value metadata are caught', async () => {
    const planted = join(work, 'planted');
    await mkdir(planted, { recursive: true });
    const allowed = ALLOWED.poverty!.map(([name, type]) => ({ name, type }));
    await conn.run(`COPY (SELECT *, 'Quách Thị Canary' AS head_name FROM read_parquet(${parquetPath('poverty')})) TO ${parquetPath('poverty', planted)} (FORMAT parquet)`);
    expect(await parquetColumns(parquetPath('poverty', planted))).not.toEqual(allowed);
    await conn.run(`COPY (SELECT * REPLACE (poor::BIGINT AS poor) FROM read_parquet(${parquetPath('poverty')})) TO ${parquetPath('poverty', planted)} (FORMAT parquet)`);
    expect(await parquetColumns(parquetPath('poverty', planted))).not.toEqual(allowed);
    await conn.run(`COPY (SELECT * FROM read_parquet(${parquetPath('poverty')})) TO ${parquetPath('poverty', planted)} (FORMAT parquet, KV_METADATA { source: 'households.csv' })`);
    expect(await parquetColumns(parquetPath('poverty', planted))).toEqual(allowed);
    expect(await kvKeys(parquetPath('poverty', planted))).toEqual(['source']);
  });
});
