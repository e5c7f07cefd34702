// Which chart, if any, suits a result's shape. Only two shapes get one, because only they have an
// honest default: a category and a number (bars, sorted as the query sorted them) and a year and a
// number (lines, one per category when a third, categorical column is present).
import type { QueryResult, ResultColumn } from './result';
import { numericValue } from './result';

export type AutoChartSpec =
  | { kind: 'bar'; category: string; value: string }
  | { kind: 'line'; year: string; value: string; series?: string };

const MAX_BARS = 60;
const MAX_SERIES = 12;
const YEAR_NAME = /(^|_)(year|nam)$/i;

// `status` accompanies values in the published tables; it labels cells, it is not a dimension.
const isLabel = (c: ResultColumn) => c.name === 'status';
const isNumeric = (c: ResultColumn) => c.kind === 'integer' || c.kind === 'number';

function isYearColumn(result: QueryResult, index: number): boolean {
  const col = result.columns[index];
  if (col.kind !== 'integer' || !YEAR_NAME.test(col.name)) return false;
  return result.rows.every((r) => {
    const v = numericValue(r[index]);
    return v !== null && Number.isInteger(v) && v >= 1900 && v <= 2200;
  });
}

function distinctCount(result: QueryResult, index: number): number {
  return new Set(result.rows.map((r) => r[index])).size;
}

export function chooseChart(result: QueryResult): AutoChartSpec | null {
  if (result.rows.length < 2 || result.truncated) return null;
  const cols = result.columns.map((c, i) => ({ c, i })).filter(({ c }) => !isLabel(c));
  const years = cols.filter(({ i }) => isYearColumn(result, i));
  const numbers = cols.filter(({ c, i }) => isNumeric(c) && !years.some((y) => y.i === i));
  const categories = cols.filter(({ c }) => c.kind === 'text');
  if (numbers.length !== 1) return null;
  const value = numbers[0];
  if (years.length === 1 && cols.length === 2 && distinctCount(result, years[0].i) === result.rows.length) {
    return { kind: 'line', year: years[0].c.name, value: value.c.name };
  }
  if (years.length === 1 && categories.length === 1 && cols.length === 3) {
    const series = categories[0];
    const seriesCount = distinctCount(result, series.i);
    // one point per (year, series), or the lines would zig-zag over duplicates
    const pairs = new Set(result.rows.map((r) => `${String(r[years[0].i])}\u0000${String(r[series.i])}`)).size;
    if (seriesCount <= MAX_SERIES && pairs === result.rows.length) return { kind: 'line', year: years[0].c.name, value: value.c.name, series: series.c.name };
    return null;
  }
  if (years.length === 0 && categories.length === 1 && cols.length === 2 && result.rows.length <= MAX_BARS
    && distinctCount(result, categories[0].i) === result.rows.length) {
    return { kind: 'bar', category: categories[0].c.name, value: value.c.name };
  }
  return null;
}
