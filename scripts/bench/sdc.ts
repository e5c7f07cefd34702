// `npm run bench:sdc`: today's disclosure method and the new one side by side, in one run on this machine
// (issue 11 part 4). For each input × k × method, one child process (scripts/bench/sdc-run.ts) runs protect then
// audit and counts what the published tables hide; this parent prints the table, the demo's before/after per
// table at k = 5, and the ratios the issue asks for.
//   npm run bench:sdc [-- --sizes demo,37,114,1000 --ks 3,5,10 --runs 1 --limit 600 --seed 1 --json FILE]
// Inputs: `demo` = the demo's RawTables (data/demo through the pipeline up to aggregation; generated when
// missing), a number = that many units (communes) of the seeded fixture (support/sdc-fixture.ts, 4 years, pool
// 200); 3321 runs only when --sizes names it. Methods: `new` = the current tree's protect + audit; `baseline` =
// the same two files as of BASELINE_COMMIT (sdc-baseline.ts), only on demo, 37 and 114 units (it does not finish
// beyond), each child killed after --limit seconds; `new` children after 3 × --limit. Both run on the tables the
// baseline knew (sdc-run.ts --tables original: the same cells, so the comparison is of methods); `new·all` is the
// new method on every table the pipeline publishes now (issue 13's included), on every size. With --runs R > 1 each
// measurement runs R times and the seconds printed are medians (peak memory: the largest).
// Every figure is counted with the current tree's cell model and rules, so both methods are counted alike.
// One child at a time: the seconds depend on the machine's load, the counts do not.
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RawTables } from '../../src/lib/contract.ts';
import { writeDemoData } from '../demo/index.ts';
import { runPipeline } from '../pipeline/run.ts';
import { extractBaseline, removeBaseline, type Baseline } from './sdc-baseline.ts';
import type { RunFigures } from './sdc-run.ts';
import { median } from './stats.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUNNER = fileURLToPath(new URL('./sdc-run.ts', import.meta.url));
const DEMO_DIR = join(REPO, 'data/demo');
/** the fixture's shape besides its number of units (issue 11: 4 review years, ~200 assessable households) */
const FIXTURE = { years: 4, pool: 200 };
/** where today's method finishes; beyond, it runs out of any reasonable time */
const BASELINE_INPUTS = new Set(['demo', '37', '114']);
/** the new method's limit, as a multiple of --limit (it runs on every size, 1,000 units included) */
const NEW_LIMIT_FACTOR = 3;
const DEMO_TABLE_K = 5;

type Method = 'baseline' | 'new' | 'new·all';
interface Measurement {
  method: Method;
  input: string;
  k: number;
  limitSeconds: number;
  /** absent when the child did not finish: then timedOut or error says why */
  figures?: RunFigures;
  /** per run, for --runs > 1 */
  runs: { protectSeconds: number; auditSeconds: number; wallSeconds: number }[];
  timedOut?: boolean;
  error?: string;
}

