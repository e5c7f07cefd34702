// The build's loaders: one SQL definition per published table, run by DuckDB at build time (site-data.ts
// runQuery) for the pages' findings and the charts' marks. The explorer does not run these: what it runs from
// a page is a chart's own query (src/lib/charts/sql.ts: the build fills the chart's table view and CSV with
// it, and the chart links to /explore/?sql= with the same text). Keep them plain and ordered (deterministic).
export interface PublishedQuery { title_vi: string; title_en: string; sql: string }

export const queries = {
  areas: {
    title_vi: 'Đơn vị hành chính', title_en: 'Administrative units',
    sql: `SELECT area_code, area_level, parent_code, name_vi, name_en, unit_type, valid_from, valid_to
          FROM areas ORDER BY area_level DESC, area_code`,
  },
  poverty_series: {
    title_vi: 'Hộ nghèo, cận nghèo theo năm rà soát', title_en: 'Poor and near-poor households by review year',
    sql: `SELECT review_year, area_level, area_code, total_households, poor, near_poor, poor_rate, near_poor_rate
          FROM poverty ORDER BY area_code, review_year`,
  },
  groups: {
    title_vi: 'Nhóm hộ và biến động', title_en: 'Household groups and movements',
    sql: `SELECT review_year, area_level, area_code, measure, households, households_min, households_max, status, linkage
          FROM poverty_groups ORDER BY area_code, review_year, measure`,
  },
  deprivation: {
    title_vi: 'Thiếu hụt theo chỉ số', title_en: 'Deprivation by indicator',
    sql: `SELECT review_year, area_level, area_code, population, indicator_code, households, households_min, households_max, share, status
          FROM deprivation ORDER BY area_code, review_year, population, indicator_code`,
  },
  depth: {
    title_vi: 'Số thiếu hụt của mỗi hộ', title_en: 'Number of deprivations per household',
    sql: `SELECT review_year, area_level, area_code, population, deprivations, households, households_min, households_max, status
          FROM deprivation_depth ORDER BY area_code, review_year, population, deprivations`,
  },
  support: {
    title_vi: 'Nhu cầu và hỗ trợ', title_en: 'Need and support',
    sql: `SELECT review_year, area_level, area_code, program_code, measure, households, households_min, households_max, status
          FROM support ORDER BY area_code, review_year, program_code, measure`,
  },
  dimension: {
    title_vi: 'Thiếu hụt theo chiều', title_en: 'Deprivation by dimension',
    sql: `SELECT review_year, area_level, area_code, population, dimension_code, households, households_min, households_max, share, status
          FROM deprivation_dimension ORDER BY area_code, review_year, population, dimension_code`,
  },
  support_received: {
    title_vi: 'Hộ được hỗ trợ theo nhóm hộ', title_en: 'Households supported, by population',
    sql: `SELECT review_year, area_level, area_code, population, program_code, households, households_min, households_max, status
          FROM support_received ORDER BY area_code, review_year, population, program_code`,
  },
  exit_outcomes: {
    title_vi: 'Hộ thoát nghèo sau 1, 2, 3 năm', title_en: 'Escaped households one to three reviews later',
    sql: `SELECT review_year, area_level, area_code, years_after, outcome, households, households_min, households_max, status, linkage
          FROM exit_outcomes ORDER BY area_code, review_year, years_after, outcome`,
  },
  what_if: {
    title_vi: 'Ước tính theo chuẩn nghèo 2027–2030', title_en: 'What-if under the 2027–2030 standard',
    sql: `SELECT review_year, area_level, area_code, standard, measure, households, households_min, households_max, status
          FROM what_if ORDER BY area_code, review_year, standard, measure`,
  },
  indicators: {
    title_vi: 'Chỉ số thiếu hụt', title_en: 'Deprivation indicators',
    sql: `SELECT standard, indicator_code, dimension_code, indicator_name_vi, indicator_name_en,
                 dimension_name_vi, dimension_name_en
          FROM indicators ORDER BY standard, indicator_code`,
  },
} satisfies Record<string, PublishedQuery>;

export type QueryName = keyof typeof queries;
