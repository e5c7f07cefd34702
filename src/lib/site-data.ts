// Build-time data access for the site: one in-memory DuckDB per build (module-level promise) with a table
// per published parquet file, the named SQL of queries.ts, and the datapackage.json metadata.
// Pure of astro:* so tests and scripts can use it too.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TABLES } from './contract';
import { queries, type QueryName } from './queries';

export function dataDir(): string {
  return resolve(process.env.DATA_DIR ?? 'public/data');
}

export interface Resource { name: string; path: string; bytes?: number; hash?: string; rows?: number; format?: string }
export interface SiteMeta {
  demo: boolean;
  releaseId: string;
  created: string;
  k: number | null;
  resources: Resource[];
  reconciliation: unknown;
  dropped: unknown;
  raw: Record<string, unknown>;
}

let metaCache: SiteMeta | undefined;

/** datapackage.json as the pipeline writes it (scripts/pipeline/datapackage.ts), read once per build. */
export function getMeta(): SiteMeta {
  if (metaCache) return metaCache;
  const file = join(dataDir(), 'datapackage.json');
  if (!existsSync(file)) throw new Error(`missing published data: ${file} (run npm run pipeline)`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  const resources: Resource[] = raw.resources.map((r: any) => ({
    name: r.name, path: r.path, bytes: r.bytes, rows: r.rows, format: r.format, hash: String(r.hash).replace(/^sha256:/, ''),
  }));
  metaCache = {
    demo: raw.demo === true,
    releaseId: String(raw.id),
    created: String(raw.created).slice(0, 10),
    k: raw.disclosure_control.k,
    resources,
    reconciliation: raw.reconciliation ?? null,
    dropped: raw.validation?.rows_dropped ?? null,
    raw,
  };
  return metaCache;
}

type Conn = { runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }> };
let connPromise: Promise<Conn> | undefined;

async function connection(): Promise<Conn> {
  connPromise ??= (async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (const name of TABLES) {
      const file = join(dataDir(), `${name}.parquet`).replace(/'/g, "''");
      // Tables, not views: the same materialised shape the browser sandbox uses (views over parquet stop working once the browser locks external access).
      await conn.run(`CREATE TABLE ${name} AS SELECT * FROM read_parquet('${file}')`);
    }
    return conn as unknown as Conn;
  })();
  return connPromise;
}

/** Normalise DuckDB's JS values: BIGINT → number, DECIMAL → number; nulls stay null. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

const queryCache = new Map<string, Promise<Record<string, unknown>[]>>();

/** Run a named published query (queries.ts). Results are cached per build. */
export async function runQuery<T = Record<string, unknown>>(name: QueryName): Promise<T[]> {
  let p = queryCache.get(name);
  if (!p) {
    p = connection().then(async (c) => (await c.runAndReadAll(queries[name].sql)).getRowObjectsJS().map(plain));
    queryCache.set(name, p);
  }
  return (await p) as T[];
}

/** Run a chart's SQL (src/lib/charts/sql.ts) over the same tables, once per text and build. */
export async function runSql<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  let p = queryCache.get(sql);
  if (!p) {
    p = connection().then(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS().map(plain));
    queryCache.set(sql, p);
  }
  return (await p) as T[];
}

// ---- typed accessors over the published queries -------------------------------------------------
import type { AreaRow, PovertyRow, PovertyGroupRow, DeprivationRow, DepthRow, SupportRow, DimensionRow, SupportReceivedRow, ExitOutcomeRow, WhatIfRow } from './contract';
import { DISTRICT_CODE } from './contract';
import { standardForReviewYear, programs as referencePrograms, officialFigures } from './reference';
import type { Locale } from './format';
import type { SiteTables } from './findings';
import { localized } from './i18n';
import { indicatorsOfStandard, type IndicatorInfo } from './indicator-names';
import type { IndicatorRow } from './contract';
import { FIRST_PERIOD, period, unitAt, type PeriodId } from './geography';
import { areaKey, areaRow, areaName as keyName, periodIdOf, unitKeys, yearsOfPeriod, type AreaKey } from './areas';

export const getAreas = () => runQuery<AreaRow>('areas');
export const getPoverty = () => runQuery<PovertyRow>('poverty_series');
export const getGroups = () => runQuery<PovertyGroupRow>('groups');
export const getDeprivation = () => runQuery<DeprivationRow>('deprivation');
export const getDepth = () => runQuery<DepthRow>('depth');
export const getSupport = () => runQuery<SupportRow>('support');
export const getDimension = () => runQuery<DimensionRow>('dimension');
export const getSupportReceived = () => runQuery<SupportReceivedRow>('support_received');
export const getExitOutcomes = () => runQuery<ExitOutcomeRow>('exit_outcomes');
export const getWhatIf = () => runQuery<WhatIfRow>('what_if');

