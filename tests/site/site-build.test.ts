// Build test of the public site: routes in both locales, every chart complete without JavaScript, the
// overview's numbers equal to the published CSVs (parsed here, independently of the site's code), and
// the demo notice on every page when the data are demo.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { ensureSite, DIST, DATA } from '../../support/browser/site';
import { formatCount } from '../../src/lib/format';

const SLUGS = ['', 'progress/', 'deprivation/', 'communes/', 'agencies/', 'data/', 'methodology/', 'directive/', 'monitoring/', 'newly-escaped/', 'lasting-exits/', 'recorded-vs-rule/', 'what-if/'];
const PREFIX = { vi: '', en: 'en/' } as const;

function csv(name: string): Record<string, string>[] {
  const text = readFileSync(join(DATA, `${name}.csv`), 'utf8').replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}
function page(path: string): Document {
  return new JSDOM(readFileSync(join(DIST, path, 'index.html'), 'utf8')).window.document;
}
/** Independent formatter: thousands with "." (vi) or "," (en); decimals with "," (vi) or "." (en). */
function fmt(n: number, locale: 'vi' | 'en', digits = 0): string {
  const [int, dec] = Math.abs(n).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',');
  return (n < 0 ? '−' : '') + grouped + (dec ? (locale === 'vi' ? ',' : '.') + dec : '');
}
function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) { if (e !== '_astro' && e !== 'data' && e !== 'downloads') htmlFiles(p, out); }
    else if (e === 'index.html') out.push(p);
  }
  return out;
}

let communeCodes: string[] = [];
beforeAll(async () => {
  await ensureSite();
  // the 37 units of 2019–2024 (areas is keyed by code and period: codes are reused from 2025)
  communeCodes = csv('areas').filter((a) => a.area_level === 'commune' && a.valid_from.startsWith('2019')).map((a) => a.area_code);
}, 900_000);

describe.each(['vi', 'en'] as const)('routes (%s)', (locale) => {
  it('has every content page', () => {
    for (const slug of SLUGS) expect(existsSync(join(DIST, PREFIX[locale] + slug, 'index.html')), slug).toBe(true);
  });
  it('has a page for each of the 37 communes', () => {
    expect(communeCodes.length).toBe(37);
    for (const code of communeCodes) expect(existsSync(join(DIST, `${PREFIX[locale]}communes/${code}/index.html`)), code).toBe(true);
  });
  it('declares its language and links to the twin page', () => {
    const doc = page(`${PREFIX[locale]}progress/`);
    expect(doc.documentElement.lang).toBe(locale);
    const other = locale === 'vi' ? '/en/progress/' : '/progress/';
    expect(doc.querySelector('a.lang')?.getAttribute('href')).toBe(other);
  });
});

