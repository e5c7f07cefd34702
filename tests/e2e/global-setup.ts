// vitest globalSetup: builds the site once before any browser test runs (see site.ts). Browser test files
// are named *-browser.test.ts (or *quality*); a run of only other named files skips the build, so unit tests
// stay fast. A browser test still calls ensureSite() itself, so a missed guess costs time, not correctness.
import { ensureSite } from './site';

function runIncludesBrowserTests(argv: string[]): boolean {
  const at = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'related');
  const filters = argv.slice(at + 1).filter((a) => !a.startsWith('-'));
  if (filters.length === 0) return true;
  return filters.some((f) => /browser|quality|e2e\/?$/.test(f));
}

export default async function setup(): Promise<void> {
  if (runIncludesBrowserTests(process.argv)) await ensureSite();
}
