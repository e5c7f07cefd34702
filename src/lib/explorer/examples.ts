// Example questions a journalist would ask, each answered by one readable query over the published tables.
import type { Locale } from '../format';
import { areaJoin } from './area-join';

export interface ExampleQuery { id: string; question: Record<Locale, string>; sql: (locale: Locale) => string }

const name = (locale: Locale) => (locale === 'vi' ? 'name_vi' : 'name_en');

export const EXAMPLES: ExampleQuery[] = [
  {
    id: 'health-insurance',
    question: {
      vi: 'Xã nào có tỷ lệ hộ nghèo thiếu bảo hiểm y tế cao nhất?',
      en: 'Which communes have the highest share of poor households lacking health insurance?',
    },
    sql: (l) => `SELECT a.${name(l)} AS commune, d.share, d.status
FROM deprivation d
${areaJoin('a', 'd')}
WHERE d.area_level = 'commune'
  AND d.population = 'poor'
  AND d.indicator_code = 'health_insurance'
  AND d.review_year = (SELECT max(review_year) FROM deprivation)
ORDER BY d.share DESC NULLS LAST, d.area_code
LIMIT 10;`,
  },
  {
    id: 'escaped',
    question: { vi: 'Mỗi năm có bao nhiêu hộ thoát nghèo?', en: 'How many households escaped poverty each year?' },
    sql: () => `SELECT review_year, households AS escaped
FROM poverty_groups
WHERE area_level = 'district' AND measure = 'escaped'
ORDER BY review_year;`,
  },
  {
    id: 'poor-rate',
    question: { vi: 'Tỷ lệ hộ nghèo của từng xã, năm rà soát gần nhất', en: 'Poverty rate of each commune, latest review' },
    sql: (l) => `SELECT a.${name(l)} AS commune, p.poor_rate
FROM poverty p
${areaJoin('a', 'p')}
WHERE p.area_level = 'commune'
  AND p.review_year = (SELECT max(review_year) FROM poverty)
ORDER BY p.poor_rate DESC, p.area_code;`,
  },
  {
    id: 'movements',
    question: { vi: 'Thoát nghèo, nghèo phát sinh và tái nghèo qua các năm', en: 'Escaped, newly poor and fell back, year by year' },
    sql: () => `SELECT review_year, measure, households
FROM poverty_groups
WHERE area_level = 'district'
  AND measure IN ('escaped', 'newly_poor', 'fell_back')
ORDER BY review_year, measure;`,
  },
  {
    id: 'support-gap',
    question: { vi: 'Hộ cần hỗ trợ và hộ đã được hỗ trợ, theo chương trình', en: 'Households in need and households supported, by programme' },
    sql: () => `SELECT program_code,
  sum(households) FILTER (WHERE measure = 'in_need') AS in_need,
  sum(households) FILTER (WHERE measure = 'in_need_supported') AS in_need_supported
FROM support
WHERE area_level = 'district'
  AND review_year = (SELECT max(review_year) FROM support)
GROUP BY program_code
ORDER BY program_code;`,
  },
];
