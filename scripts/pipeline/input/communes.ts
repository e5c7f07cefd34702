// communes.csv, the denominators: each commune's total households per review year, into `input_communes`.
// Denominators are never dropped to make a run pass: every error in this file refuses the run.
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { communeColumns } from './columns.ts';
import { COMMUNES_FILE, exists, type InputFile } from './files.ts';
import type { ProblemLog } from './problems.ts';
import { findValueProblems, listValueProblems } from './rules.ts';
import { dropStaged, stageFile } from './stage.ts';

export interface CommunesFile { file: string; rows: number; format: 'csv'; encoding: string; delimiter?: string }

/** Reads communes.csv into `input_communes` (valid rows only); returns the file read, or null when it cannot be. */
export async function loadCommunes(
  conn: DuckDBConnection, opts: { inputDir: string; workDir: string; legacy: 'windows-1258' | undefined }, log: ProblemLog,
): Promise<CommunesFile | null> {
  log.refuseEveryErrorIn(COMMUNES_FILE);
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_communes (review_year INTEGER, commune_code VARCHAR, total_households INTEGER, source_line INTEGER)`);
  const path = join(opts.inputDir, COMMUNES_FILE);
  if (!(await exists(path))) {
    log.fatal(COMMUNES_FILE, null, null, 'file missing: every input folder needs the households totals of each commune (the denominators)');
    return null;
  }
  const input: InputFile = { path, file: COMMUNES_FILE, format: 'csv' };
  const staged = await stageFile(conn, input, communeColumns, 0, { workDir: opts.workDir, legacy: opts.legacy, log });
  if (!staged) return null;
  const problems = `${staged.table}_problems`;
  const count = await findValueProblems(conn, staged.table, staged.lineSql, staged.columns, problems);
  await listValueProblems(conn, staged.file, problems, log, count);
  await conn.run(`INSERT INTO input_communes SELECT in_int(review_year), in_commune(commune_code), in_int(total_households), ${staged.lineSql}
    FROM ${staged.table} WHERE ${staged.table}.rowid NOT IN (SELECT row_id FROM ${problems})`);
  await conn.run(`DROP TABLE IF EXISTS ${problems}`);
  await dropStaged(conn, staged);
  return { file: staged.file, rows: staged.rows, format: 'csv', encoding: staged.encoding, delimiter: staged.delimiter };
}
