// How the explorer shows a withheld cell: "ẩn", and its published interval when the query selected it.
import { describe, expect, it } from 'vitest';
import { isSuppressed, suppressedRange, type QueryResult } from '../src/lib/explorer/result';

const columns = (...names: string[]) => names.map((name) => ({ name, kind: name === 'status' || name === 'area_code' ? 'text' as const : 'integer' as const }));

describe('suppressed cells in a query result', () => {
  const result: QueryResult = {
    columns: columns('area_code', 'households', 'share', 'households_min', 'households_max', 'status'),
    rows: [
      ['11470', null, null, 2, 9, 'suppressed'],
      ['11473', 14, 20, null, null, 'ok'],
      ['11476', null, null, null, null, 'suppressed'],
    ],
    truncated: false,
  };

  it('a hidden households cell carries its interval when the row has it', () => {
    expect(suppressedRange(result, result.rows[0], 1)).toEqual([2, 9]);
  });
  it('no interval for a shown cell, for another column, or when the ends are missing', () => {
    expect(suppressedRange(result, result.rows[1], 1)).toBeNull();
    expect(isSuppressed(result, result.rows[0], 2)).toBe(true);
    expect(suppressedRange(result, result.rows[0], 2)).toBeNull();
    expect(suppressedRange(result, result.rows[2], 1)).toBeNull();
  });
  it('no interval when the query did not select the two columns', () => {
    const bare: QueryResult = { columns: columns('households', 'status'), rows: [[null, 'suppressed']], truncated: false };
    expect(isSuppressed(bare, bare.rows[0], 0)).toBe(true);
    expect(suppressedRange(bare, bare.rows[0], 0)).toBeNull();
  });
});
