// The published interface (README "What it publishes"; docs/input-format.md for the input): table names, key columns, measures. Extend, never rename.

export const DISTRICT_CODE = '311';
export const TABLES = [
  'areas', 'indicators', 'poverty', 'poverty_groups', 'deprivation', 'deprivation_depth', 'support', 'area_changes',
  'deprivation_dimension', 'support_received', 'exit_outcomes', 'what_if',
] as const;
export type TableName = (typeof TABLES)[number];

export type AreaLevel = 'district' | 'commune';
/** The recognised populations (the `poverty` table's): depth and support need are published for these. */
export type Population = 'poor' | 'near_poor';
/** Populations a deprivation, dimension or support-received count is published for: newly_escaped overlaps near_poor. */
export type MonitoredPopulation = Population | 'newly_escaped';
export type CellStatus = 'ok' | 'suppressed';
export const POPULATIONS: Population[] = ['poor', 'near_poor'];
export const MONITORED_POPULATIONS: MonitoredPopulation[] = ['poor', 'near_poor', 'newly_escaped'];

export const GROUP_MEASURES = [
  'poor_no_labour', 'poor_with_labour', 'near_poor_no_labour', 'near_poor_with_labour',
  'escaped', 'exited_other', 'newly_poor', 'fell_back', 'status_mismatch',
  // hộ mới thoát nghèo: assessed at t, not poor at t, escaped at t or in the window before (data/reference)
  'newly_escaped',
  // the partition of status_mismatch: recorded result × the standard's rule, off the diagonal
  'recorded_poor_rule_near_poor', 'recorded_poor_rule_not_poor',
  'recorded_near_poor_rule_poor', 'recorded_near_poor_rule_not_poor',
  'recorded_not_poor_rule_poor', 'recorded_not_poor_rule_near_poor',
] as const;
export type GroupMeasure = (typeof GROUP_MEASURES)[number];
/** Movement measures need the previous review year; they are not published for the first year of the input. */
export const MOVEMENT_MEASURES: GroupMeasure[] = ['escaped', 'exited_other', 'newly_poor', 'fell_back'];
/** The six cells of recorded × rule off the diagonal: they add up to status_mismatch. */
export const MISMATCH_MEASURES = [
  'recorded_poor_rule_near_poor', 'recorded_poor_rule_not_poor',
  'recorded_near_poor_rule_poor', 'recorded_near_poor_rule_not_poor',
  'recorded_not_poor_rule_poor', 'recorded_not_poor_rule_near_poor',
] as const satisfies readonly GroupMeasure[];
/** Measures whose rows carry `linkage` (they need households linked across reviews). */
export const LINKED_MEASURES: GroupMeasure[] = [...MOVEMENT_MEASURES, 'newly_escaped'];

export const EXIT_OUTCOMES = ['poor', 'near_poor', 'not_poor', 'not_assessed'] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];
/** Years after the exit review that exit_outcomes follows a cohort. */
export const YEARS_AFTER = [1, 2, 3] as const;
export const WHAT_IF_MEASURES = ['poor_min', 'poor_max', 'near_poor_min', 'near_poor_max'] as const;
export type WhatIfMeasure = (typeof WHAT_IF_MEASURES)[number];

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
  population: MonitoredPopulation; indicator_code: string;
  households: number | null; share: number | null; status: CellStatus; // share: percent of the population, 2 decimals
}
export interface DepthRow extends Geo, Interval { population: Population; deprivations: number; households: number | null; status: CellStatus }
export interface SupportRow extends Geo, Interval { program_code: string; measure: SupportMeasure; households: number | null; status: CellStatus }
/** Households of a population deprived in any indicator of the dimension; share: percent of the population, 2 decimals. */
export interface DimensionRow extends Geo, Interval {
  population: MonitoredPopulation; dimension_code: string;
  households: number | null; share: number | null; status: CellStatus;
}
/** Households of a population that received the program's support in the review year. */
export interface SupportReceivedRow extends Geo, Interval { population: MonitoredPopulation; program_code: string; households: number | null; status: CellStatus }
/**
 * Of the households that escaped at `review_year` (the exit review) in the area, where they stand `years_after`
 * reviews later. The outcomes of one exit year, area and years_after add up to that year's `escaped`.
 * `linkage`: partial when some households could not be followed (links across the reorganisation).
 */
export interface ExitOutcomeRow extends Geo, Interval {
  years_after: number; outcome: ExitOutcome; households: number | null; status: CellStatus; linkage: Linkage;
}
/** The households assessed in the last review under the 2022–2025 standard, classified by each standard's rule. */
export interface WhatIfRow extends Geo, Interval { standard: string; measure: WhatIfMeasure; households: number | null; status: CellStatus }

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
  deprivation: (Geo & { population: MonitoredPopulation; indicator_code: string; households: number })[];
  deprivation_depth: (Geo & { population: Population; deprivations: number; households: number })[];
  support: (Geo & { program_code: string; measure: SupportMeasure; households: number })[];
  deprivation_dimension: (Geo & { population: MonitoredPopulation; dimension_code: string; households: number })[];
  support_received: (Geo & { population: MonitoredPopulation; program_code: string; households: number })[];
  exit_outcomes: (Geo & { years_after: number; outcome: ExitOutcome; households: number; linkage: Linkage })[];
  what_if: (Geo & { standard: string; measure: WhatIfMeasure; households: number })[];
}
/** After disclosure control. */
export interface ProtectedTables {
  poverty: PovertyRow[];
  poverty_groups: PovertyGroupRow[];
  deprivation: DeprivationRow[];
  deprivation_depth: DepthRow[];
  support: SupportRow[];
  deprivation_dimension: DimensionRow[];
  support_received: SupportReceivedRow[];
  exit_outcomes: ExitOutcomeRow[];
  what_if: WhatIfRow[];
}
