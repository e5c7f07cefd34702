// The one Content-Security-Policy of the site. Everything is self-hosted (fonts, scripts, the DuckDB
// engine, data), so every fetch directive allows only the site's own origin; the explorer adds what
// DuckDB-WASM needs: compiling WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval') and its dedicated
// worker. Delivered in every page's <meta> (src/layouts/*.astro) and, with frame-ancestors, which a
// <meta> policy cannot carry, as response headers in public/_headers (Netlify / Cloudflare Pages syntax).

export const cspDirectives: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  // blob: because a worker may be started from a blob URL wrapping the self-hosted worker script
  ['worker-src', "'self' blob:"],
  ['style-src', "'self'"],
  // data: and blob: for the client-drawn PNG download and Plot's data-URI patterns
  ['img-src', "'self' data: blob:"],
  // blob: because the explorer's worker instantiates the engine from the bytes the page downloaded
  ['connect-src', "'self' blob:"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

const join = (d: ReadonlyArray<readonly [string, string]>) => d.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy for the <meta http-equiv> of every page (frame-ancestors is ignored in a meta policy). */
export const csp = join(cspDirectives);

/** Who may frame a page: embeds (/embed/*, /en/embed/*) anyone; every other page only the site itself. */
export function frameAncestors(path: string): string {
  return /^\/(?:en\/)?embed\//.test(path) ? '*' : "'self'";
}

/** The full policy as an HTTP header for a page at `path` (path without the site's base). */
export function cspHeader(path: string): string {
  return `${csp}; frame-ancestors ${frameAncestors(path)}`;
}
