// CSV export of a result, neutralised against spreadsheet formula injection (OWASP "CSV injection"):
// a text cell a spreadsheet would read as a formula is prefixed with an apostrophe, which Excel,
// LibreOffice and Google Sheets show as text. Typed numbers are left alone: -5 is a number, not a formula.
import Papa from 'papaparse';
import type { QueryResult } from './result';
import { cellText } from './result';

// = + - @ start formulas; tab and carriage return can hide one; the full-width forms are read as
// their ASCII twins by some spreadsheets.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** Our own test rather than papaparse's `escapeFormulae`, whose pattern (`^[=+\-@\t\r].*$`) misses a
 *  formula followed by a line break, because `.` does not match newlines. */
export function neutraliseCell(value: unknown): string | number | boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  const text = cellText(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** UTF-8 text with a BOM so Excel reads Vietnamese diacritics correctly; CRLF as RFC 4180 says. */
export function resultToCsv(result: QueryResult): string {
  const data = result.rows.map((row) => row.map(neutraliseCell));
  return '\uFEFF' + Papa.unparse({ fields: result.columns.map((c) => String(neutraliseCell(c.name))), data }, { newline: '\r\n' });
}
