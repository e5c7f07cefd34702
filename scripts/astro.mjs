// The Astro CLI as every npm script of this project runs it (build, dev, preview, check): with Astro's
// anonymous usage data switched off for the project, not per machine. Astro reads ASTRO_TELEMETRY_DISABLED
// before it loads astro.config.mjs (that is when it prints its notice), so the variable must be set before
// the CLI starts; setting it here, in-process, works the same on every shell and platform.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');
// astro.js reads process.argv as [node, script, command, ...flags]: the same shape as this script's own
await import(pathToFileURL(astroBin).href);
