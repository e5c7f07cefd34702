// The findings the pages state in words ("the commonest deprivation", "x times the district rate", "on
// track"), computed from the published tables and nothing else. Pure: the pages only render what these
// return, and tests/findings.test.ts checks them on hand-made tables.
//
// A suppressed cell is unknown, never 0: a finding that depends on one says so (`certain: false`, or a
// `suppressed` status) rather than guessing.
import type { PovertyRow, PovertyGroupRow, DeprivationRow, DepthRow, Population, SupportRow } from './contract';
import { DISTRICT_CODE } from './contract';
import { officialFigures, standardForReviewYear, type Agency } from './reference';
import { coverage } from './charts/support';
import { intensity } from './charts/deprivation';
import { percent } from './percent';
import { trackStatus, type TrackStatus } from './progress';
import type { HiddenBounds } from './format';
import { areaKey, rowsOf } from './areas';
import { FIRST_PERIOD, type PeriodId } from './geography';

/** The published tables the findings read, as src/lib/site-data.ts loads them (`getTables()`). */
export interface SiteTables {
  poverty: PovertyRow[];
  groups: PovertyGroupRow[];
  deprivation: DeprivationRow[];
  depth: DepthRow[];
}

/** The directive's target: `poor` households left by the review of `review_year`. */
export interface Target { review_year: number; poor: number }
const defaultTarget: Target = officialFigures.target;

// ---- small findings, shared by the page-level ones ------------------------------------------------

/** Whether review `year` uses another poverty standard than the review before it. */
export function standardChanged(year: number): boolean {
  const before = standardForReviewYear(year - 1);
  const now = standardForReviewYear(year);
  return before !== undefined && now !== undefined && before.code !== now.code;
}

/** Change of the poor count and rate since the previous review (the review year before). */
export interface PoorChange {
  fromYear: number;
  from: PovertyRow;
  poor: number;
  /** percentage points, 2 decimals (both rates are published with 2) */
  poorRate: number;
}

export function poorChange(series: PovertyRow[], year: number): PoorChange | null {
  const cur = series.find((p) => p.review_year === year);
  const prev = series.find((p) => p.review_year === year - 1);
  if (!cur || !prev) return null;
  // counts under two poverty standards are not a change: the rule of who is poor changed between them
  if (standardChanged(year)) return null;
  return { fromYear: prev.review_year, from: prev, poor: cur.poor - prev.poor, poorRate: Math.round((cur.poor_rate - prev.poor_rate) * 100) / 100 };
}

/** Poor households without labour capacity: known, hidden to protect households, or not published. */
export type NoLabourFinding =
  | { status: 'ok'; households: number; poor: number; share: number }
  | { status: 'suppressed'; poor: number };

export function noLabourFinding(groups: PovertyGroupRow[], area: string, year: number, poor: number): NoLabourFinding | null {
  if (poor <= 0) return null;
  const cell = groups.find((g) => g.area_code === area && g.review_year === year && g.measure === 'poor_no_labour');
  if (!cell) return null;
  if (cell.households == null) return { status: 'suppressed', poor };
  return { status: 'ok', households: cell.households, poor, share: percent(cell.households, poor) };
}

/**
 * The commonest deprivation among `population` households of an area. `certain` is false when a suppressed
 * cell could be larger than the largest published one. What a suppressed cell can hold is its published
 * interval (households_max: the greatest value every published relation together allows, computed by the
 * disclosure audit); a hidden cell without one (a release from before the intervals) is bounded by the
 * population only.
 */
export interface TopDeprivation {
  indicator_code: string;
  households: number;
  share: number;
  certain: boolean;
  /** suppressed cells of that area and year that could be larger than the one named */
  hiddenLarger: number;
}

