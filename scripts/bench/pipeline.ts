// `npm run bench:pipeline`: our whole pipeline against a bare DuckDB baseline (read_csv + the same
// GROUP BYs, nothing else) on synthetic input of ~20k, 200k and 2M household rows. Each measurement
// runs in its own child process so that its peak RSS (VmHWM) is its own.
//   npm run bench:pipeline [-- --sizes 20000,200000 --runs 3]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { programs } from '../../src/lib/reference.ts';
import { generateInput, INDICATORS, INPUT_ROOT } from './synthetic-input.ts';
import { runPipeline, type Stages } from '../pipeline/run.ts';
import { passThroughStages } from '../pipeline/pass-through.ts';

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

async function child(mode: 'ours' | 'baseline', rows: number, runs: number, wanted: 'real' | 'pass-through'): Promise<void> {
  const input = await generateInput(rows);
  const { stages, disclosure } = stagesForBench(wanted);
  const t0 = performance.now();
  // stage lines on stderr, so a long run shows where it spends its time
  const stderr = { write: (text: string) => process.stderr.write(`  [${mode} ${rows}] +${((performance.now() - t0) / 1000).toFixed(1)}s ${text}`) };
  const seconds: number[] = [];
  const stageTimes: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    if (mode === 'baseline') {
      await baseline(input);
    } else {
      const out = await mkdtemp(join(tmpdir(), 'poverty-bench-out-'));
      const result = await runPipeline({
        input, out: join(out, 'data'), report: null, dropInvalid: false, k: 5, previous: null, linkKey: randomBytes(32),
      }, { stderr, clock: () => performance.now() }, stages);
      await rm(out, { recursive: true, force: true });
      if (result.exitCode !== 0) throw new Error(`pipeline exited ${result.exitCode} on the ${rows}-row bench input`);
      for (const [stage, ms] of Object.entries(result.timings)) (stageTimes[stage] ??= []).push(ms / 1000);
    }
    seconds.push((performance.now() - started) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ mode, rows, seconds, stageTimes, disclosure, peakRssMb: await peakRssMb() })}\n`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function parent(argv: string[]): Promise<void> {
  const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const sizes = (flag('--sizes') ?? '20000,200000,2000000').split(',').map(Number);
  const runs = Number(flag('--runs') ?? 3);
  // the disclosure stages (protect + LP audit) cost the same at every size: --disclosure pass-through isolates the rest
  const disclosure = flag('--disclosure') === 'pass-through' ? 'pass-through' : 'real';
  console.log(`pipeline benchmark: median of ${runs} runs per size, each mode in its own process; input under ${INPUT_ROOT}`);
  for (const rows of sizes) {
    await generateInput(rows);
    const results: Record<string, { seconds: number[]; peakRssMb: number; stageTimes: Record<string, number[]>; disclosure: string }> = {};
    for (const mode of ['baseline', 'ours'] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, String(rows), String(runs), disclosure], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
      if (run.status !== 0) throw new Error(`${mode} at ${rows} rows failed with status ${run.status}`);
      results[mode] = JSON.parse(run.stdout.trim().split('\n').pop()!);
    }
    const ours = median(results.ours.seconds);
    const base = median(results.baseline.seconds);
    const stages = Object.entries(results.ours.stageTimes).map(([s, t]) => `${s} ${median(t).toFixed(2)}s`).join(', ');
    console.log(`${String(rows).padStart(9)} rows | ours ${ours.toFixed(2)} s (${Math.round(rows / ours).toLocaleString('en')} rows/s, peak RSS ${results.ours.peakRssMb.toFixed(0)} MB)`
      + ` | baseline ${base.toFixed(2)} s (${Math.round(rows / base).toLocaleString('en')} rows/s, peak RSS ${results.baseline.peakRssMb.toFixed(0)} MB)`
      + ` | ratio ${(ours / base).toFixed(2)}× | disclosure ${results.ours.disclosure}`);
    console.log(`${' '.repeat(9)}      stages (median): ${stages}`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1] as 'ours' | 'baseline', Number(argv[2]), Number(argv[3]), argv[4] === 'pass-through' ? 'pass-through' : 'real');
else await parent(argv);
