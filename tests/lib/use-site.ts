// One test file's view of the built site: served on loopback, read by Chromium.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, type StaticServer } from '../../support/browser/harness';
import { DIST, ensureSite } from '../../support/browser/site';

/**
 * The built site served on loopback and a Chromium to read it, for one test file: built if stale, started in
 * beforeAll, closed in afterAll (after the file's own afterAll hooks, which run first).
 */
export function useBuiltSite(): { server: StaticServer; browser: Browser } {
  const site = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    await ensureSite();
    site.server = await startServer(DIST);
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
