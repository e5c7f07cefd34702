// The pipeline across the 2025 reorganisation, on a hand-worked fixture written by this test: review years 2023 and
// 2024 on the 37 units of 2019–2024, review 2025 on the 8 units of 2025-07. Every expected figure below was worked
// out by hand from the household tracks (and the crosswalk of ../shared/reference), not by the code under test.
//
// Household tracks (recorded status; — = not assessed; 2025 unit and how it links to 2024):
//
// | id (2024 unit)         | 2023      | 2024      | 2025                                   | 2025 movement                                   |
// |------------------------|-----------|-----------|----------------------------------------|-------------------------------------------------|
// | MD-01 (11473 Minh Đức) | poor      | poor      | not_poor, 11473, crosswalk             | escaped @11473                                  |
// | MD-02 (11473)          | —         | poor      | poor as BD-100, 11473, previous ref    | stays                                           |
// | MD-03 (11473)          | poor      | not_poor  | poor, 11473, crosswalk                 | fell_back @11473 (poor in 2023)                 |
// | X-07 (11473)           | —         | poor      | — (see below)                          | exited_other @11473                             |
// | X-07 (11539 Ngũ Lão)   | —         | poor      | —                                      | exited_other @11473 (attributed)                |
// | X-07 (2025, 11473)     |           |           | poor, ambiguous: X-07 in 11473 + 11539 | newly_poor @11473                               |
// | NL-01 (11539)          | poor      | poor      | —                                      | exited_other @11473                             |
// | LK-01 (11485 Liên Khê) | near_poor | poor      | not_poor, 11503 Việt Khê, crosswalk    | escaped @11503                                  |
// | LK-02 (11485)          | —         | poor      | —                                      | exited_other @11488 (Liên Khê's attributed)     |
// | LX-900 (2025, 11488)   |           |           | poor, previous ref 11485/LK-99: none   | dangling; newly_poor @11488                     |
// | ND-01 (11470 Núi Đèo)  | poor      | poor      | poor, 11560, previous ref (same id)    | stays                                           |
// | ND-02 (11470)          | —         | poor      | poor, 11542 (not a successor), prev ref| exited_other @11560; fell_back @11542           |
// | PL-01 (11542 Phục Lễ)  | —         | near_poor | poor, 11542, crosswalk                 | newly_poor @11542                               |
// | TN-50, TN-51 (2025)    |           |           | poor / not_poor, 11560, no candidate   | TN-50 newly_poor @11560                         |
//
// Poor: 2023 4 (11473: 2, 11539: 1, 11470: 1); 2024 9 (11473: 3, 11539: 2, 11485: 2, 11470: 2); 2025 8 (11473: 3,
// 11488: 1, 11542: 2, 11560: 2). 2024 (same units): 11473 escaped 1 (MD-03) newly_poor 2 (MD-02, X-07); 11539
// newly_poor 1; 11485 newly_poor 2; 11470 newly_poor 1; territory 4 − 1 − 0 + 6 + 0 = 9.
// 2025: territory 9 − 2 − 5 + 4 + 2 = 8; Bạch Đằng (whole union of 11473, 11494, 11497, 11500, 11539):
// 3 + 2 − 1 − 3 + 1 + 1 = 3; Nam Triệu (11542, 11545, 11548, 11551): 0 − 0 − 0 + 1 + 1 = 2.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineOptions, type Stages } from '../scripts/pipeline/run.ts';
import { passThroughStages } from '../scripts/pipeline/pass-through.ts';
import { loadInput } from '../scripts/pipeline/input/index.ts';
import { fastPathStats } from '../scripts/pipeline/input/fast.ts';
import { buildCellModel } from '../scripts/pipeline/sdc/build.ts';
import { audit } from '../scripts/pipeline/audit.ts';
import { suppressedIn } from '../scripts/pipeline/sdc/tables.ts';
import type { RawTables } from '../src/lib/contract.ts';
import { standards } from '../src/lib/reference.ts';
import { snapshot } from './lib/snapshot.ts';

const LINK_KEY = Buffer.from('reorganisation fixture link key');
const UNITS_2019 = ['11470', '11473', '11476', '11479', '11482', '11485', '11488', '11491', '11494', '11497', '11500', '11503', '11506',
  '11509', '11512', '11515', '11518', '11521', '11524', '11527', '11530', '11533', '11536', '11539', '11542', '11545', '11548', '11551',
  '11554', '11557', '11560', '11563', '11566', '11569', '11572', '11575', '11578'];
