// The link-preview PNGs, after `astro build`: one card per lead chart (shared by every page whose lead it is,
// e.g. a commune page and the chart's embed) and one site card per language, rendered with resvg from the
// chart's pre-rendered SVG download. Fonts come from disk (the dejavu-fonts-ttf package: DejaVu Sans covers
// Vietnamese), never from the system or the network, so every machine draws the same pixels.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { strings } from '../../src/i18n';
import type { Locale } from '../../src/lib/format';
import {
  PREVIEW_DIR, absoluteUrl, chartCardFile, chartCardSvg, chartSvgFile, pageCharts, pageLocale, siteCardFile, siteCardSvg, withPreview,
} from '../../src/lib/share';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
/** The fonts the cards are drawn with: the renderer sees these and nothing else. */
export const PREVIEW_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(fontDir, f));

/** resvg's options for every card: the shipped fonts only; any family the SVG names falls back to DejaVu Sans. */
export const RENDER_OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: PREVIEW_FONTS,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
    serifFamily: 'DejaVu Sans',
    monospaceFamily: 'DejaVu Sans',
  },
  fitTo: { mode: 'original' },
  background: '#ffffff',
};

export function renderPng(svg: string): Buffer {
  return new Resvg(svg, RENDER_OPTIONS).render().asPng();
}

/** Writes a file whole: under `npm start` the server is already sending the pages this rewrites (integration.ts). */
async function writeWhole(file: string, data: string | Buffer): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, data);
  await rename(partial, file);
}

async function htmlFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_astro' && entry.name !== 'downloads') await htmlFiles(full, out);
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

export interface PreviewReport { pages: number; withChart: number; cards: number; ms: number }

/** A page made to be framed (embeds carry `noindex`): it reuses its chart's card when a content page has
 *  rendered it, and shares the site card otherwise — a card per embed would cost ~500 renders for links
 *  nobody is meant to share. */
const isEmbed = (html: string) => /<meta name="robots" content="noindex"/.test(html);

/**
 * Renders the cards into `dist/og/` and points each page that has a chart at its lead chart's card.
 * `site` and `base` as in astro.config (the URLs the head carries).
 */
export async function writePreviews(dist: string, site: URL | string, base: string): Promise<PreviewReport> {
  const started = performance.now();
  const cards = new Map<string, () => Promise<string>>();
  const pages = [];
  for (const file of await htmlFiles(dist)) {
    const html = await readFile(file, 'utf8');
    const locale = pageLocale(html);
    const lead = pageCharts(html).find((c) => existsSync(join(dist, chartSvgFile(c.id, locale))));
    pages.push({ file, html, locale, lead, embed: isEmbed(html) });
  }
  // a build on demo data carries the demo notice (Base.astro) on its pages: its cards say so too
  const demo = pages.some((p) => p.html.includes('data-demo-notice'));
  const demoLabel = (locale: Locale): string | undefined => (demo ? strings(locale).pages.common.demoShort : undefined);
  for (const locale of ['vi', 'en'] as Locale[]) {
    const s = strings(locale);
    cards.set(siteCardFile(locale), async () => siteCardSvg(s.host.share.cardTitle, s.host.share.cardLines, s.pages.common.siteName, demoLabel(locale)));
  }
  let withChart = 0;
  // content pages first: they decide which cards exist
  for (const page of [...pages.filter((p) => !p.embed), ...pages.filter((p) => p.embed)]) {
    const { lead, locale } = page;
    if (!lead) continue;
    const card = chartCardFile(lead.id, locale);
    if (!cards.has(card)) {
      if (page.embed) continue;
      const siteName = strings(locale).pages.common.siteName;
      cards.set(card, async () => chartCardSvg(await readFile(join(dist, chartSvgFile(lead.id, locale)), 'utf8'), lead.title, siteName, demoLabel(locale)));
    }
    withChart++;
    const updated = withPreview(page.html, { url: absoluteUrl(card, site, base), alt: lead.title });
    if (updated !== page.html) await writeWhole(page.file, updated);
  }
  await mkdir(join(dist, PREVIEW_DIR), { recursive: true });
  // two at a time: resvg renders off the main thread
  const queue = [...cards];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [card, svg] = next;
      const image = await renderAsync(await svg(), RENDER_OPTIONS);
      await writeWhole(join(dist, card), image.asPng());
    }
  };
  await Promise.all([worker(), worker()]);
  return { pages: pages.length, withChart, cards: cards.size, ms: Math.round(performance.now() - started) };
}