export function topDeprivation(tables: Pick<SiteTables, 'deprivation'>, area: string, year: number, populationTotal: number, population: Population = 'poor'): TopDeprivation | null {
  const cells = tables.deprivation.filter((d) => d.area_code === area && d.review_year === year && d.population === population);
  const known = cells.filter((d): d is DeprivationRow & { households: number; share: number } => d.households != null && d.share != null);
  const top = [...known].sort((a, b) => b.share - a.share || a.indicator_code.localeCompare(b.indicator_code))[0];
  if (!top || top.share <= 0) return null;
  const hiddenLarger = cells.filter((d) => d.households == null && (d.households_max ?? populationTotal) > top.households).length;
  return { indicator_code: top.indicator_code, households: top.households, share: top.share, certain: hiddenLarger === 0, hiddenLarger };
}

/**
 * A ratio in plain words (Census Reporter style): "about twice the district rate". Bands are editorial;
 * they keep the words honest to one significant figure. `times` is set for the band "times".
 */
export type RatioBand =
  | 'same' | 'above_zero' | 'zero' | 'well_below' | 'half' | 'below' | 'about_same' | 'somewhat_above'
  | 'one_and_half' | 'twice' | 'three_times' | 'times';
export interface Ratio { band: RatioBand; times?: number }

export function ratioBand(value: number, reference: number): Ratio {
  if (reference === 0) return { band: value === 0 ? 'same' : 'above_zero' };
  const r = value / reference;
  if (value === 0) return { band: 'zero' };
  if (r < 0.4) return { band: 'well_below' };
  if (r < 0.6) return { band: 'half' };
  if (r < 0.9) return { band: 'below' };
  if (r <= 1.1) return { band: 'about_same' };
  if (r < 1.4) return { band: 'somewhat_above' };
  if (r < 1.75) return { band: 'one_and_half' };
  const n = Math.round(r);
  if (n === 2) return { band: 'twice' };
  if (n === 3) return { band: 'three_times' };
  return { band: 'times', times: n };
}

/** How a track status reads at a glance: the CSS class of the pages' status labels. */
export function trackTone(status: TrackStatus): 'on-track' | 'off-track' | undefined {
  if (status === 'off_track' || status === 'missed') return 'off-track';
  return status === 'unknown' ? undefined : 'on-track';
}

/** The series of `area` as it was at review `year`: a reused code's rows of another period are another territory. */
function seriesOf(poverty: PovertyRow[], area: string, year: number): PovertyRow[] {
  return rowsOf(poverty, areaKey(area, year));
}

function row(poverty: PovertyRow[], area: string, year: number): PovertyRow {
  const r = poverty.find((p) => p.area_code === area && p.review_year === year);
  if (!r) throw new Error(`no poverty row for area ${area}, review year ${year}`);
  return r;
}

/**
 * Intensity: the average number of deprivations of a poor household of an area (the depth table), or null
 * when a depth cell is hidden (no average without every count). `rounded` is the published figure, 2 decimals.
 */
export function intensityFinding(depth: DepthRow[], area: string, year: number): { average: number; rounded: number } | null {
  const average = intensity(depth.filter((d) => d.area_code === area && d.review_year === year && d.population === 'poor'));
  return average == null ? null : { average, rounded: Math.round(average * 100) / 100 };
}

// ---- one commune ----------------------------------------------------------------------------------

export interface CommuneFindings {
  current: PovertyRow;
  district: PovertyRow;
  change: PoorChange | null;
  /** on/off track as it stood after this review: later reviews were not known yet */
  track: ReturnType<typeof trackStatus>;
  poorRateVsDistrict: Ratio;
  nearPoorRateVsDistrict: Ratio;
  noLabour: NoLabourFinding | null;
  topDeprivation: TopDeprivation | null;
  /** the district's share of poor households deprived in the commune's top indicator, when published */
  districtTopShare: number | null;
}

