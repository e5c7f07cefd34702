// `npm run bench:start`: issue 14 §3, a fresh start. `npm start` on the demo, timed from its launch to the first
// page its server answers, several times, each time without the data, the demo input, the build or the build's
// caches (as after `npm ci` on a fresh machine), and with the stages `npm start` prints (data with the pipeline's
// stages, build). It runs in clean checkouts (git worktrees in the temporary folder, sharing this checkout's
// installed packages, or with their own when they lock others), never in this one: this checkout's data/raw,
// public/data and dist stay as they are.
//   npm run bench:start [-- --runs 3 --against <git ref>]
// --against: the same start of another commit, interleaved run by run with HEAD's, and the ratios HEAD ÷ that
// commit. On a shared machine whose speed changes within the hour (the same start took 76 s, then 104 s, here),
// that ratio is the figure to trust; the seconds alone measure the machine as much as the code.
// Each start uses the port `npm start` serves on (scripts/build/address.ts): nothing else may answer there.
import { spawn, execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCAL_SERVER } from '../build/address.ts';
import { median } from './stats.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SITE = `http://${LOCAL_SERVER.host}:${LOCAL_SERVER.port}/`;
/** what a fresh clone lacks once `npm ci` has run: npm start's outputs and the build's caches (in node_modules too,
 *  this checkout's linked or the worktree's own) */
const FRESH = ['public/data', 'data/demo', 'dist', '.astro', 'node_modules/.vite', 'node_modules/.astro'];
/** a start that has served nothing after this long has failed */
const LIMIT_MS = 15 * 60_000;

interface Subject { label: string; sha: string; dir: string }
interface Run { served: number; data?: number; build?: number; stages?: string }

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, against: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number, at least 1: ${values.runs}`);

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const answers = () => fetch(SITE).then((r) => r.ok, () => false);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A detached worktree of `ref`, listed in `made` as soon as it exists, so that the end removes it whatever fails
 *  after. It shares this checkout's node_modules when it locks the same packages; else it gets its own by `npm ci`
 *  (once, before the runs, not timed: the goal counts from after `npm ci`). */
function checkout(label: string, ref: string, made: Subject[]): void {
  let sha: string;
  try { sha = git('rev-parse', '--verify', `${ref}^{commit}`); } catch { throw new Error(`no commit named ${ref}`); }
  const dir = mkdtempSync(join(tmpdir(), `bench-start-${label}-`));
  git('worktree', 'add', '--detach', '--force', dir, sha);
  made.push({ label, sha, dir });
  if (readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(REPO, 'package-lock.json'), 'utf8')) {
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  process.stdout.write(`${label} (${sha.slice(0, 7)}) locks other packages than this checkout: npm ci in its worktree (not timed)\n`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One fresh start in `s.dir`: seconds from launch to the first page answered, and the stages npm start printed. */
async function start(s: Subject): Promise<Run> {
  for (const p of FRESH) rmSync(join(s.dir, p), { recursive: true, force: true });
  const began = performance.now();
  const child = spawn('npm', ['start'], { cwd: s.dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BASE_PATH: '/' } });
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk.toString(); });
  let exited = false;
  child.on('exit', () => { exited = true; });
  try {
    while (!(await answers())) {
      if (exited) throw new Error(`${s.label}: npm start stopped before serving:\n${err.slice(-2000)}`);
      if (performance.now() - began > LIMIT_MS) throw new Error(`${s.label}: nothing served after ${LIMIT_MS / 60_000} min`);
      await pause(100);
    }
    const served = (performance.now() - began) / 1000;
    const seconds = (name: string) => { const m = new RegExp(`^\\s+${name}\\s+([\\d.]+) s`, 'm').exec(err); return m ? Number(m[1]) : undefined; };
    return { served, data: seconds('data'), build: seconds('build'), stages: /\(stage times: ([^)]*)\)/.exec(err)?.[1] };
  } finally {
    // the whole group: npm, the start script, the preview server and the writes it starts once serving
    const stop = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* already gone */ } };
    stop('SIGTERM');
    for (let waited = 0; !exited; waited += 100) {
      if (waited === 10_000) stop('SIGKILL'); // a process that ignores SIGTERM must not hold the next run's port
      await pause(100);
    }
    while (await answers()) await pause(100);
  }
}

const f1 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(1));
const subjects: Subject[] = [];
try {
  if (await answers()) throw new Error(`something already answers at ${SITE}: stop it first (npm start serves there)`);
  checkout('HEAD', 'HEAD', subjects);
  if (values.against) checkout('against', values.against, subjects);
  process.stdout.write(`fresh npm start on the demo, ${runs} run(s) each${subjects.length > 1 ? ', interleaved' : ''}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  const results = new Map<Subject, Run[]>(subjects.map((s) => [s, []]));
  for (let i = 0; i < runs; i++) {
    // interleaved, and each pair in the other order than the last: neither commit always runs on the warmer machine
    for (const s of i % 2 ? [...subjects].reverse() : subjects) {
      const r = await start(s);
      results.get(s)!.push(r);
      process.stdout.write(`  run ${i + 1} ${s.label.padEnd(7)} ${s.sha.slice(0, 7)}: first page ${f1(r.served)} s (data ${f1(r.data)} s, build ${f1(r.build)} s${r.stages ? `; ${r.stages}` : ''})\n`);
    }
  }
  process.stdout.write('\nmedians, seconds [each run]\n');
  for (const s of subjects) {
    const rs = results.get(s)!;
    const col = (k: 'served' | 'data' | 'build') => `${f1(median(rs.map((r) => r[k] ?? NaN)))} [${rs.map((r) => f1(r[k])).join(' ')}]`;
    process.stdout.write(`  ${s.label.padEnd(7)} ${s.sha.slice(0, 7)}  first page ${col('served')}  data ${col('data')}  build ${col('build')}\n`);
  }
  if (subjects.length > 1) {
    const [head, base] = subjects.map((s) => results.get(s)!);
    const ratios = (k: 'served' | 'data' | 'build') => head.map((r, i) => (r[k] ?? NaN) / (base[i][k] ?? NaN));
    process.stdout.write('HEAD ÷ against, run by run (median [each pair])\n');
    for (const k of ['served', 'data', 'build'] as const) {
      const rs = ratios(k);
      const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
      process.stdout.write(`  ${(k === 'served' ? 'first page' : k).padEnd(10)} ${f2(median(rs))} [${rs.map(f2).join(' ')}]\n`);
    }
  }
  process.stdout.write('goal (issue 14 §3): the first page served ≤ 60 s after `npm ci` on the demo\n');
} finally {
  for (const s of subjects) {
    // the link, not this checkout's packages; or the worktree's own
    if (lstatSync(join(s.dir, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(join(s.dir, 'node_modules'));
    git('worktree', 'remove', '--force', s.dir);
  }
  if (subjects.length) git('worktree', 'prune');
}
