// Link previews (Open Graph / Twitter card): what image a page shares and how the card is drawn. A page's
// preview is its lead chart — the first chart on the page that has a pre-rendered SVG download — drawn on a
// 1200×630 card with the chart's title; a page without a chart shares the site card of its language. The
// head (src/components/PageHead.astro) names the site card; the build (scripts/build/previews.ts) renders
// the PNGs and points a page with a chart at its chart's card. Pure: no file system, no renderer.
import type { Locale } from './format';

/** The card's size: Facebook's and Zalo's recommended 1.91:1, large enough for Twitter's large card. */
export const PREVIEW = { width: 1200, height: 630, type: 'image/png' } as const;

/** Where the cards live, relative to the site's base. */
export const PREVIEW_DIR = 'og';
export const siteCardFile = (locale: Locale): string => `${PREVIEW_DIR}/site-${locale}.png`;
export const chartCardFile = (chartId: string, locale: Locale): string => `${PREVIEW_DIR}/${chartId}-${locale}.png`;
/** The chart's pre-rendered SVG download (written by src/pages/downloads/[file].ts, linked by Chart.astro). */
export const chartSvgFile = (chartId: string, locale: Locale): string => `downloads/${chartId}-${locale}.svg`;

/** The sitemap @astrojs/sitemap writes (an index of sitemap-0.xml…), named by robots.txt. */
export const SITEMAP_FILE = 'sitemap-index.xml';

/** The absolute URL of a file under the site's base: what og:image must carry. */
export function absoluteUrl(file: string, site: URL | string, base: string): string {
  const b = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  return new URL(b + file.replace(/^\/+/, ''), site).href;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
/** Text of an HTML fragment: tags dropped, entities decoded. */
export function htmlText(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  }).replace(/\s+/g, ' ').trim();
}

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PageChart { id: string; title: string }

/** The charts of a built page, in document order (figure.chart with its title heading, Chart.astro's markup). */
export function pageCharts(html: string): PageChart[] {
  const out: PageChart[] = [];
  for (const m of html.matchAll(/<figure class="chart" id="([^"]+)"/g)) {
    const id = m[1];
    const heading = new RegExp(`<h[1-6] id="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-title"[^>]*>([\\s\\S]*?)</h[1-6]>`).exec(html.slice(m.index));
    out.push({ id, title: heading ? htmlText(heading[1]) : '' });
  }
  return out;
}

/** The language of a built page, from <html lang>. */
export function pageLocale(html: string): Locale {
  return /<html[^>]*\blang="en"/.test(html) ? 'en' : 'vi';
}

/** The meta tags a preview sets: the image's URL and its text alternative, for Open Graph and Twitter alike. */
const IMAGE_TAGS = [/(<meta property="og:image" content=")[^"]*(")/, /(<meta name="twitter:image" content=")[^"]*(")/];
const ALT_TAGS = [/(<meta property="og:image:alt" content=")[^"]*(")/, /(<meta name="twitter:image:alt" content=")[^"]*(")/];

/** The page's HTML pointing at another preview image; throws if the head lacks the tags (PageHead.astro's). */
export function withPreview(html: string, preview: { url: string; alt: string }): string {
  let out = html;
  for (const [tags, value] of [[IMAGE_TAGS, preview.url], [ALT_TAGS, preview.alt]] as const) {
    for (const tag of tags) {
      if (!tag.test(out)) throw new Error(`no ${tag.source.slice(7, 40)}… tag in the page's head`);
      out = out.replace(tag, (_m, open: string, close: string) => `${open}${escapeXml(value)}${close}`);
    }
  }
  return out;
}

/** The content of a meta tag of a built page (property= or name=), or null. */
export function metaContent(html: string, key: string): string | null {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html);
  return m ? htmlText(m[1]) : null;
}

/** Greedy line breaking by an estimated character width (the card's fonts are known: DejaVu Sans). */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].replace(/[\s,;:.–—-]+$/, '')}…`;
  return kept;
}

const INK = '#1b1f24';
const MUTED = '#4a5360';
const ACCENT = '#0b5cad';
const M = 48; // margin

const textLines = (lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string) =>
  lines.map((l, i) => `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}" ${attrs}>${escapeXml(l)}</text>`).join('');

