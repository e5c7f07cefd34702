// Core stages on hand-built DuckDB tables: every expected value below was worked out by hand.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classify } from '../scripts/pipeline/classify.ts';
import { linkMovements, movementIdentityBreaches } from '../scripts/pipeline/link.ts';
import { aggregate } from '../scripts/pipeline/aggregate.ts';
import { percent } from '../src/lib/percent.ts';
import { areasTable, withoutDiacritics } from '../scripts/pipeline/reference-tables.ts';
import { queryRows } from '../scripts/pipeline/db.ts';
import { allIndicatorCodes, programs } from '../src/lib/reference.ts';

interface Household {
  review_year: number; commune_code: string; key: string; status: 'poor' | 'near_poor' | 'not_poor';
  area?: 'urban' | 'rural'; income?: number; labour?: boolean; deprived?: string[]; support?: string[];
}

const A = '11470';
const B = '11473';

async function createTables(conn: DuckDBConnection, households: Household[], communes: [number, string, number][]): Promise<void> {
  const dCols = allIndicatorCodes.map((c) => `d_${c} BOOLEAN`).join(', ');
  const sCols = programs.map((p) => `support_${p.code} BOOLEAN`).join(', ');
  await conn.run(`CREATE TABLE households (source_file VARCHAR, source_line INTEGER, review_year INTEGER, commune_code VARCHAR,
    household_key VARCHAR, previous_commune_code VARCHAR, previous_key VARCHAR, id_key VARCHAR, members INTEGER, area VARCHAR, income_per_capita BIGINT, labour_capacity BOOLEAN, ${dCols},
    recorded_status VARCHAR, ${sCols})`);
  await conn.run('CREATE TABLE communes (review_year INTEGER, commune_code VARCHAR, total_households INTEGER)');
  if (communes.length) await conn.run(`INSERT INTO communes VALUES ${communes.map(([y, c, t]) => `(${y}, '${c}', ${t})`).join(', ')}`);
  for (const [n, h] of households.entries()) {
    // indicators outside the standard in force are NULL, as the input stage leaves them
    const inForce = h.review_year >= 2026 ? (c: string) => c !== 'information_access' : (c: string) => c !== 'waste_treatment';
    const d = allIndicatorCodes.map((c) => (inForce(c) ? String((h.deprived ?? []).includes(c)) : 'NULL'));
    const s = programs.map((p) => String((h.support ?? []).includes(p.code)));
    await conn.run(`INSERT INTO households VALUES ('t.csv', ${n + 2}, ${h.review_year}, '${h.commune_code}', '${h.key}', NULL, NULL, NULL, 3,
      '${h.area ?? 'rural'}', ${h.income ?? 1_000_000}, ${h.labour ?? true}, ${d.join(', ')}, '${h.status}', ${s.join(', ')})`);
  }
}

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterEach(() => {
  conn.closeSync();
  instance.closeSync();
});

const first = (n: number, codes = allIndicatorCodes.filter((c) => c !== 'waste_treatment')) => codes.slice(0, n);

