// `npm run bench:pipeline`: our whole pipeline against a bare DuckDB baseline (read_csv + the same
// GROUP BYs, nothing else) on synthetic input of ~20k, 200k and 2M household rows, in the forms of
// synthetic-input.ts: canonical CSV, the demo's messy CSV layouts, each also with a few bad values per file
// (under --drop-invalid), and the same rows as workbooks (reported on their own, with where their time goes).
// The baseline reads the canonical files of the same rows (DuckDB cannot read the messy ones as they are).
// Each measurement runs in its own child process so that its peak RSS (VmHWM) is its own.
//   npm run bench:pipeline [-- --sizes 20000,200000 --runs 3 --inputs canonical,messy-bad --xlsx-sizes 20000
//                             --disclosure pass-through]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { programs } from '../../src/lib/reference.ts';
import { BAD_PER_FILE, generateInput, inputCounts, INDICATORS, INPUT_KINDS, INPUT_ROOT, type InputKind } from './synthetic-input.ts';
import { xlsxToCsv } from '../pipeline/input/transcode.ts';
import { openFirstSheet } from '../pipeline/input/xlsx-stream.ts';
import { runPipeline, type Stages } from '../pipeline/run.ts';
import { passThroughStages } from '../pipeline/pass-through.ts';
import { median } from './stats.ts';

const SELF = fileURLToPath(import.meta.url);