/** A chart's SVG (a standalone file) placed as a nested <svg> in a box, keeping its aspect ratio. */
function nestedChart(chartSvg: string, box: { x: number; y: number; width: number; height: number }): string {
  const svg = chartSvg.replace(/^<\?xml[^>]*>\s*/, '').trim();
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an SVG document');
  const attrs = open[0].replace(/\s(?:width|height|x|y|preserveAspectRatio)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" preserveAspectRatio="xMidYMid meet"`);
  return attrs + svg.slice(open[0].length);
}

const frame = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW.width}" height="${PREVIEW.height}" viewBox="0 0 ${PREVIEW.width} ${PREVIEW.height}" font-family="DejaVu Sans, sans-serif">`
  + `<rect width="${PREVIEW.width}" height="${PREVIEW.height}" fill="#fff"/>${body}`
  + `<rect x="0" y="${PREVIEW.height - 12}" width="${PREVIEW.width}" height="12" fill="${ACCENT}"/></svg>`;

/**
 * Demo data is labelled wherever it is shown, a shared card included: `demo` (the page's "Dữ liệu minh họa") is
 * drawn at the card's top right.
 */
const demoBadge = (demo?: string) => (demo
  ? `<text x="${PREVIEW.width - M}" y="56" font-size="26" font-weight="bold" text-anchor="end" fill="#a3122a">${escapeXml(demo.toUpperCase())}</text>`
  : '');

/** The height of the band that labels a downloaded chart drawn from demo data, and the band's mark. */
export const DEMO_BAND = { height: 28, mark: 'class="demo-band"' } as const;

/**
 * A downloaded chart drawn from demo data says so in the file itself, which travels without the page: a band
 * above the drawing with `label` (the page's "Dữ liệu minh họa"), the drawing unchanged below it.
 */
export function withDemoBand(svg: string, label: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
  const open = /^<svg\b[^>]*>/.exec(body);
  if (!open) throw new Error('not an SVG document');
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(open[0])?.[1];
  const box = attr('viewBox')?.split(/[\s,]+/).map(Number);
  const width = Number(attr('width') ?? box?.[2]);
  const height = Number(attr('height') ?? box?.[3]);
  if (!(width > 0 && height > 0)) throw new Error('an SVG without a size');
  const band = DEMO_BAND.height;
  const inner = open[0].replace(/\s(?:x|y)="[^"]*"/g, '').replace(/^<svg/, `<svg y="${band}"`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + band}" viewBox="0 0 ${width} ${height + band}">`
    + `<g ${DEMO_BAND.mark}><rect width="${width}" height="${band}" fill="#fff"/>`
    + `<text x="8" y="19" font-family="sans-serif" font-size="13" font-weight="bold" fill="#a3122a">${escapeXml(label.toUpperCase())}</text></g>`
    + inner + body.slice(open[0].length) + '</svg>';
}

/** The drawing of a chart without its demo band (a card draws its own label). */
export function withoutDemoBand(svg: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
  const banded = new RegExp(`^<svg[^>]*><g ${DEMO_BAND.mark}>[\\s\\S]*?</g>(<svg[\\s\\S]*)</svg>$`).exec(body);
  return banded ? banded[1].replace(new RegExp(`^<svg y="${DEMO_BAND.height}"`), '<svg') : svg;
}

/** The card of a chart: the site's name, the chart's title, the chart (and the demo label when the data are demo). */
export function chartCardSvg(chartSvg: string, title: string, siteName: string, demo?: string): string {
  const titleLines = wrapText(title, 58, 2);
  const top = 56 + 24 + titleLines.length * 42;
  return frame(
    demoBadge(demo)
    + textLines([siteName], M, 56, 24, 0, `fill="${MUTED}"`)
    + textLines(titleLines, M, 104, 34, 42, `fill="${INK}" font-weight="bold"`)
    + nestedChart(withoutDemoBand(chartSvg), { x: M, y: top, width: PREVIEW.width - 2 * M, height: PREVIEW.height - top - 36 }),
  );
}

/** The generic card of a page without a chart (and the demo label when the data are demo). */
export function siteCardSvg(title: string, lines: readonly string[], district: string, demo?: string): string {
  return frame(
    demoBadge(demo)
    + `<rect x="${M}" y="150" width="12" height="250" fill="${ACCENT}"/>`
    + textLines([title], M + 40, 230, 64, 0, `fill="${INK}" font-weight="bold"`)
    + textLines([...lines], M + 40, 300, 34, 48, `fill="${MUTED}"`)
    + textLines([district], M, 560, 26, 0, `fill="${MUTED}"`),
  );
}
