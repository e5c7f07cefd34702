// `npm run pipeline`: reads review files, publishes protected tables (README.md, "Commands").
// Exit status: 0 published; 1 input refused or audit failed (nothing in --out changed); 2 usage error.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDemoData } from './demo/index.ts';
import { fileURLToPath } from 'node:url';
import { parseArgs, releasesFolder, USAGE } from './pipeline/cli-args.ts';
import { communesFile } from './pipeline/input/files.ts';
import { isDemoInput, runPipeline, type PipelineIO } from './pipeline/run.ts';

export { runPipeline } from './pipeline/run.ts';

const RAW_DIR = 'data/raw';
const DEMO_DIR = 'data/demo';

/**
 * The link key: POVERTY_LINK_KEY as hex when it looks like hex, as text otherwise; a fresh random key per
 * run when unset (then movements are still linked within the run, never across releases by the key).
 */
export function linkKeyFrom(env: string | undefined): Buffer {
  if (!env) return randomBytes(32);
  return /^(?:[0-9a-fA-F]{2}){16,}$/.test(env) ? Buffer.from(env, 'hex') : Buffer.from(env, 'utf8');
}

async function holdsReviewFiles(dir: string): Promise<boolean> {
  const hasCommunes = !('missing' in await communesFile(dir));
  const households = await readdir(join(dir, 'households')).catch(() => [] as string[]);
  return hasCommunes || households.some((f) => /\.(csv|xlsx)$/i.test(f));
}

/** data/raw when it holds review files, else data/demo, generated when missing. */
async function defaultInput(seed: number | null, io: PipelineIO): Promise<string> {
  if (await holdsReviewFiles(RAW_DIR)) return RAW_DIR;
  if (!(await holdsReviewFiles(DEMO_DIR))) {
    io.stderr.write(`no review files in ${RAW_DIR}: generating the demo input in ${DEMO_DIR}\n`);
    await writeDemoData({ out: DEMO_DIR, ...(seed !== null ? { seed } : {}) });
  }
  return DEMO_DIR;
}

export async function main(argv: string[], io: PipelineIO): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    io.stderr.write(`${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  let input: string;
  try {
    input = options.input ?? await defaultInput(options.seed, io);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const demo = await isDemoInput(input, DEMO_DIR);
  const result = await runPipeline({
    input, out: options.out, report: options.report, dropInvalid: options.dropInvalid, encoding: options.encoding, legacyFont: options.legacyFont,
    k: options.k, previous: options.previous, linkKey: linkKeyFrom(process.env.POVERTY_LINK_KEY), demo,
    releases: releasesFolder(options, demo), resetSuppression: options.resetSuppression, releaseDate: options.releaseDate,
  }, io);
  return result.exitCode;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const io: PipelineIO = { stderr: process.stderr, clock: () => performance.now() };
  process.exitCode = await main(process.argv.slice(2), io);
}
