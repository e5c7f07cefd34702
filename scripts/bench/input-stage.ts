// Quick measure of the pipeline's input stage alone: loadInput against a bare DuckDB baseline (read_csv + one
// GROUP BY review_year, commune_code, recorded_status) on canonical synthetic input of 200k and 2M household rows,
// and, for scale, the floor of any loader that keeps the rows (read_csv into a table, nothing else).
// Each measurement runs in its own child process, so that its peak RSS (VmHWM) is its own.
//   npx tsx scripts/bench/input-stage.ts [--sizes 200000,2000000] [--runs 3] [--only ours|baseline|materialise]
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateInput, INPUT_ROOT } from './synthetic-input.ts';
import { loadInput } from '../pipeline/input/index.ts';
import { median } from './stats.ts';

const SELF = fileURLToPath(import.meta.url);

async function baseline(input: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await (await conn.runAndReadAll(`SELECT review_year, commune_code, recorded_status, count(*)
    FROM read_csv('${join(input, 'households', '*.csv')}') GROUP BY ALL`)).getRows();
  conn.closeSync();
  instance.closeSync();
}

/** A floor for any loader that keeps the rows: DuckDB's read_csv with its own types into a table, nothing else. */
async function materialise(input: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE households AS SELECT * FROM read_csv('${join(input, 'households', '*.csv')}')`);
  conn.closeSync();
  instance.closeSync();
}

async function ours(input: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const result = await loadInput(conn, { inputDir: input, linkKey: Buffer.from('bench key'), dropInvalid: false });
  if (result.errors.length || result.rowsLoaded !== rows) throw new Error(`loadInput: ${result.rowsLoaded} rows loaded, ${result.errors.length} errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  conn.closeSync();
  instance.closeSync();
}

async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

type Mode = 'ours' | 'baseline' | 'materialise';

async function child(mode: Mode, rows: number, runs: number): Promise<void> {
  const input = await generateInput(rows);
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    if (mode === 'baseline') await baseline(input);
    else if (mode === 'materialise') await materialise(input);
    else await ours(input, rows);
    seconds.push((performance.now() - started) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ mode, rows, seconds, peakRssMb: await peakRssMb() })}\n`);
}

async function parent(argv: string[]): Promise<void> {
  const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const sizes = (flag('--sizes') ?? '200000,2000000').split(',').map(Number);
  const runs = Number(flag('--runs') ?? 3);
  const modes: Mode[] = flag('--only') ? [flag('--only') as Mode] : ['baseline', 'materialise', 'ours'];
  console.log(`input-stage benchmark: median of ${runs} runs, each mode in its own process; input under ${INPUT_ROOT}`);
  for (const rows of sizes) {
    await generateInput(rows);
    const results: Record<string, { seconds: number[]; peakRssMb: number }> = {};
    for (const mode of modes) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, String(rows), String(runs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (run.status !== 0) throw new Error(`${mode} at ${rows} rows failed with status ${run.status}`);
      results[mode] = JSON.parse(run.stdout.trim().split('\n').pop()!);
    }
    const line = (m: string) => {
      const r = results[m];
      if (!r) return '';
      const s = median(r.seconds);
      return `${m} ${s.toFixed(2)} s [${r.seconds.map((x) => x.toFixed(2)).join(' ')}] (${Math.round(rows / s).toLocaleString('en')} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB)`;
    };
    const ratio = results.ours && results.baseline ? ` | ratio ${(median(results.ours.seconds) / median(results.baseline.seconds)).toFixed(2)}×` : '';
    console.log(`${String(rows).padStart(9)} rows | ${line('ours')} | ${line('baseline')}${ratio} | ${line('materialise')}`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1] as Mode, Number(argv[2]), Number(argv[3]));
else await parent(argv);
