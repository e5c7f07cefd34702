// The pipeline CLI with disclosure control replaced by a pass-through (every cell published as computed),
// for tests that need the whole demo input run quickly and care about what else the pipeline writes: the
// real protect and audit take many minutes on the full demo input and only ever see counts, never a
// household's personal values. Same arguments, stderr, exit status and files as scripts/pipeline.ts.
// Usage: node --import tsx tests/lib/pipeline-fast.ts --input DIR --out DIR [--report FILE] ...
import { parseArgs } from '../../scripts/pipeline/cli-args.ts';
import { isDemoInput, runPipeline, type Stages } from '../../scripts/pipeline/run.ts';
import { linkKeyFrom } from '../../scripts/pipeline.ts';
import type { RawTables } from '../../src/lib/contract.ts';

export const passThroughStages: Partial<Stages> = {
  protect: (raw: RawTables) => {
    const poverty = new Map(raw.poverty.map((r) => [`${r.review_year}|${r.area_code}`, r]));
    const population = (r: { review_year: number; area_code: string; population: 'poor' | 'near_poor' }) =>
      poverty.get(`${r.review_year}|${r.area_code}`)![r.population];
    return {
      tables: {
        poverty: raw.poverty,
        poverty_groups: raw.poverty_groups.map((r) => ({ ...r, status: 'ok' as const })),
        deprivation: raw.deprivation.map((r) => ({
          ...r, status: 'ok' as const, share: population(r) ? Math.round((10000 * r.households) / population(r)) / 100 : null,
        })),
        deprivation_depth: raw.deprivation_depth.map((r) => ({ ...r, status: 'ok' as const })),
        support: raw.support.map((r) => ({ ...r, status: 'ok' as const })),
      },
      stats: {} as never,
    };
  },
  audit: async () => ({ ok: true, failures: [], suppressedCells: 0, lpSolves: 0, seconds: 0 }),
};

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.kind !== 'run' || !parsed.options.input) {
    process.stderr.write('usage: pipeline-fast.ts --input DIR --out DIR [options of scripts/pipeline.ts]\n');
    process.exit(2);
  }
  const { options } = parsed;
  const result = await runPipeline({
    input: options.input!, out: options.out, report: options.report, dropInvalid: options.dropInvalid, encoding: options.encoding,
    k: options.k, previous: options.previous, linkKey: linkKeyFrom(process.env.POVERTY_LINK_KEY),
    demo: await isDemoInput(options.input!),
  }, { stderr: process.stderr, clock: () => performance.now() }, passThroughStages);
  process.exitCode = result.exitCode;
}
