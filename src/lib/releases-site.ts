// The release history of the published folder the site is built from (site-data.ts `dataDir`), read once per build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './site-data';
import { loadHistory, type History, type Release } from './releases';

let cache: History | undefined;

export function getHistory(): History {
  cache ??= loadHistory(dataDir());
  return cache;
}

/** The files a release's datapackage.json lists (its tables and change list), for the download links. */
export function releaseResources(release: Release): { path: string; bytes?: number }[] {
  const file = join(dataDir(), release.path, 'datapackage.json');
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { resources?: { path: string; bytes?: number }[] };
  return (pkg.resources ?? []).map((r) => ({ path: r.path, bytes: r.bytes }));
}
