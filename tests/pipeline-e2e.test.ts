// The pipeline end to end on tests/fixtures/e2e, whose expected tables were worked out by hand.
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineOptions, type Stages } from '../scripts/pipeline/run.ts';
import { main } from '../scripts/pipeline.ts';
import { protect as realProtect } from '../scripts/pipeline/protect.ts';
import { audit as realAudit } from '../scripts/pipeline/audit.ts';
import type { RawTables } from '../src/lib/contract.ts';
import { passThroughStages } from '../scripts/pipeline/pass-through.ts';
import { programs, standards } from '../src/lib/reference.ts';
import { snapshot } from './lib/snapshot.ts';

const FIXTURE = 'tests/fixtures/e2e';
const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8'));
const quiet = () => {
  const lines: string[] = [];
  return { io: { stderr: { write: (t: string) => lines.push(t) }, clock: () => 0 }, lines };
};

/** Publishes every cell as it is: lets this test check true values while disclosure control is elsewhere. */
function passThrough(raw: RawTables): ReturnType<NonNullable<Stages['protect']>> {
  return passThroughStages.protect!(raw, { k: 3 });
}

/** The two communes with assessed households, and the district; the other 35 communes have only zeros. */
const WORKED_AREAS = ['311', '11470', '11476'];
const OTHER_COMMUNES: { count: number; total_households: number } = expected.other_communes;
const AREAS = 1 + 2 + OTHER_COMMUNES.count;
const worked = (r: Record<string, unknown>) => WORKED_AREAS.includes(String(r.area_code));

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'pipeline-e2e-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

function options(out: string, extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { input: FIXTURE, out, report: join(work, `report-${randomBytes(4).toString('hex')}.json`), dropInvalid: false, k: 3, previous: null, linkKey: randomBytes(32), ...extra };
}


async function readParquet(dir: string, table: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(dir, `${table}.parquet`)}')`);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  conn.closeSync();
  instance.closeSync();
  return rows;
}