describe('classify', () => {
  it.each([
    // review year, area, income, deprived indicators, expected count, expected class
    [2022, 'rural', 1_500_000, first(3), 3, 'poor'],
    [2022, 'rural', 1_500_001, first(3), 3, 'not_poor'],
    [2022, 'rural', 1_500_000, first(2), 2, 'near_poor'],
    [2022, 'rural', 0, [], 0, 'near_poor'],
    [2022, 'urban', 2_000_000, first(3), 3, 'poor'],
    [2022, 'urban', 2_000_001, first(12), 12, 'not_poor'],
    [2022, 'urban', 1_800_000, first(2), 2, 'near_poor'],
    [2021, 'rural', 1_500_000, first(12), 12, 'poor'],
    [2025, 'rural', 1_600_000, first(3), 3, 'not_poor'],
    [2025, 'urban', 1_600_000, ['information_access', 'telecom', 'sanitation'], 3, 'poor'],
    // 2027–2030 standard: new lines, information_access no longer counts, waste_treatment does
    [2026, 'rural', 2_200_000, first(3), 3, 'poor'],
    [2026, 'rural', 2_200_001, first(3), 3, 'not_poor'],
    [2026, 'urban', 2_800_000, first(2), 2, 'near_poor'],
    [2029, 'urban', 2_800_000, ['waste_treatment', 'telecom', 'employment'], 3, 'poor'],
    [2026, 'rural', 1_000_000, ['information_access', 'telecom', 'employment'], 2, 'near_poor'],
    [2026, 'urban', 2_000_001, first(3), 3, 'poor'],
  ] as const)('%i %s income %i with %j → %i deprivations, %s', async (year, area, income, deprived, count, expected) => {
    await createTables(conn, [{ review_year: year, commune_code: A, key: 'k', status: 'not_poor', area, income, deprived: [...deprived] }], []);
    await classify(conn);
    const [row] = await queryRows<{ deprivation_count: number; rule_status: string }>(conn, 'SELECT deprivation_count, rule_status FROM households');
    expect(row).toEqual({ deprivation_count: count, rule_status: expected });
  });

  it('refuses a review year no standard covers', async () => {
    await createTables(conn, [{ review_year: 2030, commune_code: A, key: 'k', status: 'poor' }], []);
    await expect(classify(conn)).rejects.toThrow('no poverty standard in force for review year: 2030');
  });
});

describe('link', () => {
  // h1 poor throughout; h2 escapes then falls back; h3 leaves the list then falls back; h4 newly poor then
  // leaves; h5 newly poor (not assessed before) then escapes; h6 near-poor twice then newly poor; h7 poor in
  // the first year only; h8 newly poor in commune B.
  const p = (y: number, key: string, status: Household['status'], commune = A): Household => ({ review_year: y, commune_code: commune, key, status });
  const households = [
    p(2021, 'h1', 'poor'), p(2022, 'h1', 'poor'), p(2023, 'h1', 'poor'),
    p(2021, 'h2', 'poor'), p(2022, 'h2', 'near_poor'), p(2023, 'h2', 'poor'),
    p(2021, 'h3', 'poor'), p(2023, 'h3', 'poor'),
    p(2021, 'h4', 'not_poor'), p(2022, 'h4', 'poor'),
    p(2022, 'h5', 'poor'), p(2023, 'h5', 'not_poor'),
    p(2021, 'h6', 'near_poor'), p(2022, 'h6', 'near_poor'), p(2023, 'h6', 'poor'),
    p(2021, 'h7', 'poor'),
    p(2022, 'h8', 'poor', B), p(2023, 'h8', 'poor', B),
  ];
  const communes: [number, string, number][] = [2021, 2022, 2023].flatMap((y) => [[y, A, 50], [y, B, 50]] as [number, string, number][]);

  it('derives every movement kind', async () => {
    await createTables(conn, households, communes);
    await linkMovements(conn);
    const rows = await queryRows(conn, 'SELECT review_year, commune_code, measure, households FROM movements ORDER BY ALL');
    expect(rows).toEqual([
      { review_year: 2022, commune_code: A, measure: 'escaped', households: 1 },
      { review_year: 2022, commune_code: A, measure: 'exited_other', households: 2 },
      { review_year: 2022, commune_code: A, measure: 'newly_poor', households: 2 },
      { review_year: 2022, commune_code: B, measure: 'newly_poor', households: 1 },
      { review_year: 2023, commune_code: A, measure: 'escaped', households: 1 },
      { review_year: 2023, commune_code: A, measure: 'exited_other', households: 1 },
      { review_year: 2023, commune_code: A, measure: 'fell_back', households: 2 },
      { review_year: 2023, commune_code: A, measure: 'newly_poor', households: 1 },
    ]);
    // commune A: 4 − 1 − 2 + 2 + 0 = 3 poor in 2022; 3 − 1 − 1 + 1 + 2 = 4 in 2023
    expect(await movementIdentityBreaches(conn)).toEqual([]);
  });

  it('has no movements for a year whose previous year is missing', async () => {
    await createTables(conn, [p(2021, 'h1', 'poor'), p(2023, 'h2', 'poor')], [[2021, A, 5], [2023, A, 5]]);
    await linkMovements(conn);
    expect(await queryRows(conn, 'SELECT * FROM movements')).toEqual([]);
  });
});