const UNITS_2025 = ['11473', '11488', '11503', '11506', '11533', '11542', '11557', '11560'];
const INDICATORS = standards.find((s) => s.code === '2022-2025')!.indicators.map((i) => `d_${i.code}`);
/** The indicator columns of the standard in force for a review year (2027–2030 from review 2026). */
const indicatorColumns = (year: number) => standards.find((s) => year >= s.first_review_year && year <= s.last_review_year)!.indicators.map((i) => `d_${i.code}`);
const HEADER = ['review_year', 'commune_code', 'household_id', 'previous_commune_code', 'previous_household_id', 'members', 'area',
  'income_per_capita', 'labour_capacity', ...INDICATORS, 'recorded_status'];

type Status = 'poor' | 'near_poor' | 'not_poor';
/** [year, unit, id, status, previous commune, previous id] */
type Track = [number, string, string, Status, string?, string?];
const TRACKS: Track[] = [
  [2023, '11473', 'MD-01', 'poor'], [2023, '11473', 'MD-03', 'poor'], [2023, '11539', 'NL-01', 'poor'],
  [2023, '11485', 'LK-01', 'near_poor'], [2023, '11470', 'ND-01', 'poor'],
  [2024, '11473', 'MD-01', 'poor'], [2024, '11473', 'MD-02', 'poor'], [2024, '11473', 'MD-03', 'not_poor'],
  [2024, '11473', 'X-07', 'poor'], [2024, '11539', 'X-07', 'poor'], [2024, '11539', 'NL-01', 'poor'],
  [2024, '11485', 'LK-01', 'poor'], [2024, '11485', 'LK-02', 'poor'], [2024, '11470', 'ND-01', 'poor'],
  [2024, '11470', 'ND-02', 'poor'], [2024, '11542', 'PL-01', 'near_poor'],
  [2025, '11473', 'MD-01', 'not_poor'], [2025, '11473', 'BD-100', 'poor', '11473', 'MD-02'], [2025, '11473', 'MD-03', 'poor'],
  [2025, '11473', 'X-07', 'poor'], [2025, '11503', 'LK-01', 'not_poor'], [2025, '11488', 'LX-900', 'poor', '11485', 'LK-99'],
  [2025, '11560', 'ND-01', 'poor', '11470'], [2025, '11542', 'ND-02', 'poor', '11470'], [2025, '11560', 'TN-50', 'poor'],
  [2025, '11542', 'PL-01', 'poor'], [2025, '11560', 'TN-51', 'not_poor'],
];

/** A row whose recorded status agrees with the rule (poor: income under both lines and 3 deprivations). */
function row([year, unit, id, status, previousCommune, previousId]: Track, indicators = INDICATORS): string {
  const income = status === 'not_poor' ? 5_000_000 : 1_000_000;
  const deprived = status === 'poor' ? 3 : status === 'near_poor' ? 1 : 0;
  return [year, unit, id, previousCommune ?? '', previousId ?? '', 3, 'rural', income, 'yes',
    ...indicators.map((_, i) => (i < deprived ? 1 : 0)), status].join(',');
}

async function writeInput(dir: string, tracks: Track[] = TRACKS): Promise<void> {
  await mkdir(join(dir, 'households'), { recursive: true });
  const years = [...new Set(tracks.map((t) => t[0]))].sort();
  const communes = ['review_year,commune_code,total_households',
    ...years.flatMap((y) => (y <= 2024 ? UNITS_2019.map((c) => `${y},${c},20`) : UNITS_2025.map((c) => `${y},${c},100`)))];
  await writeFile(join(dir, 'communes.csv'), `${communes.join('\n')}\n`);
  for (const year of years) {
    const indicators = indicatorColumns(year);
    const header = [...HEADER.slice(0, HEADER.indexOf(INDICATORS[0]!)), ...indicators, 'recorded_status'];
    await writeFile(join(dir, 'households', `${year}.csv`), `${[header.join(','), ...tracks.filter((t) => t[0] === year).map((t) => row(t, indicators))].join('\n')}\n`);
  }
}

const quiet = () => {
  const lines: string[] = [];
  return { io: { stderr: { write: (t: string) => lines.push(t) }, clock: () => 0 }, lines };
};

