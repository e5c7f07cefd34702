// What a chart of the site is: a kind, an area, a review year and a population. Pages, embeds and the
// download endpoints pass this value; the id (embed path, download file name, page anchor) is a rendering
// of it, never the source of it.

export const DISTRICT_CHART_KINDS = [
  'poor-series', 'movements', 'deprivation-shares', 'contribution', 'depth', 'heatmap', 'support',
  // the monitoring views of hộ mới thoát nghèo and lasting exits (src/lib/monitoring/published.ts)
  'newly-escaped', 'exit-outcomes', 'escaped-deprivation', 'escaped-indicators', 'support-received',
  // recorded result vs the rule, what-if under the next standard (src/lib/monitoring/checks-site.ts)
  'mismatch', 'what-if',
] as const;
export const COMMUNE_CHART_KINDS = ['series', 'movements', 'deprivation', 'support', 'dimensions'] as const;
export type DistrictChartKind = (typeof DISTRICT_CHART_KINDS)[number];
export type CommuneChartKind = (typeof COMMUNE_CHART_KINDS)[number];
export type ChartKind = DistrictChartKind | CommuneChartKind;
export type Population = 'poor' | 'near_poor';
import { FIRST_PERIOD, unitPath, type PeriodId } from '../geography';
/** A commune's area code (five digits in the published tables). */
export type CommuneCode = `${number}`;

/**
 * `year`: 'latest' is the view of the latest review year (the plain id, what an embed shows); a number is
 * that review year's view (id suffix "-y<year>"). Only charts of one review year have a year of their own.
 * `population`: 'near_poor' only for the charts drawn per population (contribution, heat map).
 */
export type ChartSpec =
  | { area: 'district'; kind: DistrictChartKind; year: number | 'latest'; population: Population }
  | { area: CommuneCode; kind: CommuneChartKind; year: number | 'latest'; population: Population; period?: PeriodId };

/**
 * A unit's period in a chart id: none for 2019–2024 (ids already shared keep their meaning), else a prefix —
 * "2025-11473-series" is phường Bạch Đằng's, "11473-series" thị trấn Minh Đức's (GSO codes are reused).
 */
const PERIOD_SLUG: Partial<Record<PeriodId, string>> = { '2025-01': '2025-01', '2025-07': '2025' };
const SLUG_PERIOD = new Map(Object.entries(PERIOD_SLUG).map(([p, slug]) => [slug, p as PeriodId]));

/** Charts of one review year. */
export const YEARLY_KINDS: ReadonlySet<ChartKind> = new Set<ChartKind>(['deprivation-shares', 'contribution', 'depth', 'heatmap', 'support', 'deprivation', 'escaped-deprivation', 'escaped-indicators', 'support-received', 'dimensions']);
/** Charts drawn once per population. */
export const BY_POPULATION_KINDS: ReadonlySet<ChartKind> = new Set<ChartKind>(['contribution', 'heatmap']);

/** The district chart of a kind for a review year (the latest year's view when `year` is the latest). */
export function districtChart(kind: DistrictChartKind, opts: { year?: number; latest?: number; population?: Population } = {}): ChartSpec {
  return checked({ area: 'district', kind, year: yearOf(kind, opts), population: opts.population ?? 'poor' });
}

/** A commune's chart of a kind for a review year (the latest year's view when `year` is the latest). */
export function communeChart(code: string, kind: CommuneChartKind, opts: { year?: number; latest?: number; period?: PeriodId } = {}): ChartSpec {
  if (!/^\d+$/.test(code)) throw new Error(`invalid commune code: ${code}`);
  const spec: ChartSpec = { area: code as CommuneCode, kind, year: yearOf(kind, opts), population: 'poor' };
  return checked(opts.period && opts.period !== FIRST_PERIOD ? { ...spec, period: opts.period } : spec);
}

