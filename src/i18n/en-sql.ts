// English strings of the charts' SQL: the same shape as vi-sql.ts.
import type { viSql } from './vi-sql';

export const enSql: typeof viSql = {
  explore: 'Open as SQL',
  exploreTitle: 'Open the query of the table view in the data explorer',
  columns: {
    area: 'Commune, ward or township',
    territory: 'Area',
    measure: 'Group',
    population: 'Households',
    deprivations: 'Number of deprivations',
    households: 'Households',
    share: 'Share (%)',
    contribution: 'Contribution (%)',
    program: 'Program',
    coverage: 'Coverage of need (%)',
  },
  summedComment: (unit: string, codes: string) =>
    `${unit}: reviews before 2025 are the sums of the published figures of the 2019–2024 units it was formed from (codes ${codes}), only where all of them are published`,
};