describe('aggregate', () => {
  const households: Household[] = [
    { review_year: 2022, commune_code: A, key: 'a1', status: 'poor', income: 1_000_000, labour: false, deprived: ['employment', 'dependents', 'nutrition'], support: ['income_support'] },
    { review_year: 2022, commune_code: A, key: 'a2', status: 'poor', income: 1_200_000, labour: true, deprived: ['employment', 'housing_quality', 'telecom', 'sanitation'], support: ['housing', 'credit'] },
    { review_year: 2022, commune_code: A, key: 'a3', status: 'near_poor', area: 'urban', income: 1_900_000, labour: true, deprived: ['health_insurance'], support: ['health_insurance'] },
    { review_year: 2022, commune_code: A, key: 'a4', status: 'not_poor', income: 3_000_000, labour: true },
    // recorded poor, but 1 deprivation makes it near-poor by the rule: a status mismatch
    { review_year: 2022, commune_code: A, key: 'a5', status: 'poor', income: 1_400_000, labour: true, deprived: ['employment'] },
    { review_year: 2022, commune_code: B, key: 'b1', status: 'near_poor', income: 1_500_000, labour: false, deprived: ['information_access', 'telecom'], support: ['telecom'] },
    { review_year: 2022, commune_code: B, key: 'b2', status: 'not_poor', area: 'urban', income: 2_500_000 },
  ];

  async function run() {
    await createTables(conn, households, [[2022, A, 10], [2022, B, 5]]);
    await classify(conn);
    await linkMovements(conn);
    return aggregate(conn);
  }

  it('counts poverty with rates rounded half away from zero', async () => {
    const raw = await run();
    expect(raw.poverty).toEqual([
      { review_year: 2022, area_level: 'district', area_code: '311', total_households: 15, poor: 3, near_poor: 2, poor_rate: 20, near_poor_rate: 13.33 },
      { review_year: 2022, area_level: 'commune', area_code: A, total_households: 10, poor: 3, near_poor: 1, poor_rate: 30, near_poor_rate: 10 },
      { review_year: 2022, area_level: 'commune', area_code: B, total_households: 5, poor: 0, near_poor: 1, poor_rate: 0, near_poor_rate: 20 },
    ]);
  });

  it('counts groups, with no movement (nor newly escaped) cells in the first year', async () => {
    const raw = await run();
    const cells = (code: string) => Object.fromEntries(raw.poverty_groups.filter((r) => r.area_code === code).map((r) => [r.measure, r.households]));
    // the six cells of recorded × rule: only a5 (recorded poor, 1 deprivation: near-poor by the rule)
    const noMismatch = {
      recorded_poor_rule_near_poor: 0, recorded_poor_rule_not_poor: 0, recorded_near_poor_rule_poor: 0,
      recorded_near_poor_rule_not_poor: 0, recorded_not_poor_rule_poor: 0, recorded_not_poor_rule_near_poor: 0,
    };
    expect(cells(A)).toEqual({ poor_no_labour: 1, poor_with_labour: 2, near_poor_no_labour: 0, near_poor_with_labour: 1, status_mismatch: 1, ...noMismatch, recorded_poor_rule_near_poor: 1 });
    expect(cells(B)).toEqual({ poor_no_labour: 0, poor_with_labour: 0, near_poor_no_labour: 1, near_poor_with_labour: 0, status_mismatch: 0, ...noMismatch });
    expect(cells('311')).toEqual({ poor_no_labour: 1, poor_with_labour: 2, near_poor_no_labour: 1, near_poor_with_labour: 1, status_mismatch: 1, ...noMismatch, recorded_poor_rule_near_poor: 1 });
  });

  it('counts deprivations on the full grid of the standard in force', async () => {
    const raw = await run();
    expect(raw.deprivation).toHaveLength(3 * 2 * 12);
    const nonZero = raw.deprivation.filter((r) => r.households > 0).map((r) => `${r.area_code} ${r.population} ${r.indicator_code} ${r.households}`);
    expect(nonZero).toEqual([
      '311 poor employment 3', '311 poor dependents 1', '311 poor nutrition 1', '311 poor housing_quality 1', '311 poor sanitation 1', '311 poor telecom 1',
      '311 near_poor health_insurance 1', '311 near_poor telecom 1', '311 near_poor information_access 1',
      `${A} poor employment 3`, `${A} poor dependents 1`, `${A} poor nutrition 1`, `${A} poor housing_quality 1`, `${A} poor sanitation 1`, `${A} poor telecom 1`,
      `${A} near_poor health_insurance 1`,
      `${B} near_poor telecom 1`, `${B} near_poor information_access 1`,
    ]);
    expect(raw.deprivation.some((r) => r.indicator_code === 'waste_treatment')).toBe(false);
  });

  it('counts deprivation depth 0..12', async () => {
    const raw = await run();
    expect(raw.deprivation_depth).toHaveLength(3 * 2 * 13);
    const nonZero = raw.deprivation_depth.filter((r) => r.households > 0).map((r) => `${r.area_code} ${r.population} ${r.deprivations} ${r.households}`);
    expect(nonZero).toEqual([
      '311 poor 1 1', '311 poor 3 1', '311 poor 4 1', '311 near_poor 1 1', '311 near_poor 2 1',
      `${A} poor 1 1`, `${A} poor 3 1`, `${A} poor 4 1`, `${A} near_poor 1 1`, `${B} near_poor 2 1`,
    ]);
  });

  it('counts need and delivery of each program', async () => {
    const raw = await run();
    const cells = (code: string) => raw.support.filter((r) => r.area_code === code).map((r) => r.households);
    // housing, health_insurance, income_support, credit, vocational_training, telecom × in_need, supported, both
    expect(cells(A)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 2, 0, 0, 1, 0, 0]);
    expect(cells(B)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(cells('311')).toEqual([1, 1, 1, 1, 1, 1, 2, 1, 1, 3, 1, 1, 2, 0, 0, 2, 1, 1]);
  });
});