const options = readOptions(process.argv.slice(2));
const scratch = await mkdtemp(join(tmpdir(), 'bench-sdc-'));
let baseline: Baseline = { ok: false, reason: 'not extracted' };
try {
  const rawDemo = options.sizes.includes('demo') ? await captureDemoRaw(join(scratch, 'raw-demo.json')) : null;
  baseline = extractBaseline(REPO);
  if (!baseline.ok) console.log(`${baseline.reason}: running the new method only`);

  const measurements: Measurement[] = [];
  for (const input of options.sizes) {
    for (const k of options.ks) {
      const methods: Method[] = baseline.ok && BASELINE_INPUTS.has(input) ? ['baseline', 'new', 'new·all'] : ['new·all'];
      for (const method of methods) {
        const root = method === 'baseline' && baseline.ok ? baseline.root : REPO;
        const limitSeconds = method === 'baseline' ? options.limit : NEW_LIMIT_FACTOR * options.limit;
        measurements.push(await measure({ method, input, k, root, limitSeconds, rawDemo }));
      }
    }
  }

  console.log(report(measurements, baseline));
  if (options.json) {
    await writeFile(options.json, `${JSON.stringify({ machine: machine(), options, baseline: baselineLabel(baseline), measurements }, null, 2)}\n`, 'utf8');
    console.log(`\nresults written to ${options.json}`);
  }
} finally {
  removeBaseline(baseline);
  await rm(scratch, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------

interface Options { sizes: string[]; ks: number[]; runs: number; limit: number; seed: number; json: string | null }

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: 'demo,37,114,1000' }, ks: { type: 'string', default: '3,5,10' },
      runs: { type: 'string', default: '1' }, limit: { type: 'string', default: '600' },
      seed: { type: 'string', default: '1' }, json: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of sizes) if (s !== 'demo' && !(Number.isInteger(Number(s)) && Number(s) > 0)) throw new Error(`invalid size: ${s} (demo or a number of units)`);
  const ks = values.ks.split(',').map(Number);
  for (const k of ks) if (!Number.isInteger(k) || k < 3) throw new Error(`invalid k: ${k} (an integer of at least 3)`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${values.runs}`);
  const limit = Number(values.limit);
  if (!(limit > 0)) throw new Error(`invalid --limit: ${values.limit} (seconds)`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`invalid --seed: ${values.seed}`);
  return { sizes, ks, runs, limit, seed, json: values.json ?? null };
}

/**
 * The demo's RawTables: the real pipeline up to aggregation on data/demo, stopped by a protect stage that keeps
 * what it is given. Written once, read by every child (none repeats the DuckDB stages).
 */
async function captureDemoRaw(path: string): Promise<string> {
  const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);
  if (!(await exists(join(DEMO_DIR, 'communes.csv')))) {
    process.stderr.write(`no demo input in ${DEMO_DIR}: generating it\n`);
    await writeDemoData({ out: DEMO_DIR });
  }
  // not narrowed to null by the compiler: the protect stage below assigns it
  let captured = null as RawTables | null;
  const stopped = 'bench:sdc captured the aggregated tables';
  const messages: string[] = [];
  await runPipeline(
    // the link key only pseudonymises household ids across years; fixed, the captured tables are reproducible
    { input: DEMO_DIR, out: join(scratch, 'unused-out'), report: null, dropInvalid: false, k: DEMO_TABLE_K, previous: null, linkKey: Buffer.alloc(32, 7), demo: true },
    { stderr: { write: (text: string) => { messages.push(text); return true; } } as never, clock: () => performance.now() },
    { protect: (raw) => { captured = raw; throw new Error(stopped); } },
  );
  if (!captured) throw new Error(`the demo pipeline stopped before aggregation: ${messages.join('').trim().split('\n').slice(-3).join(' / ')}`);
  await writeFile(path, JSON.stringify(captured), 'utf8');
  return path;
}

async function measure(m: { method: Method; input: string; k: number; root: string; limitSeconds: number; rawDemo: string | null }): Promise<Measurement> {
  const out: Measurement = { method: m.method, input: m.input, k: m.k, limitSeconds: m.limitSeconds, runs: [] };
  const args = [
    '--import', 'tsx', RUNNER, '--method', m.method, '--root', m.root, '--input', m.input, '--k', String(m.k),
    '--tables', m.method === 'new·all' ? 'all' : 'original',
    '--seed', String(options.seed), '--years', String(FIXTURE.years), '--pool', String(FIXTURE.pool),
    ...(m.input === 'demo' ? ['--raw', m.rawDemo!] : []),
    // the best any method could do, on the tables both methods protect
    ...(m.method === 'new' && BASELINE_INPUTS.has(m.input) ? ['--bound'] : []),
  ];
  const figures: RunFigures[] = [];
  for (let run = 0; run < options.runs; run++) {
    process.stderr.write(`${m.method} ${m.input} k=${m.k}${options.runs > 1 ? ` run ${run + 1}/${options.runs}` : ''} (limit ${m.limitSeconds} s)\n`);
    const child = await runChild(args, m.limitSeconds);
    if (child.timedOut) { out.timedOut = true; break; }
    if (child.error) { out.error = child.error; break; }
    figures.push(child.figures!);
    out.runs.push({ protectSeconds: child.figures!.protectSeconds, auditSeconds: child.figures!.auditSeconds, wallSeconds: child.wallSeconds });
  }
  if (out.timedOut || out.error) return out;
  out.figures = {
    ...figures[0],
    protectSeconds: median(figures.map((f) => f.protectSeconds)),
    auditSeconds: median(figures.map((f) => f.auditSeconds)),
    peakRssMb: Math.max(...figures.map((f) => f.peakRssMb)),
  };
  return out;
}

interface ChildResult { figures?: RunFigures; wallSeconds: number; timedOut?: boolean; error?: string }

/** One child, killed at the limit; its stderr passes through, its stdout's last JSON line is the result. */
function runChild(args: string[], limitSeconds: number): Promise<ChildResult> {
  return new Promise((done) => {
    const started = performance.now();
    // cwd = the repository, so that `--import tsx` resolves from its node_modules for either tree
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, limitSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      if (timedOut) return done({ wallSeconds, timedOut: true });
      const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
      if (code !== 0 || !line) {
        // the error's own line, not node's version footer
        const tail = stderrTail.trim().split('\n').map((l) => l.trim()).filter(Boolean);
        const why = tail.find((l) => /^\w*Error\b/.test(l)) ?? tail.slice(-1)[0] ?? '';
        return done({ wallSeconds, error: `exit ${code ?? signal}: ${why}` });
      }
      done({ wallSeconds, figures: JSON.parse(line) as RunFigures });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The report: plain aligned text.

function report(measurements: Measurement[], base: Baseline): string {
  const lines: string[] = [];
  const m = machine();
  lines.push(`bench:sdc — ${m.cpus} × ${m.cpu}, node ${m.node}; one child at a time${options.runs > 1 ? `; median of ${options.runs} runs` : ''}`);
  lines.push(`inputs: ${options.sizes.map((s) => (s === 'demo' ? 'demo (data/demo)' : `${s} units`)).join(', ')}; fixture: seed ${options.seed}, ${FIXTURE.years} years, pool ${FIXTURE.pool}`);
  lines.push(`methods: new = current tree; baseline = ${baselineLabel(base)}`);
  lines.push(`time limits per child: baseline ${options.limit} s (demo, 37 and 114 units only), new ${NEW_LIMIT_FACTOR * options.limit} s`);
  lines.push('');
  lines.push(table(
    ['input', 'k', 'method', 'units', 'cells', 'hidden', '%', 'primary', 'secondary', 'hh hidden', 'district', 'd hidden', 'd second.', 'd sec %',
      'protect s', 'audit s', 'threads', 'total s', 'audit', 'LP solves', 'peak MB', 'protect s/unit', 'audit s/unit'],
    measurements.map((x) => {
      const head = [x.input, x.k, x.method];
      const f = x.figures;
      if (!f) {
        const why = x.timedOut ? `> ${x.limitSeconds} s` : `failed: ${x.error}`;
        return [...head, ...Array(14).fill('–'), why, ...Array(5).fill('–')];
      }
      const total = f.protectSeconds + f.auditSeconds;
      return [
        ...head, f.units, f.protectedCells, f.hidden, pct(f.hidden, f.protectedCells), f.primaryHidden, f.secondaryHidden, f.householdsHidden,
        f.districtCells, f.districtHidden, f.districtSecondary, pct(f.districtSecondary, f.districtCells),
        seconds(f.protectSeconds), seconds(f.auditSeconds), `${f.protectThreads ?? 1}/${f.auditThreads ?? 1}`, seconds(total), f.auditOk ? 'ok' : `FAILED ${f.auditFailures}`, f.auditLpSolves,
        Math.round(f.peakRssMb),
        x.method !== 'baseline' ? perUnit(f.protectSeconds / f.units) : '', x.method !== 'baseline' ? perUnit(f.auditSeconds / f.units) : '',
      ];
    }),
    3,
  ));

  const demoPair = pairFor(measurements, 'demo', DEMO_TABLE_K);
  if (demoPair) {
    lines.push('');
    lines.push(`demo, k = ${DEMO_TABLE_K}: per table, before (baseline) and after (new), on the same tables`);
    const [b, n] = [demoPair.baseline, demoPair.new];
    const names = Object.keys(n.perTable);
    const row = (name: string, pb: { cells: number; hidden: number; secondary: number }, pn: typeof pb) =>
      [name, pn.cells, pb.hidden, pct(pb.hidden, pb.cells), pb.secondary, pn.hidden, pct(pn.hidden, pn.cells), pn.secondary, ratio(pn.secondary, pb.secondary)];
    lines.push(table(
      ['table', 'cells', 'hidden before', '%', 'secondary before', 'hidden after', '%', 'secondary after', 'secondary after ÷ before'],
      [
        ...names.map((t) => row(t, b.perTable[t], n.perTable[t])),
        row('all', { cells: b.protectedCells, hidden: b.hidden, secondary: b.secondaryHidden }, { cells: n.protectedCells, hidden: n.hidden, secondary: n.secondaryHidden }),
      ],
    ));
  }

  const pairs = [...new Set(measurements.map((x) => `${x.input}|${x.k}`))]
    .map((key) => { const [input, k] = key.split('|'); return { input, k: Number(k), pair: pairFor(measurements, input, Number(k)) }; })
    .filter((p) => p.pair);
  if (pairs.length) {
    lines.push('');
    lines.push('ratios where both methods ran');
    lines.push(table(
      ['input', 'k', 'secondary new ÷ baseline', 'district secondary new ÷ baseline', 'time baseline ÷ new (protect+audit)',
        'secondary: baseline', 'new', 'lower bound (any method)', 'bound ÷ baseline'],
      pairs.map(({ input, k, pair }) => {
        const { baseline: b, new: n } = pair!;
        const bound = n.secondaryBound;
        return [input, k, ratio(n.secondaryHidden, b.secondaryHidden), ratio(n.districtSecondary, b.districtSecondary),
          ratio(b.protectSeconds + b.auditSeconds, n.protectSeconds + n.auditSeconds),
          b.secondaryHidden, n.secondaryHidden, bound ?? (bound === null ? 'not proven' : '–'), typeof bound === 'number' ? ratio(bound, b.secondaryHidden) : '–'];
      }),
    ));
    lines.push('lower bound: the fewest secondary cells that meet, cell by cell and equation by equation, what the audit requires, its singleton attack included (sdc-bound.ts)');
  }

  const scaling = options.ks.flatMap((k) => {
    const small = newFigures(measurements, '37', k, 'new·all');
    const large = newFigures(measurements, '1000', k, 'new·all');
    return small && large ? [[k, ratio(large.protectSeconds / large.units, small.protectSeconds / small.units), ratio(large.auditSeconds / large.units, small.auditSeconds / small.units)]] : [];
  });
  if (scaling.length) {
    lines.push('');
    lines.push('new method on every table: cost per unit at 1000 units ÷ at 37 (issue 11: protect within 2×)');
    lines.push(table(['k', 'protect', 'audit'], scaling));
  }
  return lines.join('\n');
}

function pairFor(measurements: Measurement[], input: string, k: number): { baseline: RunFigures; new: RunFigures } | null {
  const find = (method: Method) => measurements.find((x) => x.input === input && x.k === k && x.method === method)?.figures;
  const b = find('baseline');
  const n = find('new');
  return b && n ? { baseline: b, new: n } : null;
}

function newFigures(measurements: Measurement[], input: string, k: number, method: Method): RunFigures | undefined {
  return measurements.find((x) => x.input === input && x.k === k && x.method === method)?.figures;
}

/** The first `labels` columns left-aligned (they name the row), the figures right-aligned. */
function table(headers: string[], rows: (string | number)[][], labels = 1): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const render = (r: string[]) => r.map((c, i) => (i < labels ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [render(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(render)].join('\n');
}

function machine(): { cpus: number; cpu: string; node: string } {
  const list = cpus();
  return { cpus: list.length, cpu: list[0]?.model.trim() ?? 'unknown cpu', node: process.versions.node };
}

function baselineLabel(base: Baseline): string {
  return base.ok ? `commit ${base.commit} (before issue 11's new method)` : `unavailable (${base.reason})`;
}

function pct(part: number, whole: number): string { return whole === 0 ? '–' : (100 * part / whole).toFixed(1); }
function seconds(s: number): string { return s.toFixed(1); }
function perUnit(s: number): string { return s.toPrecision(3); }
function ratio(a: number, b: number): string { return b === 0 ? (a === 0 ? '–' : '∞') : (a / b).toFixed(2); }
