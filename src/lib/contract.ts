// The published interface (README "What it publishes"; docs/input-format.md for the input): table names, key columns, measures. Extend, never rename.

export const DISTRICT_CODE = '311';
export const TABLES = ['areas', 'indicators', 'poverty', 'poverty_groups', 'deprivation', 'deprivation_depth', 'support', 'area_changes'] as const;
export type TableName = (typeof TABLES)[number];

export type AreaLevel = 'district' | 'commune';
export type Population = 'poor' | 'near_poor';
export type CellStatus = 'ok' | 'suppressed';
export const POPULATIONS: Population[] = ['poor', 'near_poor'];

export const GROUP_MEASURES = [
  'poor_no_labour', 'poor_with_labour', 'near_poor_no_labour', 'near_poor_with_labour',
  'escaped', 'exited_other', 'newly_poor', 'fell_back', 'status_mismatch',
] as const;
export type GroupMeasure = (typeof GROUP_MEASURES)[number];
/** Movement measures need the previous review year; they are not published for the first year of the input. */
export const MOVEMENT_MEASURES: GroupMeasure[] = ['escaped', 'exited_other', 'newly_poor', 'fell_back'];

export const SUPPORT_MEASURES = ['in_need', 'supported', 'in_need_supported'] as const;
export type SupportMeasure = (typeof SUPPORT_MEASURES)[number];

export interface Geo { review_year: number; area_level: AreaLevel; area_code: string }

export interface PovertyRow extends Geo {
  total_households: number; poor: number; near_poor: number;
  poor_rate: number; near_poor_rate: number; // percent, rounded to 2 decimals
}
/**
 * Protected tables: `households` is null exactly when status is 'suppressed'; then `households_min` and
 * `households_max` are the interval the published tables allow (whole households, from the audit), else null.
 */
export interface Interval { households_min: number | null; households_max: number | null }
/** Movement measures: `complete`, or `partial` when some households of the year could not be linked to the previous review; null for other measures. */
export type Linkage = 'complete' | 'partial';
export interface PovertyGroupRow extends Geo, Interval { measure: GroupMeasure; households: number | null; status: CellStatus; linkage?: Linkage | null }
export interface DeprivationRow extends Geo, Interval {
  population: Population; indicator_code: string;
  households: number | null; share: number | null; status: CellStatus; // share: percent of the population, 2 decimals
}
export interface DepthRow extends Geo, Interval { population: Population; deprivations: number; households: number | null; status: CellStatus }
export interface SupportRow extends Geo, Interval { program_code: string; measure: SupportMeasure; households: number | null; status: CellStatus }

/** Keyed by (area_code, valid_from): GSO codes are reused with other extents (src/lib/geography.ts). */
export interface AreaRow {
  area_code: string; area_level: AreaLevel; parent_code: string | null;
  name_vi: string; name_en: string; unit_type: 'district' | 'city' | 'former_district' | 'commune' | 'town' | 'ward';
  valid_from: string; valid_to: string | null;
}
/** The crosswalks between consecutive unit sets (2019–2024 → 2025-01 → 2025-07). */
export interface AreaChangeRow {
  from_code: string; from_valid_from: string; to_code: string; to_valid_from: string;
  kind: 'full' | 'partial' | 'renamed'; evidence: 'stated' | 'inferred';
}
export interface IndicatorRow {
  standard: string; indicator_code: string; dimension_code: string;
  indicator_name_vi: string; indicator_name_en: string; dimension_name_vi: string; dimension_name_en: string;
}

/** The aggregates before disclosure control: protected tables carry true counts, no status yet. */
export interface RawTables {
  poverty: PovertyRow[];
  poverty_groups: (Geo & { measure: GroupMeasure; households: number; linkage?: Linkage | null })[];
  deprivation: (Geo & { population: Population; indicator_code: string; households: number })[];
  deprivation_depth: (Geo & { population: Population; deprivations: number; households: number })[];
  support: (Geo & { program_code: string; measure: SupportMeasure; households: number })[];
}
/** After disclosure control. */
export interface ProtectedTables {
  poverty: PovertyRow[];
  poverty_groups: PovertyGroupRow[];
  deprivation: DeprivationRow[];
  deprivation_depth: DepthRow[];
  support: SupportRow[];
}
