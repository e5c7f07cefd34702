// @ts-check
import { defineConfig } from 'astro/config';

// BASE_PATH lets the site live under a sub-folder of an existing portal, e.g. BASE_PATH=/giam-ngheo/
const base = process.env.BASE_PATH ?? '/';
// SITE_URL: the public origin, for absolute hreflang / canonical links (set it when deploying; the local preview server by default)
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // CSP allows only 'self': never inline a stylesheet or a small script into the HTML.
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    build: { sourcemap: false, assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
