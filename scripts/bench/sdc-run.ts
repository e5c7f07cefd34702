// One measurement of the SDC benchmark (scripts/bench/sdc.ts), in a process of its own so that its peak memory
// is its own: protect then audit, from the tree at --root (the repository for `new`, the extracted baseline for
// `baseline`), on one input at one k. Prints one JSON line (RunFigures) on stdout; progress goes to stderr.
//   node --import tsx scripts/bench/sdc-run.ts --method new --root . --input 37 --k 5 [--seed 1 --years 4 --pool 200]
//   node --import tsx scripts/bench/sdc-run.ts --method baseline --root /tmp/… --input demo --raw raw-demo.json --k 5
// --input is `demo` (then --raw names the captured RawTables JSON) or a number of units (communes) for the seeded
// fixture (support/sdc-fixture.ts). --bound also computes the lower bound on secondary cells (sdc-bound.ts). --tables original keeps only what the baseline's tables held (the four protected
// tables of before issue 13, their populations and measures), so that both methods protect the same cells; all (the
// default) is what the pipeline publishes now.
// The figures are counted with the CURRENT tree's cell model and rules, whatever tree protected, so that both
// methods are counted the same way.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { GROUP_MEASURES, type ProtectedTables, type RawTables } from '../../src/lib/contract.ts';
import { generateRawTables } from '../../support/sdc-fixture.ts';
import { yearsOfPeriod } from '../../src/lib/areas.ts';
import { FIRST_PERIOD } from '../../src/lib/geography.ts';
import { buildCellModel } from '../pipeline/sdc/build.ts';
import { PROTECTED_TABLES } from '../pipeline/sdc/cells.ts';
import { isPrimary } from '../pipeline/sdc/primary.ts';
import { suppressedIn } from '../pipeline/sdc/tables.ts';
import { secondaryLowerBound } from './sdc-bound.ts';

export interface RunFigures {
  method: string;
  input: string;
  k: number;
  units: number;
  protectedCells: number;
  hidden: number;
  primaryHidden: number;
  secondaryHidden: number;
  householdsHidden: number;
  districtCells: number;
  districtHidden: number;
  districtSecondary: number;
  /** per protected table: cells, hidden, secondary */
  perTable: Record<string, { cells: number; hidden: number; secondary: number }>;
  protectSeconds: number;
  auditSeconds: number;
  /** CPU seconds (user + system) of protect and of the audit: what a shared, loaded machine does not inflate */
  protectCpuSeconds: number;
  auditCpuSeconds: number;
  /** the threads the audit's attack ran on (the baseline: one) */
  auditThreads: number;
  /** threads protect ran on (1 for the baseline, which has none) */
  protectThreads?: number;
  auditOk: boolean;
  auditFailures: number;
  auditLpSolves: number;
  /** the attacker's LP solves during protection (its audit rounds; the change LPs are not counted) */
  protectLpSolves: number | null;
  peakRssMb: number;
  /** with --bound: the least secondary count any method can reach on these tables (sdc-bound.ts; null: not proven in time) */
  secondaryBound?: number | null;
}

type Protected = { tables: ProtectedTables; report?: { lpSolves?: number; threads?: number } };
type Protect = (raw: RawTables, opts: { k: number; log?: (line: string) => void }) => Protected | Promise<Protected>;
type Audit = (raw: RawTables, tables: ProtectedTables, opts: { k: number }) => Promise<{ ok: boolean; failures: unknown[]; lpSolves: number; threads?: number }>;

const { values } = parseArgs({
  options: {
    method: { type: 'string' }, root: { type: 'string' }, input: { type: 'string' },
    k: { type: 'string' }, raw: { type: 'string' },
    seed: { type: 'string', default: '1' }, years: { type: 'string', default: '4' }, pool: { type: 'string', default: '200' },
    tables: { type: 'string', default: 'all' },
    bound: { type: 'boolean', default: false },
  },
});
const method = required('method');
const root = resolve(required('root'));
const input = required('input');
const k = Number(required('k'));

const tablesArg = required('tables');
if (tablesArg !== 'all' && tablesArg !== 'original') throw new Error(`invalid --tables: ${tablesArg} (all or original)`);
const given: RawTables = input === 'demo'
  ? JSON.parse(readFileSync(required('raw'), 'utf8')) as RawTables
  : generateRawTables({ seed: Number(values.seed), communes: units(input), years: Number(values.years), pool: Number(values.pool) });
const raw = tablesArg === 'original' ? originalTables(given) : given;

const { protect } = await import(pathToFileURL(resolve(root, 'scripts/pipeline/protect.ts')).href) as { protect: Protect };
const { audit } = await import(pathToFileURL(resolve(root, 'scripts/pipeline/audit.ts')).href) as { audit: Audit };

