// CLI: npm run demo-data -- --out DIR [--seed N]   (exit 0 written, 1 failed, 2 usage error)
import { DEFAULT_SEED, writeDemoData } from './demo/index.ts';

const USAGE = 'usage: npm run demo-data -- [--out DIR] [--seed N]   (default --out data/demo, --seed 2023)';

function parseArgs(argv: string[]): { out: string; seed: number } | string {
  let out = 'data/demo';
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[++i];
    if (flag === '--out' && value) out = value;
    else if (flag === '--seed' && value && /^\d+$/.test(value) && Number(value) <= 0xffffffff) seed = Number(value);
    else return `invalid argument: ${arg}${value === undefined ? ' (missing value)' : ''}`;
  }
  return { out, seed };
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  process.stderr.write(`${args}\n${USAGE}\n`);
  process.exit(2);
}
try {
  const summary = await writeDemoData(args);
  for (const y of summary.years) {
    process.stderr.write(`review year ${y.review_year}: ${y.total_households} households, ${y.assessed} assessed, ${y.poor} poor, ${y.near_poor} near-poor\n`);
  }
  const carried = summary.linkage.reduce((s, l) => s + l.carried_over, 0);
  const ambiguous = summary.linkage.reduce((s, l) => s + l.crosswalk_ambiguous, 0);
  const notFound = summary.linkage.reduce((s, l) => s + l.crosswalk_not_found, 0);
  const withRefs = summary.linkage.filter((l) => l.carries_references).map((l) => l.commune_code);
  const pct = (n: number) => `${((100 * n) / carried).toFixed(1)}%`;
  process.stderr.write(`review year 2025: ${carried} households also reviewed in 2024; previous references in the files of ${withRefs.join(', ')}; `
    + `by the crosswalk alone ${ambiguous} (${pct(ambiguous)}) would be ambiguous, ${notFound} (${pct(notFound)}) not found (DEMO.md)\n`);
  process.stderr.write(`wrote ${summary.files.length} files to ${summary.out} (seed ${summary.seed})\n`);
} catch (error) {
  process.stderr.write(`demo-data: ${(error as Error).message}\n`);
  process.exit(1);
}