async function readParquet(dir: string, table: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const rows = (await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(dir, `${table}.parquet`)}')`)).getRowObjectsJS() as Record<string, unknown>[];
  conn.closeSync();
  instance.closeSync();
  return rows;
}


let work: string;
let input: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pipeline-reorg-'));
  input = join(work, 'input');
  await writeInput(input);
});
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

function options(out: string, extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { input, out, report: join(work, `report-${randomBytes(4).toString('hex')}.json`), dropInvalid: false, k: 3, previous: null, linkKey: LINK_KEY, ...extra };
}

describe('movements across the reorganisation, worked by hand', () => {
  let out: string;
  let lines: string[];
  let report: Record<string, unknown>;
  let raw: RawTables;
  let groups: Record<string, unknown>[];
  beforeAll(async () => {
    out = join(work, 'out');
    const q = quiet();
    lines = q.lines;
    const opts = options(out);
    // the pass-through publishes every cell, so the true figures can be compared; it also keeps the raw tables
    const stages: Partial<Stages> = { ...passThroughStages, protect: (r, o) => { raw = r; return passThroughStages.protect!(r, o); } };
    const result = await runPipeline(opts, q.io, stages);
    expect(result.exitCode, lines.join('')).toBe(0);
    report = JSON.parse(await readFile(opts.report!, 'utf8'));
    groups = await readParquet(out, 'poverty_groups');
  });

  const cell = (year: number, area: string, measure: string) =>
    groups.find((r) => r.review_year === year && r.area_code === area && r.measure === measure);
  const movements = (year: number, area: string) =>
    Object.fromEntries(['escaped', 'exited_other', 'newly_poor', 'fell_back'].map((m) => [m, cell(year, area, m)?.households]));

  it('publishes the movements of 2025 on the new units', () => {
    expect(movements(2025, '311')).toEqual({ escaped: 2, exited_other: 5, newly_poor: 4, fell_back: 2 });
    expect(movements(2025, '11473')).toEqual({ escaped: 1, exited_other: 3, newly_poor: 1, fell_back: 1 });
    expect(movements(2025, '11488')).toEqual({ escaped: 0, exited_other: 1, newly_poor: 1, fell_back: 0 });
    expect(movements(2025, '11503')).toEqual({ escaped: 1, exited_other: 0, newly_poor: 0, fell_back: 0 });
    expect(movements(2025, '11542')).toEqual({ escaped: 0, exited_other: 0, newly_poor: 1, fell_back: 1 });
    expect(movements(2025, '11560')).toEqual({ escaped: 0, exited_other: 1, newly_poor: 1, fell_back: 0 });
    for (const unit of ['11506', '11533', '11557']) expect(movements(2025, unit)).toEqual({ escaped: 0, exited_other: 0, newly_poor: 0, fell_back: 0 });
    // 2025 has rows for its own units only (no row of a retired code)
    expect(new Set(groups.filter((r) => r.review_year === 2025).map((r) => r.area_code))).toEqual(new Set(['311', ...UNITS_2025]));
  });

  it('publishes the movements of 2024 as before the reorganisation', () => {
    expect(movements(2024, '311')).toEqual({ escaped: 1, exited_other: 0, newly_poor: 6, fell_back: 0 });
    expect(movements(2024, '11473')).toEqual({ escaped: 1, exited_other: 0, newly_poor: 2, fell_back: 0 });
    expect(movements(2024, '11539')).toEqual({ escaped: 0, exited_other: 0, newly_poor: 1, fell_back: 0 });
    expect(movements(2024, '11485')).toEqual({ escaped: 0, exited_other: 0, newly_poor: 2, fell_back: 0 });
    expect(movements(2024, '11470')).toEqual({ escaped: 0, exited_other: 0, newly_poor: 1, fell_back: 0 });
  });

  it('says partial where a household could not be linked, complete elsewhere, nothing for other measures', () => {
    const linkage = (year: number) => Object.fromEntries(groups.filter((r) => r.review_year === year && r.measure === 'escaped')
      .map((r) => [r.area_code, r.linkage]));
    expect(linkage(2025)).toEqual({
      311: 'partial', 11473: 'partial', 11488: 'partial',
      11503: 'complete', 11506: 'complete', 11533: 'complete', 11542: 'complete', 11557: 'complete', 11560: 'complete',
    });
    expect(new Set(Object.values(linkage(2024)))).toEqual(new Set(['complete']));
    for (const m of ['exited_other', 'newly_poor', 'fell_back']) expect(cell(2025, '11473', m)?.linkage).toBe('partial');
    expect(cell(2025, '11473', 'poor_no_labour')?.linkage).toBeNull();
  });

  it('follows escaped households across the re-coding: newly escaped and exit outcomes', () => {
    const newly = (year: number) => Object.fromEntries(raw.poverty_groups.filter((r) => r.review_year === year && r.measure === 'newly_escaped' && r.households > 0)
      .map((r) => [r.area_code, [r.households, r.linkage]]));
    // 2024: MD-03 escaped in Minh Đức; 2025: MD-01 (Bạch Đằng, crosswalk) and LK-01 (Việt Khê, crosswalk) — MD-03 is poor
    // again; all partial: the window reaches before review 2023, the first of the data
    expect(newly(2024)).toEqual({ 311: [1, 'partial'], 11473: [1, 'partial'] });
    expect(newly(2025)).toEqual({ 311: [2, 'partial'], 11473: [1, 'partial'], 11503: [1, 'partial'] });
    // the 2024 cohort (MD-03, Minh Đức) one review later, found through the crosswalk in Bạch Đằng: poor again;
    // partial, since review 2025 left households unlinked
    const outcomes = (area: string) => Object.fromEntries(raw.exit_outcomes.filter((r) => r.review_year === 2024 && r.area_code === area)
      .map((r) => [`${r.years_after} ${r.outcome}`, [r.households, r.linkage]]));
    expect(outcomes('11473')).toEqual({
      '1 poor': [1, 'partial'], '1 near_poor': [0, 'partial'], '1 not_poor': [0, 'partial'], '1 not_assessed': [0, 'partial'],
    });
    expect(outcomes('311')).toEqual(outcomes('11473'));
    expect(raw.exit_outcomes.filter((r) => r.review_year === 2025)).toEqual([]);
  });

  it('reports how each new unit was linked, the ambiguous case counted and not guessed', () => {
    const units = Object.fromEntries((report.linkage as { review_year: number; units: { code: string }[] }[])
      .find((y) => y.review_year === 2025)!.units.map(({ code, ...counts }) => [code, counts]));
    const none = { previous: 0, crosswalk: 0, ambiguous: 0, dangling: 0, new: 0 };
    expect(units).toEqual({
      11473: { ...none, previous: 1, crosswalk: 2, ambiguous: 1 },
      11488: { ...none, dangling: 1 },
      11503: { ...none, crosswalk: 1 },
      11506: none, 11533: none, 11557: none,
      11542: { ...none, previous: 1, crosswalk: 1 },
      11560: { ...none, previous: 1, new: 2 },
    });
    expect((report.linkage as unknown[]).length).toBe(1);
    expect(lines.join('')).toContain('linking review 2025 to 2024 across the change of units: 3 by previous reference, 4 by crosswalk, '
      + '1 ambiguous (not linked), 1 with a previous reference that names no household, 2 not linked (new)');
  });

  it('flags the reused codes of 2025 in the report and once on stderr', () => {
    const reused = report.reused_codes as { review_year: number; codes: { code: string; name_vi: string; before: { name_vi: string; valid_from: string }[] }[] }[];
    expect(reused.map((r) => r.review_year)).toEqual([2025]);
    // all eight codes of 2025-07 named units of 2019–2024 (the reference README)
    expect(reused[0]!.codes.map((c) => c.code)).toEqual(UNITS_2025);
    expect(reused[0]!.codes[0]).toEqual({
      code: '11473', name_vi: 'Phường Bạch Đằng',
      before: [
        { valid_from: '2019-12-01', valid_to: '2024-12-31', name_vi: 'Thị trấn Minh Đức' },
        { valid_from: '2025-01-01', valid_to: '2025-06-30', name_vi: 'Phường Minh Đức' },
      ],
    });
    const notes = lines.join('').split('\n').filter((l) => l.startsWith('note: review year'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('11473 Phường Bạch Đằng (before: Thị trấn Minh Đức, Phường Minh Đức)');
  });

  it('publishes the territory as the sum of the year\'s units, every year', async () => {
    const poverty = await readParquet(out, 'poverty');
    for (const year of [2023, 2024, 2025]) {
      const units = poverty.filter((r) => r.review_year === year && r.area_level === 'commune');
      expect(units.map((r) => r.area_code).sort()).toEqual(year === 2025 ? UNITS_2025 : UNITS_2019);
      const top = poverty.find((r) => r.review_year === year && r.area_code === '311')!;
      for (const column of ['total_households', 'poor', 'near_poor']) {
        expect(top[column]).toBe(units.reduce((s, r) => s + Number(r[column]), 0));
      }
    }
    const poor = (year: number) => poverty.find((r) => r.review_year === year && r.area_code === '311')!.poor;
    expect([poor(2023), poor(2024), poor(2025)]).toEqual([4, 9, 8]);
    expect(poverty.find((r) => r.review_year === 2025 && r.area_code === '311')!.total_households).toBe(800);
  });

  it('writes the identity across 2025 for the territory and the whole unions only, with the predecessors summed', () => {
    const model = buildCellModel(raw);
    const keyOf = (id: number) => model.cells[id]!.key;
    const identity = (geo: string) => model.relations.find((r) => r.name === `${geo}: poor(t) = poor(t−1) − escaped − exited_other + newly_poor + fell_back`);
    const previous = (geo: string) => identity(geo)!.cells.map(keyOf).filter((k) => k.startsWith('2024/')).sort();
    expect(previous('2025/311')).toEqual(['2024/311/poor']);
    expect(previous('2025/11473')).toEqual(['11473', '11494', '11497', '11500', '11539'].map((c) => `2024/${c}/poor`));
    expect(previous('2025/11542')).toEqual(['11542', '11545', '11548', '11551'].map((c) => `2024/${c}/poor`));
    for (const unit of ['11488', '11503', '11506', '11533', '11557', '11560']) expect(identity(`2025/${unit}`)).toBeUndefined();
    // unchanged units keep their own identity
    expect(identity('2024/11473')!.cells.map(keyOf).filter((k) => k.startsWith('2023/'))).toEqual(['2023/11473/poor']);
  });

  /** What the audit (the attacker's LP over every relation) allows for some hidden 2025 cells, the rest shown. */
  async function intervalsHiding(measure: string, areas: string[]): Promise<Record<string, [number, number] | undefined>> {
    const tables = (await passThroughStages.protect!(raw, { k: 3 })).tables;
    tables.poverty_groups = tables.poverty_groups.map((r) => r.review_year === 2025 && r.measure === measure && areas.includes(r.area_code)
      ? { ...r, households: null, status: 'suppressed' as const } : r);
    const result = await audit(raw, tables, { k: 3 });
    return Object.fromEntries(areas.map((a) => [a, result.intervals!.get(`poverty_groups|2025/${a}/${measure}`)]));
  }

  it('keeps a previous release\'s pattern when review 2025 is added (--previous): cells keyed by year and code', async () => {
    // a release of 2023–2024 that hid Minh Đức's escaped of 2024; code 11473 names Bạch Đằng in 2025
    const before = (await passThroughStages.protect!({ ...raw, poverty_groups: raw.poverty_groups.filter((r) => r.review_year <= 2024) }, { k: 3 })).tables;
    before.poverty_groups = before.poverty_groups.map((r) => r.review_year === 2024 && r.area_code === '11473' && r.measure === 'escaped'
      ? { ...r, households: null, status: 'suppressed' as const } : r);
    const model = buildCellModel(raw);
    expect(suppressedIn(before, model).map((id) => `${model.cells[id]!.table}|${model.cells[id]!.key}`)).toEqual(['poverty_groups|2024/11473/escaped']);
  });

  it('lets the audit use the identity of a whole union across the change of units', async () => {
    // hidden: escaped of the territory, Bạch Đằng and Việt Khê. The territory's identity gives 2; Bạch Đằng's
    // (its predecessors' 5 poor of 2024) gives 1; the sum over the units leaves 1 for Việt Khê
    expect(await intervalsHiding('escaped', ['311', '11473', '11503'])).toEqual({ 311: [2, 2], 11473: [1, 1], 11503: [1, 1] });
  });

  it('claims no identity for a unit that shares a split predecessor', async () => {
    // hidden: exited_other of the territory (5 by its identity), Lưu Kiếm and Thủy Nguyên (2 between them, Bạch
    // Đằng's 3 shown); no identity for either, and each is bounded by its predecessors' 2 poor of 2024
    expect(await intervalsHiding('exited_other', ['311', '11488', '11560'])).toEqual({ 311: [5, 5], 11488: [0, 2], 11560: [0, 2] });
  });
});

describe('review 2026 on the same units as 2025', () => {
  // 2026 in Bạch Đằng: MD-01 (not poor in 2025, its lineage poor in 2023–2024 through the crosswalk) falls back;
  // X-07 (poor in 2025, ambiguous then) stays; BD-100 escapes; MD-03 stays. Z-1 was poor in Minh Đức in 2024, not
  // assessed in 2025: the Bạch Đằng household Z-1 of 2026 shares its pseudonym (code 11473 reused) but not its
  // lineage, so it is newly poor, not fallen back. 2026: 3 − 1 − 0 + 1 + 1 = 4 poor.
  const TRACKS_2026: Track[] = [
    [2024, '11473', 'Z-1', 'poor'],
    [2026, '11473', 'MD-01', 'poor'], [2026, '11473', 'X-07', 'poor'], [2026, '11473', 'BD-100', 'not_poor'],
    [2026, '11473', 'MD-03', 'poor'], [2026, '11473', 'Z-1', 'poor'],
  ];
  let groups: Record<string, unknown>[];
  let lines: string[];
  beforeAll(async () => {
    const dir = join(work, 'input-2026');
    await writeInput(dir, [...TRACKS, ...TRACKS_2026]);
    const out = join(work, 'out-2026');
    const q = quiet();
    lines = q.lines;
    expect((await runPipeline(options(out, { input: dir }), q.io, passThroughStages)).exitCode, q.lines.join('')).toBe(0);
    groups = await readParquet(out, 'poverty_groups');
    exits = await readParquet(out, 'exit_outcomes');
  });
  let exits: Record<string, unknown>[];

  it('counts newly escaped in 2026, partial only where review 2025 left households of the unit unlinked', () => {
    const cell = (area: string) => groups.find((r) => r.review_year === 2026 && r.area_code === area && r.measure === 'newly_escaped');
    // BD-100 escapes at 2026 in Bạch Đằng; MD-01 (escaped 2025) is poor again. The window 2024–2026 is in the data, but
    // review 2025 left X-07 (Bạch Đằng, ambiguous) and LX-900 (Lưu Kiếm, dangling) unlinked
    expect([cell('11473')?.households, cell('11473')?.linkage]).toEqual([1, 'partial']);
    expect([cell('11488')?.households, cell('11488')?.linkage]).toEqual([0, 'partial']);
    expect([cell('11503')?.households, cell('11503')?.linkage]).toEqual([0, 'complete']);
    expect([cell('311')?.households, cell('311')?.linkage]).toEqual([1, 'partial']);
  });

  it('follows the exit cohorts of 2024 and 2025 into 2026', () => {
    const outcome = (year: number, area: string, after: number) => Object.fromEntries(exits
      .filter((r) => r.review_year === year && r.area_code === area && r.years_after === after && Number(r.households) > 0)
      .map((r) => [r.outcome, [r.households, r.linkage]]));
    // MD-03 (escaped 2024, Minh Đức): poor in 2025 and in 2026; the window crosses review 2025: partial
    expect(outcome(2024, '11473', 2)).toEqual({ poor: [1, 'partial'] });
    // MD-01 (escaped 2025, Bạch Đằng) falls back in 2026; LK-01 (Việt Khê) is not assessed in 2026; 2026 linked fully
    expect(outcome(2025, '11473', 1)).toEqual({ poor: [1, 'complete'] });
    expect(outcome(2025, '11503', 1)).toEqual({ not_assessed: [1, 'complete'] });
    expect(outcome(2025, '311', 1)).toEqual({ poor: [1, 'complete'], not_assessed: [1, 'complete'] });
  });

  it('links 2026 to 2025 by household key, with lineages that cross the change of units', () => {
    const of = (area: string) => Object.fromEntries(groups.filter((r) => r.review_year === 2026 && r.area_code === area
      && ['escaped', 'exited_other', 'newly_poor', 'fell_back'].includes(String(r.measure))).map((r) => [r.measure, [r.households, r.linkage]]));
    expect(of('11473')).toEqual({ escaped: [1, 'complete'], exited_other: [0, 'complete'], newly_poor: [1, 'complete'], fell_back: [1, 'complete'] });
    // the other 2025 poor were not assessed in 2026: LX-900 (Lưu Kiếm), ND-01 and TN-50 (Thủy Nguyên), ND-02 and PL-01 (Nam Triệu)
    expect(of('311')).toEqual({ escaped: [1, 'complete'], exited_other: [5, 'complete'], newly_poor: [1, 'complete'], fell_back: [1, 'complete'] });
    // only the change of units is reported
    expect(lines.join('').match(/linking review \d+/g)).toEqual(['linking review 2025']);
  });
});

describe('reference tables across periods', () => {
  let out: string;
  beforeAll(async () => {
    out = join(work, 'tables');
    const q = quiet();
    expect((await runPipeline(options(out), q.io, passThroughStages)).exitCode, q.lines.join('')).toBe(0);
  });

  it('publishes every unit of every period and the territory once per period', async () => {
    const areas = await readParquet(out, 'areas');
    expect(areas).toHaveLength(37 + 21 + 8 + 3);
    const top = areas.filter((r) => r.area_code === '311').map(({ name_vi, unit_type, valid_from, valid_to, parent_code, area_level }) => ({ name_vi, unit_type, valid_from, valid_to, parent_code, area_level }));
    expect(top).toEqual([
      { name_vi: 'Huyện Thủy Nguyên', unit_type: 'district', valid_from: '2019-12-01', valid_to: '2024-12-31', parent_code: null, area_level: 'district' },
      { name_vi: 'Thành phố Thủy Nguyên', unit_type: 'city', valid_from: '2025-01-01', valid_to: '2025-06-30', parent_code: null, area_level: 'district' },
      { name_vi: 'Tám phường, xã của Thủy Nguyên cũ', unit_type: 'former_district', valid_from: '2025-07-01', valid_to: null, parent_code: null, area_level: 'district' },
    ]);
    // a reused code: three territories, three rows
    expect(areas.filter((r) => r.area_code === '11473').map((r) => `${r.valid_from} ${r.name_vi} ${r.unit_type}`)).toEqual([
      '2019-12-01 Thị trấn Minh Đức town', '2025-01-01 Phường Minh Đức ward', '2025-07-01 Phường Bạch Đằng ward',
    ]);
    expect(areas.filter((r) => r.valid_from === '2025-07-01' && r.area_level === 'commune').map((r) => r.area_code).sort()).toEqual(UNITS_2025);
    expect(new Set(areas.filter((r) => r.area_level === 'commune').map((r) => r.parent_code))).toEqual(new Set(['311']));
    expect(new Set(areas.map((r) => `${r.area_code}|${r.valid_from}`)).size).toBe(areas.length);
  });

  it('publishes the crosswalks as area_changes', async () => {
    const changes = await readParquet(out, 'area_changes');
    expect(changes).toHaveLength(64);
    expect(changes.filter((r) => r.from_valid_from === '2019-12-01')).toHaveLength(37);
    expect(changes.filter((r) => r.from_valid_from === '2025-01-01' && r.to_valid_from === '2025-07-01')).toHaveLength(27);
    // Núi Đèo went whole into Thủy Đường (2025-01), which went whole into Thủy Nguyên (2025-07)
    expect(changes.filter((r) => r.from_code === '11470')).toEqual([
      { from_code: '11470', from_valid_from: '2019-12-01', to_code: '11560', to_valid_from: '2025-01-01', kind: 'full', evidence: 'stated' },
    ]);
    expect(changes.filter((r) => r.from_code === '11485' && r.from_valid_from === '2025-01-01').map((r) => `${r.to_code} ${r.kind}`))
      .toEqual(['11488 partial', '11503 partial']);
    const csv = await readFile(join(out, 'area_changes.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFfrom_code,from_valid_from,to_code,to_valid_from,kind,evidence');
    const pkg = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.find((r: { name: string }) => r.name === 'area_changes').rows).toBe(64);
    expect(pkg.resources.find((r: { name: string }) => r.name === 'areas').schema.primaryKey).toEqual(['area_code', 'valid_from']);
  });
});

describe('refusals', () => {
  it('refuses a retired code in a 2025 row, naming what it became, and leaves --out untouched', async () => {
    const dir = join(work, 'retired');
    await writeInput(dir, [...TRACKS, [2025, '11470', 'ND-09', 'not_poor']]);
    const out = join(work, 'retired-out');
    await mkdir(out);
    await writeFile(join(out, 'marker.txt'), 'before');
    const before = await snapshot(out);
    const q = quiet();
    const opts = options(out, { input: dir });
    const result = await runPipeline(opts, q.io, passThroughStages);
    expect(result.exitCode).toBe(1);
    expect(await snapshot(out)).toEqual(before);
    const report = JSON.parse(await readFile(opts.report!, 'utf8'));
    expect(report.status).toBe('refused');
    expect(report.errors).toEqual([{
      severity: 'error', file: 'households/2025.csv', line: 13, column: 'commune_code', refuses: false, value: '11470',
      reason: 'not a unit of the geography of review year 2025: 11470 Thị trấn Núi Đèo: from 2025-07-01 part of 11560 Phường Thủy Nguyên',
    }]);
    expect(q.lines.join('')).toContain('error: households/2025.csv line 13, column commune_code: not a unit of the geography of review year 2025: '
      + '11470 Thị trấn Núi Đèo: from 2025-07-01 part of 11560 Phường Thủy Nguyên: "11470"');
  });

  it('refuses a 2025 communes.csv row of a retired code, and a split one names both successors', async () => {
    const dir = join(work, 'retired-communes');
    await writeInput(dir);
    await writeFile(join(dir, 'communes.csv'), `${await readFile(join(dir, 'communes.csv'), 'utf8')}2025,11485,30\n`);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const result = await loadInput(conn, { inputDir: dir, linkKey: LINK_KEY, dropInvalid: true });
    expect(result.refused).toBe(true);
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([[84, 'not a unit of the geography of review year 2025: '
      + '11485 Xã Liên Khê: from 2025-07-01 split between 11488 Phường Lưu Kiếm and 11503 Xã Việt Khê']]);
  });

  it('checks previous references against the review before, and masks the previous household id', async () => {
    const dir = join(work, 'previous');
    await writeInput(dir, [...TRACKS,
      [2025, '11560', 'TN-60', 'not_poor', '11560'], // 11560 Thủy Đường was a unit of 2024: accepted
      [2025, '11560', 'TN-61', 'not_poor', '99999'],
      [2025, '11560', 'TN-62', 'not_poor', '11473x'],
      [2025, '11560', 'TN-63', 'not_poor', '', 'SECRET-PREV-ID']]);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const result = await loadInput(conn, { inputDir: dir, linkKey: LINK_KEY, dropInvalid: true });
    expect(result.errors.map((e) => `${e.line} ${e.column} ${e.reason} ${e.value}`)).toEqual([
      '15 previous_commune_code not a 5-digit commune code 11473x',
      '16 previous_household_id given without previous_commune_code ***',
      '14 previous_commune_code not a unit of the geography of review year 2024 (Thủy Nguyên 2019–2024), the review before 2025 99999',
    ].sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0])));
    expect(JSON.stringify(result)).not.toContain('SECRET-PREV-ID');
    expect(result.rowsLoaded).toBe(TRACKS.length + 1);
  });
});

