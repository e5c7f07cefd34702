// The indicators of a review year's standard as the published `indicators` table names them (keyed by standard
// and indicator code): review 2026 uses 2027–2030, with waste treatment and without information access. The
// order is the standard's own (data/reference/standards.json), so charts keep their dimension order; an indicator
// the table has and the reference lacks follows, by dimension and code. Pure.
import type { IndicatorRow } from './contract';
import type { Locale } from './format';
import type { Standard } from './reference';

export interface IndicatorInfo { code: string; name: string; dimension: string; dimensionName: string }

export function indicatorsOfStandard(rows: IndicatorRow[], standard: Standard, locale: Locale): IndicatorInfo[] {
  const own = rows.filter((r) => r.standard === standard.code);
  const rank = (code: string) => { const i = standard.indicators.findIndex((x) => x.code === code); return i < 0 ? Infinity : i; };
  return [...own]
    .sort((a, b) => rank(a.indicator_code) - rank(b.indicator_code) || a.dimension_code.localeCompare(b.dimension_code) || a.indicator_code.localeCompare(b.indicator_code))
    .map((r) => ({
      code: r.indicator_code,
      name: locale === 'vi' ? r.indicator_name_vi : r.indicator_name_en,
      dimension: r.dimension_code,
      dimensionName: locale === 'vi' ? r.dimension_name_vi : r.dimension_name_en,
    }));
}
