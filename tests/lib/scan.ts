// The leak scanner: looks for personal values (canaries, and every demo household's identifiers) in
// everything a build writes, in every spelling a value can take on the way out — composed or decomposed
// Unicode, another case, stripped of its tone marks, digits regrouped, escaped for JS, HTML or a URL,
// and inside parquet files (decoded values, schema, key-value metadata, column statistics).
import { readFile, readdir } from 'node:fs/promises';
import { createHash, createHmac } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A value that must never be published. `kind` selects the spellings searched. */
export interface Needle {
  label: string;
  value: string;
  kind: 'text' | 'digits' | 'hex' | 'code';
}

export interface Hit { source: string; label: string; value: string; form: string }

/** Where a text came from (a file path, "x.parquet#values", "pipeline stderr", …) and the text itself. */
export interface Haystack { source: string; text: string }

// ---------------------------------------------------------------------------------------------------
// Normalisation

const MARKS = /\p{M}/gu;
/** NFD, tone and vowel marks removed, đ → d, lower case: "Quách Thị" → "quach thi". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Removes the separators people put between digit groups (space, dot, dash, slash, no-break space). */
export function joinDigitGroups(text: string): string {
  return text.replace(/(?<=\d)[ .\-/\u00a0]+(?=\d)/g, '');
}

