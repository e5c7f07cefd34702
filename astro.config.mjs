// @ts-check
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { hostOutputs } from './scripts/build/integration.ts';
import { linkedomLazyListeners } from './scripts/build/linkedom-patch.ts';
import { LOCAL_SERVER, SITE_BASE, SITE_URL } from './scripts/build/address.ts';

// BASE_PATH and SITE_URL: scripts/build/address.ts
const base = SITE_BASE;
// Astro's import.meta.env.BASE_URL must come from `base`, but at render time an inherited BASE_URL variable
// wins (vitest sets BASE_URL=/ in its workers, so a build they start rendered its links at the root):
// BASE_PATH is the one setting
delete process.env.BASE_URL;
const site = SITE_URL;

/**
 * The pages are rendered from the published data (src/lib/site-data.ts reads DATA_DIR, by default public/data):
 * without it a build or the dev server would stop on the first page with a raw DuckDB error. Say instead what
 * to run. `astro check` and `astro sync` need no data.
 * @returns {import('astro').AstroIntegration}
 */
function requirePublishedData() {
  return {
    name: 'require-published-data',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build' && command !== 'dev') return;
        // the same folder, resolved the same way, as src/lib/site-data.ts
        const dataDir = resolve(process.env.DATA_DIR ?? 'public/data');
        if (!existsSync(join(dataDir, 'datapackage.json'))) {
          const where = process.env.DATA_DIR ? `DATA_DIR (${dataDir})` : 'public/data';
          throw new Error(`no published data in ${where}: run \`npm run data\` (or \`npm start\`) first`);
        }
      },
    },
  };
}

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // CSP allows only 'self': never inline a stylesheet or a small script into the HTML.
  // concurrency: pages (and download files) rendered 8 at a time, so that one's file write or query overlaps another's
  // drawing; measured on the demo (2 cores): routes 19.5–20.9 s one at a time, 16.4–16.7 s eight at a time
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  server: { ...LOCAL_SERVER },
  integrations: [
    requirePublishedData(),
    // every page of both languages with its vi/en alternates; embeds (noindex, made to be framed) left out
    sitemap({
      i18n: { defaultLocale: 'vi', locales: { vi: 'vi', en: 'en' } },
      filter: (page) => !new URL(page).pathname.includes('/embed/'),
    }),
    // last: link-preview PNGs and precompressed copies of every file written before
    hostOutputs(),
  ],
  vite: {
    // reportCompressedSize off: Vite gzips every chunk only to print its size, the engine's two .wasm (40 MB) among
    // them; measured (demo build, two each, interleaved): the client bundle 2.23–2.28 s against 2.83–2.84 s
    build: { sourcemap: false, assetsInlineLimit: 0, reportCompressedSize: false },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    // the charts' DOM bundled, so that its nodes are made without a listener map each (scripts/build/linkedom-patch.ts)
    ssr: { noExternal: ['linkedom'] },
    plugins: [linkedomLazyListeners()],
  },
});
