import { defineConfig } from 'vitest/config';

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
    fileParallelism: true,
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/*.test.ts'], exclude: PIPELINE } },
      { test: { ...shared, name: 'pipeline', include: PIPELINE } },
      { test: { ...shared, name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/site/global-setup.ts'] } },
    ],
  },
});
