// Releases with history, as the site reads them: the list of releases (releases.json, written by the pipeline
// beside the tables: scripts/pipeline/releases.ts), what changed in each (its changes.json:
// scripts/pipeline/releases-changes.ts), which published figures a release revised, and the Atom feed of releases.
// Pure of astro:*; the pipeline takes its types from here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from './contract';
import { formatCount, type Locale } from './format';
import { strings } from '../i18n';

export type Value = string | number | null;
export type ChangeKind = 'corrected' | 'hidden' | 'shown' | 'added' | 'removed';
export const CHANGE_KINDS: ChangeKind[] = ['corrected', 'hidden', 'shown', 'added', 'removed'];

/** One line of a change list: a published cell (or, for added / removed, a row) that differs from the previous release. */
export interface Change {
  change: ChangeKind;
  table: TableName;
  key: Record<string, Value>;
  /** the published column; null for a row added or removed */
  column: string | null;
  old: Value;
  new: Value;
}

export interface ChangeSummary {
  /** counts per kind: cells for corrected / hidden / shown, rows for added / removed */
  counts: Record<ChangeKind, number>;
  /** per table, the counts of the kinds that occur */
  tables: Partial<Record<TableName, Partial<Record<ChangeKind, number>>>>;
  /** the review years the changes touch */
  review_years: number[];
}

/** A release as releases.json lists it. */
export interface Release {
  id: string;
  /** 1 for the first release of the history */
  sequence: number;
  /** YYYY-MM-DD */
  date: string;
  previous: string | null;
  /** --reset-suppression: the previous release's hidden cells were not kept hidden */
  reset_suppression: boolean;
  review_years: number[];
  /** its folder relative to the published folder: '' for the current release, 'releases/<id>/' for earlier ones */
  path: string;
  /** null for the first release: nothing to compare with */
  summary: ChangeSummary | null;
}

/** The latest release that corrected a published value, and the value before it. */
export interface Revision { release: string; sequence: number; date: string; old: Value; new: Value }

export interface History {
  /** newest first; one entry (the current release, no summary) when the data were published without a history */
  releases: Release[];
  /** corrected cells by revisionKey */
  revisions: Map<string, Revision>;
}

/** A published cell's identity in a change list, whatever the order of its key columns. */
export function revisionKey(table: string, key: Record<string, Value>, column: string): string {
  return `${table}|${Object.keys(key).sort().map((c) => `${c}=${key[c] ?? ''}`).join(';')}|${column}`;
}

/** The history from the index and each release's changes (null where a release has no change list). */
export function historyFrom(releases: Release[], changesOf: (release: Release) => Change[] | null): History {
  const newestFirst = [...releases].sort((a, b) => b.sequence - a.sequence || b.date.localeCompare(a.date));
  const revisions = new Map<string, Revision>();
  // oldest first, so that a later correction of the same cell replaces an earlier one
  for (const release of [...newestFirst].reverse()) {
    for (const c of changesOf(release) ?? []) {
      if (c.change !== 'corrected' || c.column === null) continue;
      revisions.set(revisionKey(c.table, c.key, c.column), { release: release.id, sequence: release.sequence, date: release.date, old: c.old, new: c.new });
    }
  }
  return { releases: newestFirst, revisions };
}

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

/** The history of the published folder `dir`: releases.json, else the one release its datapackage.json describes. */
export function loadHistory(dir: string): History {
  const index = readJson<{ releases: Release[] }>(join(dir, 'releases.json'));
  if (index) return historyFrom(index.releases, (r) => readJson<{ changes: Change[] }>(join(dir, r.path, 'changes.json'))?.changes ?? null);
  const pkg = readJson<Record<string, any>>(join(dir, 'datapackage.json'));
  if (!pkg) return { releases: [], revisions: new Map() };
  const current: Release = {
    id: String(pkg.id), sequence: pkg.release?.sequence ?? 1, date: String(pkg.created).slice(0, 10), previous: pkg.release?.previous ?? null,
    reset_suppression: pkg.release?.reset_suppression ?? false, review_years: pkg.review_years ?? [], path: '', summary: null,
  };
  const changes = readJson<{ summary: ChangeSummary; changes: Change[] }>(join(dir, 'changes.json'));
  return historyFrom([{ ...current, summary: changes?.summary ?? null }], () => changes?.changes ?? null);
}

export function revisionOf(history: History, table: TableName, key: Record<string, Value>, column: string): Revision | undefined {
  return history.revisions.get(revisionKey(table, key, column));
}

