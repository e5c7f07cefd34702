// The engine-independent shape of a query result, and how each value is shown as text.

export type ColumnKind = 'integer' | 'number' | 'text' | 'boolean' | 'date' | 'other';
export interface ResultColumn { name: string; kind: ColumnKind }
export interface QueryResult {
  columns: ResultColumn[];
  rows: unknown[][];
  /** rows beyond the cap were not transferred to the page */
  truncated: boolean;
}

/** Published tables mark a withheld cell with status = 'suppressed' and a null value. */
export function isSuppressed(result: QueryResult, row: unknown[], columnIndex: number): boolean {
  if (row[columnIndex] !== null && row[columnIndex] !== undefined) return false;
  const statusIndex = result.columns.findIndex((c) => c.name === 'status');
  return statusIndex !== -1 && row[statusIndex] === 'suppressed';
}

/**
 * The interval the published tables allow for a suppressed `households` cell, when the result carries the
 * published `households_min` and `households_max` of its row; null otherwise (any other column, or no interval).
 */
export function suppressedRange(result: QueryResult, row: unknown[], columnIndex: number): [number, number] | null {
  if (result.columns[columnIndex]?.name !== 'households' || !isSuppressed(result, row, columnIndex)) return null;
  const at = (name: string) => result.columns.findIndex((c) => c.name === name);
  const lo = numericValue(row[at('households_min')]);
  const hi = numericValue(row[at('households_max')]);
  return lo === null || hi === null ? null : [lo, hi];
}

/** Text for a cell; the caller puts it in a text node, never in innerHTML. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10);
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** A number for charts, or null when the value is not numeric. */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}