/** The baseline: DuckDB reads the same files and runs the same GROUP BYs, nothing else. */
async function baseline(input: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE communes AS SELECT * FROM read_csv('${join(input, 'communes.csv')}')`);
  await conn.run(`CREATE TABLE households AS SELECT * FROM read_csv('${join(input, 'households', '*.csv')}', union_by_name = true)`);
  const d = INDICATORS.map((c) => `count(*) FILTER (WHERE d_${c} = 1)`).join(', ');
  const s = programs.map((p) => `count(*) FILTER (WHERE support_${p.code} = 1)`).join(', ');
  for (const sql of [
    `SELECT c.review_year, c.commune_code, any_value(c.total_households), count(h.household_id) FILTER (WHERE recorded_status = 'poor'), count(h.household_id) FILTER (WHERE recorded_status = 'near_poor') FROM communes c LEFT JOIN households h USING (review_year, commune_code) GROUP BY ALL`,
    `SELECT review_year, commune_code, recorded_status, labour_capacity, count(*) FROM households GROUP BY ALL`,
    `SELECT review_year, commune_code, recorded_status, ${d} FROM households WHERE recorded_status <> 'not_poor' GROUP BY ALL`,
    `SELECT review_year, commune_code, recorded_status, ${INDICATORS.map((c) => `d_${c}`).join(' + ')} AS depth, count(*) FROM households WHERE recorded_status <> 'not_poor' GROUP BY ALL`,
    `SELECT review_year, commune_code, ${s} FROM households WHERE recorded_status <> 'not_poor' GROUP BY ALL`,
  ]) await (await conn.runAndReadAll(sql)).getRows();
  conn.closeSync();
  instance.closeSync();
}

async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb ? kb / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** The disclosure stages cost the same at every size (they see cells, not rows): pass-through isolates the rest. */
function stagesForBench(wanted: 'real' | 'pass-through'): { stages: Partial<Stages>; disclosure: 'real' | 'pass-through' } {
  return wanted === 'real' ? { stages: {}, disclosure: 'real' } : { stages: passThroughStages, disclosure: 'pass-through' };
}

/** Where a workbook's time goes: the parse alone (the first worksheet streamed as the input stage streams it, its rows
 *  walked), then parse + CSV written (the input stage's conversion). */
async function xlsxParts(input: string): Promise<{ parse: number; convert: number }> {
  const files = (await readdir(join(input, 'households'))).filter((f) => f.endsWith('.xlsx')).map((f) => join(input, 'households', f));
  let started = performance.now();
  for (const file of files) {
    for await (const row of (await openFirstSheet(file)).rows) void row.values;
  }
  const parse = (performance.now() - started) / 1000;
  const out = await mkdtemp(join(tmpdir(), 'poverty-bench-xlsx-'));
  started = performance.now();
  for (const [i, file] of files.entries()) await xlsxToCsv(file, join(out, `${i}.csv`));
  const convert = (performance.now() - started) / 1000;
  await rm(out, { recursive: true, force: true });
  return { parse, convert };
}

type Mode = 'ours' | 'baseline' | 'xlsx-parts';

async function child(mode: Mode, kind: InputKind, rows: number, runs: number, wanted: 'real' | 'pass-through'): Promise<void> {
  // the baseline reads the canonical files of the same rows
  const input = await generateInput(rows, mode === 'baseline' ? 'canonical' : kind);
  const { invalid } = await inputCounts(input);
  const { stages, disclosure } = stagesForBench(wanted);
  // the pipeline's input stage is imported when a run first needs it (run.ts resolveStages): loaded here, before
  // the clock, as the baseline's DuckDB is, so that neither side's time holds the loading (and compiling, under tsx)
  // of its code
  if (mode === 'ours') await import('../pipeline/input/index.ts');
  const t0 = performance.now();
  // stage lines on stderr, so a long run shows where it spends its time
  // (every line of a write: the reconciliation comes as one table)
  const stderr = {
    write: (text: string) => process.stderr.write(text.replace(/^(?=.)/gm, `  [${mode} ${kind} ${rows}] +${((performance.now() - t0) / 1000).toFixed(1)}s `)),
  };
  const seconds: number[] = [];
  // CPU seconds (user + system, every thread of the process, DuckDB's too): steadier than wall time on a shared machine
  const cpuSeconds: number[] = [];
  const stageTimes: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    if (mode === 'baseline') {
      await baseline(input);
    } else if (mode === 'xlsx-parts') {
      const parts = await xlsxParts(input);
      (stageTimes.parse ??= []).push(parts.parse);
      (stageTimes.convert ??= []).push(parts.convert);
    } else {
      const out = await mkdtemp(join(tmpdir(), 'poverty-bench-out-'));
      const report = join(out, 'report.json');
      const result = await runPipeline({
        input, out: join(out, 'data'), report, dropInvalid: invalid > 0, k: 5, previous: null, linkKey: randomBytes(32),
      }, { stderr, clock: () => performance.now() }, stages);
      const dropped = JSON.parse(await readFile(report, 'utf8')).rows_dropped as number;
      await rm(out, { recursive: true, force: true });
      if (result.exitCode !== 0) throw new Error(`pipeline exited ${result.exitCode} on the ${rows}-row ${kind} bench input`);
      if (dropped !== invalid) throw new Error(`${rows}-row ${kind} bench input: ${dropped} rows dropped, ${invalid} expected`);
      for (const [stage, ms] of Object.entries(result.timings)) (stageTimes[stage] ??= []).push(ms / 1000);
    }
    seconds.push((performance.now() - started) / 1000);
    const cpu = process.cpuUsage(cpuStarted);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
  }
  process.stdout.write(`${JSON.stringify({ mode, kind, rows, seconds, cpuSeconds, stageTimes, disclosure, peakRssMb: await peakRssMb() })}\n`);
}

interface Measured { seconds: number[]; cpuSeconds: number[]; peakRssMb: number; stageTimes: Record<string, number[]>; disclosure: string }

function measure(mode: Mode, kind: InputKind, rows: number, runs: number, disclosure: string): Measured {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, kind, String(rows), String(runs), disclosure], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${mode} ${kind} at ${rows} rows failed with status ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

const LABELS: Record<InputKind, string> = {
  canonical: 'canonical CSV', 'canonical-bad': `canonical CSV + ${BAD_PER_FILE} bad/file`, messy: 'messy CSV',
  'messy-bad': `messy CSV + ${BAD_PER_FILE} bad/file`, xlsx: 'XLSX', 'xlsx-bad': `XLSX + ${BAD_PER_FILE} bad/file`,
};

async function parent(argv: string[]): Promise<void> {
  const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const sizes = (flag('--sizes') ?? '20000,200000,2000000').split(',').map(Number);
  // a 2M-row workbook set takes minutes to write and to read: workbooks are measured up to 200k rows unless asked
  const xlsxSizes = (flag('--xlsx-sizes') ?? '20000,200000').split(',').map(Number);
  const runs = Number(flag('--runs') ?? 3);
  // at 2M rows one run each unless --runs-2m says otherwise (the machine is shared; a run there takes minutes)
  const runsAt = (rows: number) => (rows >= 2_000_000 ? Number(flag('--runs-2m') ?? 1) : runs);
  const kinds = (flag('--inputs')?.split(',') ?? INPUT_KINDS) as InputKind[];
  // the disclosure stages (protect + LP audit) cost the same at every size: --disclosure pass-through isolates the rest
  const disclosure = flag('--disclosure') === 'pass-through' ? 'pass-through' : 'real';
  console.log(`pipeline benchmark: median of ${runs} runs per size (${flag('--runs-2m') ?? 1} at 2M rows), each in its own process; disclosure ${disclosure}; input under ${INPUT_ROOT}`);
  console.log('wall seconds, median [each run]; CPU = user + system seconds of the process (all its threads), median: steadier than wall time when the machine is shared');
  console.log('the baseline is DuckDB read_csv + the same GROUP BYs over the canonical files of the same rows; "vs clean" compares a file set with a few bad values (--drop-invalid) with the same files without them');
  const csvKinds = kinds.filter((k) => !k.startsWith('xlsx'));
  for (const rows of sizes) {
    if (csvKinds.length === 0) break;
    const n = runsAt(rows);
    const base = measure('baseline', 'canonical', rows, n, disclosure);
    const baseS = median(base.seconds);
    const baseCpu = median(base.cpuSeconds);
    console.log(`${String(rows).padStart(9)} rows | baseline ${baseS.toFixed(2)} s [${base.seconds.map((x) => x.toFixed(1)).join(' ')}], CPU ${baseCpu.toFixed(1)} s (${Math.round(rows / baseS).toLocaleString('en')} rows/s, peak RSS ${base.peakRssMb.toFixed(0)} MB)`);
    const clean: Partial<Record<InputKind, number>> = {};
    const cleanCpu: Partial<Record<InputKind, number>> = {};
    for (const kind of csvKinds) {
      const r = measure('ours', kind, rows, n, disclosure);
      const s = median(r.seconds);
      const cpu = median(r.cpuSeconds);
      clean[kind] = s;
      cleanCpu[kind] = cpu;
      const cleanKind = kind.replace(/-bad$/, '') as InputKind;
      const vsClean = kind.endsWith('-bad') && clean[cleanKind] ? ` | ${(s / clean[cleanKind]!).toFixed(2)}× vs clean (CPU ${(cpu / cleanCpu[cleanKind]!).toFixed(2)}×)` : '';
      const stages = Object.entries(r.stageTimes).map(([st, t]) => `${st} ${median(t).toFixed(2)}`).join(', ');
      console.log(`${' '.repeat(15)}| ${LABELS[kind].padEnd(26)} ${s.toFixed(2)} s [${r.seconds.map((x) => x.toFixed(1)).join(' ')}] (${Math.round(rows / s).toLocaleString('en')} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB)`
        + ` | ${(s / baseS).toFixed(2)}× baseline${vsClean} | CPU ${cpu.toFixed(1)} s, ${(cpu / baseCpu).toFixed(2)}× the baseline's | stages (s): ${stages}`);
    }
  }
  const xlsxKinds = kinds.filter((k) => k.startsWith('xlsx'));
  for (const rows of xlsxKinds.length ? xlsxSizes : []) {
    const n = runsAt(rows);
    const parts = measure('xlsx-parts', 'xlsx', rows, n, disclosure);
    const parse = median(parts.stageTimes.parse!);
    const convert = median(parts.stageTimes.convert!);
    for (const kind of xlsxKinds) {
      const r = measure('ours', kind, rows, n, disclosure);
      const s = median(r.seconds);
      const read = median(r.stageTimes.read ?? [0]);
      console.log(`${String(rows).padStart(9)} rows | ${LABELS[kind].padEnd(26)} ${s.toFixed(2)} s [${r.seconds.map((x) => x.toFixed(1)).join(' ')}] (${Math.round(rows / s).toLocaleString('en')} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB)`
        + ` | input stage ${read.toFixed(2)} s; measured apart: workbook parse ${parse.toFixed(2)} s, parse + CSV written (the stage's conversion) ${convert.toFixed(2)} s,`
        + ` so DuckDB load and checks ≈ ${Math.max(0, read - convert).toFixed(2)} s; the rest of the pipeline ${(s - read).toFixed(2)} s`);
    }
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1] as Mode, argv[2] as InputKind, Number(argv[3]), Number(argv[4]), argv[5] === 'pass-through' ? 'pass-through' : 'real');
else await parent(argv);
