// Today's disclosure method for the SDC benchmark (scripts/bench/sdc.ts): the tree as of BASELINE_COMMIT,
// the commit before issue 11's new method, extracted into a temporary folder so that its protect and audit run
// beside the current ones in the same benchmark. Its node_modules is a symlink to the repository's, so the
// baseline runs with the same HiGHS and the same tsx.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BASELINE_COMMIT = 'aa0e05a';
/**
 * What protect.ts and audit.ts import, directly or not (scripts, src/lib, the reference JSON, support code), and
 * package.json: its "type": "module" lets tsx load the tree's top-level awaits (sdc/solver.ts) as ES modules.
 */
const PATHS = ['package.json', 'tsconfig.json', 'scripts', 'src', 'data/reference', 'support'];

export type Baseline = { ok: true; commit: string; root: string } | { ok: false; reason: string };

/** Extracts the baseline tree; on a shallow clone or without git, says why instead of throwing. */
export function extractBaseline(repo: string, commit = BASELINE_COMMIT): Baseline {
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let full: string;
  try {
    full = git('rev-parse', '--verify', '--quiet', `${commit}^{commit}`);
  } catch (error) {
    const shallow = (() => { try { return git('rev-parse', '--is-shallow-repository') === 'true'; } catch { return false; } })();
    return { ok: false, reason: `baseline commit ${commit} unavailable${shallow ? ' (shallow clone)' : ''}: ${firstLine(error)}` };
  }
  const root = mkdtempSync(join(tmpdir(), `bench-sdc-baseline-${commit}-`));
  try {
    // git archive | tar -x, without a shell: the archive goes through a buffer (a few MB)
    const archive = execFileSync('git', ['-C', repo, 'archive', full, ...PATHS], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('tar', ['-x', '-C', root], { input: archive, stdio: ['pipe', 'ignore', 'pipe'] });
    symlinkSync(resolve(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    return { ok: false, reason: `cannot extract baseline commit ${commit}: ${firstLine(error)}` };
  }
  return { ok: true, commit: full.slice(0, 7), root };
}

export function removeBaseline(baseline: Baseline): void {
  if (baseline.ok) rmSync(baseline.root, { recursive: true, force: true });
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: Buffer | string; message?: string };
  const text = String(e.stderr ?? '').trim() || e.message || String(error);
  return text.split('\n')[0];
}
