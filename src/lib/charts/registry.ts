// Every chart of the site by id, built from the published tables. Pages, embeds and the download
// endpoints all go through here, so a chart and its CSV/SVG can never disagree.
import { DISTRICT_CODE, MOVEMENT_MEASURES } from '../contract';
import type { Locale } from '../format';
import {
  getPoverty, getGroups, getDeprivation, getDepth, getSupport, getCommunes, getAreas, latestYear, reviewYears,
  areaName, districtName, indicatorInfo, programInfo, target,
} from '../site-data';
import { seriesChart } from './series';
import { movementsChart, type MovementRow } from './movements';
import { deprivationSharesChart, contributionChart, depthChart } from './deprivation';
import { heatmapChart } from './heatmap';
import { supportChart } from './support';
import type { ChartResult } from './types';

export const DISTRICT_CHARTS = ['poor-series', 'movements', 'deprivation-shares', 'contribution', 'depth', 'heatmap', 'support'] as const;
export const COMMUNE_CHARTS = ['series', 'movements', 'deprivation', 'support'] as const;
/** Charts of one review year: the latest year's is the plain id, another year's adds "-y<year>". */
const YEARLY = new Set(['deprivation-shares', 'contribution', 'depth', 'heatmap', 'support', 'deprivation']);
/** Charts of one population: poor is the plain id, near-poor adds "-near_poor". */
const BY_POPULATION = new Set(['contribution', 'heatmap']);
export type Population = 'poor' | 'near_poor';

/** The id of a chart for a review year and population, as used in the page, the embed and the download names. */
export function chartId(kind: string, opts: { code?: string; year?: number; latest?: number; population?: Population } = {}): string {
  let id = opts.code ? `${opts.code}-${kind}` : kind;
  if (opts.population === 'near_poor') id += '-near_poor';
  if (opts.year != null && opts.year !== opts.latest) id += `-y${opts.year}`;
  return id;
}

export function parseChartId(id: string): { code: string | null; kind: string; population: Population; year: number | null } {
  const m = /^(?:(\d{5})-)?([a-z][a-z-]*?)(?:-(near_poor))?(?:-y(\d{4}))?$/.exec(id);
  if (!m) throw new Error(`unknown chart id: ${id}`);
  return { code: m[1] ?? null, kind: m[2], population: m[3] ? 'near_poor' : 'poor', year: m[4] ? Number(m[4]) : null };
}

/** Charts with an embed page: one per chart, the latest year's view. */
export async function allChartIds(): Promise<string[]> {
  const communes = await getCommunes();
  return [...DISTRICT_CHARTS, ...communes.flatMap((c) => COMMUNE_CHARTS.map((k) => `${c.area_code}-${k}`))];
}

/** Every chart view a page shows (each year, each population): each has its CSV and SVG download. */
export async function allDownloadIds(): Promise<string[]> {
  const communes = await getCommunes();
  const years = await reviewYears();
  const latest = years[years.length - 1];
  const variants = (kind: string, code?: string) => {
    const ys = YEARLY.has(kind) ? years : [latest];
    const pops: Population[] = BY_POPULATION.has(kind) ? ['poor', 'near_poor'] : ['poor'];
    return ys.flatMap((year) => pops.map((population) => chartId(kind, { code, year, latest, population })));
  };
  return [...DISTRICT_CHARTS.flatMap((k) => variants(k)), ...communes.flatMap((c) => COMMUNE_CHARTS.flatMap((k) => variants(k, c.area_code)))];
}

const cache = new Map<string, Promise<ChartResult & { html?: string }>>();
export function buildChart(id: string, locale: Locale): Promise<ChartResult & { html?: string }> {
  const key = `${locale}:${id}`;
  let p = cache.get(key);
  if (!p) { p = build(id, locale).then((c) => withYear(c, id, locale)); cache.set(key, p); }
  return p;
}

/** A chart of one review year says which one in its title (pages show several years' views, files travel alone). */
async function withYear(c: ChartResult & { html?: string }, id: string, locale: Locale): Promise<ChartResult & { html?: string }> {
  const parsed = parseChartId(id);
  // the support chart names its review year itself
  if (!YEARLY.has(parsed.kind) || parsed.kind === 'support') return c;
  const year = parsed.year ?? await latestYear();
  return { ...c, title: `${c.title} — ${locale === 'vi' ? 'rà soát' : 'review'} ${year}` };
}

async function build(id: string, locale: Locale): Promise<ChartResult & { html?: string }> {
  const parsed = parseChartId(id);
  const year = parsed.year ?? await latestYear();
  const population = parsed.population;
  const code = parsed.code ?? DISTRICT_CODE;
  const kind = parsed.kind;
  const m = parsed.code;
  const areas = await getAreas();
  const name = m ? areaName(areas.find((a) => a.area_code === code), locale) : await districtName(locale);
  const pov = (await getPoverty()).filter((p) => p.area_code === code);
  switch (kind) {
    case 'poor-series':
    case 'series': {
      const district = m ? (await getPoverty()).filter((p) => p.area_code === DISTRICT_CODE) : undefined;
      return seriesChart({ id, areaName: name, points: pov, district, target: m ? undefined : target }, locale);
    }
    case 'movements': {
      const rows = (await getGroups()).filter((g) => g.area_code === code && MOVEMENT_MEASURES.includes(g.measure)) as MovementRow[];
      return movementsChart({ id, areaName: name, rows }, locale);
    }
    case 'deprivation-shares':
    case 'deprivation': {
      const rows = (await getDeprivation()).filter((d) => d.area_code === code && d.review_year === year);
      return deprivationSharesChart({ id, areaName: name, indicators: indicatorInfo(year, locale), rows }, locale);
    }
    case 'contribution': {
      const rows = (await getDeprivation()).filter((d) => d.area_code === code && d.review_year === year && d.population === population);
      return contributionChart({ id, population, areaName: name, indicators: indicatorInfo(year, locale), rows }, locale);
    }
    case 'depth': {
      const rows = (await getDepth()).filter((d) => d.area_code === code && d.review_year === year);
      return depthChart({ id, areaName: name, rows }, locale);
    }
    case 'heatmap': {
      const communes = await getCommunes();
      const cells = (await getDeprivation()).filter((d) => d.area_level === 'commune' && d.review_year === year && d.population === population);
      return heatmapChart({ id, population, areas: communes.map((c) => ({ code: c.area_code, name: areaName(c, locale) })), indicators: indicatorInfo(year, locale), cells }, locale);
    }
    case 'support': {
      const cells = (await getSupport()).filter((s) => s.area_code === code && s.review_year === year);
      return supportChart({ id, areaName: name, programs: programInfo(locale), cells, reviewYear: year }, locale);
    }
  }
  throw new Error(`unknown chart id: ${id}`);
}
