// The change list of a release against the one it replaces: every published value that differs, cell by cell,
// read from the two releases' CSV files (what a reader downloads), keyed by each table's primary key.
//   corrected  a value shown in both releases that differs (or a column of a row otherwise unchanged)
//   hidden     a cell shown before and suppressed now (old = the value published before)
//   shown      a cell suppressed before and shown now (only with --reset-suppression)
//   added      a row new in this release (a new review year, a new unit); removed: a row no longer published
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANGE_KINDS, type Change, type ChangeKind, type ChangeSummary, type Value } from '../../src/lib/releases.ts';
import type { TableSchema } from './schema.ts';

export type { Change, ChangeKind, ChangeSummary, Value } from '../../src/lib/releases.ts';
/** Columns a change of status hides or shows with the count: not listed again beside it. */
const HIDDEN_WITH_STATUS = new Set(['households', 'share', 'households_min', 'households_max', 'status']);

/** Reads the CSV the pipeline writes (publish.ts: BOM, CRLF, quotes only where needed). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function typed(schema: TableSchema, column: string, text: string | undefined): Value {
  if (text === undefined || text === '') return null;
  const sql = schema.fields.find((f) => f.name === column)?.sql;
  return sql === 'INTEGER' || sql === 'DOUBLE' ? Number(text) : text;
}

interface TableText { columns: string[]; rows: Map<string, Record<string, string>>; order: string[] }

async function readTable(dir: string, schema: TableSchema): Promise<TableText | null> {
  const text = await readFile(join(dir, `${schema.name}.csv`), 'utf8').catch(() => null);
  if (text === null) return null;
  const [header = [], ...lines] = parseCsv(text);
  const rows = new Map<string, Record<string, string>>();
  const order: string[] = [];
  for (const line of lines) {
    const row = Object.fromEntries(header.map((c, i) => [c, line[i] ?? '']));
    const key = JSON.stringify(schema.primaryKey.map((c) => row[c] ?? ''));
    rows.set(key, row);
    order.push(key);
  }
  return { columns: header, rows, order };
}

function keyOf(schema: TableSchema, row: Record<string, string>): Record<string, Value> {
  return Object.fromEntries(schema.primaryKey.map((c) => [c, typed(schema, c, row[c])]));
}

/** Every change of one table, in the published row order (removed rows last), columns in schema order. */
function tableChanges(schema: TableSchema, before: TableText | null, after: TableText): Change[] {
  const changes: Change[] = [];
  const table = schema.name;
  const valueColumns = schema.fields.map((f) => f.name).filter((c) => !schema.primaryKey.includes(c));
  for (const key of after.order) {
    const now = after.rows.get(key)!;
    const was = before?.rows.get(key);
    if (!was) {
      changes.push({ change: 'added', table, key: keyOf(schema, now), column: null, old: null, new: null });
      continue;
    }
    const flip = 'status' in now && was.status !== now.status ? (now.status === 'suppressed' ? 'hidden' : 'shown') : null;
    if (flip) {
      changes.push({ change: flip, table, key: keyOf(schema, now), column: 'households', old: typed(schema, 'households', was.households), new: typed(schema, 'households', now.households) });
    }
    for (const column of valueColumns) {
      if (flip && HIDDEN_WITH_STATUS.has(column)) continue;
      if ((was[column] ?? '') === (now[column] ?? '')) continue;
      changes.push({ change: 'corrected', table, key: keyOf(schema, now), column, old: typed(schema, column, was[column]), new: typed(schema, column, now[column]) });
    }
  }
  for (const key of before?.order ?? []) {
    if (!after.rows.has(key)) changes.push({ change: 'removed', table, key: keyOf(schema, before!.rows.get(key)!), column: null, old: null, new: null });
  }
  return changes;
}

/** The changes from the release in `beforeDir` to the one in `afterDir`, table by table in the published order. */
export async function compareReleases(beforeDir: string, afterDir: string, schemas: TableSchema[]): Promise<Change[]> {
  const changes: Change[] = [];
  for (const schema of schemas) {
    const after = await readTable(afterDir, schema);
    if (!after) throw new Error(`release lacks ${schema.name}.csv: ${afterDir}`);
    changes.push(...tableChanges(schema, await readTable(beforeDir, schema), after));
  }
  return changes;
}

export function summarise(changes: Change[]): ChangeSummary {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const tables: ChangeSummary['tables'] = {};
  const years = new Set<number>();
  for (const c of changes) {
    counts[c.change]++;
    const perTable = (tables[c.table] ??= {});
    perTable[c.change] = (perTable[c.change] ?? 0) + 1;
    if (typeof c.key.review_year === 'number') years.add(c.key.review_year);
  }
  return { counts, tables, review_years: [...years].sort((a, b) => a - b) };
}

function csvCell(value: Value): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The key as one readable cell: `review_year=2024;area_code=11470;measure=escaped`. */
export function keyText(key: Record<string, Value>): string {
  return Object.entries(key).map(([c, v]) => `${c}=${v ?? ''}`).join(';');
}

export interface ChangeList {
  release: string;
  previous: string;
  reset_suppression: boolean;
  summary: ChangeSummary;
  changes: Change[];
}

/** changes.json (the whole list with typed keys) and changes.csv (one line per change, UTF-8 BOM for Excel). */
export async function writeChanges(dir: string, list: ChangeList): Promise<string[]> {
  const { changes, ...head } = list;
  const json = `${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "changes": [')}${changes.map((c) => `\n    ${JSON.stringify(c)}`).join(',')}${changes.length ? '\n  ' : ''}]\n}\n`;
  await writeFile(join(dir, 'changes.json'), json, 'utf8');
  const lines = ['change,table,key,column,old,new', ...list.changes.map((c) => [c.change, c.table, keyText(c.key), c.column, c.old, c.new].map((v) => csvCell(v ?? null)).join(','))];
  await writeFile(join(dir, 'changes.csv'), `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return ['changes.json', 'changes.csv'];
}