describe('pipeline on the hand-worked fixture', () => {
  let out: string;
  let lines: string[];
  beforeAll(async () => {
    out = join(work, 'values');
    const q = quiet();
    lines = q.lines;
    const result = await runPipeline(options(out), q.io, passThroughStages);
    expect(result.exitCode, lines.join('')).toBe(0);
  });

  it('publishes the recognised counts and rates', async () => {
    const poverty = await readParquet(out, 'poverty');
    const shown = poverty.map(({ review_year, area_code, total_households, poor, near_poor, poor_rate, near_poor_rate }) => ({ review_year, area_code, total_households, poor, near_poor, poor_rate, near_poor_rate }));
    expect(shown.filter(worked)).toEqual(expected.poverty);
    const others = shown.filter((r) => !worked(r));
    expect(others).toHaveLength(3 * OTHER_COMMUNES.count);
    for (const r of others) expect(r).toEqual({ ...r, total_households: OTHER_COMMUNES.total_households, poor: 0, near_poor: 0, poor_rate: 0, near_poor_rate: 0 });
  });

  it('publishes groups and movements, none in the first year', async () => {
    const rows = await readParquet(out, 'poverty_groups');
    const cells: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const r of rows.filter(worked)) ((cells[String(r.review_year)] ??= {})[String(r.area_code)] ??= {})[String(r.measure)] = r.households;
    expect(cells).toEqual(expected.poverty_groups);
    const others = rows.filter((r) => !worked(r));
    // 5 groups + the six mismatch cells in 2021; + 4 movements and newly_escaped in 2022 and 2023
    expect(others).toHaveLength(OTHER_COMMUNES.count * (11 + 16 + 16));
    expect(others.filter((r) => r.households !== 0)).toEqual([]);
    // one set of units throughout: every movement row is completely linked; newly_escaped is partial (its window of
    // three reviews reaches before 2021 until 2024); no other row has a linkage
    const movement = ['escaped', 'exited_other', 'newly_poor', 'fell_back'];
    expect(new Set(rows.filter((r) => movement.includes(String(r.measure))).map((r) => r.linkage))).toEqual(new Set(['complete']));
    expect(new Set(rows.filter((r) => r.measure === 'newly_escaped').map((r) => r.linkage))).toEqual(new Set(['partial']));
    expect(new Set(rows.filter((r) => !movement.includes(String(r.measure)) && r.measure !== 'newly_escaped').map((r) => r.linkage))).toEqual(new Set([null]));
  });

  it('satisfies the movement identity across the three years', async () => {
    const poverty = await readParquet(out, 'poverty');
    const groups = await readParquet(out, 'poverty_groups');
    const poor = (y: number, a: string) => poverty.find((p) => p.review_year === y && p.area_code === a)!.poor as number;
    const g = (y: number, a: string, m: string) => groups.find((r) => r.review_year === y && r.area_code === a && r.measure === m)!.households as number;
    for (const area of ['311', '11470', '11476']) for (const y of [2022, 2023]) {
      expect(poor(y, area)).toBe(poor(y - 1, area) - g(y, area, 'escaped') - g(y, area, 'exited_other') + g(y, area, 'newly_poor') + g(y, area, 'fell_back'));
    }
  });

  it('publishes deprivations and depths on full grids', async () => {
    const indicators = standards[0].indicators.map((i) => i.code);
    const deprivation = await readParquet(out, 'deprivation');
    // poor and near-poor in 2021–2023, newly escaped in 2022–2023
    expect(deprivation).toHaveLength((3 * 2 + 2) * AREAS * 12);
    for (const r of deprivation) {
      const want = expected.deprivation[String(r.review_year)][String(r.area_code)]?.[String(r.population)][String(r.indicator_code)] ?? 0;
      expect(r.households, `${r.review_year} ${r.area_code} ${r.population} ${r.indicator_code}`).toBe(want);
      expect(indicators).toContain(r.indicator_code);
    }
    const depth = await readParquet(out, 'deprivation_depth');
    expect(depth).toHaveLength(3 * AREAS * 2 * 13);
    for (const r of depth) {
      const want = expected.deprivation_depth[String(r.review_year)][String(r.area_code)]?.[String(r.population)][String(r.deprivations)] ?? 0;
      expect(r.households, `${r.review_year} ${r.area_code} ${r.population} depth ${r.deprivations}`).toBe(want);
    }
  });

  it('publishes need and delivery per program', async () => {
    const support = await readParquet(out, 'support');
    const order = programs.flatMap((p) => ['in_need', 'supported', 'in_need_supported'].map((m) => `${p.code} ${m}`));
    for (const year of ['2021', '2022', '2023']) for (const area of ['311', '11470', '11476']) {
      const cells = Object.fromEntries(support.filter((r) => String(r.review_year) === year && r.area_code === area).map((r) => [`${r.program_code} ${r.measure}`, r.households]));
      expect(order.map((k) => cells[k]), `${year} ${area}`).toEqual(expected.support[year][area]);
    }
    const others = support.filter((r) => !worked(r));
    expect(others).toHaveLength(3 * OTHER_COMMUNES.count * order.length);
    expect(others.filter((r) => r.households !== 0)).toEqual([]);
  });

  it('publishes each deprivation share of its population, in percent rounded half away from zero', async () => {
    const deprivation = await readParquet(out, 'deprivation');
    const share = (y: number, a: string, p: string, i: string) => deprivation.find((r) => r.review_year === y && r.area_code === a && r.population === p && r.indicator_code === i)!.share;
    // worked by hand from expected.json: 3 of the district's 5 poor households in 2021; 2 of 3 near-poor in 2022
    expect(share(2021, '311', 'poor', 'employment')).toBe(60);
    expect(share(2022, '311', 'near_poor', 'employment')).toBe(66.67);
    expect(share(2021, '11476', 'poor', 'dependents')).toBe(66.67);
    expect(share(2021, '11470', 'poor', 'nutrition')).toBe(50);
    // a commune with no poor household has no share to publish
    expect(share(2021, '11473', 'poor', 'employment')).toBe(null);
  });

  it('writes CSV with a BOM, the same rows as parquet, and a faithful datapackage.json', async () => {
    const csv = await readFile(join(out, 'poverty.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFreview_year,area_level,area_code,total_households,poor,near_poor,poor_rate,near_poor_rate\r\n2021,district,311,800,5,2,0.63,0.25\r\n')).toBe(true);
    expect(csv).toContain('2021,commune,11476,60,3,1,5,1.67\r\n');
    const pkg = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.demo).toBe(false);
    expect(pkg.validation).toEqual({ rows_read: 33, rows_invalid: 0, rows_dropped: 0, rows_loaded: 33 });
    expect(pkg.created).toBe('2023-12-31T00:00:00Z');
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
    expect(pkg.standards).toEqual(['2022-2025']);
    expect(pkg.disclosure_control.k).toBe(3);
    for (const resource of pkg.resources) {
      const bytes = await readFile(join(out, resource.path));
      expect(resource.bytes).toBe(bytes.length);
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
    expect(pkg.resources.find((r: { name: string }) => r.name === 'poverty').rows).toBe(3 * AREAS);
    expect(pkg.resources.find((r: { name: string }) => r.name === 'poverty_groups').rows).toBe((11 + 16 + 16) * AREAS);
    expect(pkg.resources.find((r: { name: string }) => r.name === 'areas').rows).toBe(37 + 21 + 8 + 3);
    expect(pkg.resources.find((r: { name: string }) => r.name === 'area_changes').rows).toBe(64);
    // review year 2022 is in the input, so the directive's figures are compared (and differ: a tiny fixture)
    expect(pkg.reconciliation.find((r: { figure: string }) => r.figure === 'poor')).toEqual({ figure: 'poor', review_year: 2022, official: 1118, computed: 5, match: false });
    expect(lines.join('')).toContain('reconciliation with the official figures of review year 2022');
  });

  it('publishes nothing personal', async () => {
    const files = await snapshot(out);
    const households = await readFile(join(FIXTURE, 'households', '2021.csv'), 'utf8');
    const personal = households.split('\n').slice(1).filter(Boolean).flatMap((line) => line.split(',').slice(2, 8));
    for (const path of Object.keys(files)) {
      const text = (await readFile(join(out, path))).toString('latin1') + (await readFile(join(out, path))).toString('utf8');
      for (const value of [...personal, 'Canary', 'Zyxwv', 'LX-0', 'ND-0']) expect(text.includes(value), `${value} in ${path}`).toBe(false);
    }
    expect(lines.join('')).not.toMatch(/Canary|LX-0|ND-0/);
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same input and options, whatever the link key', async () => {
    const first = join(work, 'det-1');
    const second = join(work, 'det-2');
    expect((await runPipeline(options(first), quiet().io, passThroughStages)).exitCode).toBe(0);
    expect((await runPipeline(options(second), quiet().io, passThroughStages)).exitCode).toBe(0);
    const a = await snapshot(first);
    expect(Object.keys(a).sort()).toEqual(['datapackage.json', ...['area_changes', 'areas', 'deprivation', 'deprivation_depth', 'indicators', 'poverty', 'poverty_groups', 'support',
      'deprivation_dimension', 'support_received', 'exit_outcomes', 'what_if'].flatMap((t) => [`${t}.csv`, `${t}.parquet`])].sort());
    expect(await snapshot(second)).toEqual(a);
  });
});