describe('charts', () => {
  const pages = ['', 'progress/', 'deprivation/', 'deprivation/2023/', 'agencies/', 'en/', 'en/deprivation/', 'en/deprivation/2021/', 'newly-escaped/', 'lasting-exits/', 'en/newly-escaped/', 'en/lasting-exits/'];
  it.each(pages)('every chart on /%s has title, summary, table and downloads', (p) => {
    const doc = page(p || '.');
    const figures = Array.from(doc.querySelectorAll('figure.chart'));
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(f.querySelector('h2, h3')?.textContent?.trim(), f.id).toBeTruthy();
      const summary = f.querySelector('figcaption .chart-summary')?.textContent?.trim() ?? '';
      expect(summary.length, f.id).toBeGreaterThan(20);
      expect(f.querySelector('svg, .heatmap table'), f.id).not.toBeNull();
      // drawn as SVG (named by the summary) or, the heat map, as an HTML table: one or the other
      const svg = f.querySelector('.chart-svg svg');
      const heatmap = f.querySelector('.heatmap table');
      expect([Boolean(svg), Boolean(heatmap)], f.id).toEqual(svg ? [true, false] : [false, true]);
      expect(svg?.getAttribute('aria-label') ?? heatmap?.querySelector('caption')?.textContent?.trim(), f.id).toBeTruthy();
      expect(svg ? svg.getAttribute('aria-label') : summary, f.id).toBe(summary);
      expect(f.querySelector('details table'), f.id).not.toBeNull();
      for (const kind of ['csv', 'svg']) {
        const href = f.querySelector(`[data-download="${kind}"]`)?.getAttribute('href') ?? '';
        expect(href, `${f.id} ${kind}`).toMatch(new RegExp(`\\.${kind}$`));
        expect(existsSync(join(DIST, href)), href).toBe(true);
      }
      expect(f.querySelector('[data-download="png"]'), f.id).not.toBeNull();
    }
  });
  it('draws suppressed heat-map cells as hidden, never as 0, with the explanation', () => {
    const doc = page('deprivation/');
    const hidden = csv('deprivation').filter((d) => d.area_level === 'commune' && d.population === 'poor' && d.status === 'suppressed');
    const latest = Math.max(...csv('poverty').map((p) => Number(p.review_year)));
    const expected = hidden.filter((d) => Number(d.review_year) === latest).length;
    // figure#heatmap: the latest year's poor households (the page also holds other years and the near-poor)
    expect(doc.querySelectorAll('figure#heatmap .heatmap td.hm-s').length).toBe(expected);
    // each reads as the range the published tables allow, the one published beside it: never a bare word, a length or 0
    const ranges = hidden.filter((d) => Number(d.review_year) === latest)
      .map((d) => `ẩn (${formatCount(Number(d.households_min), 'vi')}–${formatCount(Number(d.households_max), 'vi')} hộ)`);
    const shown = Array.from(doc.querySelectorAll('figure#heatmap .heatmap td.hm-s')).map((td) => td.textContent);
    expect(shown.sort()).toEqual(ranges.sort());
    for (const td of Array.from(doc.querySelectorAll('.heatmap td.hm-s'))) expect(td.textContent).toMatch(/^ẩn \(\d[\d.]*–\d[\d.]* hộ\)$/);
    expect(doc.querySelector('#suppressed-explained')?.textContent).toContain('ẩn để bảo vệ hộ gia đình');
  });
});

describe('a view per review year and population, with a permalink', () => {
  const years = () => [...new Set(csv('poverty').map((p) => Number(p.review_year)))].sort((a, b) => a - b);
  it.each(['', 'agencies/', 'communes/11470/', 'en/agencies/'])('/%s: every year pre-rendered, the latest shown by default, ?year= links', (path) => {
    const doc = page(path || '.');
    // a 2019–2024 unit's page holds the reviews of its own period only
    const ys = path.startsWith('communes/') ? years().filter((y) => y <= 2024) : years();
    const sw = doc.querySelector('view-switch[data-param="year"]');
    expect(sw?.getAttribute('data-default')).toBe(String(ys[ys.length - 1]));
    for (const y of ys) {
      const view = doc.getElementById(`year-${y}`);
      expect(view?.classList.contains('view'), `${path} ${y}`).toBe(true);
      expect(view?.classList.contains('default')).toBe(y === ys[ys.length - 1]);
      expect(sw?.querySelector(`nav a[href="?year=${y}#year-${y}"]`), `${path} link ${y}`).not.toBeNull();
    }
    // ids stay unique with every view in one page
    const ids = Array.from(doc.querySelectorAll('[id]')).map((e) => e.id).filter((id) => !id.startsWith('hatch'));
    expect(ids.length - new Set(ids).size, path).toBe(0);
  });
  it('the heat map for near-poor households too, its hidden cells as hidden', () => {
    const doc = page('deprivation/');
    const latest = years()[years().length - 1];
    const expected = csv('deprivation').filter((d) => d.area_level === 'commune' && d.population === 'near_poor' && d.status === 'suppressed' && Number(d.review_year) === latest).length;
    expect(doc.querySelectorAll('figure#heatmap-near_poor .heatmap td.hm-s').length).toBe(expected);
    expect(doc.querySelector('view-switch[data-param="pop"] a[href="?pop=near_poor#heatmap-' + latest + '-near_poor"]')).not.toBeNull();
  });
});

