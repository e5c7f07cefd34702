// A zip archive's entries and an archive of given entries in a given order: to store a workbook's parts in an order
// no spreadsheet program writes (the order exceljs's streaming reader fails on).
import { crc32, deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';

const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { buffer(zip: Buffer): Promise<{ files: { path: string; type: string; buffer(): Promise<Buffer> }[] }> };
};

/** The files of a zip archive, by name, in stored order. */
export async function unzipEntries(zip: Buffer): Promise<[string, Buffer][]> {
  const { files } = await unzipper.Open.buffer(zip);
  return Promise.all(files.filter((f) => f.type === 'File').map(async (f) => [f.path, await f.buffer()] as [string, Buffer]));
}

/** A zip archive of `entries`, deflated, stored in the given order. */
export function zipEntries(entries: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const path = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(path.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(path.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, path, packed);
    directory.push(central, path);
    offset += local.length + path.length + packed.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}
