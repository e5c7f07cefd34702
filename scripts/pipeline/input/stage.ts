// Reads one input file into an all-VARCHAR DuckDB staging table: decode, header aliases, DuckDB's own CSV reader
// (which streams, so a 2 GB file never enters the JavaScript heap), malformed lines as problems.
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { matchHeader, type ColumnSpec } from './columns.ts';
import { sniffTextFile, type TextEncoding } from './sniff.ts';
import { SHEET_ROW_COLUMN, transcodeText, UnreadableCell, xlsxToCsv } from './transcode.ts';
import type { ProblemLog } from './problems.ts';
import { sqlIdent, sqlString } from '../../../src/lib/sql.ts';
import type { InputFile } from './files.ts';
import { detectLegacyFont, fromLegacyFont, legacyFontMessage, type LegacyFont } from './legacy-font.ts';

export interface StagedFile {
  file: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  delimiter?: string;
  /** staging table; its rowid follows the file's row order */
  table: string;
  /** the known columns present, in file order */
  columns: ColumnSpec[];
  /** SQL for a row's 1-based line (sheet row for XLSX), valid in a query over `table` */
  lineSql: string;
  /** SQL for a row's file, valid in a query over `table`, when it holds the rows of several files (else `file`) */
  fileSql?: string;
  rows: number;
  /** malformed lines DuckDB could not split into the header's fields */
  rejectedLines: number;
}

export const ENCODING_HINT = 'if it is a legacy Vietnamese Excel export, run again with --encoding windows-1258';

/** DuckDB's reject types as a data officer would read them. */
function rejectReason(type: string, message: string): string {
  switch (type) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS': {
      const m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
      return m ? `wrong number of fields: expected ${m[1]}, found ${m[2]}` : 'wrong number of fields';
    }
    case 'UNQUOTED VALUE': return 'unterminated or misplaced quote';
    case 'LINE SIZE OVER MAXIMUM': return 'line too long';
    default: return `malformed line (${type.toLowerCase()})`;
  }
}

async function decodeToCsv(
  input: InputFile, workDir: string, index: number, legacy: 'windows-1258' | undefined, log: ProblemLog, legacyFont?: LegacyFont,
): Promise<{ path: string; encoding: string; delimiter: ',' | ';'; headers: string[]; sheetRows: boolean } | null> {
  const target = join(workDir, `${index}.csv`);
  // --legacy-font: every text of the file through the font's table (values too: a status typed in .VnTime)
  const font = legacyFont ? (text: string) => fromLegacyFont(legacyFont, text) : undefined;
  if (input.format === 'xlsx') {
    try {
      const conversion = await xlsxToCsv(input.path, target, font);
      if (conversion.headers.length === 0) { log.fatal(input.file, null, null, 'empty file'); return null; }
      if (conversion.cellsBeyondHeader > 0) log.warning(input.file, null, null, `${conversion.cellsBeyondHeader} cells right of the last header column ignored`);
      if (conversion.sheetsIgnored > 0) log.warning(input.file, null, null, `only the first worksheet is read; ${conversion.sheetsIgnored} other worksheets ignored`);
      return { path: target, encoding: 'xlsx', delimiter: ',', headers: conversion.headers, sheetRows: true };
    } catch (error) {
      // one cell the pipeline cannot read: its sheet row and column (Excel's letter), never its value
      if (error instanceof UnreadableCell) {
        log.fatal(input.file, error.row, error.column, `cannot read the cell ${error.column}${error.row}: ${error.reason}; save the workbook again from Excel`);
        return null;
      }
      // exceljs messages say nothing useful to a data officer ("FILE_ENDED") and could quote content
      log.fatal(input.file, null, null, 'cannot read the workbook: the .xlsx file is damaged or truncated; save it again from Excel');
      return null;
    }
  }
  const sniffed = await sniffTextFile(input.path, legacy);
  if (sniffed.empty) { log.fatal(input.file, null, null, 'empty file'); return null; }
  if (!sniffed.decodable) { log.fatal(input.file, null, null, `not UTF-8 text; ${ENCODING_HINT}`); return null; }
  const native: TextEncoding = 'utf-8';
  if (sniffed.encoding === native && !font) return { path: input.path, encoding: native, delimiter: sniffed.delimiter, headers: sniffed.headers, sheetRows: false };
  await transcodeText(input.path, sniffed.encoding, target, font);
  return { path: target, encoding: sniffed.encoding, delimiter: sniffed.delimiter, headers: sniffed.headers, sheetRows: false };
}

/** A file decoded to UTF-8 CSV whose header names every required column once: ready to be read. */
export interface OpenedFile {
  input: InputFile;
  /** the UTF-8 CSV DuckDB reads (the input itself when it already is one) */
  path: string;
  encoding: string;
  delimiter: ',' | ';';
  sheetRows: boolean;
  /** canonical name per header position; `_unknown_<i>` for an unknown header */
  names: string[];
  /** the known columns present, in file order */
  columns: ColumnSpec[];
}

/** read_csv over an opened file, every column VARCHAR; `extra` adds named parameters. Given `paths` (files
 *  opened with the same layout, fast.ts layoutOf), it reads them all, in that order. */
export function readCsvSql(opened: OpenedFile, extra = '', paths: string[] = [opened.path]): string {
  const columnsSql = opened.names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(', ');
  const files = paths.length === 1 ? sqlString(paths[0]!) : `[${paths.map(sqlString).join(', ')}]`;
  return `read_csv(${files}, delim=${sqlString(opened.delimiter)}, header=true, auto_detect=false, quote='"', escape='"',
      columns={${columnsSql}}${extra})`;
}

