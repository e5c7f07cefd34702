// The first worksheet of an .xlsx workbook, row by row, with the cell values exceljs's whole-workbook reader
// (`xlsx.readFile`) gives, without holding the sheet: the archive is opened through its central directory
// (unzipper's Open), the small parts (workbook, its relationships, shared strings, styles) are read whole, and
// only the first worksheet's part is streamed. Each part is parsed by exceljs's own xforms, the ones its
// whole reader uses, and each row becomes an exceljs Row as that reader makes it (reconciled with the styles,
// shared strings, hyperlinks and merges), so that a cell's value is the same object either way.
//
// Why not exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader): it reads the archive's entries in
// stored order from one stream that its iterator pauses between chunks, and under load it loses entries (exceljs
// issue #3064): the workbook part (a valid file refused as damaged) or the shared strings. It also decodes each
// chunk of a part as UTF-8 on its own, so a Vietnamese letter cut between two chunks becomes U+FFFD. Here no
// stream is shared between parts and none is paused by hand: each part is its own read of the file at the offset
// the central directory gives, consumed by async iteration (backpressure, nothing dropped), and decoded by one
// streaming TextDecoder per part.
//
// What is not read: the parts the first sheet's values do not need (other worksheets, comments, drawings, tables,
// images, document properties). The whole reader parsed them all and failed on any damaged one; here damage
// confined to them no longer refuses the workbook.
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

