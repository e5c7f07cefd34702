// Between the cell model and the published tables: apply a suppression pattern, read one back.
import type { Geo, ProtectedTables, RawTables } from '../../../src/lib/contract.ts';
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

/** The published tables: a suppressed cell says only that it is suppressed, whatever the reason. */
export function applySuppression(raw: RawTables, model: CellModel, suppressed: Uint8Array): ProtectedTables {
  const index = cellIndex(model);
  const hidden = (table: ProtectedTableName, row: AnyRow): boolean => suppressed[index.get(`${table}|${rowKey(table, row)}`)!] === 1;
  const population = new Map(raw.poverty.map((p) => [`${p.review_year}/${p.area_code}`, p]));
  return {
    poverty: raw.poverty.map((r) => ({ ...r })),
    poverty_groups: raw.poverty_groups.map((r) => hidden('poverty_groups', r)
      ? { ...r, households: null, status: 'suppressed' as const } : { ...r, status: 'ok' as const }),
    deprivation: raw.deprivation.map((r) => {
      const households = hidden('deprivation', r) ? null : r.households;
      const total = population.get(`${r.review_year}/${r.area_code}`)![r.population];
      return { ...r, households, share: deprivationShare(households, total), status: households === null ? 'suppressed' as const : 'ok' as const };
    }),
    deprivation_depth: raw.deprivation_depth.map((r) => hidden('deprivation_depth', r)
      ? { ...r, households: null, status: 'suppressed' as const } : { ...r, status: 'ok' as const }),
    support: raw.support.map((r) => hidden('support', r)
      ? { ...r, households: null, status: 'suppressed' as const } : { ...r, status: 'ok' as const }),
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
