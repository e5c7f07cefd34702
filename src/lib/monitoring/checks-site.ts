// The monitoring checks at build time: loads the published tables (src/lib/site-data.ts) and hands them to the
// pure modules of this folder. The chart registry (src/lib/charts/registry.ts) asks `checksChart` for the charts
// `mismatch`, `what-if` (district) and `dimensions` (a unit's, per review year); the pages ask for their rows here.
import type { ChartResult } from '../charts/types';
import type { ChartSpec } from '../charts/spec';
import { specPeriod } from '../charts/spec';
import { DISTRICT_CODE } from '../contract';
import type { Locale } from '../format';
import { formatCount } from '../format';
import { strings } from '../../i18n';
import { getAreas, getDeprivation, getDimension, getGroups, getPoverty, getWhatIf, indicatorsOf, reviewYears, unitsOfYear, areaName as rowName } from '../site-data';
import { areaName, rowsOf, type AreaKey } from '../areas';
import { TOP_CODE, periodIdOf } from '../geography';
import { mismatchFinding, mismatchSeries, type MismatchFinding } from './checks';
import { dimensionTable, shownShare, type DimensionTable } from './dimensions';
import { formatWhatIfRange, indicatorChange, whatIfArea, whatIfReviewYear, whatIfStandards, type WhatIfArea } from './what-if';
import { dimensionChart, mismatchChart, whatIfChart } from './checks-charts';

/** The mismatch findings of the territory over every review year (the district series). */
export async function districtMismatch(): Promise<MismatchFinding[]> {
  return mismatchSeries(await getGroups(), await getPoverty(), DISTRICT_CODE, await reviewYears());
}

/** The mismatch findings of a unit over the review years of its period. */
export async function unitMismatch(key: AreaKey): Promise<MismatchFinding[]> {
  const poverty = await getPoverty();
  return mismatchSeries(await getGroups(), poverty, key.code, rowsOf(poverty, key).map((p) => p.review_year));
}

/** Every unit's findings for one review year, in code order, with its name and key. */
export async function communesMismatch(year: number, locale: Locale): Promise<{ key: AreaKey; name: string; finding: MismatchFinding | null }[]> {
  const [groups, poverty] = await Promise.all([getGroups(), getPoverty()]);
  const period = periodIdOf(year);
  return (await unitsOfYear(year)).map((u) => ({ key: { code: u.area_code, period }, name: rowName(u, locale), finding: mismatchFinding(groups, poverty, u.area_code, year) }));
}

/** The dimension-first table of an area and review year. */
export async function areaDimensions(code: string, year: number, locale: Locale): Promise<DimensionTable | null> {
  const inds = await indicatorsOf(year, locale);
  const dims = [...new Map(inds.map((i) => [i.dimension, { code: i.dimension, name: i.dimensionName }])).values()];
  return dimensionTable({
    dimension: await getDimension(), deprivation: await getDeprivation(), poverty: await getPoverty(),
    area: code, year, dimensions: dims, indicators: inds.map((i) => ({ code: i.code, name: i.name, dimension: i.dimension })),
  });
}

/** How much of the dimension table is shown at commune level, against the indicator table (all years, poor and near-poor). */
let visibility: Promise<{ dimension: number; indicator: number; dimensionCells: number; indicatorCells: number }> | undefined;
export function dimensionVisibility(): Promise<{ dimension: number; indicator: number; dimensionCells: number; indicatorCells: number }> {
  visibility ??= measureVisibility();
  return visibility;
}
async function measureVisibility(): Promise<{ dimension: number; indicator: number; dimensionCells: number; indicatorCells: number }> {
  const total = (xs: ReturnType<typeof shownShare>) => {
    const shown = xs.reduce((a, x) => a + x.shown, 0);
    const cells = xs.reduce((a, x) => a + x.cells, 0);
    return { shown, cells, share: cells === 0 ? 0 : Math.round((shown / cells) * 1000) / 10 };
  };
  const d = total(shownShare(await getDimension()));
  const i = total(shownShare(await getDeprivation()));
  return { dimension: d.share, indicator: i.share, dimensionCells: d.cells, indicatorCells: i.cells };
}

