// Files DuckDB cannot read natively become UTF-8 CSV in a private temporary folder: UTF-16 and windows-1258 text by
// streaming, .xlsx workbooks' first worksheet by streaming too (xlsx-stream.ts, exceljs's parsing; not SheetJS,
// whose registry package is unmaintained).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { TextEncoding } from './sniff.ts';
import { NotStreamable, openFirstSheet, UnreadableWorkbook, type FirstSheet } from './xlsx-stream.ts';

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

/** A cell the pipeline cannot turn into text: the file is refused, naming the sheet row and column (Excel's letter)
 *  and why; never the cell's value. */
export class UnreadableCell extends Error {
  constructor(readonly row: number, readonly column: string, readonly reason: string) {
    super(`cell ${column}${row}: ${reason}`);
    this.name = 'UnreadableCell';
  }
}

/** What cellText throws for a value it cannot read; xlsxToCsv names the cell (UnreadableCell). */
class UnreadableValue extends Error {
  constructor(readonly reason: string) { super(reason); this.name = 'UnreadableValue'; }
}

/** Excel's letters for a 1-based column number (1 → A, 27 → AA); the templates name their ranges with it too. */
export function columnLetter(n: number): string {
  let letters = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The text a data officer sees in a cell, from its exceljs value (as `cellValue` gives it); numbers keep their exact
 * digits (no thousands separators). The values exceljs reads from a workbook: nothing (null, undefined), text, a
 * number, true/false, a date; rich text `{ richText: [{ text }] }`; a hyperlink `{ text, hyperlink }` whose text is
 * any of these (a hyperlinked number, a formula's result, nothing); a formula `{ formula | sharedFormula, result }`,
 * read as its cached result (the value Excel last computed and saved), nothing when none was saved; an error
 * `{ error: '#DIV/0!' }`. Anything else (which exceljs does not give) throws rather than become text, as do a
 * number or date that is none (a damaged cell).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnreadableValue('a number cell whose stored value is not a number');
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnreadableValue('a date cell whose stored value is not a date');
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return v.richText.map((run: unknown) => {
        const text = (run as { text?: unknown } | null)?.text;
        if (typeof text === 'string') return text;
        if (text === undefined) return '';
        throw new UnreadableValue('a rich text cell holding something other than text');
      }).join('');
    }
    if ('hyperlink' in v) return cellText(v.text);
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (typeof v.error === 'string') return v.error;
  }
  throw new UnreadableValue('a cell value of a kind the pipeline cannot read (not text, a number, a date, true/false, a formula or an error)');
}

/**
 * A cell's value as exceljs gives it, except a formula's: exceljs's value object leaves out a cached result that is
 * 0, false or '' (as it does a missing one), so the result is taken from the cell itself; and it may lack the
 * formula too (a shared formula's cell read before the one defining it), so both keys are always there. A merged
 * cell has its range's first (master) cell's value.
 */
function cellValue(cell: ExcelJS.Cell): unknown {
  const master = cell.master;
  if (master.type !== ExcelJS.ValueType.Formula) return master.value;
  const { formula, sharedFormula } = master.value as { formula?: string; sharedFormula?: string };
  return { formula, sharedFormula, result: master.result };
}

/** A row's cells as text, one per column from A to its last cell, an empty string where it has none. */
function rowTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  row.eachCell((cell, col) => {
    try {
      texts[col - 1] = cellText(cellValue(cell));
    } catch (error) {
      if (error instanceof UnreadableValue) throw new UnreadableCell(row.number, columnLetter(col), error.reason);
      throw error;
    }
  });
  // a cell of no value between two that have one is a hole here, as in row.values: an empty cell, not left out
  return Array.from(texts, (text) => text ?? '');
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
 * ends with its sheet row number. An empty cell between two header cells is an empty header, as `a,,c` is in a CSV
 * file (its column is read as no column: ignored). Throws, with no cell value in the message, UnreadableWorkbook when
 * the workbook cannot be read, UnreadableCell when a cell cannot (cellText).
 *
 * The worksheet is streamed (xlsx-stream.ts): the archive opened through its central directory, the workbook part,
 * shared strings and styles read whole, then the worksheet's part row by row, each row valued by exceljs's own
 * parsing as its whole-workbook reader values it; memory follows a row, not the sheet. Not exceljs's streaming
 * reader: it reads the archive's entries in stored order through one stream it pauses by hand and, under load,
 * loses entries (exceljs issue #3064): the workbook part (a valid file refused as damaged, seen in CI) or the shared
 * strings. There is no such race here: no part waits on another's stream, the order parts are stored in does not
 * matter, and each part is its own read of the file (at the offset the central directory gives) consumed by async
 * iteration, with backpressure, nothing paused by hand. The rare sheet whose rows are not stored in order (no
 * spreadsheet program writes one) is read whole (exceljs `xlsx.readFile`), to order them as before.
 */
export async function xlsxToCsv(source: string, target: string, convert?: (text: string) => string): Promise<XlsxConversion> {
  try {
    return await writeSheet(await openFirstSheet(source), target, convert);
  } catch (error) {
    if (!(error instanceof NotStreamable)) throw error;
  }
  return writeSheet(await readFirstSheetWhole(source), target, convert);
}

/** The first worksheet read whole, as the streaming reader gives it. */
async function readFirstSheetWhole(source: string): Promise<FirstSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(source);
  } catch (error) {
    throw new UnreadableWorkbook(error);
  }
  const [sheet, ...others] = workbook.worksheets;
  const rows: ExcelJS.Row[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => { rows.push(row); });
  return { sheetsIgnored: others.length, rows: (async function* () { yield* rows; })() };
}

async function writeSheet(sheet: FirstSheet, target: string, convert?: (text: string) => string): Promise<XlsxConversion> {
  const out = createWriteStream(target);
  const result: XlsxConversion = { headers: [], rows: 0, cellsBeyondHeader: 0, sheetsIgnored: sheet.sheetsIgnored };
  try {
    // the first worksheet is the review list; its rows in sheet order, empty ones left out
    for await (const row of sheet.rows) {
      const raw = rowTexts(row);
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