/** The period of a chart's unit (2019–2024 when it names none). */
export function specPeriod(spec: ChartSpec): PeriodId {
  return spec.area === 'district' ? FIRST_PERIOD : spec.period ?? FIRST_PERIOD;
}

function yearOf(kind: ChartKind, opts: { year?: number; latest?: number }): number | 'latest' {
  if (!YEARLY_KINDS.has(kind) || opts.year == null || opts.year === opts.latest) return 'latest';
  return opts.year;
}

function checked(spec: ChartSpec): ChartSpec {
  if (spec.population === 'near_poor' && !BY_POPULATION_KINDS.has(spec.kind)) throw new Error(`chart ${spec.kind} has no near-poor view`);
  if (spec.year !== 'latest' && !YEARLY_KINDS.has(spec.kind)) throw new Error(`chart ${spec.kind} has no year view: ${spec.year}`);
  return spec;
}

/** The id of a chart: page anchor, embed path and download file name ("11470-support-y2022", "heatmap-near_poor"). */
export function chartId(spec: ChartSpec): string {
  const slug = spec.area === 'district' || !spec.period ? undefined : PERIOD_SLUG[spec.period];
  let id = spec.area === 'district' ? spec.kind : `${slug ? `${slug}-` : ''}${spec.area}-${spec.kind}`;
  if (spec.population === 'near_poor') id += '-near_poor';
  if (spec.year !== 'latest') id += `-y${spec.year}`;
  return id;
}

/** The one way back from an id (a URL segment) to its spec; chartSpecFromId(chartId(s)) equals s. */
export function chartSpecFromId(id: string): ChartSpec {
  const m = /^(?:(\d{4}(?:-\d{2})?)-(?=\d+-))?(?:(\d+)-)?([a-z][a-z-]*?)(?:-(near_poor))?(?:-y(\d{4}))?$/.exec(id);
  if (!m) throw new Error(`unknown chart id: ${id}`);
  const [, slug, code, kind, near, year] = m;
  const periodOfId = slug === undefined ? undefined : SLUG_PERIOD.get(slug);
  if (slug !== undefined && periodOfId === undefined) throw new Error(`unknown chart id: ${id}`);
  const population: Population = near ? 'near_poor' : 'poor';
  const y = year ? Number(year) : 'latest';
  if (code) {
    if (!(COMMUNE_CHART_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown chart id: ${id}`);
    const spec: ChartSpec = { area: code as CommuneCode, kind: kind as CommuneChartKind, year: y, population };
    return checked(periodOfId ? { ...spec, period: periodOfId } : spec);
  }
  if (!(DISTRICT_CHART_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown chart id: ${id}`);
  return checked({ area: 'district', kind: kind as DistrictChartKind, year: y, population });
}

/**
 * The deprivation page of a review year, relative to the locale root: `deprivation/<year>/`, a permalink that
 * stays when later reviews come; `deprivation/` shows the latest review (the page was one page with a view per
 * year until its ≈ 36 k elements made it the site's slowest on a phone: one year per page since).
 */
export function deprivationPath(year: number | 'latest'): string {
  return year === 'latest' ? 'deprivation/' : `deprivation/${year}/`;
}

/** The page a chart comes from (the embed's source link), relative to the locale root. */
export function chartHomePath(spec: ChartSpec): string {
  if (spec.area !== 'district') return unitPath(spec.area, specPeriod(spec)).slice(1);
  if (spec.kind === 'poor-series' || spec.kind === 'movements') return 'progress/';
  if (spec.kind === 'support') return 'agencies/';
  if (spec.kind === 'newly-escaped' || spec.kind === 'escaped-deprivation' || spec.kind === 'escaped-indicators' || spec.kind === 'support-received') return 'newly-escaped/';
  if (spec.kind === 'exit-outcomes') return 'lasting-exits/';
  if (spec.kind === 'mismatch') return 'recorded-vs-rule/';
  if (spec.kind === 'what-if') return 'what-if/';
  return deprivationPath(spec.year);
}
