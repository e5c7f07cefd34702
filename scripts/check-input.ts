// `npm run check-input -- --input DIR [--html FILE]`: everything the pipeline validates, through the pipeline's own
// input stage (scripts/pipeline/input, loadInput), and nothing else: no table is computed and nothing is written
// but the HTML report asked for. Exit status: 0 no error (warnings allowed); 1 some error; 2 usage error.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPipelineDb } from './pipeline/db.ts';
import { legacyFont } from './pipeline/cli-args.ts';
import { loadInput, type LoadResult } from './pipeline/input/index.ts';
import type { LegacyFont } from './pipeline/input/legacy-font.ts';
import { htmlReport, terminalReport } from './check-input-report.ts';

export const USAGE = 'usage: npm run check-input -- --input DIR [--html FILE] [--encoding windows-1258] [--legacy-font tcvn3|vni]';

export interface CheckOptions { input: string; html: string | null; encoding?: 'windows-1258'; legacyFont?: LegacyFont }

export function parseCheckArgs(argv: string[]): CheckOptions | { error: string } {
  const options: Partial<CheckOptions> = { html: null };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      const eq = arg.indexOf('=');
      const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
      const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
      if (!['--input', '--html', '--encoding', '--legacy-font'].includes(flag)) throw new Error(`unknown option: ${JSON.stringify(arg)}`);
      if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
      if (flag === '--input') options.input = value;
      else if (flag === '--html') options.html = value;
      else if (flag === '--legacy-font') options.legacyFont = legacyFont(value);
      else if (value.toLowerCase() === 'windows-1258') options.encoding = 'windows-1258';
      else throw new Error(`unsupported --encoding: ${JSON.stringify(value)} (only windows-1258)`);
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (!options.input) return { error: '--input is needed' };
  return options as CheckOptions;
}

/** The pipeline's input stage on a folder, in a DuckDB of its own that nothing outlives. */
export async function checkFolder(opts: CheckOptions): Promise<LoadResult> {
  // DuckDB spills beyond its memory limit into temp_directory (by default .tmp in the working folder): keep it out
  const instance = await openPipelineDb(join(tmpdir(), 'poverty-check-input-duckdb'));
  const conn = await instance.connect();
  try {
    // a fresh key: the pseudonyms are needed to find duplicate households, and never leave this process
    return await loadInput(conn, {
      inputDir: opts.input, encoding: opts.encoding, legacyFont: opts.legacyFont, linkKey: randomBytes(32), dropInvalid: false,
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function main(argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  let loaded: LoadResult;
  try {
    loaded = await checkFolder(parsed);
  } catch (error) {
    io.stderr.write(`check-input failed: ${(error as Error).message}\n`);
    return 1;
  }
  const problems = [...loaded.errors, ...loaded.warnings];
  io.stdout.write(terminalReport(problems));
  const errors = loaded.errors.length;
  io.stdout.write(`${loaded.files.length} files read, ${loaded.rowsRead} household rows, ${loaded.rowsInvalid} invalid; `
    + `${errors} error${errors === 1 ? '' : 's'}, ${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'}`
    + `${errors ? ': the pipeline would refuse this input' : ''}\n`);
  if (parsed.html) {
    await mkdir(dirname(resolve(parsed.html)), { recursive: true });
    await writeFile(parsed.html, htmlReport(problems, {
      folder: basename(resolve(parsed.input)), files: loaded.files.length, rowsRead: loaded.rowsRead, rowsInvalid: loaded.rowsInvalid,
      errors, warnings: loaded.warnings.length,
    }), 'utf8');
    io.stdout.write(`HTML report: ${parsed.html}\n`);
  }
  return errors > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
