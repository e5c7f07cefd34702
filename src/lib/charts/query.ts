// What every chart's table view is: a query over the published tables. A chart kind has one query function
// beside its chart function (seriesQuery in series.ts, …), listed in sql.ts; the build runs the query to fill
// the table view and the CSV download, and the chart links to the explorer with the same text. Here: the
// shape of a query, the SQL pieces the query functions share, and the one rendering of a result as a table view.
// Pure: no DuckDB here (site-data.ts runs the text, the explorer runs it in the browser).
import type { Locale } from '../format';
import { formatCount, formatHidden, formatPercent, type HiddenBounds } from '../format';
import { reviewYearLabel } from '../i18n';
import { sqlString } from '../sql';
import { standards } from '../reference';
import { TOP_CODE, period, reviewDate, type PeriodId } from '../geography';
import type { AreaKey } from '../areas';
import type { IndicatorInfo } from '../indicator-names';
import { REVIEW_MONTH_DAY } from '../explorer/area-join';
import type { ChartTable } from './types';
import { toCsv } from './plot';

/**
 * How the table view shows one column of the result. `label` undefined: in the result (explorer, CSV), not in
 * the table view (codes, households_min/max, status: a hidden cell's range and state are read into its text).
 */
export interface QueryColumn { name: string; label?: string; format?: 'text' | 'year' | 'count' | 'percent'; digits?: number }
/** A chart's table view as SQL: the text (deterministic, ordered) and every column of its result, in order. */
export interface ChartQuery { sql: string; columns: QueryColumn[] }

/** What a query function needs beyond the spec, resolved by the registry. */
export interface QueryContext {
  locale: Locale;
  /** the chart's area by code and period (the territory: TOP_CODE across periods) */
  key: AreaKey;
  /** the chart's review year (for a series: its latest) */
  year: number;
  /** the area's name as the chart titles it */
  areaName: string;
  /** the review year's indicators, in the standard's order */
  indicators: IndicatorInfo[];
}

export const lit = sqlString;

/** The localized column of a published name pair (`name_vi` / `name_en`, `indicator_name_vi`, …). */
export function named(column: string, locale: Locale): string {
  return `${column}_${locale}`;
}

/** An inline table of labels: `(VALUES (1,'escaped','Thoát nghèo'),…) m(o,measure,measure_name)`; `o` orders. */
export function valuesTable(alias: string, columns: [string, string], rows: [string, string][]): string {
  return `(VALUES ${rows.map(([a, b], i) => `(${i + 1},${lit(a)},${lit(b)})`).join(',')}) ${alias}(o,${columns.join(',')})`;
}

/** Position of an indicator in the standard's order (DuckDB list_position), for ORDER BY. */
export function indicatorOrder(indicators: IndicatorInfo[], column: string): string {
  return `list_position([${indicators.map((i) => lit(i.code)).join(',')}],${column})`;
}

/** The standard of a review year, as the reference data says (data/reference/standards.json). */
export function standardSql(yearColumn: string, years: number[]): string {
  const used = standards.filter((s) => years.some((y) => y >= s.first_review_year && y <= s.last_review_year));
  return `CASE ${used.map((s) => `WHEN ${yearColumn} BETWEEN ${s.first_review_year} AND ${s.last_review_year} THEN ${lit(s.code)}`).join(' ')} END`;
}

/** The review years whose units are a period's: `BETWEEN 2019 AND 2024`, `>=2025` (review dates, geography.ts). */
export function periodYearsSql(yearColumn: string, periodId: PeriodId): string {
  const p = period(periodId);
  const first = Number(p.valid_from.slice(0, 4));
  const lo = reviewDate(first) >= p.valid_from ? first : first + 1;
  if (p.valid_to === null) return `${yearColumn}>=${lo}`;
  const last = Number(p.valid_to.slice(0, 4));
  const hi = reviewDate(last) <= p.valid_to ? last : last - 1;
  return `${yearColumn} BETWEEN ${lo} AND ${hi}`;
}

/**
 * A chart's area in a WHERE clause, by code and period: a GSO code names a territory only within its period
 * (11473 is thị trấn Minh Đức to 2024, phường Bạch Đằng from 2025-07). The territory is one area in every period.
 */
export function areaWhere(alias: string, key: AreaKey): string {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const code = `${col('area_code')}=${lit(key.code)}`;
  return key.code === TOP_CODE ? code : `${code} AND ${periodYearsSql(col('review_year'), key.period)}`;
}

/** `JOIN areas a` on the unit in force on each row's review date (as the explorer's areaJoin, on one line). */
export function areaJoinSql(a: string, t: string): string {
  const day = `${t}.review_year::VARCHAR||'-${REVIEW_MONTH_DAY}'`;
  return `JOIN areas ${a} ON ${a}.area_code=${t}.area_code AND ${day} BETWEEN ${a}.valid_from AND coalesce(${a}.valid_to,'9999-12-31')`;
}

/** The published columns of a protected count: the value, the interval a hidden one may carry, its status. */
export const CELL_COLUMNS = ['households_min', 'households_max', 'status'] as const;
export const cellColumns = (alias: string) => CELL_COLUMNS.map((c) => `${alias}.${c}`).join(',');
export const hiddenColumns = (): QueryColumn[] => CELL_COLUMNS.map((name) => ({ name }));

type Row = Record<string, unknown>;

/** The table view of a query's result: its labelled columns, formatted; a hidden cell as hidden (its range), never 0. */
export function tableOfRows(q: ChartQuery, rows: Row[], locale: Locale): ChartTable {
  const shown = q.columns.filter((c) => c.label !== undefined);
  return {
    columns: shown.map((c) => ({ key: c.name, label: c.label!, ...(c.format === 'count' || c.format === 'percent' ? { numeric: true } : {}) })),
    rows: rows.map((r) => Object.fromEntries(shown.map((c) => [c.name, cellText(c, r, locale)]))),
  };
}

function cellText(c: QueryColumn, r: Row, locale: Locale): string {
  const v = r[c.name];
  if (v == null) {
    const numeric = c.format === 'count' || c.format === 'percent';
    return numeric && r.status === 'suppressed' ? formatHidden(r as HiddenBounds, locale) : '—';
  }
  switch (c.format) {
    case 'year': return reviewYearLabel(Number(v), locale);
    case 'count': return formatCount(Number(v), locale);
    case 'percent': return formatPercent(Number(v), locale, c.digits ?? 2);
    default: return String(v);
  }
}

/** The CSV download: the query's result as it is, every column, raw values. */
export function csvOfRows(q: ChartQuery, rows: Row[]): string {
  return toCsv(q.columns.map((c) => c.name), rows);
}

/** One statement from clauses: a line per clause, no other whitespace (the text travels in a URL). */
export function statement(...clauses: (string | false | null | undefined)[]): string {
  return clauses.filter(Boolean).join('\n');
}