describe('exit status', () => {
  it('is 2 with a usage line for an unknown option or a bad value', async () => {
    for (const argv of [['--bogus'], ['--k', '2'], ['--k', 'five'], ['--encoding', 'latin1'], ['--out']]) {
      const q = quiet();
      expect(await main(argv, q.io)).toBe(2);
      expect(q.lines.join('')).toContain('usage: npm run pipeline');
    }
  });

  it('is 1 for refused input, leaving an existing --out byte for byte untouched', async () => {
    const input = join(work, 'bad-input');
    await cp(FIXTURE, input, { recursive: true });
    // members 0 is out of range: strict mode refuses the whole run
    const bad = (await readFile(join(FIXTURE, 'households', '2021.csv'), 'utf8')).split('\n')[1].replace(',4,rural,', ',0,rural,');
    await appendFile(join(input, 'households', '2021.csv'), bad.replace('LX-001', 'LX-099') + '\n');
    const out = join(work, 'kept');
    await mkdir(join(out, 'nested'), { recursive: true });
    await writeFile(join(out, 'poverty.csv'), 'an earlier release\n');
    await writeFile(join(out, 'nested', 'note.txt'), 'keep me');
    const before = await snapshot(out);
    const report = join(work, 'bad-report.json');
    const q = quiet();
    expect(await main(['--input', input, '--out', out, '--report', report], q.io)).toBe(1);
    expect(await snapshot(out)).toEqual(before);
    expect(q.lines.join('')).toMatch(/input refused: 1 error/);
    expect(q.lines.join('')).not.toMatch(/Canary|LX-099/);
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written.status).toBe('refused');
    expect(written.errors).toHaveLength(1);
    expect(written.errors[0]).toMatchObject({ file: 'households/2021.csv', line: 12, column: 'members' });
    // --drop-invalid publishes the 33 valid rows
    const dropped = join(work, 'dropped');
    expect((await runPipeline(options(dropped, { input, dropInvalid: true }), quiet().io, passThroughStages)).exitCode).toBe(0);
    const pkg = JSON.parse(await readFile(join(dropped, 'datapackage.json'), 'utf8'));
    expect(pkg.validation).toEqual({ rows_read: 34, rows_invalid: 1, rows_dropped: 1, rows_loaded: 33 });
  });

  /** Runs the CLI on `input` over an --out holding an earlier release; the out folder's files before and after. */
  async function refusedRun(input: string, args: string[]) {
    const out = join(work, `kept-${randomBytes(4).toString('hex')}`);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'poverty.csv'), 'an earlier release\n');
    const before = await snapshot(out);
    const report = join(work, `report-${randomBytes(4).toString('hex')}.json`);
    const q = quiet();
    const code = await main(['--input', input, '--out', out, '--report', report, ...args], q.io);
    return { code, before, after: await snapshot(out), report: JSON.parse(await readFile(report, 'utf8')), stderr: q.lines.join('') };
  }

  it.each([[[]], [['--drop-invalid']]])('is 1 for a household file without a required column, with options %j', async (args) => {
    const input = join(work, `missing-column-${args.length}`);
    await cp(FIXTURE, input, { recursive: true });
    // households/2022.csv without its labour_capacity column: its 11 households must not vanish from the release
    const lines = (await readFile(join(FIXTURE, 'households', '2022.csv'), 'utf8')).split('\n');
    const at = lines[0]!.split(',').indexOf('labour_capacity');
    expect(at).toBeGreaterThan(0);
    await writeFile(join(input, 'households', '2022.csv'), lines.map((l) => l.split(',').filter((_, i) => i !== at).join(',')).join('\n'));
    const run = await refusedRun(input, args);
    expect(run.code).toBe(1);
    expect(run.after).toEqual(run.before);
    expect(run.report).toMatchObject({ status: 'refused', drop_invalid: args.length > 0, rows_dropped: 0 });
    expect(run.report.errors).toEqual([expect.objectContaining({ file: 'households/2022.csv', line: 1, column: 'labour_capacity', refuses: true })]);
    expect(run.stderr).toContain('error: households/2022.csv line 1, column labour_capacity: missing required column');
    expect(run.stderr).toContain('input refused: 1 error');
  });

  it.each([[[]], [['--drop-invalid']]])('is 1 for a communes.csv without a commune of the geography, with options %j', async (args) => {
    const input = join(work, `commune-missing-${args.length}`);
    await cp(FIXTURE, input, { recursive: true });
    // 11473 has no assessed household: without its row the district row would silently sum 36 communes
    const communes = (await readFile(join(FIXTURE, 'communes.csv'), 'utf8')).split('\n');
    await writeFile(join(input, 'communes.csv'), communes.filter((l) => !l.includes(',11473,')).join('\n'));
    const run = await refusedRun(input, args);
    expect(run.code).toBe(1);
    expect(run.after).toEqual(run.before);
    expect(run.report).toMatchObject({ status: 'refused', drop_invalid: args.length > 0, rows_dropped: 0 });
    const missing = (year: number) => `review year ${year}: 1 commune of the geography (Thủy Nguyên 2019–2024) has no row, `
      + 'so the district figures would not cover the district (a commune with no assessed households needs its row too): 11473';
    expect(run.report.errors).toEqual([2021, 2022, 2023].map((year) =>
      ({ severity: 'error', file: 'communes.csv', line: null, column: 'commune_code', reason: missing(year), value: null, refuses: true })));
    for (const year of [2021, 2022, 2023]) expect(run.stderr).toContain(`error: communes.csv, column commune_code: ${missing(year)}\n`);
    expect(run.stderr).toContain('input refused: 3 errors');
  });

  it('is 1 with --drop-invalid when every row is invalid, and the report says why', async () => {
    const input = join(work, 'all-invalid');
    await cp(FIXTURE, input, { recursive: true });
    for (const file of ['2021.csv', '2022.csv', '2023-11470.csv', '2023-11476.csv']) {
      const path = join(input, 'households', file);
      const [header, ...rows] = (await readFile(path, 'utf8')).split('\n');
      await writeFile(path, [header, ...rows.map((l) => l.replace(/,(rural|urban),/, ',nowhere,'))].join('\n'));
    }
    const run = await refusedRun(input, ['--drop-invalid']);
    expect(run.code).toBe(1);
    expect(run.after).toEqual(run.before);
    expect(run.report).toMatchObject({ status: 'refused', rows_read: 33, rows_invalid: 33, rows_dropped: 0, rows_loaded: 0 });
    expect(run.report.errors.filter((e: { refuses: boolean }) => e.refuses)).toEqual([expect.objectContaining({ file: 'households/', reason: 'no valid household rows' })]);
    expect(run.stderr).toContain('error: households/: no valid household rows');
  });

  it('is 1 when the disclosure audit fails, and nothing is published', async () => {
    const out = join(work, 'audit-fails');
    const q = quiet();
    const result = await runPipeline(options(out), q.io, {
      protect: (raw) => passThrough(raw),
      audit: async () => ({ ok: false, failures: [{ table: 'support', key: '2021 11476 credit in_need', lower: 3, upper: 3, reason: 'exact' }], suppressedCells: 1, lpSolves: 2, seconds: 0 }),
    });
    expect(result.exitCode).toBe(1);
    await expect(readdir(out)).rejects.toThrow();
    expect(q.lines.join('')).toContain('disclosure audit failed: 1 cell');
  });
});

