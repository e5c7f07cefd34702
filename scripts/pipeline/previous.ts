// The previous release (the latest kept in --releases, or --previous DIR), read back so that protection can stay
// consistent with it: every cell it suppressed stays suppressed (protect.ts).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProtectedTables } from '../../src/lib/contract.ts';
import { sqlString } from '../../src/lib/sql.ts';
import { queryRows } from './db.ts';
import { PROTECTED_TABLES } from './sdc/cells.ts';

export async function readPreviousRelease(conn: DuckDBConnection, dir: string): Promise<ProtectedTables> {
  await access(join(dir, 'poverty.parquet')).catch(() => { throw new Error(`previous release lacks poverty.parquet: ${dir}`); });
  const tables: Partial<Record<keyof ProtectedTables, unknown[]>> = {};
  for (const name of PROTECTED_TABLES) {
    const path = join(dir, `${name}.parquet`);
    // a table the previous release did not publish yet (an older release) hid nothing
    const exists = await access(path).then(() => true, () => false);
    tables[name] = exists ? await queryRows(conn, `SELECT * FROM read_parquet(${sqlString(path)})`) : [];
  }
  return tables as unknown as ProtectedTables;
}
