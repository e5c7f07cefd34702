// Column types and descriptions of every published table: one definition for parquet, CSV and datapackage.json.
import type { TableName } from '../../src/lib/contract.ts';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE';
export interface Field { name: string; sql: SqlType; vi: string; en: string }
export interface TableSchema { name: TableName; vi: string; en: string; fields: Field[]; primaryKey: string[] }

const FRICTIONLESS_TYPES: Record<SqlType, 'string' | 'integer' | 'number'> = { VARCHAR: 'string', INTEGER: 'integer', DOUBLE: 'number' };
export const frictionlessType = (sql: SqlType) => FRICTIONLESS_TYPES[sql];

const geography: Field[] = [
  { name: 'review_year', sql: 'INTEGER', vi: 'Năm rà soát (kết quả áp dụng cho năm sau)', en: 'Review year (results apply to the following year)' },
  { name: 'area_level', sql: 'VARCHAR', vi: 'Cấp địa bàn: district (huyện) hoặc commune (xã, thị trấn)', en: 'Area level: district or commune' },
  { name: 'area_code', sql: 'VARCHAR', vi: 'Mã địa bàn (mã Tổng cục Thống kê; 311 là huyện)', en: 'Area code (GSO code; 311 is the district)' },
];
const GEO_KEY = ['review_year', 'area_level', 'area_code'];
const households: Field = { name: 'households', sql: 'INTEGER', vi: 'Số hộ (trống nếu bị ẩn)', en: 'Number of households (empty when suppressed)' };
const householdsMin: Field = {
  name: 'households_min', sql: 'INTEGER',
  vi: 'Số hộ tối thiểu mà các bảng công bố cho phép suy ra khi ô bị ẩn (trống nếu ô được hiển thị)',
  en: 'Least number of households the published tables allow when the cell is suppressed (empty when shown)',
};
const householdsMax: Field = {
  name: 'households_max', sql: 'INTEGER',
  vi: 'Số hộ tối đa mà các bảng công bố cho phép suy ra khi ô bị ẩn (trống nếu ô được hiển thị)',
  en: 'Greatest number of households the published tables allow when the cell is suppressed (empty when shown)',
};
const status: Field = { name: 'status', sql: 'VARCHAR', vi: 'ok hoặc suppressed (ẩn để bảo vệ hộ gia đình)', en: 'ok or suppressed (withheld to protect households)' };
const population: Field = { name: 'population', sql: 'VARCHAR', vi: 'Nhóm hộ: poor (nghèo) hoặc near_poor (cận nghèo)', en: 'Population: poor or near_poor households' };
const monitoredPopulation: Field = {
  name: 'population', sql: 'VARCHAR',
  vi: 'Nhóm hộ: poor (nghèo), near_poor (cận nghèo) hoặc newly_escaped (hộ mới thoát nghèo; có thể đồng thời là hộ cận nghèo)',
  en: 'Population: poor, near_poor or newly_escaped households (a newly escaped household can also be near-poor)',
};
const share: Field = { name: 'share', sql: 'DOUBLE', vi: 'Tỷ lệ trong nhóm hộ (%, 2 chữ số; trống nếu số hộ hoặc quy mô nhóm bị ẩn)', en: 'Share of the population (percent, 2 decimals; empty when the count or the population is suppressed)' };

