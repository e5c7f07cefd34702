// Every chart of the site by spec, built from the published tables. Pages, embeds and the download
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
import {
  DISTRICT_CHART_KINDS, COMMUNE_CHART_KINDS, YEARLY_KINDS, BY_POPULATION_KINDS, chartId, districtChart, communeChart,
  type ChartSpec, type ChartKind, type Population,
} from './spec';
import { strings } from '../../i18n';

export { chartId, chartSpecFromId, districtChart, communeChart, type ChartSpec, type DistrictChartKind, type Population } from './spec';

/** Charts with an embed page: one per chart, the latest year's view. */
export async function allEmbedSpecs(): Promise<ChartSpec[]> {
  const communes = await getCommunes();
  return [
    ...DISTRICT_CHART_KINDS.map((kind) => districtChart(kind)),
    ...communes.flatMap((c) => COMMUNE_CHART_KINDS.map((kind) => communeChart(c.area_code, kind))),
  ];
}

/** Every chart view a page shows (each year, each population): each has its CSV and SVG download. */
export async function allDownloadSpecs(): Promise<ChartSpec[]> {
  const communes = await getCommunes();
  const years = await reviewYears();
  const latest = years[years.length - 1];
  const yearsOf = (kind: ChartKind) => (YEARLY_KINDS.has(kind) ? years : [latest]);
  const pops = (kind: ChartKind): Population[] => (BY_POPULATION_KINDS.has(kind) ? ['poor', 'near_poor'] : ['poor']);
  return [
    ...DISTRICT_CHART_KINDS.flatMap((kind) => yearsOf(kind).flatMap((year) => pops(kind).map((population) => districtChart(kind, { year, latest, population })))),
    ...communes.flatMap((c) => COMMUNE_CHART_KINDS.flatMap((kind) => yearsOf(kind).map((year) => communeChart(c.area_code, kind, { year, latest })))),
  ];
}

export type PublishedChart = ChartResult & { html?: string };
const cache = new Map<string, Promise<PublishedChart>>();
/** The chart a spec names, drawn from the published tables (once per locale and spec). */
export function chartFromTables(spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  const key = `${locale}:${chartId(spec)}`;
  let p = cache.get(key);
  if (!p) { p = build(spec, locale).then((c) => withYear(c, spec, locale)); cache.set(key, p); }
  return p;
}

/** A chart of one review year says which one in its title (pages show several years' views, files travel alone). */
async function withYear(c: PublishedChart, spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  // the support chart names its review year itself
  if (!YEARLY_KINDS.has(spec.kind) || spec.kind === 'support') return c;
  const year = spec.year === 'latest' ? await latestYear() : spec.year;
  return { ...c, title: strings(locale).charts.titleWithYear(c.title, year) };
}

async function build(spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  const id = chartId(spec);
  const year = spec.year === 'latest' ? await latestYear() : spec.year;
  const population = spec.population;
  const m = spec.area === 'district' ? null : spec.area;
  const code = m ?? DISTRICT_CODE;
  const kind = spec.kind;
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
      return heatmapChart({ id, population, areas: communes.map((c) => ({ code: c.area_code, name: areaName(c, locale) })), indicators: indicatorInfo(year, locale), cells, reviewYear: year }, locale);
    }
    case 'support': {
      const cells = (await getSupport()).filter((s) => s.area_code === code && s.review_year === year);
      return supportChart({ id, areaName: name, programs: programInfo(locale), cells, reviewYear: year }, locale);
    }
  }
  throw new Error(`unknown chart kind: ${(spec as { kind: string }).kind}`);
}
