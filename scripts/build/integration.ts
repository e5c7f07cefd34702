// The build's last steps, as an Astro integration (astro.config.mjs lists it last, after the sitemap, so
// every file exists when it runs): link-preview PNGs, then precompressed copies of every text file (which `npm
// start` writes itself, once it serves).
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writePreviews } from './previews';
import { PRECOMPRESS_LATER, precompress, precompressLine } from './precompress';


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
        const dist = fileURLToPath(dir);
        const p = await writePreviews(dist, site, base);
        logger.info(`link previews: ${p.cards} cards for ${p.pages} pages (${p.withChart} with a chart) in ${(p.ms / 1000).toFixed(1)} s`);
        // `npm start` serves first and compresses after (a local preview sends files as they are): it says so
        if (process.env[PRECOMPRESS_LATER] === '1') { logger.info('precompression left to npm start, once it serves'); return; }
        logger.info(precompressLine(await precompress(dist)));
      },
    },
  };
}