export const SCHEMAS: TableSchema[] = [
  {
    name: 'areas', vi: 'Địa bàn', en: 'Areas', primaryKey: ['area_code', 'valid_from'],
    fields: [
      { name: 'area_code', sql: 'VARCHAR', vi: 'Mã địa bàn (mã GSO được dùng lại: một mã chỉ một địa bàn trong một thời kỳ, cùng valid_from)', en: 'Area code (GSO codes are reused: a code names one territory only together with valid_from)' },
      { name: 'area_level', sql: 'VARCHAR', vi: 'Cấp địa bàn: district (toàn địa bàn huyện Thủy Nguyên cũ) hoặc commune (xã, phường, thị trấn)', en: 'Area level: district (the whole territory of the former Thủy Nguyên district) or commune (commune, ward or township)' },
      { name: 'parent_code', sql: 'VARCHAR', vi: 'Mã địa bàn cấp trên', en: 'Code of the parent area' },
      { name: 'name_vi', sql: 'VARCHAR', vi: 'Tên tiếng Việt', en: 'Name in Vietnamese' },
      { name: 'name_en', sql: 'VARCHAR', vi: 'Tên tiếng Anh', en: 'Name in English' },
      { name: 'unit_type', sql: 'VARCHAR', vi: 'Loại đơn vị: district (huyện), city (thành phố), former_district (tám phường, xã của huyện cũ), town (thị trấn), ward (phường), commune (xã)', en: 'Unit type: district, city, former_district (the eight units of the former district), town (township), ward or commune' },
      { name: 'valid_from', sql: 'VARCHAR', vi: 'Có hiệu lực từ ngày', en: 'Valid from (date)' },
      { name: 'valid_to', sql: 'VARCHAR', vi: 'Có hiệu lực đến ngày (trống: còn hiệu lực)', en: 'Valid to (date; empty: still in force)' },
    ],
  },
  {
    name: 'indicators', vi: 'Chỉ số thiếu hụt', en: 'Deprivation indicators', primaryKey: ['standard', 'indicator_code'],
    fields: [
      { name: 'standard', sql: 'VARCHAR', vi: 'Chuẩn nghèo', en: 'Poverty standard' },
      { name: 'indicator_code', sql: 'VARCHAR', vi: 'Mã chỉ số', en: 'Indicator code' },
      { name: 'dimension_code', sql: 'VARCHAR', vi: 'Mã chiều thiếu hụt', en: 'Dimension code' },
      { name: 'indicator_name_vi', sql: 'VARCHAR', vi: 'Tên chỉ số (tiếng Việt)', en: 'Indicator name in Vietnamese' },
      { name: 'indicator_name_en', sql: 'VARCHAR', vi: 'Tên chỉ số (tiếng Anh)', en: 'Indicator name in English' },
      { name: 'dimension_name_vi', sql: 'VARCHAR', vi: 'Tên chiều (tiếng Việt)', en: 'Dimension name in Vietnamese' },
      { name: 'dimension_name_en', sql: 'VARCHAR', vi: 'Tên chiều (tiếng Anh)', en: 'Dimension name in English' },
    ],
  },
  {
    name: 'poverty', vi: 'Hộ nghèo, hộ cận nghèo được công nhận', en: 'Recognised poor and near-poor households', primaryKey: GEO_KEY,
    fields: [
      ...geography,
      { name: 'total_households', sql: 'INTEGER', vi: 'Tổng số hộ dân cư', en: 'Total resident households' },
      { name: 'poor', sql: 'INTEGER', vi: 'Số hộ nghèo', en: 'Poor households' },
      { name: 'near_poor', sql: 'INTEGER', vi: 'Số hộ cận nghèo', en: 'Near-poor households' },
      { name: 'poor_rate', sql: 'DOUBLE', vi: 'Tỷ lệ hộ nghèo (%, làm tròn 2 chữ số)', en: 'Poor household rate (percent, 2 decimals)' },
      { name: 'near_poor_rate', sql: 'DOUBLE', vi: 'Tỷ lệ hộ cận nghèo (%, làm tròn 2 chữ số)', en: 'Near-poor household rate (percent, 2 decimals)' },
    ],
  },
  {
    name: 'poverty_groups', vi: 'Nhóm hộ và biến động', en: 'Household groups and movements', primaryKey: [...GEO_KEY, 'measure'],
    fields: [
      ...geography,
      { name: 'measure', sql: 'VARCHAR', vi: 'Nhóm: theo khả năng lao động, thoát nghèo, phát sinh, tái nghèo, lệch phân loại', en: 'Group: by labour capacity, escaped, exited other, newly poor, fell back, status mismatch' },
      households, householdsMin, householdsMax, status,
      {
        name: 'linkage', sql: 'VARCHAR',
        vi: 'Với các chỉ tiêu biến động: complete (mọi hộ được nối với kỳ rà soát trước) hoặc partial (có hộ không nối được, ví dụ sau sắp xếp đơn vị hành chính); trống với các nhóm khác',
        en: 'For the movement measures: complete (every household linked to the previous review) or partial (some could not be, e.g. across the reorganisation of units); empty for other measures',
      },
    ],
  },
  {
    name: 'deprivation', vi: 'Thiếu hụt theo chỉ số', en: 'Deprivation by indicator', primaryKey: [...GEO_KEY, 'population', 'indicator_code'],
    fields: [
      ...geography, monitoredPopulation,
      { name: 'indicator_code', sql: 'VARCHAR', vi: 'Mã chỉ số thiếu hụt', en: 'Indicator code' },
      households, householdsMin, householdsMax, share, status,
    ],
  },
  {
    name: 'deprivation_depth', vi: 'Số chỉ số thiếu hụt của mỗi hộ', en: 'Number of deprivations per household', primaryKey: [...GEO_KEY, 'population', 'deprivations'],
    fields: [
      ...geography, population,
      { name: 'deprivations', sql: 'INTEGER', vi: 'Số chỉ số thiếu hụt', en: 'Number of deprived indicators' },
      households, householdsMin, householdsMax, status,
    ],
  },
  {
    name: 'support', vi: 'Nhu cầu và hỗ trợ theo chính sách', en: 'Need and support by program', primaryKey: [...GEO_KEY, 'program_code', 'measure'],
    fields: [
      ...geography,
      { name: 'program_code', sql: 'VARCHAR', vi: 'Mã chính sách hỗ trợ', en: 'Support program code' },
      { name: 'measure', sql: 'VARCHAR', vi: 'in_need (cần), supported (được hỗ trợ), in_need_supported (cần và được hỗ trợ)', en: 'in_need, supported, or in_need_supported' },
      households, householdsMin, householdsMax, status,
    ],
  },
  {
    name: 'area_changes', vi: 'Thay đổi địa giới hành chính', en: 'Changes of administrative units', primaryKey: ['from_code', 'from_valid_from', 'to_code', 'to_valid_from'],
    fields: [
      { name: 'from_code', sql: 'VARCHAR', vi: 'Mã đơn vị trước khi sắp xếp', en: 'Code of the unit before the change' },
      { name: 'from_valid_from', sql: 'VARCHAR', vi: 'Ngày bắt đầu hiệu lực của đơn vị trước (cùng from_code xác định đơn vị)', en: 'Valid-from date of the earlier unit (with from_code, identifies it)' },
      { name: 'to_code', sql: 'VARCHAR', vi: 'Mã đơn vị sau khi sắp xếp', en: 'Code of the unit after the change' },
      { name: 'to_valid_from', sql: 'VARCHAR', vi: 'Ngày bắt đầu hiệu lực của đơn vị sau', en: 'Valid-from date of the later unit' },
      { name: 'kind', sql: 'VARCHAR', vi: 'full (toàn bộ đơn vị trước nhập vào), partial (một phần), renamed (chỉ đổi tên, loại)', en: 'full (the whole earlier unit went into it), partial (part of it), renamed (same territory, new name or type)' },
      { name: 'evidence', sql: 'VARCHAR', vi: 'stated (văn bản nêu rõ) hoặc inferred (suy ra)', en: 'stated (the legal text says so) or inferred' },
    ],
  },
  {
    name: 'deprivation_dimension', vi: 'Thiếu hụt theo chiều', en: 'Deprivation by dimension', primaryKey: [...GEO_KEY, 'population', 'dimension_code'],
    fields: [
      ...geography, monitoredPopulation,
      { name: 'dimension_code', sql: 'VARCHAR', vi: 'Mã chiều thiếu hụt (hộ thiếu hụt một chiều khi thiếu hụt ít nhất một chỉ số của chiều đó)', en: 'Dimension code (a household is deprived in a dimension when deprived in any of its indicators)' },
      households, householdsMin, householdsMax, share, status,
    ],
  },
  {
    name: 'support_received', vi: 'Hộ được hỗ trợ theo nhóm hộ và chính sách', en: 'Households supported, by population and program', primaryKey: [...GEO_KEY, 'population', 'program_code'],
    fields: [
      ...geography, monitoredPopulation,
      { name: 'program_code', sql: 'VARCHAR', vi: 'Mã chính sách hỗ trợ', en: 'Support program code' },
      households, householdsMin, householdsMax, status,
    ],
  },
  {
    name: 'exit_outcomes', vi: 'Hộ thoát nghèo sau 1, 2, 3 năm', en: 'Escaped households one, two and three reviews later', primaryKey: [...GEO_KEY, 'years_after', 'outcome'],
    fields: [
      { name: 'review_year', sql: 'INTEGER', vi: 'Năm rà soát hộ thoát nghèo', en: 'Review at which the households escaped poverty' },
      { name: 'area_level', sql: 'VARCHAR', vi: 'Cấp địa bàn: district (toàn địa bàn) hoặc commune (xã, phường, thị trấn)', en: 'Area level: district (the territory) or commune' },
      { name: 'area_code', sql: 'VARCHAR', vi: 'Mã địa bàn nơi hộ thoát nghèo (theo đơn vị của năm thoát nghèo)', en: 'Code of the area where the households escaped (a unit of the exit year)' },
      { name: 'years_after', sql: 'INTEGER', vi: 'Số kỳ rà soát sau năm thoát nghèo (1, 2, 3)', en: 'Reviews after the exit review (1, 2, 3)' },
      { name: 'outcome', sql: 'VARCHAR', vi: 'Tình trạng khi đó: poor (tái nghèo), near_poor (cận nghèo), not_poor (được rà soát, không nghèo, không cận nghèo), not_assessed (không có trong danh sách rà soát)', en: 'Where they stood then: poor (poor again), near_poor, not_poor (assessed, neither), not_assessed (not in that review)' },
      households, householdsMin, householdsMax, status,
      {
        name: 'linkage', sql: 'VARCHAR',
        vi: 'complete (mọi hộ theo dõi được) hoặc partial (có hộ không nối được qua các kỳ, ví dụ sau sắp xếp đơn vị hành chính: các hộ đó được tính là not_assessed)',
        en: 'complete (every household could be followed) or partial (some could not be linked across reviews, e.g. across the reorganisation: they count as not_assessed)',
      },
    ],
  },
  {
    name: 'what_if', vi: 'Ước tính theo chuẩn nghèo 2027–2030', en: 'What-if under the 2027–2030 standard', primaryKey: [...GEO_KEY, 'standard', 'measure'],
    fields: [
      { name: 'review_year', sql: 'INTEGER', vi: 'Kỳ rà soát cuối cùng theo chuẩn 2022–2025 (các hộ được rà soát kỳ đó)', en: 'The last review under the 2022–2025 standard (the households it assessed)' },
      geography[1], geography[2],
      { name: 'standard', sql: 'VARCHAR', vi: 'Chuẩn nghèo dùng để phân loại cùng các hộ đó', en: 'Standard whose rule classifies those same households' },
      { name: 'measure', sql: 'VARCHAR', vi: 'poor_min, poor_max, near_poor_min, near_poor_max: cận dưới và cận trên (khác nhau khi có chỉ số chưa được thu thập)', en: 'poor_min, poor_max, near_poor_min, near_poor_max: lower and upper bounds (they differ where an indicator was not collected)' },
      households, householdsMin, householdsMax, status,
    ],
  },
];
