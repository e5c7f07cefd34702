// The pipeline CLI with disclosure control replaced by a pass-through (every cell published as computed),
// for tests that need the whole demo input run quickly and care about what else the pipeline writes: the
// real protect and audit take many minutes on the full demo input and only ever see counts, never a
// household's personal values. Same arguments, stderr, exit status and files as scripts/pipeline.ts.
// Usage: node --import tsx tests/lib/pipeline-fast.ts --input DIR --out DIR [--report FILE] ...
import { parseArgs, releasesFolder } from '../../scripts/pipeline/cli-args.ts';
import { isDemoInput, runPipeline } from '../../scripts/pipeline/run.ts';
import { linkKeyFrom } from '../../scripts/pipeline.ts';
import { passThroughStages } from '../../scripts/pipeline/pass-through.ts';

export { passThroughStages };

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.kind !== 'run' || !parsed.options.input) {
    process.stderr.write('usage: pipeline-fast.ts --input DIR --out DIR [options of scripts/pipeline.ts]\n');
    process.exit(2);
  }
  const { options } = parsed;
  const demo = await isDemoInput(options.input!);
  const result = await runPipeline({
    input: options.input!, out: options.out, report: options.report, dropInvalid: options.dropInvalid, encoding: options.encoding, legacyFont: options.legacyFont,
    k: options.k, previous: options.previous, linkKey: linkKeyFrom(process.env.POVERTY_LINK_KEY), demo,
    releases: releasesFolder(options, demo), resetSuppression: options.resetSuppression, releaseDate: options.releaseDate,
  }, { stderr: process.stderr, clock: () => performance.now() }, passThroughStages);
  process.exitCode = result.exitCode;
}
