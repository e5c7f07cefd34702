// Small helpers over @duckdb/node-api shared by the pipeline stages.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type SqlRow = Record<string, unknown>;

/** Runs a query and returns plain JS objects (counts must be cast to INTEGER in SQL to come back as numbers). */
export async function queryRows<T = SqlRow>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as unknown as T[];
}

/**
 * The in-memory DuckDB of a pipeline run (and of check-input, which runs its input stage). A cap on DuckDB's buffers
 * (it spills to `tempDirectory` beyond it) keeps 2 M-row inputs under 1.5 GB. No automatic checkpoint: DuckDB runs
 * one when a commit's changes pass checkpoint_threshold (16 MB by default), and in an in-memory database, where nothing
 * is made durable, it only rewrites the tables' storage. One fired at the commit of the pseudonyms' UPDATE on the 2 M-row messy bench
 * input (input/hmac.ts): 0.31 s of that statement's 0.42 s, 0.37 s with a few bad values per file; the pipeline took
 * 4.34 s against 4.58 s on the messy input and 4.73 s against 5.09–5.44 s with bad values (medians of three,
 * interleaved), the canonical input none faster (4.01–4.09 s against 3.92–4.10 s), peak RSS the same (0.97–1.05 GB).
 */
export async function openPipelineDb(tempDirectory: string): Promise<DuckDBInstance> {
  return DuckDBInstance.create(':memory:', { memory_limit: '1GB', temp_directory: tempDirectory, checkpoint_threshold: '1000GB' });
}
