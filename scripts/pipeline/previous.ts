// The previous release (--previous DIR), read back so that protection can stay consistent with it.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProtectedTables } from '../../src/lib/contract.ts';
import { sqlString } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';

const PROTECTED: (keyof ProtectedTables)[] = ['poverty', 'poverty_groups', 'deprivation', 'deprivation_depth', 'support'];

export async function readPreviousRelease(conn: DuckDBConnection, dir: string): Promise<ProtectedTables> {
  const tables: Partial<Record<keyof ProtectedTables, unknown[]>> = {};
  for (const name of PROTECTED) {
    const path = join(dir, `${name}.parquet`);
    await access(path).catch(() => { throw new Error(`previous release lacks ${name}.parquet: ${dir}`); });
    tables[name] = await queryRows(conn, `SELECT * FROM read_parquet(${sqlString(path)})`);
  }
  return tables as unknown as ProtectedTables;
}