export interface WhatIfPage {
  year: number;
  from: string;
  to: string;
  district: WhatIfArea | null;
  units: { key: AreaKey; name: string; area: WhatIfArea | null }[];
  notCollected: string[];
  dropped: string[];
  collectedFrom: number;
  incomeLines: { rural: number; urban: number };
  minDeprivations: number;
  /** the first review year under the new standard (its recognised counts stand beside, once in the data) */
  laterYear: number;
}

/** Everything /what-if/ shows; null when the release has no what-if rows. */
export async function whatIfPage(locale: Locale): Promise<WhatIfPage | null> {
  const rows = await getWhatIf();
  const year = whatIfReviewYear(rows);
  const stds = whatIfStandards(rows);
  if (year == null || !stds) return null;
  const poverty = await getPoverty();
  const change = indicatorChange(stds.from, stds.to);
  const name = (i: { name_vi: string; name_en: string }) => (locale === 'vi' ? i.name_vi : i.name_en);
  const period = periodIdOf(year);
  return {
    year, from: stds.from.code, to: stds.to.code,
    district: whatIfArea(rows, poverty, TOP_CODE),
    units: (await unitsOfYear(year)).map((u) => ({ key: { code: u.area_code, period }, name: rowName(u, locale), area: whatIfArea(rows, poverty, u.area_code) })),
    notCollected: change.notCollected.map(name), dropped: change.dropped.map(name), collectedFrom: change.collectedFrom,
    incomeLines: stds.to.income_lines, minDeprivations: stds.to.poor_min_deprivations, laterYear: stds.to.first_review_year,
  };
}

/** The one-sentence summary of an area's what-if. */
export function whatIfSummary(a: WhatIfArea | null, page: Pick<WhatIfPage, 'from' | 'to'>, area: string, locale: Locale): string {
  const W = strings(locale).checks.whatIf;
  if (!a) return W.none;
  const c = (n: number) => formatCount(n, locale);
  return W.summary({
    area, year: a.review_year, to: page.to, from: page.from,
    poor: formatWhatIfRange(a.newRule.poor, locale), near: formatWhatIfRange(a.newRule.near_poor, locale),
    oldPoor: formatWhatIfRange(a.oldRule.poor, locale), oldNear: formatWhatIfRange(a.oldRule.near_poor, locale),
    recPoor: c(a.recognised.poor), recNear: c(a.recognised.near_poor),
  }) + a.later.map((l) => W.summaryLater(l.review_year, c(l.poor), c(l.near_poor))).join('');
}

/** The charts of the checks, by spec (the registry's `build` hands them over). */
export async function checksChart(spec: ChartSpec, id: string, year: number, locale: Locale): Promise<ChartResult> {
  const areas = await getAreas();
  const C = strings(locale).pages.common;
  switch (spec.kind) {
    case 'mismatch':
      return mismatchChart({ id, areaName: C.territory, findings: await districtMismatch() }, locale);
    case 'what-if': {
      const page = await whatIfPage(locale);
      const name = C.territory;
      const a = page?.district ?? null;
      return whatIfChart({ id, areaName: name, area: a, from: page?.from ?? '', to: page?.to ?? '', summary: page ? whatIfSummary(a, page, name, locale) : strings(locale).checks.whatIf.none }, locale);
    }
    case 'dimensions': {
      const key: AreaKey = { code: spec.area, period: specPeriod(spec) };
      return dimensionChart({ id, areaName: areaName(areas, key, locale), table: await areaDimensions(key.code, year, locale), reviewYear: year }, locale);
    }
  }
  throw new Error(`not a chart of the checks: ${spec.kind}`);
}