describe('the deprivation page: one page per review year, the latest also at deprivation/', () => {
  const years = () => [...new Set(csv('poverty').map((p) => Number(p.review_year)))].sort((a, b) => a - b);
  const latest = () => years()[years().length - 1]!;
  // the charts' ids: the latest review's carry no year (heatmap), an earlier one's say it (heatmap-y2023)
  const idOf = (kind: string, y: number) => (y === latest() ? kind : `${kind}-y${y}`);
  it.each(['', 'en/'])('/%sdeprivation/<year>/: each year its own page, holding that year only, the years as links', (prefix) => {
    expect(years().length).toBeGreaterThan(4);
    for (const y of years()) {
      const doc = page(`${prefix}deprivation/${y}/`);
      const shown = Array.from(doc.querySelectorAll('section[id^="year-"]')).map((e) => e.id);
      expect(shown, `${y}`).toEqual([`year-${y}`]);
      expect(doc.querySelector('view-switch[data-param="year"]'), `${y}`).toBeNull();
      const links = Array.from(doc.querySelectorAll<HTMLAnchorElement>('nav[data-year-pages] a'));
      expect(links.map((a) => a.getAttribute('href'))).toEqual(years().map((x) => `/${prefix}deprivation/${x}/`));
      expect(links.filter((a) => a.getAttribute('aria-current') === 'true').map((a) => a.textContent)).toEqual([String(y)]);
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), `${y}`).toMatch(new RegExp(`/${prefix}deprivation/${y}/$`));
      const ids = Array.from(doc.querySelectorAll('[id]')).map((e) => e.id).filter((id) => !id.startsWith('hatch'));
      expect(ids.length - new Set(ids).size, `${y}`).toBe(0);
    }
  });
  it('deprivation/ is the latest review, the same as its year page', () => {
    const index = page('deprivation/');
    const own = page(`deprivation/${latest()}/`);
    expect(index.querySelector(`#year-${latest()}`)?.outerHTML).toBe(own.querySelector(`#year-${latest()}`)?.outerHTML);
    expect(index.querySelectorAll('section[id^="year-"]').length).toBe(1);
  });
  it('each year\'s heat maps mark exactly that year\'s hidden cells, poor and near-poor', () => {
    const dep = csv('deprivation').filter((d) => d.area_level === 'commune' && d.status === 'suppressed');
    for (const y of years()) {
      const doc = page(`deprivation/${y}/`);
      for (const [pop, kind] of [['poor', 'heatmap'], ['near_poor', 'heatmap-near_poor']] as const) {
        const expected = dep.filter((d) => d.population === pop && Number(d.review_year) === y).length;
        expect(expected, `${y} ${pop}`).toBeGreaterThan(0);
        expect(doc.querySelectorAll(`figure#${idOf(kind, y)} .heatmap td.hm-s`).length, `${y} ${pop}`).toBe(expected);
      }
    }
  });
  it('the overview\'s view of a year links to that year\'s deprivation page', () => {
    const doc = page('.');
    const links = years().map((y) => [y, doc.querySelector(`#year-${y} [data-finding="top-deprivation"] a`)?.getAttribute('href')] as const).filter(([, h]) => h);
    expect(links.length).toBeGreaterThan(0);
    for (const [y, href] of links) expect(href, `${y}`).toBe(`/deprivation/${y}/`);
  });
});

