// Build time only (Node): the decoded size of each engine module, which the page shows as the download's
// total. A compressing host's Content-Length counts compressed bytes, and the browser hands the page
// decoded ones, so the total is measured here, from the very files Vite copies into the site.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EngineBundle } from './engine-protocol';

export function engineBytes(): Record<EngineBundle, number> {
  const require = createRequire(import.meta.url);
  const size = (file: string) => statSync(require.resolve(`@duckdb/duckdb-wasm/dist/${file}`)).size;
  return { eh: size('duckdb-eh.wasm'), mvp: size('duckdb-mvp.wasm') };
}
