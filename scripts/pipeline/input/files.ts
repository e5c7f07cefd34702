// Finds the input files of an input folder (docs/input-format.md "Files"), in a stable order.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const COMMUNES_FILE = 'communes.csv';
/** The denominators may also come as a workbook (the communes.xlsx template); one of the two, not both. */
export const COMMUNES_FILES = [COMMUNES_FILE, 'communes.xlsx'] as const;
export const HOUSEHOLDS_DIR = 'households';

export interface InputFile { path: string; file: string; format: 'csv' | 'xlsx' }

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const paths = await Promise.all(entries
    // Excel's lock files (~$x.xlsx) and hidden files are not review files
    .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'))
    .map(async (e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])));
  return paths.flat();
}

/** Household files sorted by relative path (byte order, so the same on every machine), and files left aside. */
export async function householdFiles(inputDir: string): Promise<{ files: InputFile[]; others: string[] }> {
  const all = (await walk(join(inputDir, HOUSEHOLDS_DIR)))
    .map((path) => ({ path, file: relative(inputDir, path).split(sep).join('/') }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const files: InputFile[] = [];
  const others: string[] = [];
  for (const f of all) {
    const ext = f.file.toLowerCase().split('.').pop();
    if (ext === 'csv' || ext === 'xlsx') files.push({ ...f, format: ext });
    else others.push(f.file);
  }
  return { files, others };
}

/** The denominators file of an input folder: the one of COMMUNES_FILES present, or why there is none to read. */
export async function communesFile(inputDir: string): Promise<{ found: InputFile } | { missing: true } | { both: string[] }> {
  const present: string[] = [];
  for (const name of COMMUNES_FILES) if (await exists(join(inputDir, name))) present.push(name);
  if (present.length === 0) return { missing: true };
  if (present.length > 1) return { both: present };
  const file = present[0]!;
  return { found: { path: join(inputDir, file), file, format: file.endsWith('.xlsx') ? 'xlsx' : 'csv' } };
}