describe.each(['vi', 'en'] as const)('overview numbers equal the published tables (%s)', (locale) => {
  it('headline figures', () => {
    const poverty = csv('poverty').filter((p) => p.area_code === '311');
    const years = poverty.map((p) => Number(p.review_year)).sort((a, b) => a - b);
    const last = years[years.length - 1];
    const cur = poverty.find((p) => Number(p.review_year) === last)!;
    const prev = poverty.find((p) => Number(p.review_year) === last - 1);
    const doc = page(PREFIX[locale] || '.');
    const fig = (name: string) => doc.querySelector(`[data-figure="${name}"]`);
    expect(fig('poor')?.textContent).toBe(fmt(Number(cur.poor), locale));
    expect(fig('near_poor')?.textContent).toBe(fmt(Number(cur.near_poor), locale));
    const unit = locale === 'vi' ? 'hộ' : 'households';
    expect(fig('poor_rate')?.textContent).toBe(`${fmt(Number(cur.poor_rate), locale, 2)}% (${fmt(Number(cur.poor), locale)} / ${fmt(Number(cur.total_households), locale)} ${unit})`);
    expect(fig('near_poor_rate')?.textContent).toBe(`${fmt(Number(cur.near_poor_rate), locale, 2)}% (${fmt(Number(cur.near_poor), locale)} / ${fmt(Number(cur.total_households), locale)} ${unit})`);
    // the target is judged at the 2024 review, shown with every later year
    const at2024 = poverty.find((p) => p.review_year === '2024')!;
    expect(fig('target_2024')?.getAttribute('data-value')).toBe(at2024.poor);
    // the demo data cover several review years, and the district's group counts are never suppressed
    expect(prev, `review year ${last - 1}`).toBeTruthy();
    // the change is stated within one standard: 2026 (2027–2030) is not compared with 2025 (2022–2025)
    const d = Number(prev!.poor) - Number(poverty.find((p) => Number(p.review_year) === last - 2)!.poor);
    expect(doc.querySelector(`#year-${last} [data-figure="poor_change"]`)).toBeNull();
    expect(doc.querySelector(`#year-${last - 1} [data-figure="poor_change"]`)?.textContent).toBe((d > 0 ? '+' : '') + fmt(d, locale));
    const noLabour = csv('poverty_groups').find((g) => g.area_code === '311' && Number(g.review_year) === last && g.measure === 'poor_no_labour');
    expect(noLabour?.households, 'poor_no_labour households').toMatch(/^\d+$/);
    expect(fig('poor_no_labour_share')?.textContent).toBe(`${fmt((100 * Number(noLabour!.households)) / Number(cur.poor), locale, 2)}%`);
  });
});

describe('demo notice', () => {
  it('appears on every page when the data are demo', () => {
    const demo = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8')).demo === true;
    const files = htmlFiles(DIST).filter((f) => !f.includes(`${join(DIST, 'explore')}`) && !f.includes(join(DIST, 'en', 'explore')));
    expect(files.length).toBeGreaterThan(2 * (SLUGS.length + 37));
    for (const f of files) {
      const html = readFileSync(f, 'utf8');
      expect(html.includes('data-demo-notice'), f).toBe(demo);
    }
  });
  it('is in every downloaded chart drawn from demo data, in the file itself, and in no chart of real data', () => {
    const demo = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8')).demo === true;
    const svgs = readdirSync(join(DIST, 'downloads')).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(100);
    // the band opens the drawing, with the label as its text (a pattern over all ~1,300 files: one JSDOM each would
    // take minutes); a sample is parsed as XML, which JSDOM refuses unless well-formed
    const band = /^<\?xml[^>]*>\s*<svg [^>]*><g class="demo-band"><rect [^>]*\/><text [^>]*>([^<]*)<\/text><\/g><svg y="28"/;
    for (const [i, f] of svgs.entries()) {
      const text = readFileSync(join(DIST, 'downloads', f), 'utf8');
      const label = f.endsWith('-en.svg') ? 'DEMO DATA' : 'DỮ LIỆU MINH HỌA';
      expect(band.exec(text)?.[1] ?? null, f).toBe(demo ? label : null);
      if (i % 300 === 0) {
        const root = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document.documentElement;
        expect(root.querySelector(':scope > g.demo-band text')?.textContent ?? null, f).toBe(demo ? label : null);
      }
    }
  });
  it('shows the release id in every footer', () => {
    const id = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8')).id;
    expect(id).toMatch(/\S/);
    for (const p of ['.', 'en/', 'methodology/', 'communes/11470/']) expect(page(p).querySelector('[data-release-id]')?.textContent, p).toBe(id);
  });
});

