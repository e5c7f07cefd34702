// Small helpers over @duckdb/node-api shared by the pipeline stages.
import type { DuckDBConnection } from '@duckdb/node-api';

export type SqlRow = Record<string, unknown>;

/** Runs a query and returns plain JS objects (counts must be cast to INTEGER in SQL to come back as numbers). */
export async function queryRows<T = SqlRow>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as unknown as T[];
}
