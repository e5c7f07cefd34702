// vitest globalSetup: builds the site once before any browser test runs (see site.ts). A run of only unit
// tests (named files, none under tests/e2e/ nor *-browser.test.ts) skips it, so they stay fast.
import { ensureSite } from './site';

function runIncludesBrowserTests(argv: string[]): boolean {
  const at = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'related');
  const filters = argv.slice(at + 1).filter((a) => !a.startsWith('-'));
  if (filters.length === 0) return true;
  return filters.some((f) => /e2e|browser|quality/.test(f));
}

export default async function setup(): Promise<void> {
  if (runIncludesBrowserTests(process.argv)) await ensureSite();
}
