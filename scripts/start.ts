// `npm start`: the demo's (or the real input's) data, then the site, then the server — and, before serving, how
// long each step took (the pipeline's own stages included), so that a slow fresh start says where its time went.
// The link previews (PNG cards a shared link shows) and the precompressed copies of the site's files (.gz, .br beside
// each, for a real host: the local preview gzips its responses itself) are written once the server runs, not before:
// no page needs them to be read, and the first page is served seconds sooner.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { LOCAL_SERVER, SITE_BASE, SITE_URL } from './build/address.ts';
import { HOST_OUTPUTS_LATER, writeHostOutputs } from './build/integration.ts';
import { TIMINGS_PREFIX } from './pipeline/timings.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps: { script: string; seconds: number; detail?: string }[] = [];
const began = performance.now();

/** Runs `npm run <script>`, its output passed through; returns the lines of its standard error. */
function run(script: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, [HOST_OUTPUTS_LATER]: '1' } });
    let err = '';
    child.stderr.on('data', (chunk) => { process.stderr.write(chunk); err += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err.split('\n')) : reject(new Error(`npm run ${script} exited with ${code}`))));
  });
}

/**
 * True once `url` answers, false after 30 s without. The server starts first, then the writes that can wait: run
 * beside its start they compete with it for the two cores (measured: the first page 2.1 s after the build, against
 * 1.1 s for the server alone).
 */
async function untilServed(url: string): Promise<boolean> {
  const until = performance.now() + 30_000;
  while (performance.now() < until) {
    if (await fetch(url).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function step(script: string): Promise<void> {
  const started = performance.now();
  const lines = await run(script);
  steps.push({ script, seconds: (performance.now() - started) / 1000, detail: lines.find((l) => l.startsWith(TIMINGS_PREFIX)) });
}

try {
  await step('data');
  await step('build');
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const total = (performance.now() - began) / 1000;
process.stderr.write('\nnpm start, before serving:\n');
for (const s of steps) process.stderr.write(`  ${s.script.padEnd(6)} ${s.seconds.toFixed(1).padStart(7)} s${s.detail ? `  (${s.detail})` : ''}\n`);
process.stderr.write(`  total  ${total.toFixed(1).padStart(7)} s\n\n`);
const preview = spawn(npm, ['run', '--silent', 'preview'], { stdio: 'inherit' });
preview.on('close', (code) => process.exit(code ?? 0));
const url = `http://${LOCAL_SERVER.host}:${LOCAL_SERVER.port}${SITE_BASE}`;
if (await untilServed(url)) process.stderr.write(`npm start: ${url} served its first page ${((performance.now() - began) / 1000).toFixed(1)} s after npm start began\n`);
await writeHostOutputs(resolve('dist'), SITE_URL, SITE_BASE, (line) => process.stderr.write(`npm start, while serving: ${line}\n`));
