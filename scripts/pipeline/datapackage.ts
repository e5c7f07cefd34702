// datapackage.json (Frictionless Data Package v1) describing a release: deterministic, no wall clock.
import { createHash } from 'node:crypto';
import { newlyEscaped, standards } from '../../src/lib/reference.ts';
import { frictionlessType } from './schema.ts';
import type { WrittenFile, WrittenTable } from './publish.ts';
import type { Reconciliation } from './reconcile.ts';
import type { ReleaseBlock } from './releases.ts';

export interface ReleaseFacts {
  reviewYears: number[];
  demo: boolean;
  k: number;
  suppressedCells: Record<string, number>;
  protectedCells: Record<string, number>;
  validation: { rows_read: number; rows_invalid: number; rows_dropped: number; rows_loaded: number };
  reconciliation: Reconciliation[];
  standards: string[];
  /** the release date when stated or kept in order after an earlier release (default: releaseDate(reviewYears)) */
  date?: string;
  /** with a history (--releases) or --previous: its place in the history */
  release?: ReleaseBlock;
  /** the change list's files (changes.json, changes.csv): listed, not part of the release id */
  changeFiles?: WrittenFile[];
}

export const DISCLOSURE_RULES = [
  'poverty (recognised poor and near-poor counts) is published in full: the review results are public acts',
  'threshold rule: a cell counting 1 to k-1 households is suppressed',
  'complement rule: a cell whose complement within its total counts 1 to k-1 households is suppressed',
  'secondary suppression over all tables and years together, so that no suppressed cell can be recovered from published sums',
  'an LP audit proves every suppressed cell has a feasible interval of width at least k (or its whole range)',
  'households_min and households_max of a suppressed cell are the least and greatest whole number of households consistent with every published table (the audit\'s exact LP interval, rounded inwards); they reveal nothing the published tables do not already allow',
];

/**
 * The release date follows the input, never the clock: the end of the latest review year's
 * periodic review period (1 September – 14 December), after which its results are recognised.
 */
export function releaseDate(reviewYears: number[]): string {
  return `${Math.max(...reviewYears)}-12-31`;
}

/**
 * The release id: its date and 12 hex of a sha256 over the table files' hashes, the options that shape them and,
 * in a history, the release it replaces (a correction reverted to an earlier release's tables is a new release).
 */
export function releaseId(tables: WrittenTable[], facts: Pick<ReleaseFacts, 'k' | 'demo' | 'reviewYears' | 'date' | 'release'>): string {
  const fingerprint = createHash('sha256');
  for (const t of tables) for (const f of t.files) fingerprint.update(`${f.path} ${f.sha256}\n`);
  fingerprint.update(JSON.stringify({ k: facts.k, demo: facts.demo }));
  if (facts.release?.previous) fingerprint.update(`previous ${facts.release.previous}\n`);
  return `${facts.date ?? releaseDate(facts.reviewYears)}-${fingerprint.digest('hex').slice(0, 12)}`;
}

const CHANGE_TITLES: Record<string, { vi: string; en: string }> = {
  'changes.json': { vi: 'Danh sách thay đổi so với bản phát hành trước (JSON)', en: 'Changes since the previous release (JSON)' },
  'changes.csv': { vi: 'Danh sách thay đổi so với bản phát hành trước (CSV)', en: 'Changes since the previous release (CSV)' },
};