describe('the pseudonyms of a previous reference', () => {
  // the pseudonym the pipeline holds: the first 128 bits of the HMAC-SHA-256, as node:crypto computes it
  const hmac = (text: string) => BigInt(`0x${createHmac('sha256', LINK_KEY).update(text).digest('hex').slice(0, 32)}`);

  it.each([[false], [true]])('are the same on the fast and the exact path (exact only: %s)', async (exactOnly) => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const fastBefore = fastPathStats.files;
    const result = await loadInput(conn, { inputDir: input, linkKey: LINK_KEY, dropInvalid: false, exactOnly });
    expect(result.errors).toEqual([]);
    expect(fastPathStats.files - fastBefore).toBe(exactOnly ? 0 : 3);
    const rows = (await conn.runAndReadAll(`SELECT review_year, commune_code, household_key, previous_commune_code, previous_key, id_key
      FROM households ORDER BY review_year, source_line`)).getRowObjectsJS();
    const byTrack = TRACKS.map(([year, unit, id, , previousCommune, previousId]) => ({
      review_year: year, commune_code: unit, household_key: hmac(`${unit}:${id}`),
      previous_commune_code: previousCommune ?? null,
      previous_key: previousCommune ? hmac(`${previousCommune}:${previousId ?? id}`) : null,
      // only the years either side of the change of units need the bare id
      id_key: year === 2023 ? null : hmac(id),
    }));
    expect(rows).toEqual(byTrack.sort((a, b) => a.review_year - b.review_year));
    // BD-100's previous reference is MD-02's key of 2024
    expect(byTrack.find((r) => r.household_key === hmac('11473:BD-100'))!.previous_key).toBe(hmac('11473:MD-02'));
  });
});