/** Everything a commune page states about one review year of commune `code`. */
export function communeFindings(tables: SiteTables, code: string, year: number, target: Target = defaultTarget): CommuneFindings {
  const series = seriesOf(tables.poverty, code, year);
  const current = row(tables.poverty, code, year);
  const district = row(tables.poverty, DISTRICT_CODE, year);
  const top = topDeprivation(tables, code, year, current.poor);
  const districtTop = top ? tables.deprivation.find((d) => d.area_code === DISTRICT_CODE && d.review_year === year && d.population === 'poor' && d.indicator_code === top.indicator_code) : undefined;
  return {
    current,
    district,
    change: poorChange(series, year),
    track: trackStatus({ years: series.filter((p) => p.review_year <= year), targetYear: target.review_year, targetPoor: target.poor }),
    poorRateVsDistrict: ratioBand(current.poor_rate, district.poor_rate),
    nearPoorRateVsDistrict: ratioBand(current.near_poor_rate, district.near_poor_rate),
    noLabour: noLabourFinding(tables.groups, code, year, current.poor),
    topDeprivation: top,
    districtTopShare: districtTop?.share ?? null,
  };
}

// ---- the district overview ------------------------------------------------------------------------

export interface OverviewFindings {
  current: PovertyRow;
  change: PoorChange | null;
  /** poor households left above the target (negative: below it) */
  targetGap: number;
  /** the target review has been held: the gap says reached or missed, not "still to go" */
  targetDue: boolean;
  noLabour: NoLabourFinding | null;
  topDeprivation: TopDeprivation | null;
  /** the commune with the highest poor rate (ties: lowest code) and its rate against the district's */
  highestCommune: { row: PovertyRow; vsDistrict: Ratio } | null;
  communesWithoutPoor: number;
  communes: number;
}

export function overviewFindings(tables: SiteTables, year: number, target: Target = defaultTarget): OverviewFindings {
  const current = row(tables.poverty, DISTRICT_CODE, year);
  const communeRows = tables.poverty.filter((p) => p.area_level === 'commune' && p.review_year === year);
  const highest = [...communeRows].sort((a, b) => b.poor_rate - a.poor_rate || a.area_code.localeCompare(b.area_code))[0];
  return {
    current,
    change: poorChange(seriesOf(tables.poverty, DISTRICT_CODE, year), year),
    targetGap: current.poor - target.poor,
    targetDue: year >= target.review_year,
    noLabour: noLabourFinding(tables.groups, DISTRICT_CODE, year, current.poor),
    topDeprivation: topDeprivation(tables, DISTRICT_CODE, year, current.poor),
    highestCommune: highest ? { row: highest, vsDistrict: ratioBand(highest.poor_rate, current.poor_rate) } : null,
    communesWithoutPoor: communeRows.filter((p) => p.poor === 0).length,
    communes: communeRows.length,
  };
}

// ---- progress toward the target, commune by commune -----------------------------------------------

export interface CommuneProgress {
  code: string;
  /** the commune's poverty rows, oldest first */
  series: PovertyRow[];
  latest: PovertyRow | undefined;
  track: ReturnType<typeof trackStatus>;
  /** the reduction needed per review year, in whole households (rounded up), or null */
  neededPerYear: number | null;
}

export interface ProgressFindings {
  lastYear: number;
  /** communes in the order asked for (the small multiples) */
  communes: CommuneProgress[];
  /** the same, in the order of the progress table: off track first, then highest rate, then code */
  table: CommuneProgress[];
  offTrack: number;
  /** the highest commune poor rate of any year: the shared scale of the small multiples */
  maxCommuneRate: number;
  targetDue: boolean;
}

const TRACK_ORDER: Record<TrackStatus, number> = { missed: 0, off_track: 0, unknown: 1, on_track: 2, reached: 3 };

/** The order of track statuses in the progress table (the sort value of its status column). */
export function trackOrder(status: TrackStatus): number {
  return TRACK_ORDER[status];
}

