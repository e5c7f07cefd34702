// Writes the published tables (parquet + CSV) into a folder, and swaps a finished folder into --out.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { TableName } from '../../src/lib/contract.ts';
import { sqlIdent, sqlString } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';
import type { TableSchema } from './schema.ts';

export interface WrittenFile { path: string; format: 'parquet' | 'csv' | 'json'; bytes: number; sha256: string }
export interface WrittenTable { schema: TableSchema; rows: number; files: WrittenFile[] }
export type TableRows = Record<TableName, ReadonlyArray<object>>;

const BOM = '\uFEFF';

function appendValue(appender: DuckDBAppender, sql: TableSchema['fields'][number]['sql'], value: unknown, where: string): void {
  if (value === null || value === undefined) return appender.appendNull();
  if (sql === 'VARCHAR') return appender.appendVarchar(String(value));
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a number in ${where}: ${String(value)}`);
  if (sql === 'INTEGER') {
    if (!Number.isInteger(value)) throw new Error(`not an integer in ${where}: ${value}`);
    return appender.appendInteger(value);
  }
  appender.appendDouble(value);
}

/** The stable total order of a table: its primary key, the district before its communes. */
function orderBy(schema: TableSchema): string {
  return schema.primaryKey.map((c) => (c === 'area_level' ? `${sqlIdent(c)} <> 'district'` : sqlIdent(c))).join(', ');
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function describeFile(dir: string, path: string, format: WrittenFile['format']): Promise<WrittenFile> {
  const bytes = await readFile(join(dir, path));
  return { path, format, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Loads one table into DuckDB with its exact column types and writes NAME.parquet and NAME.csv. */
export async function writeTable(conn: DuckDBConnection, dir: string, schema: TableSchema, rows: ReadonlyArray<object>): Promise<WrittenTable> {
  const table = `publish_${schema.name}`;
  await conn.run(`CREATE OR REPLACE TABLE ${table} (${schema.fields.map((f) => `${sqlIdent(f.name)} ${f.sql}`).join(', ')})`);
  const appender = await conn.createAppender(table);
  for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
    for (const f of schema.fields) appendValue(appender, f.sql, row[f.name], `${schema.name}.${f.name}`);
    appender.endRow();
  }
  appender.closeSync();
  const select = `SELECT * FROM ${table} ORDER BY ${orderBy(schema)}`;
  const parquet = `${schema.name}.parquet`;
  await conn.run(`COPY (${select}) TO ${sqlString(join(dir, parquet))} (FORMAT parquet)`);
  const ordered = await queryRows(conn, select);
  const lines = [schema.fields.map((f) => f.name).join(','), ...ordered.map((r) => schema.fields.map((f) => csvCell(r[f.name])).join(','))];
  const csv = `${schema.name}.csv`;
  await writeFile(join(dir, csv), `${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
  await conn.run(`DROP TABLE ${table}`);
  return { schema, rows: rows.length, files: [await describeFile(dir, parquet, 'parquet'), await describeFile(dir, csv, 'csv')] };
}

/**
 * Builds the release in a fresh folder beside `out` and renames it into place only when `build` succeeds;
 * on any failure the temporary folder is removed and `out` is left exactly as it was.
 */
export async function publishAtomically<T>(out: string, build: (dir: string) => Promise<T>): Promise<T> {
  const target = resolve(out);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.new-`));
  let result: T;
  try {
    result = await build(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = await stat(target).catch(() => null);
  if (!previous) {
    await rename(staging, target);
    return result;
  }
  const retired = join(parent, `.${basename(target)}.old-${randomBytes(6).toString('hex')}`);
  await rename(target, retired);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(retired, target);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
  return result;
}
