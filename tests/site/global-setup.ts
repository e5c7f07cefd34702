// Global setup of the vitest project "site" (vitest.config.ts): publishes the demo data if public/data is empty
// and builds dist/ if it is older than the sources, once, before any of the project's test files runs. Vitest
// calls it only when at least one test of this project is queued, so unit-only runs never build.
import { ensureSite } from '../../support/browser/site';

export default async function setup(): Promise<void> {
  await ensureSite();
}