describe('newly escaped households and lasting exits', () => {
  const cell = (r: Record<string, string> | undefined, locale: 'vi' | 'en') => {
    if (!r) return '—';
    if (r.households !== '') return fmt(Number(r.households), locale);
    return locale === 'vi' ? `ẩn (${fmt(Number(r.households_min), 'vi')}–${fmt(Number(r.households_max), 'vi')} hộ)` : `hidden (${fmt(Number(r.households_min), 'en')}–${fmt(Number(r.households_max), 'en')} households)`;
  };
  it.each(['vi', 'en'] as const)('the territory and every unit of each review year show the published newly_escaped count (%s)', (locale) => {
    const rows = csv('poverty_groups').filter((g) => g.measure === 'newly_escaped');
    const years = [...new Set(rows.map((g) => Number(g.review_year)))];
    expect(years.length).toBeGreaterThan(0);
    const doc = page(`${PREFIX[locale]}newly-escaped/`);
    for (const y of years) {
      const table = doc.querySelector(`#year-${y} table`)!;
      const first = table.querySelector('tbody tr')!;
      expect(first.querySelectorAll('td')[0]?.textContent, `${y}`).toBe(cell(rows.find((g) => Number(g.review_year) === y && g.area_code === '311'), locale));
      // each unit's row carries its anchor and its own count
      for (const g of rows.filter((x) => Number(x.review_year) === y && x.area_level === 'commune')) {
        const tr = Array.from(table.querySelectorAll('tbody tr')).find((t) => t.id.startsWith(`escaped-${y}-`) && t.id.endsWith(`-${g.area_code}`));
        expect(tr?.querySelectorAll('td')[0]?.textContent, `${y} ${g.area_code}`).toBe(cell(g, locale));
      }
    }
  });
  it('the lasting-exits table shows each cohort of the territory, sized by escaped, with the poor-again count', () => {
    const escaped = csv('poverty_groups').filter((g) => g.measure === 'escaped' && g.area_code === '311');
    const outcomes = csv('exit_outcomes').filter((o) => o.area_code === '311');
    const exitYears = [...new Set(outcomes.map((o) => Number(o.review_year)))];
    expect(exitYears.length).toBeGreaterThan(0);
    const doc = page('lasting-exits/');
    const firstRow = (y: number) => doc.querySelectorAll(`#exit-${y} table tbody tr`)[0]!.querySelectorAll('td');
    for (const y of exitYears) expect(firstRow(y)[0]?.textContent, `${y}`).toBe(cell(escaped.find((g) => Number(g.review_year) === y), 'vi'));
    // every published step: its poor-again count (hidden: its range) opens the cell of its column
    for (const o of outcomes.filter((x) => x.outcome === 'poor')) {
      const text = firstRow(Number(o.review_year))[Number(o.years_after)]?.textContent ?? '';
      expect(text.startsWith(cell(o, 'vi')), `${o.review_year} +${o.years_after}: ${text}`).toBe(true);
    }
    // the outcomes of each fully shown step add up to the cohort (escaped of the exit year)
    const steps = [...new Set(outcomes.map((o) => `${o.review_year}:${o.years_after}`))].map((k) => outcomes.filter((o) => `${o.review_year}:${o.years_after}` === k));
    const shown = steps.filter((st) => st.every((o) => o.households !== '') && escaped.find((g) => g.review_year === st[0]!.review_year)?.households !== '');
    expect(shown.length).toBeGreaterThan(0);
    for (const st of shown) expect(st.reduce((n, o) => n + Number(o.households), 0), st[0]!.review_year).toBe(Number(escaped.find((g) => g.review_year === st[0]!.review_year)!.households));
  });
});
