// Committed reference facts (data/reference), typed. Pure: usable by the pipeline, the site and tests.
import standardsJson from '../../data/reference/standards.json';
import programsJson from '../../data/reference/programs.json';
import agenciesJson from '../../data/reference/agencies.json';
import officialJson from '../../data/reference/official-figures.json';
import newlyEscapedJson from '../../data/reference/newly-escaped.json';

export type AreaType = 'urban' | 'rural';

export interface Indicator {
  code: string;
  dimension: string;
  name_vi: string;
  name_en: string;
  deprived_when_en?: string;
  check?: boolean;
}
export interface Dimension { code: string; name_vi: string; name_en: string; check?: boolean }
export interface Standard {
  code: string;
  name_vi: string;
  name_en: string;
  legal_basis: string;
  first_review_year: number;
  last_review_year: number;
  income_lines: Record<AreaType, number>;
  average_living_lines: Record<AreaType, number> | null;
  poor_min_deprivations: number;
  dimensions: Dimension[];
  indicators: Indicator[];
}
export interface Program {
  code: string;
  name_vi: string;
  name_en: string;
  basis: string;
  need: { indicators_any?: string[]; labour_capacity?: boolean };
}
export interface Agency {
  code: string;
  section: number;
  name_vi: string;
  name_en: string;
  tasks_vi: string;
  tasks_en: string;
  indicators: string[];
  groups: string[];
  programs: string[];
}
export interface OfficialFigure {
  figure: string;
  label_vi: string;
  label_en: string;
  value: number;
  decimals?: number;
  table: string;
  column: string;
  where?: Record<string, string>;
}

/** The group "hộ mới thoát nghèo" (data/reference/newly-escaped.json): its window and legal basis. */
export interface NewlyEscapedGroup {
  code: 'newly_escaped';
  name_vi: string;
  name_en: string;
  /** escaped at the review in question or at one of the window_reviews − 1 reviews before it */
  window_reviews: number;
  window_months: number;
  definition_vi: string;
  definition_en: string;
  legal_basis_vi: string;
  legal_basis_en: string;
  check?: boolean;
  check_note?: string;
}

export const standards: Standard[] = standardsJson.standards as Standard[];
export const programs: Program[] = programsJson.programs as Program[];
export const agencies: Agency[] = agenciesJson.agencies as Agency[];
export const officialFigures = officialJson as unknown as {
  source: string;
  review_year: number;
  area_code: string;
  figures: OfficialFigure[];
  target: { review_year: number; poor: number; text_vi: string; text_en: string };
};

export const newlyEscaped: NewlyEscapedGroup = newlyEscapedJson as NewlyEscapedGroup;

/** Every indicator code of every standard, in a stable order (2022–2025 first, then additions). */
export const allIndicatorCodes: string[] = [...new Set(standards.flatMap((s) => s.indicators.map((i) => i.code)))];

/** The standard in force for a review year, or undefined when none is. */
export function standardForReviewYear(reviewYear: number): Standard | undefined {
  return standards.find((s) => reviewYear >= s.first_review_year && reviewYear <= s.last_review_year);
}
