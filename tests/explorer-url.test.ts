import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from '../src/lib/explorer/url-state';
import { DEFAULT_STATE, normaliseState } from '../src/lib/explorer/builder';
import { errorPosition } from '../src/lib/explorer/error-position';

describe('permalink state', () => {
  it('reads ?sql= as the query, URL-decoded', () => {
    const sql = "select * from poverty where area_code = '311' -- ý & #";
    expect(readUrlState(`?sql=${encodeURIComponent(sql)}`)).toEqual({ sql, builder: null });
  });
  it('round-trips builder state and SQL', () => {
    const builder = normaliseState({ table: 'support', measure: 'in_need', by: 'year,program', area: '11470' });
    const search = writeUrlState({ sql: 'select 1', builder });
    expect(search).toBe('?table=support&measure=in_need&by=year%2Cprogram&area=11470&sql=select+1');
    expect(readUrlState(search)).toEqual({ sql: 'select 1', builder });
  });
  it('normalises hand-edited state to something the builder can write', () => {
    const s = normaliseState({ table: 'nope', measure: 'x', by: 'program,commune', year: '20x', area: "1'; drop", indicator: 'a b' });
    expect(s).toEqual({ ...DEFAULT_STATE, by: ['commune'] });
  });
  it('an empty query string means nothing to restore', () => {
    expect(readUrlState('')).toEqual({ sql: null, builder: null });
    expect(writeUrlState({ sql: null, builder: null })).toBe('');
  });
});

describe('error position', () => {
  it('finds the caret of a DuckDB parser error', () => {
    const sql = 'select *\nfrom povrty wher x';
    const message = `Parser Error: syntax error at or near "x"\nLINE 2: from povrty wher x\n${' '.repeat('LINE 2: '.length + 17)}^`;
    expect(errorPosition(message, sql)).toEqual({ line: 2, column: 18, offset: sql.indexOf('x') });
  });
  it('handles a context shortened with an ellipsis', () => {
    const sql = `select ${'a, '.repeat(40)}b frm t`;
    const at = sql.indexOf('t', sql.indexOf('frm'));
    const context = sql.slice(at - 20);
    const message = `Parser Error: syntax error at or near "t"\nLINE 1: ...${context}\n${' '.repeat('LINE 1: ...'.length + 20)}^`;
    expect(errorPosition(message, sql)?.offset).toBe(at);
  });
  it('null without a caret', () => {
    expect(errorPosition('Catalog Error: Table with name x does not exist!', 'select * from x')).toBeNull();
  });
});
