// How `npm run build` starts (scripts/astro.mjs, astro.config.mjs): without published data it stops at once and
// says what to run instead of a raw DuckDB error, and no run of the Astro CLI asks about or sends usage data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

describe('npm run build without published data', () => {
  // a HOME of its own: Astro prints its usage-data notice once per user, so a used HOME would hide it
  const home = mkdtempSync(join(tmpdir(), 'build-setup-home-'));
  const missing = join(home, 'no-data');
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, args, {
      cwd: ROOT,
      // a bare environment: no CI variable (Astro stays quiet on CI), no ASTRO_TELEMETRY_DISABLED from outside
      env: { PATH: process.env.PATH, HOME: home, DATA_DIR: missing, FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };

  it('control: the Astro CLI run directly prints the usage-data notice to a new user', () => {
    const { output } = run([join(ROOT, 'node_modules', 'astro', 'astro.js'), 'build']);
    expect(output).toContain('anonymous usage data');
  });

  it('stops with exit 1 and says to run the pipeline first; no DuckDB error, no usage-data notice', () => {
    const { status, output } = run(['scripts/astro.mjs', 'build']);
    expect(status).toBe(1);
    expect(output).toContain(`no published data in DATA_DIR (${missing}): run \`npm run data\` (or \`npm start\`) first`);
    expect(output).not.toMatch(/No files found|duckdb/i);
    expect(output).not.toContain('anonymous usage data');
  });
});
