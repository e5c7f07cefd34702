// The monitoring charts of the territory drawn from the published tables (build time): the chart registry
// (src/lib/charts/registry.ts) hands these kinds here, so pages, embeds and downloads share one drawing.
import { DISTRICT_CODE, MONITORED_POPULATIONS, type MonitoredPopulation } from '../contract';
import type { Locale } from '../format';
import { formatCount, formatPercent } from '../format';
import { FIRST_PERIOD, TOP_CODE } from '../geography';
import { areaNameInYear, belongsTo } from '../areas';
import { getAreas, getDeprivation, getDimension, getExitOutcomes, getGroups, getPoverty, getSupportReceived, indicatorsOf, programInfo } from '../site-data';
import { strings } from '../../i18n';
import { COLORS } from '../charts/plot';
import type { ChartResult } from '../charts/types';
import { dimensionsOf, exitCohorts, newlyEscapedSeries, supportReceivedOf, shareOf, type Count } from './escaped';
import { exitOutcomesChart, newlyEscapedChart, shareBarsChart, type ShareBarGroup } from './charts';

export const MONITORING_CHART_KINDS = ['newly-escaped', 'exit-outcomes', 'escaped-deprivation', 'escaped-indicators', 'support-received'] as const;
export type MonitoringChartKind = (typeof MONITORING_CHART_KINDS)[number];

const TERRITORY = { code: TOP_CODE, period: FIRST_PERIOD };
const NEWLY_ESCAPED_COLOR = '#009e73';

/** The groups of the support-received chart, with their colours (the site's for poor and near-poor). */
export function populationGroups(locale: Locale, populations: readonly MonitoredPopulation[] = MONITORED_POPULATIONS): ShareBarGroup[] {
  const P = strings(locale).charts.population;
  const E = strings(locale).escaped;
  return populations.map((p) => p === 'newly_escaped'
    ? { key: p, label: E.population, color: NEWLY_ESCAPED_COLOR, swatch: 'sw-newly_escaped' }
    : { key: p, label: P[p], color: COLORS[p], swatch: `sw-${p}` });
}

/** The households of a population in an area and year: `poverty` for poor and near-poor, `newly_escaped` of poverty_groups. */
export async function populationCount(code: string, reviewYear: number, population: MonitoredPopulation): Promise<Count> {
  const key = { code, period: TERRITORY.period };
  if (population === 'newly_escaped') {
    const g = newlyEscapedSeries(await getGroups(), code === TOP_CODE ? TERRITORY : key).find((p) => p.review_year === reviewYear);
    return { households: g?.households ?? null, households_min: g?.households_min ?? null, households_max: g?.households_max ?? null };
  }
  const p = (await getPoverty()).find((r) => r.area_code === code && r.review_year === reviewYear);
  return { households: p ? p[population] : null, households_min: null, households_max: null };
}