/** Every spelling of a needle searched verbatim (its "normalisation classes"). */
export function spellings(needle: Needle): Record<string, string> {
  const v = needle.value;
  switch (needle.kind) {
    case 'text':
      return {
        'as-is': v, nfc: v.normalize('NFC'), nfd: v.normalize('NFD'), lower: v.normalize('NFC').toLowerCase(),
        upper: v.normalize('NFC').toUpperCase(), 'no-diacritics': fold(v), 'no-diacritics-as-cased': v.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'),
      };
    case 'digits': {
      const digits = v.replace(/\D/g, '');
      return { 'as-is': v, 'digits-only': digits };
    }
    case 'hex':
      return { lower: v.toLowerCase(), upper: v.toUpperCase(), 'prefix-16': v.toLowerCase().slice(0, 16) };
    case 'code':
      return { 'as-is': v, lower: v.toLowerCase(), upper: v.toUpperCase(), 'no-diacritics': fold(v) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoding: the escapes a value can wear in a JS bundle, JSON, HTML or a URL

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** JS/JSON \uXXXX, \u{X}, \xXX; HTML &#N; &#xN; and a few named entities; %-encoded UTF-8. */
export function unescapeAll(text: string): string {
  let out = text
    .replace(/\\u\{([0-9a-fA-F]{1,6})\}/g, (_, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#x([0-9a-fA-F]{1,6});?/g, (_, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/&#(\d{1,7});?/g, (_, d: string) => safeCodePoint(parseInt(d, 10)))
    .replace(/&([a-z]+);/g, (m, name: string) => NAMED_ENTITIES[name] ?? m);
  out = out.replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => {
    try { return decodeURIComponent(m); } catch { return m; }
  });
  // \uD83D\uDE00-style pairs were joined by fromCharCode; lone surrogates are harmless here
  return out;
}

function safeCodePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

// ---------------------------------------------------------------------------------------------------
// Scanning texts

/** A few needles, each searched in every spelling, in the text as written and unescaped. */
export function scanText(hay: Haystack, needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  const views = [hay.text, unescapeAll(hay.text)];
  const lower = views.map((t) => t.toLowerCase());
  const folded = views.map(fold);
  const grouped = views.map(joinDigitGroups);
  for (const needle of needles) {
    const seen = new Set<string>();
    const add = (form: string) => {
      if (seen.has(form)) return;
      seen.add(form);
      hits.push({ source: hay.source, label: needle.label, value: needle.value, form });
    };
    for (const [form, spelling] of Object.entries(spellings(needle))) {
      if (spelling && views.some((t) => t.includes(spelling))) add(form);
    }
    // any other mix of case, composition and marks
    if (needle.kind === 'text' || needle.kind === 'code') {
      const f = fold(needle.value);
      if (f && folded.some((t) => t.includes(f))) add('folded');
    }
    if (needle.kind === 'digits') {
      const digits = needle.value.replace(/\D/g, '');
      if (grouped.some((t) => t.includes(digits))) add('digits-regrouped');
    }
    if (needle.kind === 'hex') {
      const v = needle.value.toLowerCase();
      if (lower.some((t) => t.includes(v))) add('any-case');
      if (lower.some((t) => t.includes(v.slice(0, 16)))) add('prefix-16');
    }
  }
  return hits;
}

/**
 * Many needles of one shape at once (every demo household's ID numbers, phones, names, pseudonyms), by set
 * look-up over the text's tokens instead of one search per needle.
 */
export class BulkNeedles {
  private digits = new Map<number, Map<string, string>>();
  private hex16 = new Map<string, string>();
  private names = new Map<number, Map<string, string>>();
  readonly size = { digits: 0, hex: 0, names: 0 };

  addDigits(label: string, value: string): void {
    const d = value.replace(/\D/g, '');
    if (d.length < 9) return;
    if (!this.digits.has(d.length)) this.digits.set(d.length, new Map());
    this.digits.get(d.length)!.set(d, label);
    this.size.digits++;
  }

  /** A pseudonym: found by its first 16 hex digits, in either case, so truncated copies count too. */
  addHex(label: string, value: string): void {
    this.hex16.set(value.toLowerCase().slice(0, 16), label);
    this.size.hex++;
  }

  /** A full name of ≥ 3 words with at least one letter outside ASCII: distinctive enough to search. */
  addName(label: string, value: string): boolean {
    const words = nameWords(value);
    if (words.length < 3 || /^[\x00-\x7f]*$/.test(value)) return false;
    if (!this.names.has(words.length)) this.names.set(words.length, new Map());
    this.names.get(words.length)!.set(words.join(' '), label);
    this.size.names++;
    return true;
  }

  scan(hay: Haystack): Hit[] {
    const hits: Hit[] = [];
    for (const text of [hay.text, unescapeAll(hay.text)]) {
      for (const run of text.match(/\d{9,}/g) ?? []) {
        for (const [len, set] of this.digits) {
          for (let i = 0; i + len <= run.length; i++) {
            const w = run.slice(i, i + len);
            const label = set.get(w);
            if (label) hits.push({ source: hay.source, label, value: w, form: 'digits-only' });
          }
        }
      }
      for (const run of text.toLowerCase().match(/[0-9a-f]{16,}/g) ?? []) {
        for (let i = 0; i + 16 <= run.length; i++) {
          const w = run.slice(i, i + 16);
          const label = this.hex16.get(w);
          if (label) hits.push({ source: hay.source, label, value: w, form: 'hex-prefix-16' });
        }
      }
      if (this.names.size) {
        const words = nameWords(text);
        for (const [len, set] of this.names) {
          for (let i = 0; i + len <= words.length; i++) {
            const w = words.slice(i, i + len).join(' ');
            const label = set.get(w);
            if (label) hits.push({ source: hay.source, label, value: w, form: 'name (NFC/NFD, any case)' });
          }
        }
      }
    }
    return dedupe(hits);
  }
}

/** Words of a text in NFC, lower case, diacritics kept (a name without its marks is a common phrase). */
function nameWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
}

function dedupe(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.source}\0${h.label}\0${h.value}\0${h.form}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading what a build wrote

/** Every file under `dir`, sorted; none when `dir` does not exist (nothing was written there). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** The texts of one file: its bytes as UTF-8 (as UTF-16 too after a UTF-16 mark), gunzipped when compressed,
 *  decompressed when a .br (brotli has no magic number: the build's precompressed copies are named so). */
export function fileTexts(source: string, bytes: Buffer): Haystack[] {
  const texts: Haystack[] = [{ source, text: bytes.toString('utf8') }];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) texts.push({ source: `${source}#utf16le`, text: bytes.toString('utf16le') });
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try { texts.push({ source: `${source}#gunzip`, text: gunzipSync(bytes).toString('utf8') }); } catch { /* not gzip after all */ }
  }
  if (source.endsWith('.br')) {
    try { texts.push({ source: `${source}#brotli`, text: brotliDecompressSync(bytes).toString('utf8') }); } catch { /* not brotli after all */ }
  }
  return texts;
}

function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'object') {
    const bytes = (value as { bytes?: unknown }).bytes;
    if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString('utf8');
    if (Array.isArray(value)) return value.map(plainValue);
    const items = (value as { items?: unknown }).items;
    if (Array.isArray(items)) return items.map(plainValue);
    const entries = (value as { entries?: unknown }).entries;
    if (entries && typeof entries === 'object') return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, plainValue(v)]));
    return String(value);
  }
  return value;
}

async function rowsText(conn: DuckDBConnection, sql: string): Promise<string> {
  const reader = await conn.runAndReadAll(sql);
  const columns = reader.columnNames();
  const lines = [columns.join('\t')];
  for (const row of reader.getRows()) lines.push(JSON.stringify(row.map(plainValue)));
  return lines.join('\n');
}

