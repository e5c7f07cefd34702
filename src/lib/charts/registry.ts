// Every chart of the site by spec, built from the published tables. Pages, embeds and the download
// endpoints all go through here, so a chart and its CSV/SVG can never disagree.
import { MOVEMENT_MEASURES } from '../contract';
import type { Locale } from '../format';
import {
  getPoverty, getGroups, getDeprivation, getDepth, getSupport, getUnits, getAreas, latestYear, reviewYears, unitsOfYear, yearsOf,
  areaName, indicatorsOf, programInfo, target, runSql,
} from '../site-data';
import { chartSql, tableOfRows, csvOfRows, type QueryContext } from './sql';
import { FIRST_PERIOD, TOP_CODE, type PeriodId } from '../geography';
import { areaName as keyName, areaNameInYear, rowsOf, type AreaKey } from '../areas';
import { comparableCase, comparablePoverty } from '../comparable';
import { seriesChart } from './series';
import { movementsChart, type MovementRow } from './movements';
import { deprivationSharesChart, contributionChart, depthChart } from './deprivation';
import { heatmapChart } from './heatmap';
import { supportChart } from './support';
import type { ChartDrawing, ChartResult } from './types';
import { monitoringChart } from '../monitoring/published';
import { checksChart } from '../monitoring/checks-site';
import {
  DISTRICT_CHART_KINDS, COMMUNE_CHART_KINDS, YEARLY_KINDS, BY_POPULATION_KINDS, chartId, districtChart, communeChart, specPeriod,
  type ChartSpec, type ChartKind, type Population,
} from './spec';

/** The periods whose units have pages with charts (the bridge half-year of 2025-01 has no review). */
const CHART_PERIODS: PeriodId[] = [FIRST_PERIOD, '2025-07'];
import { strings } from '../../i18n';

export { chartId, chartSpecFromId, districtChart, communeChart, type ChartSpec, type DistrictChartKind, type Population } from './spec';

/** Charts with an embed page: one per chart, the latest year's view. */
export async function allEmbedSpecs(): Promise<ChartSpec[]> {
  const units = await unitSpecsBase();
  return [
    ...DISTRICT_CHART_KINDS.map((kind) => districtChart(kind)),
    ...units.flatMap(({ code, period }) => COMMUNE_CHART_KINDS.map((kind) => communeChart(code, kind, { period }))),
  ];
}

/** Every unit with a page of charts: the units of each period that has reviews in the published years. */
async function unitSpecsBase(): Promise<(AreaKey & { years: number[] })[]> {
  const out: (AreaKey & { years: number[] })[] = [];
  for (const period of CHART_PERIODS) {
    const years = await yearsOf(period);
    if (years.length === 0) continue;
    for (const u of await getUnits(period)) out.push({ code: u.area_code, period, years });
  }
  return out;
}

/** Every chart view a page shows (each year, each population): each has its CSV and SVG download. */
export async function allDownloadSpecs(): Promise<ChartSpec[]> {
  const units = await unitSpecsBase();
  const years = await reviewYears();
  const latest = years[years.length - 1];
  const viewYears = (kind: ChartKind, ys: number[]) => (YEARLY_KINDS.has(kind) ? ys : [ys[ys.length - 1]!]);
  const pops = (kind: ChartKind): Population[] => (BY_POPULATION_KINDS.has(kind) ? ['poor', 'near_poor'] : ['poor']);
  return [
    ...DISTRICT_CHART_KINDS.flatMap((kind) => viewYears(kind, years).flatMap((year) => pops(kind).map((population) => districtChart(kind, { year, latest, population })))),
    // a unit's views: the review years of its period, the latest of them as the plain id
    ...units.flatMap((u) => COMMUNE_CHART_KINDS.flatMap((kind) => viewYears(kind, u.years).map((year) => communeChart(u.code, kind, { year, latest: u.years[u.years.length - 1], period: u.period })))),
  ];
}

export type PublishedChart = ChartResult & { html?: string };
type Drawn = ChartDrawing & { html?: string };
const cache = new Map<string, Promise<PublishedChart>>();
/** The chart a spec names, drawn from the published tables (once per locale and spec). */
export function chartFromTables(spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  const key = `${locale}:${chartId(spec)}`;
  let p = cache.get(key);
  if (!p) { p = build(spec, locale).then((c) => withQuery(c, spec, locale)).then((c) => withYear(c, spec, locale)); cache.set(key, p); }
  return p;
}

/** The context of a chart's query: its area by code and period, its review year, its name and indicators. */
export async function queryContext(spec: ChartSpec, locale: Locale): Promise<QueryContext> {
  const year = await specYear(spec);
  const key: AreaKey = spec.area === 'district' ? { code: TOP_CODE, period: FIRST_PERIOD } : { code: spec.area, period: specPeriod(spec) };
  const areaName = spec.area === 'district' ? areaNameInYear(await getAreas(), TOP_CODE, year, locale) : keyName(await getAreas(), key, locale);
  return { locale, key, year, areaName, indicators: await indicatorsOf(year, locale) };
}

