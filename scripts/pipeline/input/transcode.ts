// Files DuckDB cannot read natively become UTF-8 CSV in a private temporary folder: UTF-16 and windows-1258 text by
// streaming, .xlsx workbooks read whole (exceljs; not SheetJS, whose registry package is unmaintained).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { TextEncoding } from './sniff.ts';

/** The extra column carrying the sheet row number of each XLSX row, so messages name the row Excel shows. */
export const SHEET_ROW_COLUMN = '__sheet_row';

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'close');
}

/** Decodes a text file to UTF-8; `convert` (a legacy font's table) rewrites it whole lines at a time, so that a
 *  letter written as two characters is never cut between two chunks. */
export async function transcodeText(source: string, encoding: TextEncoding, target: string, convert?: (text: string) => string): Promise<void> {
  const decoder = new TextDecoder(encoding); // strips a byte-order mark
  const out = createWriteStream(target);
  let pending = '';
  const emit = async (text: string, last: boolean) => {
    if (!convert) return write(out, text);
    pending += text;
    const cut = last ? pending.length : pending.lastIndexOf('\n') + 1;
    if (cut > 0) await write(out, convert(pending.slice(0, cut)));
    pending = pending.slice(cut);
  };
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
      await emit(decoder.decode(chunk as Buffer, { stream: true }), false);
    }
    await emit(decoder.decode(), true);
  } finally {
    await close(out);
  }
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text a data officer sees in a cell; numbers keep their exact digits (no thousands separators). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return v.error;
  }
  return String(value);
}

export interface XlsxConversion {
  headers: string[];
  rows: number;
  /** data cells found right of the last header cell (dropped) */
  cellsBeyondHeader: number;
  sheetsIgnored: number;
}

/**
 * Writes the first worksheet as CSV: the first non-empty row is the header, empty rows are skipped, each data row
 * ends with its sheet row number. Throws (with no cell value in the message) when the workbook cannot be read.
 *
 * The workbook is read whole (exceljs `xlsx.readFile`: the archive through its central directory), not by exceljs's
 * streaming reader: that one reads the archive's entries in stored order through a stream it pauses between them,
 * and under load it loses entries (exceljs issue #3064) — the workbook part (a valid file refused as damaged, seen in
 * CI) or, as likely, the shared strings. A commune's workbook is small; a 200,000-row one costs memory, not rows.
 */
export async function xlsxToCsv(source: string, target: string, convert?: (text: string) => string): Promise<XlsxConversion> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(source);
  const [sheet, ...others] = workbook.worksheets;
  const out = createWriteStream(target);
  const result: XlsxConversion = { headers: [], rows: 0, cellsBeyondHeader: 0, sheetsIgnored: others.length };
  try {
    // the first worksheet is the review list; its rows in sheet order, empty ones left out
    const rows: ExcelJS.Row[] = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => { rows.push(row); });
    for (const row of rows) {
      const raw = (row.values as unknown[]).slice(1).map(cellText);
      if (raw.every((v) => v.trim() === '')) continue;
      // the header row is returned as it is (the caller decides about a legacy font); data rows are converted
      const values = convert && result.headers.length > 0 ? raw.map(convert) : raw;
      if (result.headers.length === 0) {
        while (values.length > 0 && values[values.length - 1]!.trim() === '') values.pop();
        result.headers = values.map((h) => h.normalize('NFC').trim());
        await write(out, [...result.headers, SHEET_ROW_COLUMN].map(csvCell).join(',') + '\n');
        continue;
      }
      const width = result.headers.length;
      result.cellsBeyondHeader += values.slice(width).filter((v) => v.trim() !== '').length;
      const cells = Array.from({ length: width }, (_, i) => values[i] ?? '');
      await write(out, [...cells, String(row.number)].map(csvCell).join(',') + '\n');
      result.rows++;
    }
  } finally {
    await close(out);
  }
  return result;
}