/** How the files of a run are decoded: --encoding, --legacy-font, and where the problems go. */
export interface FileOptions { workDir: string; legacy: 'windows-1258' | undefined; legacyFont?: LegacyFont; log: ProblemLog }

/** Decodes a file and matches its header, or returns null after logging why it cannot be read at all. */
export async function openFile(
  input: InputFile, columns: ColumnSpec[], index: number,
  opts: FileOptions,
): Promise<OpenedFile | null> {
  const { log } = opts;
  const decoded = await decodeToCsv(input, opts.workDir, index, opts.legacy, log, opts.legacyFont);
  if (!decoded) return null;

  // --legacy-font: a header the pipeline reads as it is stays (a template's Unicode headers over values typed in
  // the font); any other is converted. The values were converted while decoding (DuckDB reads the names given here).
  const font = opts.legacyFont;
  if (font) decoded.headers = decoded.headers.map((h) => (matchHeader([h], columns).names[0] !== null ? h : fromLegacyFont(font, h)));
  const match = matchHeader(decoded.headers, columns);
  const missing = columns.filter((c) => c.required && !match.names.includes(c.name));
  if (missing.length > 0 && !opts.legacyFont) {
    // every header "missing" when they were typed in a legacy font: one line naming the font, not a list
    const font = detectLegacyFont(decoded.headers, (h) => matchHeader([h], columns).names[0] !== null);
    if (font) {
      log.fatal(input.file, 1, null, legacyFontMessage(font, 'the headers'));
      return null;
    }
  }
  for (const u of match.unknown) log.warning(input.file, 1, u.header, 'unknown column, ignored');
  for (const d of match.duplicates) log.fatal(input.file, 1, d.name, `column appears more than once (headers ${d.headers.map((h) => JSON.stringify(h)).join(', ')})`);
  const present = new Set(match.names.filter((n): n is string => n !== null));
  for (const c of columns) {
    if (c.required && !present.has(c.name)) log.fatal(input.file, 1, c.name, `missing required column (Vietnamese header: ${JSON.stringify(c.aliases[0] ?? c.name)})`);
  }
  if (match.duplicates.length > 0 || columns.some((c) => c.required && !present.has(c.name))) return null;

  const names = match.names.map((n, i) => n ?? `_unknown_${i}`);
  if (decoded.sheetRows) names.push(SHEET_ROW_COLUMN);
  const known = match.names.filter((n): n is string => n !== null);
  return {
    input, path: decoded.path, encoding: decoded.encoding, delimiter: decoded.delimiter, sheetRows: decoded.sheetRows, names,
    columns: columns.filter((c) => known.includes(c.name)).sort((a, b) => known.indexOf(a.name) - known.indexOf(b.name)),
  };
}

/** Stages a file, or returns null after logging why it cannot be read at all. */
export async function stageFile(
  conn: DuckDBConnection, input: InputFile, columns: ColumnSpec[], index: number, opts: FileOptions,
): Promise<StagedFile | null> {
  const opened = await openFile(input, columns, index, opts);
  return opened ? stageOpened(conn, opened, index, opts.log) : null;
}

/** Reads an opened file into an all-VARCHAR staging table, listing malformed lines as problems. */
export async function stageOpened(conn: DuckDBConnection, opened: OpenedFile, index: number, log: ProblemLog): Promise<StagedFile | null> {
  const { input } = opened;
  const decoded = opened;
  const table = `input_raw_${index}`;
  const rejects = `input_rejects_${index}`;
  try {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM ${readCsvSql(opened,
      `, store_rejects=true, rejects_table=${sqlString(rejects)}, rejects_scan=${sqlString(`${rejects}_scan`)}`)}`);
  } catch {
    log.fatal(input.file, null, null, 'cannot read the file as CSV');
    return null;
  }

  const rejected = (await conn.runAndReadAll(`SELECT line::BIGINT, min(error_type), min(error_message) FROM ${rejects} GROUP BY line ORDER BY line`)).getRows();
  const encodingLine = rejected.find((r) => r[1] === 'INVALID ENCODING');
  if (encodingLine) {
    log.fatal(input.file, Number(encodingLine[0]), null, `not UTF-8 text; ${ENCODING_HINT}`);
  }
  for (const [line, type, message] of rejected) {
    if (type !== 'INVALID ENCODING') log.error(input.file, Number(line), null, rejectReason(String(type), String(message)));
  }
  const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);
  if (rows === 0 && rejected.length === 0) log.warning(input.file, null, null, 'no data rows (header only)');

  let lineSql = `(${table}.rowid + 2)`;
  if (decoded.sheetRows) lineSql = `CAST(${table}.${sqlIdent(SHEET_ROW_COLUMN)} AS INTEGER)`;
  else if (rejected.length > 0) {
    // rejected lines are missing from the table: shift the later rows' line numbers past them
    const shift = `${table}_line_shift`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${shift} AS
      SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS first_row FROM (SELECT DISTINCT line FROM ${rejects})`);
    lineSql = `(${table}.rowid + 2 + (SELECT count(*) FROM ${shift} WHERE ${shift}.first_row <= ${table}.rowid))::INTEGER`;
  }
  await conn.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  return {
    file: input.file, format: input.format, encoding: decoded.encoding,
    ...(input.format === 'csv' ? { delimiter: decoded.delimiter } : {}),
    table, columns: opened.columns, lineSql, rows, rejectedLines: rejected.length,
  };
}

export async function dropStaged(conn: DuckDBConnection, staged: StagedFile): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${staged.table}; DROP TABLE IF EXISTS ${staged.table}_line_shift`);
}
