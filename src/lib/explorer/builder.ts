// The breakdown builder: a reader picks a table, a measure and the dimensions to break it down by; every
// other dimension is held at one value (a filter). The builder never adds values up: every figure it
// shows is a published cell, so rates stay rates and suppressed cells stay visibly suppressed.
import { DISTRICT_CODE, GROUP_MEASURES, MONITORED_POPULATIONS, SUPPORT_MEASURES, type TableName } from '../contract';
import { areaJoin, parseAreaValue } from './area-join';

export const DIMENSIONS = ['year', 'commune', 'population', 'indicator', 'program'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Measure { id: string; column: string; where?: { column: string; value: string } }
export interface TableSpec { table: BuilderTable; measures: Measure[]; dimensions: Dimension[]; hasStatus: boolean }
export type BuilderTable = Extract<TableName, 'poverty' | 'poverty_groups' | 'deprivation' | 'support' | 'support_received'>;

const count = (id: string): Measure => ({ id, column: id });
export const TABLE_SPECS: Record<BuilderTable, TableSpec> = {
  poverty: {
    table: 'poverty',
    measures: ['poor', 'near_poor', 'poor_rate', 'near_poor_rate', 'total_households'].map(count),
    dimensions: ['year', 'commune'],
    hasStatus: false,
  },
  poverty_groups: {
    table: 'poverty_groups',
    measures: GROUP_MEASURES.map((m) => ({ id: m, column: 'households', where: { column: 'measure', value: m } })),
    dimensions: ['year', 'commune'],
    hasStatus: true,
  },
  deprivation: {
    table: 'deprivation',
    measures: [count('share'), count('households')],
    dimensions: ['year', 'commune', 'population', 'indicator'],
    hasStatus: true,
  },
  support: {
    table: 'support',
    measures: SUPPORT_MEASURES.map((m) => ({ id: m, column: 'households', where: { column: 'measure', value: m } })),
    dimensions: ['year', 'commune', 'program'],
    hasStatus: true,
  },
  // support received per program by population, hộ mới thoát nghèo included (the populations overlap)
  support_received: {
    table: 'support_received',
    measures: [count('households')],
    dimensions: ['year', 'commune', 'population', 'program'],
    hasStatus: true,
  },
};
export const BUILDER_TABLES = Object.keys(TABLE_SPECS) as BuilderTable[];

export interface BuilderState {
  table: BuilderTable;
  measure: string;
  by: Dimension[];
  /** a review year, or 'latest' */
  year: string;
  /** the territory `311` (the default), or a unit by code and period: `11473` (2019–2024), `2025-11473` (from 2025-07) */
  area: string;
  population: string;
  indicator: string;
  program: string;
}

export const DEFAULT_STATE: BuilderState = {
  table: 'deprivation', measure: 'share', by: ['commune'], year: 'latest', area: DISTRICT_CODE,
  population: 'poor', indicator: 'health_insurance', program: 'health_insurance',
};

const COLUMN: Record<Exclude<Dimension, 'commune'>, string> = {
  year: 'review_year', population: 'population', indicator: 'indicator_code', program: 'program_code',
};

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const safeIdent = (s: string) => /^[a-z_][a-z0-9_]*$/.test(s);

/** Normalises any (possibly hand-edited URL) state to one the builder can write SQL for. */
export function normaliseState(input: Partial<Record<keyof BuilderState, unknown>>): BuilderState {
  const table = BUILDER_TABLES.includes(input.table as BuilderTable) ? (input.table as BuilderTable) : DEFAULT_STATE.table;
  const spec = TABLE_SPECS[table];
  const measure = spec.measures.some((m) => m.id === input.measure) ? String(input.measure) : spec.measures[0].id;
  const byInput = Array.isArray(input.by) ? input.by : typeof input.by === 'string' ? input.by.split(',') : DEFAULT_STATE.by;
  const by = spec.dimensions.filter((d) => byInput.includes(d));
  const text = (v: unknown, fallback: string, ok: (s: string) => boolean) => (typeof v === 'string' && ok(v) ? v : fallback);
  return {
    table, measure, by,
    year: text(input.year, 'latest', (s) => s === 'latest' || /^\d{4}$/.test(s)),
    area: text(input.area, DISTRICT_CODE, (s) => s === DISTRICT_CODE || parseAreaValue(s) !== null),
    // poor, near_poor, newly_escaped (deprivation and support_received publish all three; they overlap)
    population: text(input.population, 'poor', (s) => (MONITORED_POPULATIONS as string[]).includes(s)),
    indicator: text(input.indicator, DEFAULT_STATE.indicator, safeIdent),
    program: text(input.program, DEFAULT_STATE.program, safeIdent),
  };
}

/** The SQL for a builder state, laid out to be read and edited by someone learning SQL. */
export function builderSql(state: BuilderState, locale: 'vi' | 'en'): string {
  const spec = TABLE_SPECS[state.table];
  const measure = spec.measures.find((m) => m.id === state.measure) ?? spec.measures[0];
  const select: string[] = [];
  const where: string[] = [];
  const order: string[] = [];
  let join = '';
  for (const dim of spec.dimensions) {
    const grouped = state.by.includes(dim);
    if (dim === 'commune') {
      if (grouped) {
        join = `\n${areaJoin('a', 't')}`;
        select.push(`a.${locale === 'vi' ? 'name_vi' : 'name_en'} AS commune`);
        where.push(`t.area_level = 'commune'`);
      } else {
        const unit = parseAreaValue(state.area);
        if (unit) {
          // a code names a territory only with its period: keep the rows of that unit, never another under its code
          join = `\n${areaJoin('a', 't')}`;
          where.push(`t.area_code = ${sqlString(unit.code)}`, `CAST(a.valid_from AS VARCHAR) = ${sqlString(unit.validFrom)}`);
        } else {
          where.push(`t.area_code = ${sqlString(state.area)}`);
        }
      }
      continue;
    }
    const column = `t.${COLUMN[dim]}`;
    if (grouped) {
      select.push(column);
      order.push(column);
    } else if (dim === 'year') {
      where.push(state.year === 'latest' ? `t.review_year = (SELECT max(review_year) FROM ${spec.table})` : `t.review_year = ${Number(state.year)}`);
    } else {
      where.push(`${column} = ${sqlString(state[dim])}`);
    }
  }
  if (measure.where) where.push(`t.${measure.where.column} = ${sqlString(measure.where.value)}`);
  // a measure of a long table (households where measure = 'escaped') is named after the measure
  const valueName = measure.id;
  select.push(measure.column === valueName ? `t.${measure.column}` : `t.${measure.column} AS ${valueName}`);
  if (spec.hasStatus) select.push('t.status');
  // one category: rank it, which is what "which communes have the highest…" asks
  const rank = state.by.length === 1 && state.by[0] !== 'year';
  const orderBy = rank ? `${valueName} DESC NULLS LAST` : order.concat(state.by.includes('commune') ? ['commune'] : []).join(', ');
  return [
    `SELECT ${select.join(', ')}`,
    `FROM ${spec.table} t${join}`,
    `WHERE ${where.join('\n  AND ')}`,
    orderBy ? `ORDER BY ${orderBy}` : '',
  ].filter(Boolean).join('\n') + ';';
}
