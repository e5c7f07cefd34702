import { describe, expect, it } from 'vitest';
import { guardStatement, type RefusalKind } from '../src/lib/explorer/guard';
import { splitStatements } from '../src/lib/explorer/sql-text';

const refused: [string, RefusalKind, string][] = [
  ['INSTALL httpfs', 'install', 'INSTALL'],
  ['force install httpfs', 'install', 'FORCE INSTALL'],
  ['LOAD httpfs', 'load', 'LOAD'],
  ["ATTACH 'other.db' AS other", 'attach', 'ATTACH'],
  ['detach other', 'attach', 'DETACH'],
  ['USE other', 'attach', 'USE'],
  ["COPY poverty TO 'out.csv'", 'copy', 'COPY'],
  ["copy (select 1) to 'x.parquet' (format parquet)", 'copy', 'COPY'],
  ["EXPORT DATABASE 'dir'", 'export', 'EXPORT'],
  ["IMPORT DATABASE 'dir'", 'import', 'IMPORT'],
  ['PRAGMA version', 'pragma', 'PRAGMA'],
  ['SET enable_external_access = true', 'set', 'SET'],
  ['reset lock_configuration', 'set', 'RESET'],
  ["CREATE SECRET (TYPE S3, KEY_ID 'k')", 'secret', 'CREATE SECRET'],
  ["create or replace persistent secret s (type s3)", 'secret', 'CREATE SECRET'],
  ['DROP SECRET s', 'secret', 'DROP SECRET'],
  ["select * from 'https://example.org/x.parquet'", 'url', 'https://example.org/x.parquet'],
  ["SELECT * FROM read_csv('http://example.org/x.csv')", 'url', 'http://example.org/x.csv'],
  ["select * from read_parquet('s3://bucket/x.parquet')", 'url', 's3://bucket/x.parquet'],
  ["select * from $$https://example.org/x.csv$$", 'url', 'https://example.org/x.csv'],
  // hidden after a harmless statement, or behind a comment
  ["select 1; install httpfs", 'install', 'INSTALL'],
  ["/* just a comment */ -- another\n  LOAD httpfs", 'load', 'LOAD'],
];

describe('statement guard', () => {
  it.each(refused)('refuses %j as %s', (sql, kind, found) => {
    const r = guardStatement(sql);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe(kind);
      expect(r.found).toBe(found);
    }
  });

  it.each([
    'select * from poverty',
    "select 'install' as word, 'copy; set' as text from poverty",
    'select "copy" from (select 1 as "copy")',
    "-- install httpfs\nselect 1",
    "select 'see http colon slash slash' as t",
    "with s as (select * from support) select * from s where program_code = 'telecom'",
    'create table mine as select * from poverty',
  ])('allows %j', (sql) => {
    expect(guardStatement(sql)).toEqual({ ok: true });
  });

  it('points at the refused statement', () => {
    const sql = 'select 1;\n  attach \'x.db\'';
    const r = guardStatement(sql);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.position).toBe(sql.indexOf('attach'));
  });

  it('points at the URL literal', () => {
    const sql = "select * from read_csv('https://example.org/a.csv')";
    const r = guardStatement(sql);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.position).toBe(sql.indexOf("'https"));
  });
});

describe('splitStatements', () => {
  it('splits on semicolons outside strings and comments and keeps offsets', () => {
    const sql = "select ';' as a; -- x; y\nselect 2 /* ; */";
    const parts = splitStatements(sql);
    expect(parts.map((p) => p.start)).toEqual([0, sql.indexOf('select 2')]);
    expect(parts[0].strings).toEqual([{ value: ';', start: 7 }]);
  });
});