export async function monitoringChart(kind: MonitoringChartKind, opts: { id: string; year: number }, locale: Locale): Promise<ChartResult> {
  const C = strings(locale).pages.common;
  const S = strings(locale).escaped.charts;
  const areas = await getAreas();
  switch (kind) {
    case 'newly-escaped':
      return newlyEscapedChart({ id: opts.id, areaName: C.territory, points: newlyEscapedSeries(await getGroups(), TERRITORY) }, locale);
    case 'exit-outcomes':
      return exitOutcomesChart({ id: opts.id, areaName: C.territory, cohorts: exitCohorts(await getExitOutcomes(), await getGroups(), TERRITORY) }, locale);
    case 'escaped-deprivation': {
      const name = areaNameInYear(areas, TOP_CODE, opts.year, locale);
      const inds = await indicatorsOf(opts.year, locale);
      const dims = [...new Map(inds.map((i) => [i.dimension, { code: i.dimension, name: i.dimensionName }])).values()];
      const rows = dimensionsOf((await getDimension()).filter((r) => belongsTo(r, TERRITORY)), TERRITORY, opts.year, 'newly_escaped', dims.map((d) => d.code));
      const top = rows.filter((r) => r.share != null && r.share > 0).sort((a, b) => (b.share as number) - (a.share as number))[0];
      const summary = top
        ? S.dimensionsSummary({ dimension: dims.find((d) => d.code === top.dimension_code)!.name, share: formatPercent(top.share as number, locale, 1), count: formatCount(top.households as number, locale) })
        : S.dimensionsNone;
      return shareBarsChart({
        id: opts.id, title: S.dimensionsTitle(name), summary, categoryLabel: S.dimension, categories: dims,
        groups: populationGroups(locale, ['newly_escaped']),
        cells: rows.map((r) => ({ category: r.dimension_code, group: 'newly_escaped', households: r.households, households_min: r.households_min, households_max: r.households_max, share: r.share, published: r.published })),
      }, locale);
    }
    case 'escaped-indicators': {
      const name = areaNameInYear(areas, TOP_CODE, opts.year, locale);
      const inds = await indicatorsOf(opts.year, locale);
      const rows = (await getDeprivation()).filter((r) => r.population === 'newly_escaped' && r.review_year === opts.year && belongsTo(r, TERRITORY));
      const top = rows.filter((r) => r.share != null && r.share > 0).sort((a, b) => (b.share as number) - (a.share as number) || a.indicator_code.localeCompare(b.indicator_code))[0];
      const summary = top
        ? S.indicatorsSummary({ indicator: inds.find((i) => i.code === top.indicator_code)?.name ?? top.indicator_code, share: formatPercent(top.share as number, locale, 1), count: formatCount(top.households as number, locale) })
        : S.dimensionsNone;
      return shareBarsChart({
        id: opts.id, title: S.indicatorsTitle(name), summary, categoryLabel: strings(locale).charts.indicator,
        categories: inds.map((i) => ({ code: i.code, name: i.name })), groups: populationGroups(locale, ['newly_escaped']),
        cells: inds.map((i) => {
          const r = rows.find((x) => x.indicator_code === i.code);
          return { category: i.code, group: 'newly_escaped', households: r?.households ?? null, households_min: r?.households_min ?? null, households_max: r?.households_max ?? null, share: r?.share ?? null, published: r !== undefined };
        }),
      }, locale);
    }
    case 'support-received': {
      const name = areaNameInYear(areas, TOP_CODE, opts.year, locale);
      const programs = programInfo(locale);
      const received = await getSupportReceived();
      const groups = populationGroups(locale);
      const cells = (await Promise.all(MONITORED_POPULATIONS.map(async (population) => {
        const whole = await populationCount(DISTRICT_CODE, opts.year, population);
        return supportReceivedOf(received, TERRITORY, opts.year, population, programs.map((p) => p.code), whole)
          .map((r) => ({ category: r.program_code, group: population, households: r.households, households_min: r.households_min, households_max: r.households_max, share: shareOf(r, whole), published: r.published }));
      }))).flat();
      const top = (group: string) => cells.filter((c) => c.group === group && c.share != null && c.households != null).sort((a, b) => (b.share as number) - (a.share as number))[0];
      // the newly escaped first (the page's subject); in a review without them (the first of the data), the poor
      const esc = top('newly_escaped');
      const pick = esc ?? top('poor');
      const E = strings(locale).escaped;
      const summary = pick
        ? S.supportSummary({ program: programs.find((p) => p.code === pick.category)!.name, share: formatPercent(pick.share as number, locale, 1), count: formatCount(pick.households as number, locale), population: esc ? E.populationInText : E.poorInText })
          + (esc ? '' : ` ${S.supportNone}`)
        : S.supportNone;
      return shareBarsChart({ id: opts.id, title: S.supportTitle(name, opts.year), summary, categoryLabel: S.program, categories: programs, groups, cells }, locale);
    }
  }
}