const say = (line: string): void => { process.stderr.write(`  [${method} ${input} k=${k}] ${line}\n`); };
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let started = performance.now();
let cpuStarted = cpu();
const { tables, report } = await protect(raw, { k, log: (line) => say(line) });
const protectSeconds = (performance.now() - started) / 1000;
const protectCpuSeconds = cpu() - cpuStarted;
say(`protect ${protectSeconds.toFixed(1)} s`);
started = performance.now();
cpuStarted = cpu();
const audited = await audit(raw, tables, { k });
const auditSeconds = (performance.now() - started) / 1000;
const auditCpuSeconds = cpu() - cpuStarted;
say(`audit ${auditSeconds.toFixed(1)} s, ${audited.ok ? 'ok' : `FAILED (${audited.failures.length})`}`);

const model = buildCellModel(raw);
// the baseline's tables lack those added since (empty here: --tables original gives them no rows)
const complete = { ...Object.fromEntries(PROTECTED_TABLES.map((t) => [t, []])), ...tables } as ProtectedTables;
const hiddenIds = new Set(suppressedIn(complete, model));
const protectedTables = new Set<string>(PROTECTED_TABLES);
const perTable: RunFigures['perTable'] = Object.fromEntries(PROTECTED_TABLES.map((t) => [t, { cells: 0, hidden: 0, secondary: 0 }]));
const figures = { protectedCells: 0, hidden: 0, primaryHidden: 0, secondaryHidden: 0, householdsHidden: 0, districtCells: 0, districtHidden: 0, districtSecondary: 0 };
for (const cell of model.cells) {
  if (!protectedTables.has(cell.table)) continue;
  const hidden = hiddenIds.has(cell.id);
  const secondary = hidden && !isPrimary(cell, k);
  const district = cell.total && !cell.fixed;
  figures.protectedCells++;
  perTable[cell.table].cells++;
  if (district) figures.districtCells++;
  if (!hidden) continue;
  figures.hidden++;
  figures.householdsHidden += cell.value;
  perTable[cell.table].hidden++;
  if (secondary) { figures.secondaryHidden++; perTable[cell.table].secondary++; } else figures.primaryHidden++;
  if (district) { figures.districtHidden++; if (secondary) figures.districtSecondary++; }
}

// the peak memory of protect and audit, before the bound's integer program adds its own
const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
const bound = values.bound ? secondaryLowerBound(buildCellModel(raw), k) : undefined;
if (bound) say(`lower bound on secondary cells: ${bound.bound ?? 'not proven'} (${bound.seconds.toFixed(1)} s)`);

const result: RunFigures = {
  method, input, k,
  // units = communes: every area below the district total
  units: new Set(raw.poverty.filter((p) => p.area_level !== 'district').map((p) => p.area_code)).size,
  ...figures,
  perTable,
  protectSeconds, auditSeconds, protectCpuSeconds, auditCpuSeconds, auditThreads: audited.threads ?? 1, protectThreads: report?.threads ?? 1,
  auditOk: audited.ok, auditFailures: audited.failures.length, auditLpSolves: audited.lpSolves,
  protectLpSolves: report?.lpSolves ?? null,
  peakRssMb,
  ...(bound ? { secondaryBound: bound.bound } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);

/**
 * The tables as the baseline knew them: no table of issue 13, no newly escaped population, the nine first group
 * measures, and only the reviews of the district's own period (2021–2024): the baseline's model predates the
 * 2025 re-coding of the units and refuses the demo's 2025 movements (a re-coded unit's poor(t) is not its own
 * poor(t−1) moved on).
 */
function originalTables(raw: RawTables): RawTables {
  const measures = new Set<string>(GROUP_MEASURES.slice(0, GROUP_MEASURES.indexOf('newly_escaped')));
  const known = <T extends { review_year: number }>(rows: T[]): T[] => rows.filter((r) => yearsOfPeriod([r.review_year], FIRST_PERIOD).length > 0);
  return {
    ...raw,
    poverty: known(raw.poverty),
    poverty_groups: known(raw.poverty_groups).filter((r) => measures.has(r.measure)),
    deprivation: known(raw.deprivation).filter((r) => r.population === 'poor' || r.population === 'near_poor'),
    deprivation_depth: known(raw.deprivation_depth),
    support: known(raw.support),
    deprivation_dimension: [], support_received: [], exit_outcomes: [], what_if: [],
  };
}

function required(name: Exclude<keyof typeof values, 'bound'>): string {
  const value = values[name];
  if (value === undefined || value === '') throw new Error(`missing --${name}`);
  return value;
}

function units(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid --input: ${text} (demo or a number of units)`);
  return n;
}
