import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Three projects, so a run says what it needs:
//   unit     pure tests: no built site, no browser, no run of the whole pipeline (`npx vitest run --project unit`)
//   pipeline runs the pipeline (or its input stage over every fixture folder) or the Astro CLI end to end, on temporary folders (the leak scan builds its own
//            site); no dist/, no browser
//   site     needs the built site in dist/ and Chromium: every file under tests/site/; its global setup builds
//            dist/ first (only when one of its tests runs)
// `npm test` runs the type checks, then all three.
const PIPELINE = [
  'tests/build-setup.test.ts',
  'tests/pipeline-e2e.test.ts',
  'tests/pipeline-input.test.ts',
  'tests/pipeline-reorg.test.ts',
  'tests/published-columns.test.ts',
  'tests/leak.test.ts',
  'tests/demo-data.test.ts',
  'tests/pipeline-monitoring.test.ts',
  'tests/template.test.ts',
  'tests/check-input.test.ts',
  'tests/input-communes-xlsx.test.ts',
  'tests/input-legacy-font.test.ts',
  'tests/releases-pipeline.test.ts',
];

// The longest files (seconds in a clean CI run), started first within their project, so two workers do
// not end with one of them alone on a long file while the other has nothing left. Vitest's own order is
// kept for the rest (in a clean checkout it knows no durations and starts the largest files first).
const LONGEST = [
  'tests/leak.test.ts',
  'tests/site/quality-routes.test.ts',
  'tests/site/quality-a11y.test.ts',
  'tests/site/host-nginx.test.ts',
  'tests/releases-pipeline.test.ts',
  'tests/site/explorer-browser.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((path) => f.moduleId.endsWith(`/${path}`));
      return i < 0 ? LONGEST.length : i;
    };
    // a stable sort: the project order (vitest's, by name) first, then the known long files, then the rest
    const position = new Map(sorted.map((f, i) => [f, i] as const));
    return [...sorted].sort((a, b) => (a.project.name === b.project.name ? rank(a) - rank(b) || position.get(a)! - position.get(b)! : 0)
      || position.get(a)! - position.get(b)!);
  }
}

const shared = {
  // the audit's attack on one thread: the suite already keeps both cores busy (tests/sdc-intervals.test.ts runs
  // the attack on threads on purpose)
  env: { SDC_THREADS: '1' },
  testTimeout: 120_000,
  hookTimeout: 600_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    fileParallelism: true,
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/*.test.ts'], exclude: PIPELINE } },
      { test: { ...shared, name: 'pipeline', include: PIPELINE } },
      { test: { ...shared, name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/site/global-setup.ts'] } },
    ],
  },
});