/** What DuckDB decodes from a parquet file: values, schema, key-value metadata, row-group statistics. */
export async function parquetTexts(conn: DuckDBConnection, path: string, source: string): Promise<Haystack[]> {
  const p = `'${path.replaceAll("'", "''")}'`;
  return [
    { source: `${source}#values`, text: await rowsText(conn, `SELECT * FROM read_parquet(${p})`) },
    { source: `${source}#schema`, text: await rowsText(conn, `SELECT * FROM parquet_schema(${p})`) },
    { source: `${source}#kv-metadata`, text: await rowsText(conn, `SELECT * FROM parquet_kv_metadata(${p})`) },
    { source: `${source}#metadata-and-statistics`, text: await rowsText(conn, `SELECT * FROM parquet_metadata(${p})`) },
    { source: `${source}#file-metadata`, text: await rowsText(conn, `SELECT * FROM parquet_file_metadata(${p})`) },
  ];
}

export interface ScanTarget { needles: Needle[]; bulk?: BulkNeedles }

export interface ScanReport {
  hits: Hit[];
  /** every source scanned, so a test can check the scan saw what it should */
  sources: string[];
  bytes: number;
}

/** Scans texts (stdout, reports…) and every file under some folders, parquet files decoded too. */
export async function scanAll(target: ScanTarget, opts: { dirs?: { root: string; label: string }[]; texts?: Haystack[] }): Promise<ScanReport> {
  const report: ScanReport = { hits: [], sources: [], bytes: 0 };
  // What a text holds depends on the text alone, not on where it came from: a text met again (a build's .gz
  // and .br copies decompressed, the published files copied into the site) is looked up by its SHA-256 and
  // its hits are reported again under the new source, instead of being searched again.
  const seen = new Map<string, Omit<Hit, 'source'>[]>();
  const take = (hay: Haystack) => {
    report.sources.push(hay.source);
    const digest = createHash('sha256').update(hay.text, 'utf16le').digest('hex');
    let found = seen.get(digest);
    if (!found) {
      found = [...scanText(hay, target.needles), ...(target.bulk ? target.bulk.scan(hay) : [])].map(({ source: _, ...hit }) => hit);
      seen.set(digest, found);
    }
    for (const hit of found) report.hits.push({ source: hay.source, ...hit });
  };
  for (const t of opts.texts ?? []) take(t);
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  try {
    for (const { root, label } of opts.dirs ?? []) {
      for (const path of await listFiles(root)) {
        const source = `${label}/${relative(root, path)}`;
        const bytes = await readFile(path);
        report.bytes += bytes.length;
        for (const hay of fileTexts(source, bytes)) take(hay);
        if (path.endsWith('.parquet')) {
          instance ??= await DuckDBInstance.create(':memory:');
          conn ??= await instance.connect();
          for (const hay of await parquetTexts(conn, path, source)) take(hay);
        }
      }
    }
  } finally {
    conn?.closeSync();
    instance?.closeSync();
  }
  report.hits = dedupe(report.hits);
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Pseudonyms, computed as the pipeline does (scripts/pipeline/input/hmac.ts: HMAC-SHA-256 of
// `commune_code || ':' || household_id`, UTF-8; the pipeline holds its first 128 bits as a number)

/** The HMAC in lower-case hex (its first 32 digits are the pipeline's pseudonym in hex). */
export function pseudonym(key: Buffer, communeCode: string, householdId: string): string {
  return hmacHex(key, `${communeCode}:${householdId}`);
}

export function hmacHex(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/** The pipeline's pseudonym as the number it holds (the HMAC's first 128 bits), in decimal: how a leaked one would read in a CSV. */
export function pseudonymDecimal(hex: string): string {
  return BigInt(`0x${hex.slice(0, 32)}`).toString();
}

/** The needles of one pseudonym: its hex and its decimal spelling. */
export function pseudonymNeedles(label: string, hex: string): Needle[] {
  return [{ label, value: hex, kind: 'hex' }, { label: `${label} (decimal)`, value: pseudonymDecimal(hex), kind: 'digits' }];
}

/** Hits rendered one a line for a failure message. */
export function describeHits(hits: Hit[], max = 40): string {
  const lines = hits.slice(0, max).map((h) => `${h.source}: ${h.label} (${h.form}) ${JSON.stringify(h.value)}`);
  if (hits.length > max) lines.push(`… ${hits.length - max} more`);
  return lines.join('\n');
}
