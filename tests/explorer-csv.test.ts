import { describe, expect, it } from 'vitest';
import { neutraliseCell, resultToCsv } from '../src/lib/explorer/csv';
import type { QueryResult } from '../src/lib/explorer/result';

describe('formula-injection neutralisation', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+41 22 555', "'+41 22 555"],
    ['-2+3+cmd|" /C calc"!A0', "'-2+3+cmd|\" /C calc\"!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+2', "'＝1+2"],
    // papaparse's own escapeFormulae misses this one: its pattern's `.` stops at the line break
    ['=HYPERLINK("http://x")\nsecond line', "'=HYPERLINK(\"http://x\")\nsecond line"],
    ['Xã An Sơn', 'Xã An Sơn'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('text %j becomes %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('leaves typed numbers alone: a negative number is not a formula', () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(1.25)).toBe(1.25);
    expect(neutraliseCell(-12n)).toBe('-12');
    expect(neutraliseCell(null)).toBe('');
  });

  it('writes a BOM, a header, CRLF rows and quotes where RFC 4180 needs them', () => {
    const result: QueryResult = {
      columns: [{ name: '=name', kind: 'text' }, { name: 'n', kind: 'integer' }],
      rows: [['=cmd()', -3], ['a,b', null], ['say "hi"\nthere', 7]],
      truncated: false,
    };
    expect(resultToCsv(result)).toBe(
      "\uFEFF'=name,n\r\n'=cmd(),-3\r\n\"a,b\",\r\n\"say \"\"hi\"\"\nthere\",7",
    );
  });
});
