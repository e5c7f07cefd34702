// Looks at the first bytes of a text file only (never the whole file: inputs can be gigabytes): the encoding
// from its byte-order mark or its bytes, the delimiter and the header cells from its first line.
import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface Sniffed {
  encoding: TextEncoding;
  /** false: the sample is not valid UTF-8 and no other encoding was asked for */
  decodable: boolean;
  /** nothing but a byte-order mark and white space */
  empty: boolean;
  delimiter: ',' | ';';
  headers: string[];
}

const SAMPLE_BYTES = 64 * 1024;

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isUtf8(sample: Buffer): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file. A byte-order mark decides. Without one, UTF-8 unless `legacy` (--encoding windows-1258)
 * was given; then a sample holding valid multi-byte UTF-8 is still read as UTF-8 (windows-1258 text practically never
 * forms it), and anything else (including plain ASCII, which both encodings read alike) as windows-1258.
 */
export function detectEncoding(sample: Buffer, legacy: 'windows-1258' | undefined): { encoding: TextEncoding; decodable: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', decodable: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', decodable: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', decodable: true };
  const utf8 = isUtf8(sample);
  if (legacy) {
    const multiByte = sample.some((b) => b >= 0x80);
    return { encoding: utf8 && multiByte ? 'utf-8' : legacy, decodable: true };
  }
  return { encoding: 'utf-8', decodable: utf8 };
}

/** Splits one CSV line on the delimiter, honouring double quotes ("" inside quotes is a quote). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** `;` when the header has more semicolons than commas outside quotes (Excel in a vi-VN locale), else `,`. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export async function sniffTextFile(path: string, legacy: 'windows-1258' | undefined): Promise<Sniffed> {
  const sample = await head(path);
  const { encoding, decodable } = detectEncoding(sample, legacy);
  const text = new TextDecoder(decodable ? encoding : 'utf-8').decode(sample, { stream: true }).replace(/^\ufeff/, '');
  const empty = text.trim() === '';
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(headerLine);
  const headers = empty ? [] : splitCsvLine(headerLine, delimiter).map((h) => h.normalize('NFC').trim());
  return { encoding, decodable, empty, delimiter, headers };
}
