// Permalinks: ?sql=<query> runs that query on load; the builder's choices travel as plain parameters
// (table, measure, by, year, area, population, indicator, program), only those that differ from the default.
import { DEFAULT_STATE, normaliseState, type BuilderState } from './builder';

export interface ExplorerUrlState { sql: string | null; builder: BuilderState | null }

const BUILDER_KEYS = ['table', 'measure', 'by', 'year', 'area', 'population', 'indicator', 'program'] as const;

export function readUrlState(search: string): ExplorerUrlState {
  const params = new URLSearchParams(search);
  const sql = params.get('sql');
  const present = BUILDER_KEYS.filter((k) => params.has(k));
  const builder = present.length === 0 ? null : normaliseState(Object.fromEntries(present.map((k) => [k, params.get(k) ?? ''])));
  return { sql: sql && sql.trim() ? sql : null, builder };
}

export function writeUrlState(state: ExplorerUrlState): string {
  const params = new URLSearchParams();
  if (state.builder) {
    const b = state.builder;
    params.set('table', b.table);
    params.set('measure', b.measure);
    params.set('by', b.by.join(','));
    for (const k of ['year', 'area', 'population', 'indicator', 'program'] as const) {
      if (b[k] !== DEFAULT_STATE[k]) params.set(k, b[k]);
    }
  }
  if (state.sql) params.set('sql', state.sql);
  const text = params.toString();
  return text ? `?${text}` : '';
}