/** The headline figures of an area and review year (the `poverty` row) that a release revised. */
export const HEADLINE_COLUMNS = ['poor', 'near_poor', 'poor_rate', 'near_poor_rate'] as const;
export type HeadlineColumn = (typeof HEADLINE_COLUMNS)[number];

export function headlineRevisions(history: History, year: number, areaLevel: 'district' | 'commune', areaCode: string): Partial<Record<HeadlineColumn, Revision>> {
  const key = { review_year: year, area_level: areaLevel, area_code: areaCode };
  const found: Partial<Record<HeadlineColumn, Revision>> = {};
  for (const column of HEADLINE_COLUMNS) {
    const r = revisionOf(history, 'poverty', key, column);
    if (r) found[column] = r;
  }
  return found;
}

/** Per release (newest first), how many published values of an area and review year it corrected, in any table. */
export function areaRevisions(history: History, year: number, areaCode: string): { release: Release; values: number }[] {
  const counts = new Map<string, number>();
  const needle = [`area_code=${areaCode}`, `review_year=${year}`];
  for (const [key, revision] of history.revisions) {
    const parts = key.split('|')[1].split(';');
    if (needle.every((n) => parts.includes(n))) counts.set(revision.release, (counts.get(revision.release) ?? 0) + 1);
  }
  return history.releases.filter((r) => counts.has(r.id)).map((release) => ({ release, values: counts.get(release.id)! }));
}

/** Where a release's files are, relative to the site's data folder: `data/` or `data/releases/<id>/`. */
export function releaseFolder(release: Release): string {
  return `data/${release.path}`;
}

/** The anchor of a release on the /data/ page. */
export function releaseAnchor(release: Pick<Release, 'id'>): string {
  return `release-${release.id}`;
}

export interface FeedText {
  title: string;
  subtitle: string;
  author: string;
  entryTitle: (release: Release) => string;
  entrySummary: (release: Release) => string;
}

export interface FeedUrls {
  /** the feed's own absolute URL */
  self: string;
  /** the /data/ page's absolute URL (each entry links to its anchor) */
  page: string;
  /** the absolute URL of a release's datapackage.json */
  datapackage: (release: Release) => string;
  lang: string;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const timestamp = (date: string) => `${date}T00:00:00Z`;

/**
 * The Atom feed (RFC 4287) of the releases, newest first: the feed's id, title, updated, author and links, and per
 * release an entry with its id (the release's anchor on /data/: stable while the files move to releases/<id>/
 * once superseded), title, updated, a link to the page and one to its datapackage.json, and a summary of what changed.
 */
export function atomFeed(history: History, text: FeedText, urls: FeedUrls): string {
  const updated = history.releases[0]?.date ?? '1970-01-01';
  const entries = history.releases.map((r) => {
    const page = `${urls.page}#${releaseAnchor(r)}`;
    return [
      '  <entry>',
      `    <id>${xml(page)}</id>`,
      `    <title>${xml(text.entryTitle(r))}</title>`,
      `    <updated>${timestamp(r.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(page)}"/>`,
      `    <link rel="related" type="application/json" href="${xml(urls.datapackage(r))}"/>`,
      `    <summary>${xml(text.entrySummary(r))}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(urls.lang)}">`,
    `  <id>${xml(urls.self)}</id>`,
    `  <title>${xml(text.title)}</title>`,
    `  <subtitle>${xml(text.subtitle)}</subtitle>`,
    `  <updated>${timestamp(updated)}</updated>`,
    `  <author><name>${xml(text.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(urls.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(urls.page)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The review years as people read them: "2024", "2022, 2024", "2021–2026" for a run. */
export function yearsText(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length > 2 && sorted.every((y, i) => i === 0 || y === sorted[i - 1] + 1)) return `${sorted[0]}–${sorted.at(-1)}`;
  return sorted.join(', ');
}

/** What a release notes about itself: what changed since the one before, and whether it reset the hidden cells. */
export function releaseNotes(release: Release, locale: Locale): string[] {
  const r = strings(locale).releases;
  const notes: string[] = [];
  if (!release.previous) notes.push(r.first);
  else if (!release.summary) notes.push(r.noChangeList);
  else {
    const parts = CHANGE_KINDS.filter((k) => release.summary!.counts[k] > 0).map((k) => r.changed[k](formatCount(release.summary!.counts[k], locale)));
    notes.push(parts.length ? r.changedSentence(parts, release.summary.review_years.length ? yearsText(release.summary.review_years) : null) : r.nothingChanged);
  }
  if (release.reset_suppression) notes.push(r.reset);
  return notes;
}
