// Committed reference facts (data/reference), typed. Pure: usable by the pipeline, the site and tests.
import standardsJson from '../../data/reference/standards.json';
import programsJson from '../../data/reference/programs.json';
import agenciesJson from '../../data/reference/agencies.json';
import officialJson from '../../data/reference/official-figures.json';
import policiesJson from '../../data/reference/policies.json';
import reviewsJson from '../../data/reference/reviews.json';
import directiveJson from '../../data/reference/directive-2023-thuy-nguyen.json';
import newlyEscapedJson from '../../data/reference/newly-escaped.json';

export type AreaType = 'urban' | 'rural';

export interface Indicator {
  code: string;
  dimension: string;
  name_vi: string;
  name_en: string;
  /** when a household counts as deprived in the indicator */
  deprived_when_vi: string;
  deprived_when_en: string;
  check?: boolean;
}
export interface Dimension { code: string; name_vi: string; name_en: string; check?: boolean }
export interface Standard {
  code: string;
  name_vi: string;
  name_en: string;
  legal_basis_vi: string;
  legal_basis_en: string;
  first_review_year: number;
  last_review_year: number;
  income_lines: Record<AreaType, number>;
  /** the standard's own words for its two areas (2027–2030: "đô thị", not "thành thị") */
  area_names_vi: Record<AreaType, string>;
  area_names_en: Record<AreaType, string>;
  average_living_lines: Record<AreaType, number> | null;
  poor_min_deprivations: number;
  dimensions: Dimension[];
  indicators: Indicator[];
  check?: boolean;
  check_note_vi?: string;
  check_note_en?: string;
}
export interface Program {
  code: string;
  name_vi: string;
  name_en: string;
  /** the legal bases: codes of `policies` */
  policies: string[];
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

/** A legal instrument the district's 2023 letter cites, as the letter prints it (data/reference/policies.json). */
export interface Policy {
  code: string;
  kind: 'official_letter' | 'resolution' | 'decision' | 'law' | 'programme';
  number: string | null;
  /** ISO date of the printed date; null where the letter prints none */
  date: string | null;
  date_printed: string | null;
  issuer_vi: string;
  issuer_en: string;
  /** the name of an instrument the letter cites without a number */
  title_vi?: string;
  title_en?: string;
  subject_vi: string;
  subject_en: string;
  /** the letter's sections that cite it (0: the opening paragraphs) */
  sections: number[];
  check?: boolean;
  check_note_vi?: string;
  check_note_en?: string;
}
export type ReviewKind = 'baseline' | 'periodic';
/** A review year: its kind and what a reader of its figures must know (data/reference/reviews.json). */
export interface Review {
  review_year: number;
  kind: ReviewKind;
  note_vi?: string;
  note_en?: string;
  check?: boolean;
}
export interface DirectiveSection { section: number; mode: 'assign' | 'request'; word_printed?: string }
export interface DirectiveItem { code: string; sections?: number[]; text_vi: string; text_en: string }
/** Facts about the district's 2023 official letter (data/reference/directive-2023-thuy-nguyen.json). */
export interface Directive {
  text_file: string;
  kind: 'official_letter';
  kind_vi: string;
  issuer_vi: string;
  issuer_en: string;
  number_printed: string;
  date_printed: string;
  year: number;
  subject_vi: string;
  subject_en: string;
  signed_vi: string;
  signed_en: string;
  implements: string;
  sections: DirectiveSection[];
  unmeasured: DirectiveItem[];
  not_set: DirectiveItem[];
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
  /** shares of the poor households as the letter prints them (percent), by figure */
  shares_printed: Record<string, number>;
};
export const policies: Policy[] = policiesJson.policies as Policy[];
export const reviews: Review[] = reviewsJson.reviews as Review[];
export const directive: Directive = directiveJson as unknown as Directive;

/** A policy by code; throws on an unknown code (a typo in programs.json must not pass silently). */
export function policy(code: string): Policy {
  const p = policies.find((x) => x.code === code);
  if (!p) throw new Error(`unknown policy code: ${code}`);
  return p;
}

/** What a review year's figures are: its kind (reviews.json) and its standard (standards.json). */
export function reviewOf(reviewYear: number): (Review & { standard: Standard | undefined }) | undefined {
  const r = reviews.find((x) => x.review_year === reviewYear);
  return r && { ...r, standard: standardForReviewYear(reviewYear) };
}

export const newlyEscaped: NewlyEscapedGroup = newlyEscapedJson as NewlyEscapedGroup;

/** Every indicator code of every standard, in a stable order (2022–2025 first, then additions). */
export const allIndicatorCodes: string[] = [...new Set(standards.flatMap((s) => s.indicators.map((i) => i.code)))];

/** The standard in force for a review year, or undefined when none is. */
export function standardForReviewYear(reviewYear: number): Standard | undefined {
  return standards.find((s) => reviewYear >= s.first_review_year && reviewYear <= s.last_review_year);
}
