// Every chart of the site by id, built from the published tables. Pages, embeds and the download
// endpoints all go through here, so a chart and its CSV/SVG can never disagree.
import { DISTRICT_CODE, MOVEMENT_MEASURES } from '../contract';
import type { Locale } from '../format';
import {
  getPoverty, getGroups, getDeprivation, getDepth, getSupport, getCommunes, getAreas, latestYear,
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

export async function allChartIds(): Promise<string[]> {
  const communes = await getCommunes();
  return [...DISTRICT_CHARTS, ...communes.flatMap((c) => COMMUNE_CHARTS.map((k) => `${c.area_code}-${k}`))];
}

const cache = new Map<string, Promise<ChartResult & { html?: string }>>();
export function buildChart(id: string, locale: Locale): Promise<ChartResult & { html?: string }> {
  const key = `${locale}:${id}`;
  let p = cache.get(key);
  if (!p) { p = build(id, locale); cache.set(key, p); }
  return p;
}

async function build(id: string, locale: Locale): Promise<ChartResult & { html?: string }> {
  const year = await latestYear();
  const m = /^(\d{5})-(.+)$/.exec(id);
  const code = m ? m[1] : DISTRICT_CODE;
  const kind = m ? m[2] : id;
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
      const rows = (await getDeprivation()).filter((d) => d.area_code === code && d.review_year === year && d.population === 'poor');
      return contributionChart({ id, areaName: name, indicators: indicatorInfo(year, locale), rows }, locale);
    }
    case 'depth': {
      const rows = (await getDepth()).filter((d) => d.area_code === code && d.review_year === year);
      return depthChart({ id, areaName: name, rows }, locale);
    }
    case 'heatmap': {
      const communes = await getCommunes();
      const cells = (await getDeprivation()).filter((d) => d.area_level === 'commune' && d.review_year === year && d.population === 'poor');
      return heatmapChart({ id, population: 'poor', areas: communes.map((c) => ({ code: c.area_code, name: areaName(c, locale) })), indicators: indicatorInfo(year, locale), cells }, locale);
    }
    case 'support': {
      const cells = (await getSupport()).filter((s) => s.area_code === code && s.review_year === year);
      return supportChart({ id, areaName: name, programs: programInfo(locale), cells, reviewYear: year }, locale);
    }
  }
  throw new Error(`unknown chart id: ${id}`);
}