/** The tables the findings of src/lib/findings.ts read. */
export async function getTables(): Promise<SiteTables> {
  const [poverty, groups, deprivation, depth] = await Promise.all([getPoverty(), getGroups(), getDeprivation(), getDepth()]);
  return { poverty, groups, deprivation, depth };
}

/**
 * The units of a period as area rows: the published `areas` rows of that period (matched on valid_from), or,
 * for a release without them, the reference geography's. Code order.
 */
export async function getUnits(periodId: PeriodId): Promise<AreaRow[]> {
  const areas = await getAreas();
  const p = period(periodId);
  return unitKeys(periodId).map((key): AreaRow => areaRow(areas, key) ?? (() => {
    const u = unitAt(key.code, periodId)!;
    return { area_code: u.code, area_level: 'commune', parent_code: DISTRICT_CODE, name_vi: u.name_vi, name_en: u.name_en, unit_type: u.unit_type, valid_from: p.valid_from, valid_to: p.valid_to };
  })());
}
/** The 37 units of 2019–2024: today's `/communes/<code>/` pages. */
export async function getCommunes(): Promise<AreaRow[]> {
  return getUnits(FIRST_PERIOD);
}
/** The units a review year's figures are published for. */
export async function unitsOfYear(reviewYear: number): Promise<AreaRow[]> {
  return getUnits(periodIdOf(reviewYear));
}
/** The review years of a period's units (none for the bridge half-year of 2025-01). */
export async function yearsOf(periodId: PeriodId): Promise<number[]> {
  return yearsOfPeriod(await reviewYears(), periodId);
}
export async function reviewYears(): Promise<number[]> {
  return [...new Set((await getPoverty()).map((p) => p.review_year))].sort((a, b) => a - b);
}
export async function latestYear(): Promise<number> {
  const ys = await reviewYears();
  return ys[ys.length - 1];
}
/** datapackage.json titles a resource in Vietnamese (`title`) and English (`title_en`). */
export function resourceTitle(resource: { title?: string; title_en?: string } | undefined, locale: Locale): string | undefined {
  return (locale === 'en' ? resource?.title_en : undefined) ?? resource?.title;
}
/** A schema field's description: `description` is English, `description_vi` Vietnamese when present. */
export function fieldDescription(field: { description?: string; description_vi?: string }, locale: Locale): string | undefined {
  return (locale === 'vi' ? field.description_vi : undefined) ?? field.description;
}
export function areaName(a: AreaRow | undefined, locale: Locale): string {
  if (!a) return '';
  return localized(a, 'name', locale);
}
/** The name of (code, period) — the territory's or a unit's — as published, else from the reference geography. */
export async function nameOf(key: AreaKey, locale: Locale): Promise<string> {
  return keyName(await getAreas(), key, locale);
}
/** The name of an area as of a review year (the territory is named for each period). */
export async function nameInYear(code: string, reviewYear: number, locale: Locale): Promise<string> {
  return nameOf(areaKey(code, reviewYear), locale);
}

/** The indicators of the standard in force for a review year, from the published `indicators` table (by
 *  standard), in the standard's order; the reference standard's when the table has none for it. */
export async function indicatorsOf(reviewYear: number, locale: Locale): Promise<IndicatorInfo[]> {
  const std = standardForReviewYear(reviewYear);
  if (!std) return [];
  const published = indicatorsOfStandard(await getIndicators(), std, locale);
  return published.length > 0 ? published : indicatorInfo(reviewYear, locale);
}
export const getIndicators = () => runQuery<IndicatorRow>('indicators');

/** The indicators of the standard in force for a review year, in the standard's dimension order (reference). */
export function indicatorInfo(reviewYear: number, locale: Locale): IndicatorInfo[] {
  const std = standardForReviewYear(reviewYear);
  if (!std) return [];
  return std.indicators.map((i) => {
    const d = std.dimensions.find((x) => x.code === i.dimension)!;
    return { code: i.code, name: localized(i, 'name', locale), dimension: i.dimension, dimensionName: localized(d, 'name', locale) };
  });
}
export function programInfo(locale: Locale) {
  return referencePrograms.map((p) => ({ code: p.code, name: localized(p, 'name', locale) }));
}
export const target = officialFigures.target;
