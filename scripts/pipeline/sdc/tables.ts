// Between the cell model and the published tables: apply a suppression pattern, read one back.
import type { Geo, MonitoredPopulation, ProtectedTables, RawTables } from '../../../src/lib/contract.ts';
import { percent } from '../../../src/lib/percent.ts';
import { PROTECTED_TABLES, rowKey, type ProtectedTableName } from './cells.ts';
import type { CellModel } from './model.ts';

type AnyRow = Geo & { households?: number | null; status?: string };

export function cellIndex(model: CellModel): Map<string, number> {
  return new Map(model.cells.map((c) => [`${c.table}|${c.key}`, c.id]));
}

/** Percent of the population (the one rounding: src/lib/percent.ts); null when the count is hidden or the population is empty. */
export function deprivationShare(households: number | null, population: number): number | null {
  if (households === null || population === 0) return null;
  return percent(households, population);
}

const NO_INTERVAL = { households_min: null, households_max: null } as const;

/**
 * The published tables: a suppressed cell says only that it is suppressed, whatever the reason. Intervals are
 * left null here; the audit computes them (withIntervals).
 */
export function applySuppression(raw: RawTables, model: CellModel, suppressed: Uint8Array): ProtectedTables {
  const index = cellIndex(model);
  const hidden = (table: ProtectedTableName, row: AnyRow): boolean => suppressed[index.get(`${table}|${rowKey(table, row)}`)!] === 1;
  const population = new Map(raw.poverty.map((p) => [`${p.review_year}/${p.area_code}`, p]));
  const newlyEscaped = new Map(raw.poverty_groups.filter((g) => g.measure === 'newly_escaped').map((g) => [`${g.review_year}/${g.area_code}`, g]));
  /** The population's count a share is of, or null when it is not published (a suppressed newly_escaped cell). */
  const denominator = (r: Geo & { population: MonitoredPopulation }): number | null => {
    if (r.population !== 'newly_escaped') return population.get(`${r.review_year}/${r.area_code}`)![r.population];
    const g = newlyEscaped.get(`${r.review_year}/${r.area_code}`);
    return g && !hidden('poverty_groups', g) ? g.households : null;
  };
  const shown = <R extends AnyRow>(table: ProtectedTableName, rows: R[]) => rows.map((r) => hidden(table, r)
    ? { ...r, households: null, status: 'suppressed' as const, ...NO_INTERVAL } : { ...r, status: 'ok' as const, ...NO_INTERVAL });
  const withShare = <R extends AnyRow & { population: MonitoredPopulation; households: number }>(table: ProtectedTableName, rows: R[]) => rows.map((r) => {
    const households = hidden(table, r) ? null : r.households;
    const total = denominator(r);
    return { ...r, households, share: total === null ? null : deprivationShare(households, total), status: households === null ? 'suppressed' as const : 'ok' as const, ...NO_INTERVAL };
  });
  return {
    poverty: raw.poverty.map((r) => ({ ...r })),
    poverty_groups: raw.poverty_groups.map((r) => hidden('poverty_groups', r)
      ? { ...r, households: null, status: 'suppressed' as const, ...NO_INTERVAL } : { ...r, status: 'ok' as const, ...NO_INTERVAL }),
    deprivation: withShare('deprivation', raw.deprivation),
    deprivation_depth: raw.deprivation_depth.map((r) => hidden('deprivation_depth', r)
      ? { ...r, households: null, status: 'suppressed' as const, ...NO_INTERVAL } : { ...r, status: 'ok' as const, ...NO_INTERVAL }),
    support: shown('support', raw.support),
    deprivation_dimension: withShare('deprivation_dimension', raw.deprivation_dimension),
    support_received: shown('support_received', raw.support_received),
    exit_outcomes: shown('exit_outcomes', raw.exit_outcomes),
    what_if: shown('what_if', raw.what_if),
  };
}

/**
 * The tables with each suppressed cell's interval (the audit's, keyed `table|key`) in households_min and
 * households_max; null where the cell is shown. A suppressed cell without an interval is an error: the audit
 * covers every suppressed cell it is given.
 */
export function withIntervals(tables: ProtectedTables, intervals: ReadonlyMap<string, readonly [number, number]>): ProtectedTables {
  const fill = <R extends AnyRow>(table: ProtectedTableName, rows: R[]): R[] => rows.map((r) => {
    if (r.households !== null) return { ...r, ...NO_INTERVAL };
    const key = `${table}|${rowKey(table, r)}`;
    const interval = intervals.get(key);
    if (!interval) throw new Error(`no audited interval for the suppressed cell ${key}`);
    return { ...r, households_min: interval[0], households_max: interval[1] };
  });
  return {
    poverty: tables.poverty,
    poverty_groups: fill('poverty_groups', tables.poverty_groups),
    deprivation: fill('deprivation', tables.deprivation),
    deprivation_depth: fill('deprivation_depth', tables.deprivation_depth),
    support: fill('support', tables.support),
    deprivation_dimension: fill('deprivation_dimension', tables.deprivation_dimension),
    support_received: fill('support_received', tables.support_received),
    exit_outcomes: fill('exit_outcomes', tables.exit_outcomes),
    what_if: fill('what_if', tables.what_if),
  };
}

/** The cells of `model` a published release suppressed (matched by table and key columns; unknown rows ignored). */
export function suppressedIn(tables: ProtectedTables, model: CellModel): number[] {
  const index = cellIndex(model);
  const out: number[] = [];
  for (const table of PROTECTED_TABLES) {
    for (const row of tables[table] as unknown as AnyRow[]) {
      if (row.status !== 'suppressed' && row.households !== null) continue;
      const id = index.get(`${table}|${rowKey(table, row)}`);
      if (id !== undefined) out.push(id);
    }
  }
  return out.sort((a, b) => a - b);
}
