// Every page of the built site, from dist/ itself (so a new page is checked without touching the tests),
// grouped by page type.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export type Locale = 'vi' | 'en';
export type PageKind = 'overview' | 'progress' | 'deprivation' | 'communes' | 'commune' | 'agencies' | 'explore' | 'data' | 'methodology' | 'directive' | 'embed'
  | 'monitoring' | 'newly-escaped' | 'lasting-exits' | 'recorded-vs-rule' | 'what-if' | 'other';
export interface Route { path: string; locale: Locale; kind: PageKind }

function walk(dir: string, rel: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === '_astro' || name === 'downloads') continue;
      walk(full, `${rel}${name}/`, out);
    } else if (name === 'index.html') out.push(rel);
  }
}

export function kindOf(path: string): PageKind {
  const rest = path.replace(/^en\//, '');
  if (rest === '') return 'overview';
  const [section, sub] = rest.split('/');
  if (section === 'communes') return sub ? 'commune' : 'communes';
  const known: PageKind[] = ['progress', 'deprivation', 'agencies', 'explore', 'data', 'methodology', 'directive', 'embed', 'monitoring', 'newly-escaped', 'lasting-exits', 'recorded-vs-rule', 'what-if'];
  return known.includes(section as PageKind) ? (section as PageKind) : 'other';
}

/** Paths relative to the site's base, e.g. '' (overview), 'en/communes/11470/'. Sorted. */
export function listRoutes(dist: string): Route[] {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no built site in ${dist}`);
  const paths: string[] = [];
  walk(dist, '', paths);
  return paths.sort().map((path) => ({ path, locale: path.startsWith('en/') ? 'en' : 'vi', kind: kindOf(path) }));
}

/** Content pages: everything a reader reads, i.e. all but the explorer. */
export const isContent = (r: Route) => r.kind !== 'explore';

/** One route per (kind, locale) for the page types with many pages, plus every other route; for the
 *  checks that are too slow to run on all 400 pages (second width, screenshots, axe). Embeds: one per
 *  chart kind (district charts and each kind of commune chart). The deprivation page of a review year: one
 *  of the 37 communes' years and one of the 8 units' (the latest is also the page at deprivation/). */
export function sampleRoutes(routes: Route[], communeSample = ['11470', '11545', '2025/11473', '2025/11560', '2025-01/11473'], deprivationYears = ['2023', '2025']): Route[] {
  return routes.filter((r) => {
    if (r.kind === 'commune') return communeSample.some((c) => r.path.endsWith(`/communes/${c}/`) || r.path === `communes/${c}/`);
    if (r.kind === 'deprivation') {
      const year = /deprivation\/(\d{4})\/$/.exec(r.path)?.[1];
      return year === undefined || deprivationYears.includes(year);
    }
    if (r.kind === 'embed') {
      const slug = r.path.replace(/^(en\/)?embed\//, '').replace(/\/$/, '');
      // a unit of a later period has its period before the code (2025-11473-series)
      const m = /^(?:\d{4}(?:-\d{2})?-)?(\d{5})-(.+)$/.exec(slug);
      return !m || m[1] === communeSample[0];
    }
    return true;
  });
}
