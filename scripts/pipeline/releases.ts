// Releases with history (--releases DIR): every publish is kept in DIR/<release id>/, the latest kept release is
// the previous one (its hidden cells stay hidden: previous.ts, protect.ts), and the published folder carries the
// earlier releases (releases/<id>/) and their index (releases.json), so that a first release stays downloadable
// after a correction. The history is read from the kept folders' datapackage.json, never from the clock.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChangeSummary, Release } from '../../src/lib/releases.ts';

/** The `release` block of a datapackage.json published with history. */
export interface ReleaseBlock {
  /** 1 for the first release of a history */
  sequence: number;
  /** the release this one replaces (null for the first) */
  previous: string | null;
  /** --reset-suppression: cells hidden in the previous release were not kept hidden */
  reset_suppression: boolean;
}

export interface KeptRelease extends ReleaseBlock {
  id: string;
  /** YYYY-MM-DD, the datapackage's `created` */
  date: string;
  dir: string;
  review_years: number[];
  demo: boolean;
  k: number | null;
  /** the table files of the release, with their sha256 (the idempotence check) */
  hashes: Record<string, string>;
}

/** One line of releases.json: what the /data/ page and the feed need of each release (src/lib/releases.ts). */
export type ReleaseIndexEntry = Release;

export const INDEX_FILE = 'releases.json';
export const HISTORY_DIR = 'releases';
export const CHANGES_JSON = 'changes.json';
export const CHANGES_CSV = 'changes.csv';

async function readJson(path: string): Promise<Record<string, any> | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

/** A published release folder, read back from its datapackage.json (a kept release, or --previous DIR). */
export async function readRelease(folder: string): Promise<KeptRelease> {
  const pkg = await readJson(join(folder, 'datapackage.json'));
  if (!pkg || typeof pkg.id !== 'string') throw new Error(`release without a readable datapackage.json: ${folder}`);
  const block = pkg.release as Partial<ReleaseBlock> | undefined;
  return {
    id: pkg.id, date: String(pkg.created).slice(0, 10), dir: folder,
    review_years: pkg.review_years ?? [], demo: pkg.demo === true, k: pkg.disclosure_control?.k ?? null,
    // a release published before histories were recorded counts as a first release
    sequence: block?.sequence ?? 1, previous: block?.previous ?? null, reset_suppression: block?.reset_suppression ?? false,
    hashes: Object.fromEntries((pkg.resources ?? []).map((r: { path: string; hash: string }) => [r.path, String(r.hash).replace(/^sha256:/, '')])),
  };
}

/** Whether freshly written tables are exactly a release's tables (then publishing them again is that release). */
export function sameTables(files: { path: string; sha256: string }[], release: KeptRelease, k: number, demo: boolean): boolean {
  const tableFiles = Object.keys(release.hashes).filter((p) => p !== CHANGES_JSON && p !== CHANGES_CSV);
  return release.k === k && release.demo === demo && tableFiles.length === files.length && files.every((f) => release.hashes[f.path] === f.sha256);
}

/** The releases kept in `dir`, oldest first (a missing folder is an empty history: the first release). */
export async function keptReleases(dir: string): Promise<KeptRelease[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const kept: KeptRelease[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const release = await readRelease(join(dir, entry.name));
    if (release.id !== entry.name) throw new Error(`kept release folder ${entry.name} holds release ${release.id}`);
    kept.push(release);
  }
  return kept.sort((a, b) => a.sequence - b.sequence || a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** The files of one release as kept: everything in its published folder but the history it carries. */
export async function releaseFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { withFileTypes: true });
  return names.filter((e) => e.isFile() && e.name !== INDEX_FILE).map((e) => e.name).sort();
}

/**
 * Keeps the release built in `from` as `releases/<id>/`: copied into a temporary folder beside it, renamed into
 * place only when complete. A folder of that id already kept is left as it is (same id, same files).
 */
export async function keepRelease(releasesDir: string, id: string, from: string): Promise<void> {
  const target = join(resolve(releasesDir), id);
  if (await stat(target).catch(() => null)) return;
  await mkdir(releasesDir, { recursive: true });
  const staging = join(resolve(releasesDir), `.${id}.new-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(staging);
    for (const name of await releaseFiles(from)) await cp(join(from, name), join(staging, name));
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Copies the earlier releases into the published folder (releases/<id>/) and writes releases.json. */
export async function writeHistory(dir: string, earlier: KeptRelease[], current: ReleaseIndexEntry): Promise<void> {
  const entries: ReleaseIndexEntry[] = [];
  for (const release of earlier) {
    const path = `${HISTORY_DIR}/${release.id}/`;
    await mkdir(join(dir, path), { recursive: true });
    for (const name of await releaseFiles(release.dir)) await cp(join(release.dir, name), join(dir, path, name));
    entries.push({ ...indexEntry(release, path), summary: await summaryOf(release.dir) });
  }
  entries.push(current);
  await writeFile(join(dir, INDEX_FILE), `${JSON.stringify({ releases: entries.reverse() }, null, 2)}\n`, 'utf8');
}

export function indexEntry(release: Pick<KeptRelease, 'id' | 'date' | 'review_years' | keyof ReleaseBlock>, path: string): Omit<ReleaseIndexEntry, 'summary'> {
  return {
    id: release.id, sequence: release.sequence, date: release.date, previous: release.previous,
    reset_suppression: release.reset_suppression, review_years: release.review_years, path,
  };
}

export async function summaryOf(dir: string): Promise<ChangeSummary | null> {
  return ((await readJson(join(dir, CHANGES_JSON)))?.summary as ChangeSummary | undefined) ?? null;
}

/**
 * The date of a new release: the one stated (--release-date), else the end of the latest review year, and never
 * before the latest kept release (a history reads in order). null with the reason when the stated date is earlier.
 */
export function releaseDateAfter(stated: string | null, fromInput: string, latest: KeptRelease | undefined): { date: string } | { error: string } {
  if (stated && latest && stated < latest.date) return { error: `--release-date ${stated} is before the latest kept release (${latest.id}, ${latest.date})` };
  const date = stated ?? fromInput;
  return { date: latest && latest.date > date ? latest.date : date };
}
