// Found and shared (issue 15, item 6): every page's link preview (Open Graph + Twitter card) names a PNG
// that exists; a commune page's preview is a real picture of its lead chart with its Vietnamese text drawn;
// the sitemap lists every indexable page of both languages with its alternates; robots.txt points to it;
// the 404 page speaks both languages. And the build's precompressed copies (item 4) decompress to the file.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, ensureSite } from '../../support/browser/site';
import { listRoutes, type Route } from '../lib/routes';
import { colourCounts, greyVariance, readPng } from '../lib/png';
import { PREVIEW_FONTS, RENDER_OPTIONS, renderPng } from '../../scripts/build/previews';
import { MIN_BYTES, PRECOMPRESSED } from '../../scripts/build/precompress';
import { htmlText, metaContent } from '../../src/lib/share';

interface Page { file: string; path: string; html: string; lang: 'vi' | 'en' }
let pages: Page[];
let routes: Route[];

beforeAll(async () => {
  await ensureSite();
  routes = listRoutes(DIST);
  const files = [...routes.map((r) => ({ file: join(DIST, r.path, 'index.html'), path: r.path })), { file: join(DIST, '404.html'), path: '404.html' }];
  pages = files.map(({ file, path }) => {
    const html = readFileSync(file, 'utf8');
    return { file, path, html, lang: /<html lang="en"/.test(html) ? 'en' : 'vi' };
  });
});

/** The dist file behind an absolute URL of the site (built at the root). */
function distFile(url: string, page: Page): string {
  const u = new URL(url);
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(page.html)?.[1];
  if (canonical) expect(u.origin, page.path).toBe(new URL(canonical).origin);
  return join(DIST, decodeURIComponent(u.pathname));
}

const headerCache = new Map<string, { width: number; height: number }>();
function pngSize(file: string) {
  if (!headerCache.has(file)) {
    const b = readFileSync(file);
    expect(b.subarray(1, 4).toString('latin1'), file).toBe('PNG');
    headerCache.set(file, { width: b.readUInt32BE(16), height: b.readUInt32BE(20) });
  }
  return headerCache.get(file)!;
}

