// The two descriptive tables, `areas` and `indicators`, built from data/reference alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DISTRICT_CODE, type AreaRow, type IndicatorRow } from '../../src/lib/contract.ts';
import { standards as referenceStandards, type Standard } from '../../src/lib/reference.ts';

const ADMIN_UNITS = fileURLToPath(new URL('../../data/reference/admin-units-thuy-nguyen-2019-2024.csv', import.meta.url));
// The geography of the admin-units file: GSO list of 2019-12 until the 2025 reorganisation.
const VALID_FROM = '2019-12-01';
const VALID_TO = '2024-12-31';

/** Vietnamese text without diacritics, for English names ("Núi Đèo" → "Nui Deo"). */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const UNIT_TYPES: Record<string, { prefix: string; unit_type: 'town' | 'commune'; en: string }> = {
  'Thị trấn': { prefix: 'Thị trấn ', unit_type: 'town', en: 'township' },
  'Xã': { prefix: 'Xã ', unit_type: 'commune', en: 'commune' },
};

export function areasTable(csvText: string = readFileSync(ADMIN_UNITS, 'utf8')): AreaRow[] {
  const lines = csvText.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`admin units file lacks column: ${name}`);
    return i;
  };
  const [codeCol, nameCol, typeCol, districtNameCol] = [col('commune_code'), col('commune_name'), col('unit_type'), col('district_name')];
  const rows = lines.slice(1).map((line) => line.split(','));
  const communes: AreaRow[] = rows.map((cells) => {
    const type = UNIT_TYPES[cells[typeCol]];
    if (!type) throw new Error(`unknown unit_type in admin units: ${cells[typeCol]}`);
    const bare = cells[nameCol].startsWith(type.prefix) ? cells[nameCol].slice(type.prefix.length) : cells[nameCol];
    return {
      area_code: cells[codeCol], area_level: 'commune', parent_code: DISTRICT_CODE,
      name_vi: cells[nameCol], name_en: `${withoutDiacritics(bare)} ${type.en}`, unit_type: type.unit_type,
      valid_from: VALID_FROM, valid_to: VALID_TO,
    };
  });
  const districtName = rows[0]?.[districtNameCol] ?? 'Huyện Thủy Nguyên';
  const district: AreaRow = {
    area_code: DISTRICT_CODE, area_level: 'district', parent_code: null,
    name_vi: districtName, name_en: `${withoutDiacritics(districtName.replace(/^Huyện /, ''))} district`, unit_type: 'district',
    valid_from: VALID_FROM, valid_to: VALID_TO,
  };
  return [district, ...communes.sort((a, b) => a.area_code.localeCompare(b.area_code))];
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
