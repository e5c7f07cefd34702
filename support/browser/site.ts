// Makes sure dist/ holds a build of the current sources and data, building only when something is newer
// than the last build. Idempotent and safe to call from several test processes at once (a lock directory).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** E2E_DIST points the browser tests at an already built site (e.g. a clean worktree's); no build then. */
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(ROOT, 'dist');
export const DATA = join(ROOT, 'public', 'data');
const STAMP = join(DIST, '.e2e-build-stamp');
const LOCK = join(ROOT, 'node_modules', '.cache', 'e2e-build.lock');
const INPUTS = ['src', 'public', 'data/reference', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((p) => newestMtime(join(ROOT, p)) > built);
}

async function withLock<T>(fn: () => T): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // a lock older than 15 minutes belongs to a process that died
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 15 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try { return fn(); } finally { rmSync(LOCK, { recursive: true, force: true }); }
}

/** Publishes the demo data if public/data is empty, then builds the site if dist/ is stale. */
export async function ensureSite(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<void> {
  if (process.env.E2E_DIST) {
    if (!existsSync(join(DIST, 'index.html')) && !existsSync(join(DIST, 'explore'))) throw new Error(`E2E_DIST=${DIST} holds no built site`);
    return;
  }
  if (existsSync(join(DATA, 'datapackage.json')) && !needsBuild()) return;
  await withLock(() => {
    if (!existsSync(join(DATA, 'datapackage.json'))) {
      log('e2e: public/data is empty, running the pipeline on the demo input');
      execFileSync('npx', ['tsx', 'scripts/pipeline.ts'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    }
    if (needsBuild()) {
      log('e2e: dist/ is older than the sources, running astro build');
      const started = Date.now();
      execFileSync(process.execPath, ['scripts/astro.mjs', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      writeFileSync(STAMP, new Date(started).toISOString());
      // dated at the build's start, so a source saved during the build makes the next run rebuild
      utimesSync(STAMP, started / 1000, started / 1000);
    }
  });
}
