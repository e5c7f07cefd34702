// exceljs (through JSZip) stamps every zip entry with the current time; the demo must be byte-identical
// for a seed, so the DOS timestamps are rewritten to a fixed date after the fact.

/** `year`-12-15 00:00, the end of a review season (default: review year 2024's), in MS-DOS date format. */
const dosDate = (year: number) => ((year - 1980) << 9) | (12 << 5) | 15;
const DOS_TIME = 0;

export function fixZipTimestamps(zip: Buffer, year = 2024): Buffer {
  const DOS_DATE = dosDate(year);
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad zip central directory entry at ${at}`);
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad zip local header at ${local}`);
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
