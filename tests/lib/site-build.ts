// Builds the site against a given published folder, the way a release is built: the folder becomes the
// site's public/data (copied into the output as the explorer's and the download page's files) and DATA_DIR
// (read at build time by src/lib/site-data.ts). Everything goes into temporary folders: the checkout's
// public/, dist/ and Vite cache are left alone for the other tests.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ProcessOutput { code: number | null; stdout: string; stderr: string }

export function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessOutput> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

// Astro puts its intermediate server build in <cwd>/.astro/ — the checkout's, shared with every other
// build — when outDir lies outside the current directory, and that build must resolve packages from the
// checkout's node_modules: so the work folder is made under node_modules/.cache/ (see siteWorkDir).
const BUILD_SCRIPT = `
const [astro, root, outDir, publicDir, cacheDir] = process.argv.slice(1);
const { build } = await import(astro);
await build({ root, outDir, publicDir, cacheDir, logLevel: 'info' });
`;

/** A fresh folder inside the checkout (git-ignored node_modules/.cache/) for buildSite; remove it after. */
export async function siteWorkDir(): Promise<string> {
  const parent = join(ROOT, 'node_modules', '.cache');
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, 'leak-site-'));
}

/**
 * `work/public` = the checkout's public/ without its data + `dataDir` as data/; output in `work/dist`.
 * `work` must lie inside the checkout (siteWorkDir).
 */
export async function buildSite(dataDir: string, work: string): Promise<ProcessOutput & { outDir: string; publicDir: string }> {
  if (!resolve(work).startsWith(`${ROOT}/`)) throw new Error(`site work folder outside the checkout: ${work}`);
  const publicDir = join(work, 'public');
  const outDir = join(work, 'dist');
  await mkdir(publicDir, { recursive: true });
  for (const entry of await readdir(join(ROOT, 'public'))) {
    if (entry !== 'data') await cp(join(ROOT, 'public', entry), join(publicDir, entry), { recursive: true });
  }
  await cp(dataDir, join(publicDir, 'data'), { recursive: true });
  const astro = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('astro')).href;
  const result = await run(process.execPath, ['--input-type=module', '-e', BUILD_SCRIPT, astro, ROOT, outDir, publicDir, join(work, 'vite-cache')], {
    env: { ...process.env, DATA_DIR: join(publicDir, 'data'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { ...result, outDir, publicDir };
}
