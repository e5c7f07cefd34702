// The descriptive tables, `areas`, `area_changes` and `indicators`, built from data/reference alone (the geography
// through src/lib/geography.ts, the one module that decides it).
import { DISTRICT_CODE, type AreaChangeRow, type AreaRow, type IndicatorRow } from '../../src/lib/contract.ts';
import { changes, period, periods } from '../../src/lib/geography.ts';
import { standards as referenceStandards, type Standard } from '../../src/lib/reference.ts';

/** Vietnamese text without diacritics, for English names ("Núi Đèo" → "Nui Deo"). */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * Every unit of every period (a GSO code names a territory only together with its period, hence the key
 * (area_code, valid_from)), and one row of the former district's territory (DISTRICT_CODE) per period, named for
 * that period. Period by period, the territory first, then its units by code.
 */
export function areasTable(): AreaRow[] {
  return periods.flatMap((p): AreaRow[] => [
    {
      area_code: DISTRICT_CODE, area_level: 'district', parent_code: null,
      name_vi: p.top.name_vi, name_en: p.top.name_en, unit_type: p.top.unit_type,
      valid_from: p.valid_from, valid_to: p.valid_to,
    },
    ...[...p.units].sort((a, b) => a.code.localeCompare(b.code)).map((u): AreaRow => ({
      area_code: u.code, area_level: 'commune', parent_code: DISTRICT_CODE,
      name_vi: u.name_vi, name_en: u.name_en, unit_type: u.unit_type,
      valid_from: p.valid_from, valid_to: p.valid_to,
    })),
  ]);
}

/** The crosswalks between consecutive unit sets, as geography.json states them (kind and evidence carried through). */
export function areaChangesTable(): AreaChangeRow[] {
  return changes.map((c) => ({
    from_code: c.from_code, from_valid_from: period(c.from_period).valid_from,
    to_code: c.to_code, to_valid_from: period(c.to_period).valid_from,
    kind: c.kind, evidence: c.evidence,
  }));
}

export function indicatorsTable(standards: Standard[] = referenceStandards): IndicatorRow[] {
  return standards.flatMap((s) => s.indicators.map((i) => {
    const dimension = s.dimensions.find((d) => d.code === i.dimension);
    if (!dimension) throw new Error(`indicator ${i.code} of standard ${s.code} has unknown dimension: ${i.dimension}`);
    return {
      standard: s.code, indicator_code: i.code, dimension_code: i.dimension,
      indicator_name_vi: i.name_vi, indicator_name_en: i.name_en,
      dimension_name_vi: dimension.name_vi, dimension_name_en: dimension.name_en,
    };
  }));
}