/** The table view and the CSV are the result of the chart's SQL, run over the published tables. */
async function withQuery(c: Drawn, spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  const q = chartSql(spec, await queryContext(spec, locale));
  const rows = await runSql(q.sql);
  return { ...c, sql: q.sql, table: tableOfRows(q, rows, locale), csv: csvOfRows(q, rows) };
}

/** A chart of one review year says which one in its title (pages show several years' views, files travel alone). */
async function withYear(c: PublishedChart, spec: ChartSpec, locale: Locale): Promise<PublishedChart> {
  // the support chart names its review year itself
  if (!YEARLY_KINDS.has(spec.kind) || spec.kind === 'support' || spec.kind === 'support-received') return c;
  return { ...c, title: strings(locale).charts.titleWithYear(c.title, await specYear(spec)) };
}

/** The review year of a chart: 'latest' is the latest review of the chart's unit's period (the territory: of all). */
async function specYear(spec: ChartSpec): Promise<number> {
  if (spec.year !== 'latest') return spec.year;
  if (spec.area === 'district') return latestYear();
  const ys = await yearsOf(specPeriod(spec));
  return ys[ys.length - 1] ?? (await latestYear());
}

async function build(spec: ChartSpec, locale: Locale): Promise<Drawn> {
  const id = chartId(spec);
  const year = await specYear(spec);
  const population = spec.population;
  const key: AreaKey = spec.area === 'district' ? { code: TOP_CODE, period: FIRST_PERIOD } : { code: spec.area, period: specPeriod(spec) };
  const isUnit = spec.area !== 'district';
  const kind = spec.kind;
  const areas = await getAreas();
  const C = strings(locale).pages.common;
  // a unit is named for its period; the territory, along a series, by a name true of every period
  const name = isUnit ? keyName(areas, key, locale) : kind === 'poor-series' || kind === 'movements' ? C.territory : areaNameInYear(areas, TOP_CODE, year, locale);
  const poverty = await getPoverty();
  switch (kind) {
    case 'poor-series':
    case 'series': {
      if (!isUnit) {
        const points = rowsOf(poverty, key).map((p) => ({ ...p, area_name: areaNameInYear(areas, TOP_CODE, p.review_year, locale) }));
        return seriesChart({ id, areaName: name, points, target }, locale);
      }
      // a new unit that is a union of whole old units reaches back by summing them (src/lib/comparable.ts)
      const points = key.period === FIRST_PERIOD ? rowsOf(poverty, key) : comparablePoverty(poverty, comparableCase(key.code, key.period));
      const ys = new Set(points.map((p) => p.review_year));
      const district = rowsOf(poverty, { code: TOP_CODE, period: FIRST_PERIOD }).filter((p) => ys.has(p.review_year));
      return seriesChart({ id, areaName: name, points, district, ...(key.period === FIRST_PERIOD ? {} : { districtLabel: C.territoryShort, territory: true }) }, locale);
    }
    case 'movements': {
      const rows = rowsOf(await getGroups(), key).filter((g) => MOVEMENT_MEASURES.includes(g.measure)) as MovementRow[];
      return movementsChart({ id, areaName: name, rows }, locale);
    }
    case 'deprivation-shares':
    case 'deprivation': {
      const rows = (await getDeprivation()).filter((d) => d.area_code === key.code && d.review_year === year);
      return deprivationSharesChart({ id, areaName: name, indicators: (await indicatorsOf(year, locale)), rows }, locale);
    }
    case 'contribution': {
      const rows = (await getDeprivation()).filter((d) => d.area_code === key.code && d.review_year === year && d.population === population);
      return contributionChart({ id, population, areaName: name, indicators: (await indicatorsOf(year, locale)), rows }, locale);
    }
    case 'depth': {
      const rows = (await getDepth()).filter((d) => d.area_code === key.code && d.review_year === year);
      return depthChart({ id, areaName: name, rows }, locale);
    }
    case 'heatmap': {
      const communes = await unitsOfYear(year);
      const cells = (await getDeprivation()).filter((d) => d.area_level === 'commune' && d.review_year === year && d.population === population);
      return heatmapChart({ id, population, areas: communes.map((c) => ({ code: c.area_code, name: areaName(c, locale) })), indicators: (await indicatorsOf(year, locale)), cells, reviewYear: year }, locale);
    }
    case 'support': {
      const cells = (await getSupport()).filter((s) => s.area_code === key.code && s.review_year === year);
      return supportChart({ id, areaName: name, programs: programInfo(locale), cells, reviewYear: year }, locale);
    }
    case 'newly-escaped':
    case 'exit-outcomes':
    case 'escaped-deprivation':
    case 'escaped-indicators':
    case 'support-received':
      return monitoringChart(kind, { id, year }, locale);
    case 'mismatch':
    case 'what-if':
    case 'dimensions':
      return checksChart(spec, id, year, locale);
    default: {
      const unknown: never = kind;
      throw new Error(`unknown chart kind: ${String(unknown)}`);
    }
  }
}