const realStagesReady = await (async () => {
  try {
    realProtect({ poverty: [], poverty_groups: [], deprivation: [], deprivation_depth: [], support: [], deprivation_dimension: [], support_received: [], exit_outcomes: [], what_if: [] }, { k: 3 });
    return true;
  } catch (error) {
    return !String((error as Error).message).includes('not implemented');
  }
})();

describe.runIf(realStagesReady)('with the real disclosure control (k = 3)', () => {
  it('publishes poverty in full and only audited suppressions', async () => {
    const out = join(work, 'protected');
    const q = quiet();
    const result = await runPipeline(options(out), q.io, { protect: realProtect, audit: realAudit });
    expect(result.exitCode, q.lines.join('')).toBe(0);
    const poverty = await readParquet(out, 'poverty');
    expect(poverty.filter(worked).map((r) => r.poor)).toEqual(expected.poverty.map((r: { poor: number }) => r.poor));
    expect(poverty.filter((r) => !worked(r)).map((r) => r.poor)).toEqual(Array(3 * OTHER_COMMUNES.count).fill(0));
    for (const table of ['poverty_groups', 'deprivation', 'deprivation_depth', 'support']) {
      for (const r of await readParquet(out, table)) {
        expect(r.households === null, `${table} ${JSON.stringify(r)}`).toBe(r.status === 'suppressed');
      }
    }
  });
});

describe('warnings of the disclosure stages', () => {
  it('are printed, not collected and dropped', async () => {
    const q = quiet();
    const stages: Partial<Stages> = {
      protect: (raw, opts) => ({ ...passThroughStages.protect!(raw, opts), warnings: ['relation left out: depth sum of 11470 in 2023'] }),
      audit: async (...args) => ({ ...(await passThroughStages.audit!(...args)), warnings: ['model warning for the audit'] }),
    };
    const result = await runPipeline(options(join(work, 'warned')), q.io, stages);
    expect(result.exitCode).toBe(0);
    const printed = q.lines.join('');
    expect(printed).toContain('warning: disclosure control: relation left out: depth sum of 11470 in 2023\n');
    expect(printed).toContain('warning: disclosure audit: model warning for the audit\n');
  });
});