describe('percent', () => {
  it.each([[1, 200, 0.5], [1, 3, 33.33], [2, 3, 66.67], [201, 20000, 1.01], [1005, 100000, 1.01], [1118, 110000, 1.02], [0, 0, 0]])(
    '%i of %i is %d %', (part, whole, expected) => expect(percent(part, whole)).toBe(expected));
});

describe('reference tables', () => {
  it('names areas in both languages', () => {
    const areas = areasTable();
    expect(areas).toHaveLength(37 + 21 + 8 + 3);
    expect(areas[0]).toEqual({ area_code: '311', area_level: 'district', parent_code: null, name_vi: 'Huyện Thủy Nguyên', name_en: 'Thuy Nguyen district', unit_type: 'district', valid_from: '2019-12-01', valid_to: '2024-12-31' });
    expect(areas[1]).toMatchObject({ area_code: '11470', name_vi: 'Thị trấn Núi Đèo', name_en: 'Nui Deo township', unit_type: 'town', parent_code: '311' });
    expect(areas.find((a) => a.area_code === '11476')).toMatchObject({ name_en: 'Lai Xuan commune', unit_type: 'commune' });
    expect(withoutDiacritics('Đông Sơn')).toBe('Dong Son');
  });
});

describe('command line', async () => {
  const { parseArgs } = await import('../scripts/pipeline/cli-args.ts');
  const { linkKeyFrom } = await import('../scripts/pipeline.ts');

  it('has the contract defaults', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', options: { input: null, out: 'public/data', report: 'reports/validation.json', dropInvalid: false, encoding: undefined, k: 5, previous: null, seed: null, releases: null, resetSuppression: false, releaseDate: null } });
  });
  it('reads every option, with a space or an equals sign', () => {
    expect(parseArgs(['--input', 'in', '--out=o', '--report', 'r.json', '--drop-invalid', '--encoding', 'Windows-1258', '--k', '10', '--previous', 'p', '--seed=7'])).toEqual({
      kind: 'run', options: { input: 'in', out: 'o', report: 'r.json', dropInvalid: true, encoding: 'windows-1258', k: 10, previous: 'p', seed: 7, releases: null, resetSuppression: false, releaseDate: null },
    });
  });
  it.each([
    [['--k', '2'], '--k must be at least 3: 2'],
    [['--k', '-4'], '--k needs a whole number: "-4"'],
    [['--verbose'], 'unknown option: "--verbose"'],
    [['data/raw'], 'unknown option: "data/raw"'],
    [['--encoding', 'utf-16'], 'unsupported --encoding: "utf-16" (only windows-1258)'],
    [['--input'], '--input needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message });
  });
  it('reads the link key as hex when it is hex, as text otherwise', () => {
    expect(linkKeyFrom('00ff'.repeat(8))).toEqual(Buffer.from('00ff'.repeat(8), 'hex'));
    expect(linkKeyFrom('a passphrase')).toEqual(Buffer.from('a passphrase', 'utf8'));
    expect(linkKeyFrom(undefined)).toHaveLength(32);
  });
});

