import { describe, expect, it } from 'vitest';
import { chooseChart } from '../src/lib/explorer/chart';
import type { QueryResult, ResultColumn } from '../src/lib/explorer/result';

const r = (columns: ResultColumn[], rows: unknown[][]): QueryResult => ({ columns, rows, truncated: false });
const text = (name: string): ResultColumn => ({ name, kind: 'text' });
const int = (name: string): ResultColumn => ({ name, kind: 'integer' });
const num = (name: string): ResultColumn => ({ name, kind: 'number' });

describe('chooseChart', () => {
  it('a category and a number: bars', () => {
    expect(chooseChart(r([text('commune'), num('share'), text('status')], [['A', 1.5, 'ok'], ['B', null, 'suppressed']])))
      .toEqual({ kind: 'bar', category: 'commune', value: 'share' });
  });
  it('a year and a number: a line', () => {
    expect(chooseChart(r([int('review_year'), int('escaped')], [[2022, 10], [2023, 12]])))
      .toEqual({ kind: 'line', year: 'review_year', value: 'escaped' });
  });
  it('a year, a category and a number: a line per category', () => {
    expect(chooseChart(r([int('review_year'), text('measure'), int('households')], [[2022, 'a', 1], [2022, 'b', 2], [2023, 'a', 3]])))
      .toEqual({ kind: 'line', year: 'review_year', value: 'households', series: 'measure' });
  });
  it.each([
    ['one row', r([text('c'), num('v')], [['A', 1]])],
    ['two numbers', r([text('c'), num('v'), num('w')], [['A', 1, 2], ['B', 3, 4]])],
    ['repeated categories', r([text('c'), num('v')], [['A', 1], ['A', 2]])],
    ['a year column outside plausible years', r([int('year'), num('v')], [[1, 1], [2, 2]])],
    ['repeated years without a series', r([int('review_year'), num('v')], [[2022, 1], [2022, 2]])],
    ['too many bars', r([text('c'), num('v')], Array.from({ length: 61 }, (_, i) => [`c${i}`, i]))],
    ['only text', r([text('a'), text('b')], [['x', 'y'], ['z', 'w']])],
  ])('no chart for %s', (_name, result) => {
    expect(chooseChart(result)).toBeNull();
  });
  it('no chart for a truncated result', () => {
    expect(chooseChart({ ...r([text('c'), num('v')], [['A', 1], ['B', 2]]), truncated: true })).toBeNull();
  });
});