export function progressFindings(tables: Pick<SiteTables, 'poverty'>, communeCodes: string[], target: Target = defaultTarget, period: PeriodId = FIRST_PERIOD): ProgressFindings {
  // the units of one period (2019–2024: the directive's), over the reviews of that period
  const poverty = tables.poverty.filter((p) => p.area_level === 'commune' && communeCodes.includes(p.area_code)).filter((p) => rowsOf([p], { code: p.area_code, period }).length > 0);
  const years = [...new Set(poverty.map((p) => p.review_year))].sort((a, b) => a - b);
  const lastYear = years[years.length - 1];
  const communes = communeCodes.map((code): CommuneProgress => {
    const series = rowsOf(poverty, { code, period });
    const track = trackStatus({ years: series, targetYear: target.review_year, targetPoor: target.poor });
    return { code, series, latest: series[series.length - 1], track, neededPerYear: track.neededPerYear == null ? null : Math.ceil(track.neededPerYear) };
  });
  const sorted = [...communes].sort((a, b) => TRACK_ORDER[a.track.status] - TRACK_ORDER[b.track.status]
    || (b.latest?.poor_rate ?? 0) - (a.latest?.poor_rate ?? 0) || a.code.localeCompare(b.code));
  return {
    lastYear,
    communes,
    table: sorted,
    offTrack: communes.filter((c) => c.track.status === 'off_track' || c.track.status === 'missed').length,
    maxCommuneRate: Math.max(...poverty.map((p) => p.poor_rate)),
    targetDue: lastYear >= target.review_year,
  };
}

// ---- the agencies: need and support for what each addressee of the directive serves --------------

/** A hidden cell's published interval, or none. */
const bounds = (row: HiddenBounds | undefined): HiddenBounds => ({ households_min: row?.households_min ?? null, households_max: row?.households_max ?? null });

/** Need and support for one programme in one area; a null count is hidden to protect households. */
export interface ProgramSupport {
  program_code: string; inNeed: number | null; inNeedSupported: number | null; coverage: number | null;
  /** the published intervals of the two counts where hidden (null ends where shown) */
  inNeedBounds: HiddenBounds; inNeedSupportedBounds: HiddenBounds;
}

export function programSupport(support: SupportRow[], area: string, year: number, program: string): ProgramSupport {
  const cells = support.filter((s) => s.area_code === area && s.review_year === year);
  const cell = (measure: SupportRow['measure']) => cells.find((s) => s.program_code === program && s.measure === measure);
  const count = (measure: SupportRow['measure']) => cell(measure)?.households ?? null;
  return {
    program_code: program, inNeed: count('in_need'), inNeedSupported: count('in_need_supported'), coverage: coverage(cells, program),
    inNeedBounds: bounds(cell('in_need')), inNeedSupportedBounds: bounds(cell('in_need_supported')),
  };
}

export interface AgencyFindings {
  code: string;
  /** poor households of the district deprived in each indicator the agency serves */
  deprived: ({ indicator_code: string; households: number | null; share: number | null } & HiddenBounds)[];
  groups: ({ measure: string; households: number | null } & HiddenBounds)[];
  programs: ProgramSupport[];
}

/** What the agencies page states for each agency, district-wide, for one review year. */
export function agencyFindings(tables: Pick<SiteTables, 'deprivation' | 'groups'> & { support: SupportRow[] }, agencies: Agency[], year: number): AgencyFindings[] {
  const at = <T extends { area_code: string; review_year: number }>(rows: T[]) => rows.filter((r) => r.area_code === DISTRICT_CODE && r.review_year === year);
  const deprivation = at(tables.deprivation).filter((d) => d.population === 'poor');
  const groups = at(tables.groups);
  return agencies.map((a) => ({
    code: a.code,
    deprived: a.indicators.map((code) => {
      const d = deprivation.find((x) => x.indicator_code === code);
      return { indicator_code: code, households: d?.households ?? null, share: d?.share ?? null, ...bounds(d) };
    }),
    groups: a.groups.map((measure) => {
      const g = groups.find((x) => x.measure === measure);
      return { measure, households: g?.households ?? null, ...bounds(g) };
    }),
    programs: a.programs.map((p) => programSupport(tables.support, DISTRICT_CODE, year, p)),
  }));
}
