// The build's last steps, as an Astro integration (astro.config.mjs lists it last, after the sitemap, so
// every file exists when it runs): link-preview PNGs, then precompressed copies of every text file. `npm start`
// writes both itself, once it serves (scripts/start.ts): a local preview needs neither to show a page.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writePreviews } from './previews';
import { precompress, precompressLine } from './precompress';

/** Set to 1 by `npm start`: the build leaves the link previews and the precompressed copies to it, written once it
 *  serves (previews.ts writes each file whole, by a rename, so the server never sends half a page). */
export const HOST_OUTPUTS_LATER = 'HOST_OUTPUTS_LATER';

/** The link previews, then the precompressed copies (of the pages as the previews left them), each step logged. */
export async function writeHostOutputs(dist: string, site: URL | string, base: string, log: (line: string) => void): Promise<void> {
  const p = await writePreviews(dist, site, base);
  log(`link previews: ${p.cards} cards for ${p.pages} pages (${p.withChart} with a chart) in ${(p.ms / 1000).toFixed(1)} s`);
  log(precompressLine(await precompress(dist)));
}

export function hostOutputs(): AstroIntegration {
  let site: URL | undefined;
  let base = '/';
  return {
    name: 'host-outputs',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!site) throw new Error('astro.config has no site: link previews need absolute URLs');
        if (process.env[HOST_OUTPUTS_LATER] === '1') { logger.info('link previews and precompression left to npm start, once it serves'); return; }
        await writeHostOutputs(fileURLToPath(dir), site, base, (line) => logger.info(line));
      },
    },
  };
}