describe('link previews', () => {
  it('every page (and the 404) carries Open Graph and Twitter-card tags naming an existing 1200×630 PNG', () => {
    expect(pages.length).toBeGreaterThan(600);
    const bad: string[] = [];
    for (const p of pages) {
      const m = (k: string) => metaContent(p.html, k);
      const title = /<title>([^<]*)<\/title>/.exec(p.html)?.[1];
      const problems: string[] = [];
      if (!m('og:title') || m('og:title') !== htmlText(title ?? '')) problems.push(`og:title ${m('og:title')} ≠ title ${title}`);
      if (!m('og:description')) problems.push('no og:description');
      if (m('og:locale') !== (p.lang === 'vi' ? 'vi_VN' : 'en_US')) problems.push(`og:locale ${m('og:locale')}`);
      if (m('og:locale:alternate') !== (p.lang === 'vi' ? 'en_US' : 'vi_VN')) problems.push(`og:locale:alternate ${m('og:locale:alternate')}`);
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(p.html)?.[1];
      if (p.path !== '404.html' && m('og:url') !== canonical) problems.push(`og:url ${m('og:url')} ≠ canonical ${canonical}`);
      if (m('twitter:card') !== 'summary_large_image') problems.push('twitter:card');
      if (m('twitter:image') !== m('og:image')) problems.push('twitter:image ≠ og:image');
      if (!m('og:image:alt') || m('twitter:image:alt') !== m('og:image:alt')) problems.push('image alt');
      const image = m('og:image');
      if (!image || !/^https?:\/\/.+\.png$/.test(image)) problems.push(`og:image ${image}`);
      else {
        const file = distFile(image, p);
        if (!existsSync(file)) problems.push(`og:image missing: ${image}`);
        else {
          const { width, height } = pngSize(file);
          if (String(width) !== m('og:image:width') || String(height) !== m('og:image:height') || width !== 1200 || height !== 630) problems.push(`size ${width}×${height} vs tags ${m('og:image:width')}×${m('og:image:height')}`);
        }
      }
      if (problems.length) bad.push(`/${p.path}: ${problems.join('; ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('a content page with a chart shares its first chart (with a download) and its title; an embed its chart\'s card if a content page made one; others the site card', () => {
    const bad: string[] = [];
    const leadOf = (p: Page) => [...p.html.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((x) => x[1])
      .find((id) => existsSync(join(DIST, 'downloads', `${id}-${p.lang}.svg`)));
    const embed = (p: Page) => /<meta name="robots" content="noindex"/.test(p.html) && p.path !== '404.html';
    const contentCards = new Set(pages.filter((p) => !embed(p)).map((p) => { const id = leadOf(p); return id ? `og/${id}-${p.lang}.png` : ''; }));
    let chartPages = 0;
    for (const p of pages) {
      const lead = leadOf(p);
      const card = lead ? `og/${lead}-${p.lang}.png` : '';
      const shared = lead && (!embed(p) || contentCards.has(card));
      const expected = shared ? card : `og/site-${p.lang}.png`;
      const image = metaContent(p.html, 'og:image') ?? '';
      if (!image.endsWith(`/${expected}`)) bad.push(`/${p.path}: ${image}, expected ${expected}`);
      if (shared) {
        chartPages++;
        const heading = new RegExp(`id="${lead}-title"[^>]*>([^<]*)<`).exec(p.html)?.[1];
        if (metaContent(p.html, 'og:image:alt') !== htmlText(heading ?? '')) bad.push(`/${p.path}: alt ${metaContent(p.html, 'og:image:alt')} ≠ ${heading}`);
      }
    }
    expect(bad).toEqual([]);
    // every commune page of both languages has a chart to share
    const communePages = routes.filter((r) => r.kind === 'commune').length;
    expect(communePages).toBeGreaterThanOrEqual(132);
    expect(chartPages).toBeGreaterThanOrEqual(communePages);
    // one card per chart, reused: no card file that no page names
    const named = new Set(pages.map((p) => new URL(metaContent(p.html, 'og:image')!).pathname.replace(/^\//, '')));
    expect(readdirSync(join(DIST, 'og')).map((f) => `og/${f}`).filter((f) => !named.has(f))).toEqual([]);
  });

  describe.each([
    ['an old unit', 'communes/11470/'],
    ['a unit of 2025', 'communes/2025/11473/'],
  ])('the preview of %s (%s)', (_label, path) => {
    let png: ReturnType<typeof readPng>;
    let chartSvg: string;
    beforeAll(() => {
      const page = pages.find((p) => p.path === path)!;
      const image = metaContent(page.html, 'og:image')!;
      png = readPng(readFileSync(distFile(image, page)));
      const id = /og\/(.+)-vi\.png$/.exec(image)![1];
      chartSvg = readFileSync(join(DIST, 'downloads', `${id}-vi.svg`), 'utf8');
    });

    it('is a 1200×630 picture, not blank', () => {
      expect([png.width, png.height]).toEqual([1200, 630]);
      expect(greyVariance(png)).toBeGreaterThan(200);
    });

    it('shows the chart: its own colours cover a good part of the card', () => {
      const fills = new Set([...chartSvg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/gi)].map((m) => m[1].toLowerCase()));
      const chartColours = [...fills].filter((c) => !['#ffffff', '#000000'].includes(c) && new Set([c.slice(1, 3), c.slice(3, 5), c.slice(5, 7)]).size > 1);
      expect(chartColours.length).toBeGreaterThan(0);
      const counts = colourCounts(png);
      const covered = chartColours.reduce((n, c) => n + (counts.get(c) ?? 0), 0);
      // exact chart colours (antialiased edges aside) over at least 1 % of the card
      expect(covered).toBeGreaterThan(0.01 * 1200 * 630);
    });

    it('its chart text is Vietnamese, and the card\'s font draws every letter of it with its marks', () => {
      const text = [...chartSvg.matchAll(/<text[^>]*>([^<]+)</g)].map((m) => m[1]).join(' ');
      const letters = [...new Set([...text].filter((ch) => /\p{L}/u.test(ch) && ch.normalize('NFD') !== ch))];
      expect(letters.length).toBeGreaterThan(3); // e.g. "Việc làm", "Giáo dục"
      const bad: string[] = [];
      for (const ch of letters) {
        const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
        const [own, base] = [glyph(ch), glyph(plain)];
        if (ink(own) === 0) bad.push(`${ch}: nothing drawn`);
        else if (own.equals(MISSING())) bad.push(`${ch}: drawn as the missing-glyph box`);
        else if (own.equals(base)) bad.push(`${ch}: drawn as ${plain}`);
      }
      expect(bad).toEqual([]);
    });
  });

  it('a letter the font lacks is drawn as the missing-glyph box (so the check above would see a missing Vietnamese glyph)', () => {
    // U+E000 is a private-use code point no font maps: what the renderer draws for any missing letter
    expect(glyph('漢').equals(MISSING())).toBe(true);
    expect(glyph('ệ').equals(MISSING())).toBe(false);
    expect(ink(glyph('ệ'))).toBeGreaterThan(ink(glyph('e')));
    expect(glyph('ệ').equals(glyph('ề'))).toBe(false);
  });

  it('the cards are drawn with the fonts shipped in node_modules, never the system\'s', () => {
    for (const f of PREVIEW_FONTS) expect(statSync(f).size).toBeGreaterThan(100_000);
    expect(RENDER_OPTIONS.font).toMatchObject({ loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' });
  });
});

/** One letter drawn 48 px high by the cards' renderer: the PNG's pixels. */
function glyph(ch: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="80"><text x="8" y="60" font-size="48" font-family="system-ui, sans-serif" fill="#000">${ch}</text></svg>`;
  return Buffer.from(readPng(renderPng(svg)).pixels);
}
let missing: Buffer | undefined;
/** What the renderer draws for a letter no loaded font has. */
const MISSING = () => (missing ??= glyph('\ue000'));
/** Dark pixels of a rendered letter. */
function ink(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) n++;
  return n;
}

describe('sitemap and robots.txt', () => {
  const locs = () => {
    const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
    const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname.replace(/^\//, ''));
    expect(maps.length).toBeGreaterThan(0);
    return maps.flatMap((m) => [...readFileSync(join(DIST, m), 'utf8').matchAll(/<url>([\s\S]*?)<\/url>/g)].map((u) => u[1]));
  };

  it('lists every built page of both languages that may be indexed (all but the noindex embeds and 404), once', () => {
    const listed = locs().map((u) => new URL(/<loc>([^<]+)<\/loc>/.exec(u)![1]).pathname.replace(/^\//, ''));
    const indexable = pages.filter((p) => p.path !== '404.html' && !/<meta name="robots" content="noindex"/.test(p.html)).map((p) => p.path);
    expect(indexable.length).toBeGreaterThan(150);
    expect(indexable.filter((p) => p.startsWith('en/')).length).toBe(indexable.filter((p) => !p.startsWith('en/')).length);
    expect([...listed].sort()).toEqual([...indexable].sort());
  });

  it('gives each page its vi and en alternates, both existing pages', () => {
    const bad: string[] = [];
    for (const u of locs()) {
      const loc = /<loc>([^<]+)<\/loc>/.exec(u)![1];
      const alternates = Object.fromEntries([...u.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]));
      const path = new URL(loc).pathname.replace(/^\//, '');
      const twin = path.startsWith('en/') ? path.slice(3) : `en/${path}`;
      const expected = path.startsWith('en/') ? { vi: twin, en: path } : { vi: path, en: twin };
      for (const [lang, p] of Object.entries(expected)) {
        const href = alternates[lang];
        if (!href || new URL(href).pathname.replace(/^\//, '') !== p) bad.push(`${loc}: ${lang} → ${href}`);
        else if (!existsSync(join(DIST, p, 'index.html'))) bad.push(`${loc}: ${lang} alternate ${p} not built`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('robots.txt allows crawling and names the sitemap by its absolute URL', () => {
    const robots = readFileSync(join(DIST, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
    const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
    expect(sitemap).toMatch(/^https?:\/\/[^/]+\/sitemap-index\.xml$/);
    expect(existsSync(join(DIST, new URL(sitemap!).pathname))).toBe(true);
  });
});

describe('the 404 page', () => {
  it('says it in Vietnamese first, then English, each with a link home', () => {
    const html = readFileSync(join(DIST, '404.html'), 'utf8');
    const main = html.slice(html.indexOf('<main'));
    const vi = main.indexOf('Không tìm thấy trang');
    const en = main.indexOf('Page not found');
    expect(vi).toBeGreaterThan(-1);
    expect(en).toBeGreaterThan(vi);
    const links = [...main.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['/', '/en/']);
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toMatch(/<section lang="en">/);
  });
});

describe('precompressed copies', () => {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else all.push(join(dir, e.name));
    }
  };
  beforeAll(() => walk(DIST));

  it('every text file (and .wasm) of at least 1 KiB has a .gz and a .br beside it', () => {
    const pattern = new RegExp(`\\.(?:${PRECOMPRESSED.join('|')})$`);
    const present = new Set(all);
    const targets = all.filter((f) => pattern.test(f) && statSync(f).size >= MIN_BYTES);
    for (const ext of ['html', 'css', 'js', 'json', 'csv', 'svg', 'wasm', 'xml']) {
      expect(targets.some((f) => f.endsWith(`.${ext}`)), ext).toBe(true);
    }
    expect(targets.filter((f) => !present.has(`${f}.gz`) || !present.has(`${f}.br`))).toEqual([]);
  });

  it('each copy decompresses to the file itself (a sample of every kind) and is smaller', () => {
    const sample = PRECOMPRESSED.flatMap((ext) => all.filter((f) => f.endsWith(`.${ext}`) && existsSync(`${f}.gz`)).slice(0, 3));
    expect(sample.length).toBeGreaterThan(15);
    for (const f of sample) {
      const body = readFileSync(f);
      const gz = readFileSync(`${f}.gz`);
      const br = readFileSync(`${f}.br`);
      expect(gunzipSync(gz).equals(body), f).toBe(true);
      expect(brotliDecompressSync(br).equals(body), f).toBe(true);
      expect(gz.length, f).toBeLessThan(body.length);
    }
  });
});
