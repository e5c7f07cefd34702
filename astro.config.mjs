// @ts-check
import { defineConfig } from 'astro/config';

// BASE_PATH lets the site live under a sub-folder of an existing portal, e.g. BASE_PATH=/giam-ngheo/
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  server: { host: '127.0.0.1', port: 4321 },
  preview: { host: '127.0.0.1' },
  vite: {
    build: { sourcemap: false },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
