// @ts-check
import { defineConfig } from 'astro/config';

// BASE_PATH lets the site live under a sub-folder of an existing portal, e.g. BASE_PATH=/giam-ngheo/
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'always',
  // CSP allows only 'self': never inline a stylesheet or a small script into the HTML.
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: 4321 },
  preview: { host: '127.0.0.1' },
  vite: {
    build: { sourcemap: false, assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