// exceljs's internals (its xforms and document classes, the ones its whole reader uses) have no typings
type Any = any;
interface SaxEvent { eventType: 'opentag' | 'text' | 'closetag'; value: Any }
const lib = {
  parseSax: require('exceljs/lib/utils/parse-sax.js') as (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>,
  WorkbookXform: require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => Any,
  RelationshipsXform: require('exceljs/lib/xlsx/xform/core/relationships-xform.js') as new () => Any,
  SharedStringsXform: require('exceljs/lib/xlsx/xform/strings/shared-strings-xform.js') as new () => Any,
  StylesXform: require('exceljs/lib/xlsx/xform/style/styles-xform.js') as new () => Any,
  WorksheetXform: require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js') as new (options?: unknown) => Any,
  ListXform: require('exceljs/lib/xlsx/xform/list-xform.js') as new (options: unknown) => Any,
  RowXform: require('exceljs/lib/xlsx/xform/sheet/row-xform.js') as new (options?: unknown) => Any,
  Worksheet: require('exceljs/lib/doc/worksheet.js') as new (options: unknown) => Any,
  Row: require('exceljs/lib/doc/row.js') as new (worksheet: unknown, number: number) => ExcelJS.Row & Any,
  Range: require('exceljs/lib/doc/range.js') as new (ref: string) => { top: number; left: number; bottom: number; right: number; intersects(other: unknown): boolean },
};

interface ZipEntry { path: string; type: 'File' | 'Directory'; stream(): Readable }
interface ZipSource { size(): Promise<number>; stream(offset: number, length?: number): Readable }
const unzipper = require('unzipper') as { Open: { custom(source: ZipSource, options?: { tailSize?: number }): PromiseLike<{ files: ZipEntry[] }> } };

/** The workbook cannot be read: not a zip archive, a truncated or damaged one, or parts exceljs cannot parse. The
 *  message never quotes the file's content (the cause may). */
export class UnreadableWorkbook extends Error {
  constructor(cause: unknown) {
    super('cannot read the workbook: the .xlsx file is damaged or truncated', { cause });
    this.name = 'UnreadableWorkbook';
  }
}

/** Rows that cannot be streamed in sheet order as the whole reader orders them (a row number repeated or going
 *  back, a merge range that is not one): the caller reads such a workbook whole instead. */
export class NotStreamable extends Error {
  constructor(why: string) { super(`worksheet not streamable: ${why}`); this.name = 'NotStreamable'; }
}

// The largest zip comment plus the end-of-central-directory record: where the record is looked for when it is
// not in unzipper's default last 80 bytes (an archive with a comment).
const LONG_TAIL = 0xffff + 22;

/** A zip archive opened through its central directory; every read of the file it made is closed by `close`. */
class Archive {
  readonly entries = new Map<string, ZipEntry>();
  private readonly reads = new Set<ReadStream>();
  private capture: ReadStream[] | null = null;
  private failure: (error: Error) => void = () => {};

  private constructor(private readonly path: string, private readonly size: number) {}

  static async open(path: string): Promise<Archive> {
    const archive = new Archive(path, (await stat(path)).size);
    let files: ZipEntry[];
    try {
      files = await archive.directory();
    } catch (error) {
      if (archive.size <= 80) throw error;
      archive.close();
      files = await archive.directory(LONG_TAIL);
    } finally {
      archive.close(); // the directory's reads; entries open their own
    }
    // as exceljs names them (a leading slash dropped); a name stored twice is its last copy, at its first place
    for (const file of files) if (file.type !== 'Directory') archive.entries.set(file.path.replace(/^\//, ''), file);
    return archive;
  }

  private directory(tailSize?: number): Promise<ZipEntry[]> {
    return new Promise<ZipEntry[]>((resolve, reject) => {
      this.failure = reject; // a read of the file failing (unzipper would wait for it forever)
      const source: ZipSource = {
        size: () => Promise.resolve(this.size),
        stream: (offset, length) => this.read(offset, length),
      };
      Promise.resolve(unzipper.Open.custom(source, tailSize ? { tailSize } : undefined)).then((d) => d.files).then(resolve, reject);
    });
  }

  private read(offset: number, length?: number): ReadStream {
    const stream = createReadStream(this.path, { start: offset, end: length ? offset + length : undefined });
    this.reads.add(stream);
    this.capture?.push(stream);
    stream.on('error', (error) => this.failure(error));
    stream.on('close', () => this.reads.delete(stream));
    return stream;
  }

  /** An entry's bytes, inflated; a failed read of the file fails this stream. */
  open(entry: ZipEntry): Readable {
    this.capture = [];
    const stream = entry.stream();
    const reads = this.capture;
    this.capture = null;
    for (const read of reads) read.on('error', (error) => stream.destroy(error));
    stream.on('error', () => {}); // reported to the iteration reading it; none after it was left
    return stream;
  }

  /** An entry's text: UTF-8 decoded across chunk boundaries (a byte-order mark is left for the XML parser, as
   *  exceljs's whole reader leaves it). */
  async *text(entry: ZipEntry): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for await (const chunk of this.open(entry)) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  /** Whether an entry's bytes hold one of `needles` (ASCII). */
  async contains(entry: ZipEntry, needles: string[]): Promise<boolean> {
    const patterns = needles.map((n) => Buffer.from(n, 'latin1'));
    const keep = Math.max(...patterns.map((p) => p.length)) - 1;
    let tail = Buffer.alloc(0);
    for await (const chunk of this.open(entry)) {
      const bytes = Buffer.concat([tail, chunk as Buffer]);
      if (patterns.some((p) => bytes.includes(p))) return true;
      tail = bytes.subarray(Math.max(0, bytes.length - keep));
    }
    return false;
  }

  /** A part parsed whole by an exceljs xform, as exceljs's whole reader parses it. */
  async parse<T>(entry: ZipEntry | undefined, xform: Any): Promise<T | undefined> {
    if (!entry) return undefined;
    return xform.parse(lib.parseSax(this.text(entry))) as Promise<T>;
  }

  /** The xform having parsed the part, none when there is no such part. */
  async parsed(entry: ZipEntry | undefined, xform: Any): Promise<Any> {
    if (!entry) return undefined;
    await this.parse(entry, xform);
    return xform;
  }

  close(): void {
    for (const read of this.reads) read.destroy();
    this.reads.clear();
  }
}

const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/; // exceljs's patterns, unanchored as there
const WORKSHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;

interface SheetPart { path: string; sheetNo: string; id?: number; name?: string; state?: string }
interface Rel { Id: string; Target: string }

export interface FirstSheet {
  /** worksheets after the first */
  sheetsIgnored: number;
  /** the first worksheet's rows in sheet order, the empty ones (no value, no merged cell) left out, as
   *  `Worksheet.eachRow` gives them; iterating throws UnreadableWorkbook or NotStreamable */
  rows: AsyncIterable<ExcelJS.Row>;
}

/** Opens the workbook and finds its first worksheet (in workbook order, as exceljs's `workbook.worksheets`). */
export async function openFirstSheet(source: string): Promise<FirstSheet> {
  let archive: Archive | undefined;
  try {
    archive = await Archive.open(source);
    const { entries } = archive;
    const workbook = await archive.parse<{ sheets?: { id: number; rId: string }[]; properties?: { date1904?: boolean }; definedNames?: unknown }>(
      entries.get('xl/workbook.xml'), new lib.WorkbookXform());
    const workbookRels = await archive.parse<Rel[]>(entries.get('xl/_rels/workbook.xml.rels'), new lib.RelationshipsXform());
    // exceljs's reconcile and Workbook.model: the worksheet parts a sheet of workbook.xml names, ordered by it
    const parts: SheetPart[] = [];
    const hash: Record<string, SheetPart> = {};
    const relsOf = new Map<string, ZipEntry>();
    for (const [path, entry] of entries) {
      const match = WORKSHEET.exec(path) ?? undefined;
      if (match) { parts.push(hash[path] = { path, sheetNo: match[1]! }); continue; }
      const rels = WORKSHEET_RELS.exec(path);
      if (rels) relsOf.set(rels[1]!, entry);
    }
    new lib.WorkbookXform().reconcile({ sheets: workbook?.sheets, workbookRels, worksheetHash: hash, definedNames: workbook?.definedNames, media: [] });
    // Workbook.model: a Worksheet per part (its name checked against the others'), kept at its id, ordered by
    // workbook.xml
    const book = { _worksheets: [] as Any[] };
    for (const part of parts) {
      const orderNo = workbook?.sheets && workbook.sheets.findIndex((s) => s.id === part.id);
      book._worksheets[part.id as Any] = Object.assign(
        new lib.Worksheet({ id: part.id, name: part.name, orderNo, state: part.state, workbook: book }), { part });
    }
    const ordered = book._worksheets.slice(1).sort((a, b) => a.orderNo - b.orderNo).filter(Boolean);
    const first = ordered[0] as Any;
    if (!first) { archive.close(); return { sheetsIgnored: 0, rows: (async function* () {})() }; }
    const context: SheetContext = {
      archive,
      entry: entries.get(first.part.path)!,
      rels: relsOf.get(first.part.sheetNo),
      // the xforms themselves, as exceljs's whole reader keeps them (none when the part is missing)
      sharedStrings: await archive.parsed(entries.get('xl/sharedStrings.xml'), new lib.SharedStringsXform()),
      styles: await archive.parsed(entries.get('xl/styles.xml'), new lib.StylesXform()),
      date1904: workbook?.properties && workbook.properties.date1904,
      worksheet: first,
    };
    archive.close(); // the small parts' reads; the worksheet's are the rows' own
    return { sheetsIgnored: ordered.length - 1, rows: sheetRows(context) };
  } catch (error) {
    archive?.close();
    throw new UnreadableWorkbook(error);
  }
}

interface SheetContext {
  archive: Archive; entry: ZipEntry; rels: ZipEntry | undefined; sharedStrings: unknown; styles: unknown;
  date1904: boolean | undefined; worksheet: Any;
}

/** exceljs's sheetData xform, handing each row's model over as soon as it is parsed instead of keeping it. */
class RowsXform extends (lib.ListXform as new (options: unknown) => Any) {
  constructor(private readonly onRow: (model: Any) => void) {
    super({ tag: 'sheetData', count: false, empty: true, childXform: new lib.RowXform({}) });
  }

  parseClose(name: string): boolean {
    if (this.parser) {
      if (!this.parser.parseClose(name)) {
        this.onRow(this.parser.model);
        this.parser = undefined;
      }
      return true;
    }
    return false;
  }
}

/** Feeds a worksheet part to exceljs's worksheet xform; yields the models of the rows each chunk completed (when
 *  `keepRows`) and returns the xform's model once the worksheet's root closed (as in exceljs's whole reader,
 *  whatever follows is not read). */
async function* parseWorksheet(archive: Archive, entry: ZipEntry, keepRows: boolean): AsyncGenerator<Any[], Any> {
  const xform = new lib.WorksheetXform();
  const rows: Any[] = [];
  xform.map.sheetData = new RowsXform(keepRows ? (model) => rows.push(model) : () => {});
  for await (const events of lib.parseSax(archive.text(entry))) {
    let closed = false;
    for (const { eventType, value } of events) {
      if (eventType === 'opentag') xform.parseOpen(value);
      else if (eventType === 'text') xform.parseText(value);
      else if (!xform.parseClose(value.name)) { closed = true; break; }
    }
    if (rows.length > 0) yield rows.splice(0);
    if (closed) return xform.model;
  }
  // exceljs's whole reader fails on a worksheet whose root never closes (its model stays undefined)
  throw new Error('worksheet part ends before its root closes');
}

const isRowIndex = (i: number) => Number.isInteger(i) && i >= 0 && i < 2 ** 32 - 1;

/** The rows of the first worksheet, reconciled and merged as exceljs's whole reader does (Worksheet.model, then
 *  eachRow): rows in number order, a merge range's cells taking its master's value, rows only a merge range
 *  reaches included. */
async function* sheetRows(context: SheetContext): AsyncGenerator<ExcelJS.Row> {
  const { archive, entry } = context;
  try {
    // merge ranges and hyperlinks come after the rows in the part: when its bytes hold either, one pass to read them
    let tail: { mergeCells?: string[]; hyperlinks?: { address: string; rId?: string }[] } = {};
    if (await archive.contains(entry, ['<mergeCell', '<hyperlink'])) {
      const pass = parseWorksheet(archive, entry, false);
      let step = await pass.next();
      while (!step.done) step = await pass.next();
      tail = step.value ?? {};
    }
    // WorksheetXform.reconcile: hyperlinks through the sheet's relationships (a missing one fails, as there)
    const relationships = await archive.parse<Rel[]>(context.rels, new lib.RelationshipsXform());
    const rels = (relationships ?? []).reduce<Record<string, Rel>>((h, rel) => { h[rel.Id] = rel; return h; }, {});
    const hyperlinkMap = (tail.hyperlinks ?? []).reduce<Record<string, string>>((h, link) => {
      if (link.rId) h[link.address] = rels[link.rId]!.Target;
      return h;
    }, Object.create(null) as Record<string, string>); // a cell address is never looked up on Object.prototype
    // no comments: a cell's note is not its value (and the lookup of every cell's address costs)
    const options = { styles: context.styles, sharedStrings: context.sharedStrings, date1904: context.date1904, hyperlinkMap, formulae: {}, commentsMap: undefined };
    // Worksheet._mergeCellsInternal: overlapping ranges fail
    const merges: { top: number; left: number; bottom: number; right: number; master?: Any }[] = [];
    for (const ref of tail.mergeCells ?? []) {
      const range = new lib.Range(ref);
      if (merges.some((m) => range.intersects(m))) throw new Error('Cannot merge already merged cells');
      const { top, left, bottom, right } = range;
      if (![top, left, bottom, right].every((n) => Number.isInteger(n) && n >= 1)) throw new NotStreamable('a merge range that is not one');
      merges.push(Object.assign(range, { master: undefined }));
    }

    const { worksheet } = context;
    const rowXform = new lib.RowXform();
    let last = 0;
    const merged = (row: Any) => {
      const n = row.number as number;
      for (const m of merges) {
        if (n < m.top || n > m.bottom) continue;
        if (n === m.top) m.master = row.getCell(m.left);
        for (let col = m.left; col <= m.right; col++) if (n > m.top || col > m.left) row.getCell(col).merge(m.master, true);
      }
      return row;
    };
    // rows no <row> element holds that a merge range reaches, numbered below `before`
    function* mergeRows(before: number): Generator<ExcelJS.Row> {
      for (;;) {
        let next = Infinity;
        for (const m of merges) if (m.bottom > last) next = Math.min(next, Math.max(m.top, last + 1));
        if (next >= before || next === Infinity) return;
        const row = merged(new lib.Row(worksheet, next));
        last = next;
        if (row.hasValues) yield row;
      }
    }

    const parse = parseWorksheet(archive, entry, true);
    for (let step = await parse.next(); !step.done; step = await parse.next()) {
      for (const model of step.value) {
        const row = new lib.Row(worksheet, model.number);
        rowXform.reconcile(model, options);
        row.model = model;
        // Worksheet._parseRows keeps a row at _rows[number - 1]: any other number is never walked
        if (!isRowIndex(model.number - 1)) continue;
        if (model.number <= last) throw new NotStreamable('rows out of order');
        yield* mergeRows(model.number);
        merged(row);
        last = model.number;
        if (row.hasValues) yield row;
      }
    }
    yield* mergeRows(Infinity);
  } catch (error) {
    throw error instanceof NotStreamable ? error : new UnreadableWorkbook(error);
  } finally {
    archive.close();
  }
}
