// Where the site lives: astro.config.mjs gives it to Astro, and `npm start` (scripts/start.ts) waits there for the
// first page and writes the link previews' absolute URLs with it. Cheap to import: no Astro.

/** The local dev and preview server. */
export const LOCAL_SERVER = { host: '127.0.0.1', port: 4321 } as const;
/** BASE_PATH lets the site live under a sub-folder of an existing portal, e.g. BASE_PATH=/giam-ngheo/ */
export const SITE_BASE = process.env.BASE_PATH ?? '/';
/** SITE_URL: the public origin, for absolute hreflang / canonical links (set it when deploying; the local preview
 *  server by default) */
export const SITE_URL = process.env.SITE_URL ?? `http://${LOCAL_SERVER.host}:${LOCAL_SERVER.port}`;