export function buildDataPackage(tables: WrittenTable[], facts: ReleaseFacts): object {
  const date = facts.date ?? releaseDate(facts.reviewYears);
  const resources: object[] = tables.flatMap((t) => t.files.map((f) => ({
    name: f.format === 'csv' ? t.schema.name : `${t.schema.name}_parquet`,
    path: f.path,
    title: t.schema.vi,
    title_en: t.schema.en,
    format: f.format,
    mediatype: f.format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet',
    ...(f.format === 'csv' ? { encoding: 'utf-8-sig', dialect: { delimiter: ',', header: true, lineTerminator: '\r\n' } } : {}),
    bytes: f.bytes,
    hash: `sha256:${f.sha256}`,
    rows: t.rows,
    schema: {
      fields: t.schema.fields.map((field) => ({
        name: field.name, type: frictionlessType(field.sql), description: field.en, description_vi: field.vi,
      })),
      primaryKey: t.schema.primaryKey,
      missingValues: [''],
    },
  })));
  for (const f of facts.changeFiles ?? []) {
    resources.push({
      name: f.path.replace('.', '_'), path: f.path, title: CHANGE_TITLES[f.path]?.vi ?? f.path, title_en: CHANGE_TITLES[f.path]?.en ?? f.path,
      format: f.format, mediatype: f.format === 'csv' ? 'text/csv' : 'application/json',
      ...(f.format === 'csv' ? { encoding: 'utf-8-sig', dialect: { delimiter: ',', header: true, lineTerminator: '\r\n' } } : {}),
      bytes: f.bytes, hash: `sha256:${f.sha256}`,
    });
  }
  return {
    profile: 'data-package',
    name: 'thuy-nguyen-poverty-review',
    id: releaseId(tables, facts),
    version: date,
    title: 'Kết quả rà soát hộ nghèo, hộ cận nghèo huyện Thủy Nguyên',
    title_en: 'Poverty review results of Thủy Nguyên district',
    description: 'Số hộ nghèo, cận nghèo được công nhận, thiếu hụt, biến động và hỗ trợ, theo xã và năm rà soát; đã bảo vệ chống nhận diện hộ gia đình.',
    description_en: 'Recognised poor and near-poor households, deprivations, movements and support, by commune and review year; protected against re-identification of households.',
    created: `${date}T00:00:00Z`,
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    sources: [
      { title: 'Kết quả rà soát hộ nghèo, hộ cận nghèo định kỳ của các xã, thị trấn huyện Thủy Nguyên (dữ liệu hộ đã ẩn danh, chỉ công bố số tổng hợp)' },
      { title: "Công văn UBND huyện Thủy Nguyên (2023) 'V/v triển khai thực hiện một số giải pháp trọng tâm cải thiện tỷ lệ hộ nghèo, hộ cận nghèo trên địa bàn huyện'" },
      ...standards.filter((s) => facts.standards.includes(s.code)).map((s) => ({ title: `${s.name_vi} — ${s.legal_basis_vi}` })),
      { title: 'Danh mục đơn vị hành chính, Tổng cục Thống kê (GSO)' },
      // the reorganisations behind `areas` and `area_changes` (data/reference/geography.json)
      { title: 'Nghị quyết 1232/NQ-UBTVQH15 (thành lập thành phố Thủy Nguyên, từ 01/01/2025) và Nghị quyết 1669/NQ-UBTVQH15 (16/6/2025, sắp xếp đơn vị hành chính cấp xã của thành phố Hải Phòng, từ 01/07/2025)' },
    ],
    resources,
    demo: facts.demo,
    review_years: facts.reviewYears,
    standards: facts.standards,
    // the group "hộ mới thoát nghèo" of poverty_groups `newly_escaped` and the newly_escaped populations
    newly_escaped: {
      window_reviews: newlyEscaped.window_reviews,
      window_months: newlyEscaped.window_months,
      definition_vi: newlyEscaped.definition_vi,
      definition_en: newlyEscaped.definition_en,
      legal_basis_vi: newlyEscaped.legal_basis_vi,
      legal_basis_en: newlyEscaped.legal_basis_en,
      ...(newlyEscaped.check ? { check: true, check_note: newlyEscaped.check_note } : {}),
    },
    disclosure_control: { k: facts.k, rules: DISCLOSURE_RULES, protected_cells: facts.protectedCells, suppressed_cells: facts.suppressedCells },
    validation: facts.validation,
    reconciliation: facts.reconciliation,
    rounding: 'rates and shares are percentages rounded to 2 decimals, half away from zero',
    ...(facts.release ? { release: facts.release } : {}),
  };
}

export function serialise(descriptor: object): string {
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}
