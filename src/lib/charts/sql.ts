// The SQL of every chart's table view, by chart kind: one query function beside each chart function. The
// registry runs it at build time (site-data.ts runSql) to fill the table view and the CSV download, and the
// chart links to the explorer with the same text (`/explore/?sql=…`), so a reader goes from a chart to its
// data in one click and gets the same rows. A new kind adds its function to CHART_QUERIES (the type checker
// asks for one per kind).
import { localeHref, type Locale } from '../i18n';
import { writeUrlState } from '../explorer/url-state';
import type { ChartKind, ChartSpec } from './spec';
import type { ChartQuery, QueryContext } from './query';
import { seriesQuery } from './series';
import { movementsQuery } from './movements';
import { sharesQuery, contributionQuery, depthQuery } from './deprivation';
import { heatmapQuery } from './heatmap';
import { supportQuery } from './support';
import { newlyEscapedQuery, exitOutcomesQuery, escapedDeprivationQuery, escapedIndicatorsQuery, supportReceivedQuery } from '../monitoring/queries';
import { mismatchQuery, whatIfQuery, dimensionsQuery } from '../monitoring/checks-queries';

export type { ChartQuery, QueryContext, QueryColumn } from './query';
export { tableOfRows, csvOfRows } from './query';

export type ChartQueryFn = (spec: ChartSpec, ctx: QueryContext) => ChartQuery;

export const CHART_QUERIES: Record<ChartKind, ChartQueryFn> = {
  'poor-series': seriesQuery,
  series: seriesQuery,
  movements: movementsQuery,
  'deprivation-shares': sharesQuery,
  deprivation: sharesQuery,
  contribution: contributionQuery,
  depth: depthQuery,
  heatmap: heatmapQuery,
  support: supportQuery,
  'newly-escaped': newlyEscapedQuery,
  'exit-outcomes': exitOutcomesQuery,
  'escaped-deprivation': escapedDeprivationQuery,
  'escaped-indicators': escapedIndicatorsQuery,
  'support-received': supportReceivedQuery,
  mismatch: mismatchQuery,
  'what-if': whatIfQuery,
  dimensions: dimensionsQuery,
};

/** The SQL of a chart's table view: plain DuckDB over the published tables, explicitly ordered. */
export function chartSql(spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const fn = CHART_QUERIES[spec.kind];
  if (!fn) throw new Error(`no query for chart kind: ${spec.kind}`);
  return fn(spec, ctx);
}

/** The explorer with a query in its editor, run on arrival (the locale's explorer page). */
export function exploreHref(sql: string, locale: Locale): string {
  return `${localeHref(locale, 'explore/')}${writeUrlState({ sql, builder: null })}`;
}
