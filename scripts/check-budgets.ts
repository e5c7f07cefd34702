// Byte budgets on the built site, gzip-compressed: for every content page (every page but the explorer),
// its own HTML plus every script, stylesheet and module preload it references (deduplicated), must stay
// within JavaScript ≤ 60 KB and total ≤ 300 KB; and its HTML within 10,000 elements (bytes compress, a phone
// still parses, styles and lays out every element: the deprivation page with every year's views pre-rendered
// was 115 KB gzip, in budget, and 36 k elements, Lighthouse 85 with 562 ms of blocking time on this kind of
// machine). The explorer is reported separately, not gated (its engine is megabytes and loads on demand).
// Deterministic: reads dist/ only. Exit 0 within budget, 1 over budget, 2 usage error (no built site).
//   npm run check:budgets [-- --dist DIR] [--json]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SITE_BASE } from './build/address.ts';

export const BUDGETS = { js: 60 * 1024, total: 300 * 1024, elements: 10_000 } as const;

export interface PageBytes { page: string; html: number; css: number; js: number; total: number; elements: number; files: string[] }

const gzipCache = new Map<string, number>();
function gzipped(file: string): number {
  let n = gzipCache.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, n);
  }
  return n;
}

function htmlPages(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) htmlPages(full, out);
    else if (name.endsWith('.html')) out.push(full);
  }
  return out;
}

/** The site-relative URLs of the scripts, stylesheets and module preloads a page asks for. */
export function referencedAssets(html: string): { js: string[]; css: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag)?.slice(1).find((x) => x !== undefined);
  const js = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) css.add(href);
    else if (rel.includes('modulepreload') || (rel.includes('preload') && attr(tag, 'as') === 'script')) js.add(href);
  }
  return { js: [...js], css: [...css] };
}

/** The elements of a page's HTML: its tags, not counting comments or what a script or style element holds. */
export function elementCount(html: string): number {
  const bare = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '<$1>');
  return bare.match(/<[a-z][\w:-]*/gi)?.length ?? 0;
}

/** Static imports of a built module, followed transitively (dynamic import() is on demand: not counted). */
export function staticImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [...seen];
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g)) {
    if (/^[a-z]+:|^\/\//i.test(m[1])) continue;
    staticImports(resolve(file, '..', m[1]), seen);
  }
  return [...seen];
}

/** A referenced URL as a file under dist/, given the site's base path; null for another origin. */
function fileOf(dist: string, base: string, pageFile: string, url: string): string | null {
  if (/^[a-z]+:|^\/\//i.test(url)) return null;
  const path = url.split(/[?#]/)[0];
  if (path.startsWith('/')) return join(dist, path.startsWith(base) ? path.slice(base.length) : path);
  return resolve(pageFile, '..', path);
}

export function measure(dist: string, base = '/'): { pages: PageBytes[]; missing: string[]; foreign: string[] } {
  const pages: PageBytes[] = [];
  const missing: string[] = [];
  const foreign: string[] = [];
  const baseNorm = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  for (const file of htmlPages(dist)) {
    const html = readFileSync(file, 'utf8');
    const page = '/' + relative(dist, file).replace(/index\.html$/, '').split('\\').join('/');
    const refs = referencedAssets(html);
    const files = (urls: string[], follow: boolean) => {
      const out = new Set<string>();
      for (const u of urls) {
        const f = fileOf(dist, baseNorm, file, u);
        if (!f) foreign.push(`${page}: ${u}`);
        else if (!existsSync(f)) missing.push(`${page}: ${u}`);
        else for (const x of follow ? staticImports(f) : [f]) out.add(x);
      }
      return [...out];
    };
    const cssFiles = files(refs.css, false);
    const jsFiles = files(refs.js, true);
    const sum = (fs: string[]) => fs.reduce((n, f) => n + gzipped(f), 0);
    const h = gzipped(file);
    const css = sum(cssFiles);
    const js = sum(jsFiles);
    pages.push({ page, html: h, css, js, total: h + css + js, elements: elementCount(html), files: [...cssFiles, ...jsFiles].map((f) => relative(dist, f)) });
  }
  return { pages, missing, foreign };
}

export const isExplorer = (page: string) => /^\/(?:en\/)?explore\//.test(page);

export function check(pages: PageBytes[]): string[] {
  const over: string[] = [];
  for (const p of pages.filter((x) => !isExplorer(x.page))) {
    if (p.js > BUDGETS.js) over.push(`${p.page}: JavaScript ${kb(p.js)} > ${kb(BUDGETS.js)} (gzip)`);
    if (p.total > BUDGETS.total) over.push(`${p.page}: total ${kb(p.total)} > ${kb(BUDGETS.total)} (gzip)`);
    if (p.elements > BUDGETS.elements) over.push(`${p.page}: ${count(p.elements)} elements > ${count(BUDGETS.elements)}`);
  }
  return over;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const count = (n: number) => n.toLocaleString('en-US');

function main(argv: string[]): number {
  let dist = 'dist';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dist') dist = argv[++i] ?? '';
    else if (argv[i] === '--json') json = true;
    else { process.stderr.write(`unknown option: ${argv[i]}\nusage: check-budgets [--dist DIR] [--json]\n`); return 2; }
  }
  dist = resolve(dist);
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`no built site in ${dist}: run \`npm run build\` first\n`);
    return 2;
  }
  const { pages, missing, foreign } = measure(dist, SITE_BASE);
  const over = check(pages);
  const content = pages.filter((p) => !isExplorer(p.page));
  const worst = (k: 'js' | 'total' | 'elements') => content.reduce((a, b) => (b[k] > a[k] ? b : a));
  if (json) {
    process.stdout.write(JSON.stringify({ budgets: BUDGETS, pages, over, missing, foreign }, null, 2) + '\n');
  } else {
    const row = (p: PageBytes) => `  ${p.page.padEnd(34)} html ${kb(p.html).padStart(9)}  css ${kb(p.css).padStart(8)}  js ${kb(p.js).padStart(8)}  total ${kb(p.total).padStart(9)}  elements ${count(p.elements).padStart(6)}`;
    const shown = content.filter((p) => /^\/(?:en\/)?(?:|progress\/|deprivation\/|deprivation\/2023\/|communes\/|communes\/11470\/|agencies\/|data\/|methodology\/|embed\/poor-series\/)$/.test(p.page));
    process.stdout.write(`budgets per content page: JavaScript ≤ ${kb(BUDGETS.js)} and total ≤ ${kb(BUDGETS.total)} (gzip), ≤ ${count(BUDGETS.elements)} elements; ${content.length} content pages\n`);
    for (const p of shown) process.stdout.write(row(p) + '\n');
    process.stdout.write(`  largest JavaScript: ${worst('js').page} ${kb(worst('js').js)}; largest total: ${worst('total').page} ${kb(worst('total').total)}; most elements: ${worst('elements').page} ${count(worst('elements').elements)}\n`);
    process.stdout.write('explorer (not gated; the engine loads on demand, see npm run bench:explorer):\n');
    for (const p of pages.filter((x) => isExplorer(x.page))) process.stdout.write(row(p) + '\n');
  }
  for (const m of missing) process.stderr.write(`missing file: ${m}\n`);
  for (const f of foreign) process.stderr.write(`asset on another origin: ${f}\n`);
  for (const o of over) process.stderr.write(`over budget: ${o}\n`);
  if (over.length || missing.length || foreign.length) {
    process.stderr.write(`${over.length} over budget, ${missing.length} missing, ${foreign.length} on another origin\n`);
    return 1;
  }
  process.stdout.write('all content pages within budget\n');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exit(main(process.argv.slice(2)));