describe('progress', async () => {
  const { createProgress } = await import('../scripts/pipeline/progress.ts');
  it('writes at most a line per tenth of the work when not on a terminal', () => {
    const lines: string[] = [];
    const progress = createProgress({ write: (t: string) => lines.push(t) });
    progress.stage('reading input');
    for (let done = 0; done <= 100; done++) progress.update(done, 100);
    expect(lines).toEqual(['reading input\n', ...Array.from({ length: 11 }, (_, i) => `reading input: ${i * 10}/100\n`)]);
  });
  it('redraws one bar on a terminal', () => {
    let text = '';
    const progress = createProgress({ write: (t: string) => { text += t; }, isTTY: true, columns: 80 });
    progress.stage('publishing');
    progress.update(1, 2, 'poverty');
    progress.end();
    expect(text).toBe(`publishing…\r\x1b[2Kpublishing [${'#'.repeat(12)}${' '.repeat(12)}] 50% poverty\n`);
  });
});

describe('atomic publication', async () => {
  const { publishAtomically } = await import('../scripts/pipeline/publish.ts');
  const { mkdtemp, readdir, readFile, writeFile, mkdir } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');

  it('leaves --out as it was when the build fails, and replaces it when it succeeds', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'publish-'));
    const out = join(parent, 'data');
    await mkdir(out);
    await writeFile(join(out, 'old.csv'), 'old');
    await expect(publishAtomically(out, async (dir) => { await writeFile(join(dir, 'new.csv'), 'new'); throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await readdir(parent)).toEqual(['data']);
    expect(await readdir(out)).toEqual(['old.csv']);
    await publishAtomically(out, async (dir) => { await writeFile(join(dir, 'new.csv'), 'new'); });
    expect(await readdir(parent)).toEqual(['data']);
    expect(await readdir(out)).toEqual(['new.csv']);
    expect(await readFile(join(out, 'new.csv'), 'utf8')).toBe('new');
  });
});
