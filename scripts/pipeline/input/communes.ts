// The denominators (communes.csv, or communes.xlsx from the template): each commune's total households per review
// year, into `input_communes`. Denominators are never dropped to make a run pass: every error in this file refuses the run.
import type { DuckDBConnection } from '@duckdb/node-api';
import { communeColumns } from './columns.ts';
import { COMMUNES_FILE, COMMUNES_FILES, communesFile } from './files.ts';
import type { LegacyFont } from './legacy-font.ts';
import type { ProblemLog } from './problems.ts';
import { findValueProblems, listValueProblems } from './rules.ts';
import { dropStaged, stageFile } from './stage.ts';

export interface CommunesFile { file: string; rows: number; format: 'csv' | 'xlsx'; encoding: string; delimiter?: string }

/** Reads the denominators into `input_communes` (valid rows only); returns the file read, or null when it cannot be,
 *  and the name the other checks give the denominators file in their messages. */
export async function loadCommunes(
  conn: DuckDBConnection, opts: { inputDir: string; workDir: string; legacy: 'windows-1258' | undefined; legacyFont?: LegacyFont }, log: ProblemLog,
): Promise<{ read: CommunesFile | null; name: string }> {
  for (const name of COMMUNES_FILES) log.refuseEveryErrorIn(name);
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_communes (review_year INTEGER, commune_code VARCHAR, total_households INTEGER, source_line INTEGER)`);
  const found = await communesFile(opts.inputDir);
  if ('missing' in found) {
    log.fatal(COMMUNES_FILE, null, null, `file missing: every input folder needs the households totals of each commune (the denominators), as ${COMMUNES_FILES.join(' or ')}`);
    return { read: null, name: COMMUNES_FILE };
  }
  if ('both' in found) {
    log.fatal(found.both[0]!, null, null, `both ${found.both.join(' and ')} are present: keep one of them (the pipeline will not choose)`);
    return { read: null, name: found.both[0]! };
  }
  const input = found.found;
  const staged = await stageFile(conn, input, communeColumns, 0, { workDir: opts.workDir, legacy: opts.legacy, legacyFont: opts.legacyFont, log });
  if (!staged) return { read: null, name: input.file };
  const problems = `${staged.table}_problems`;
  const count = await findValueProblems(conn, staged.table, staged.lineSql, staged.columns, problems);
  await listValueProblems(conn, staged.file, problems, log, count);
  await conn.run(`INSERT INTO input_communes SELECT in_int(review_year), in_commune(commune_code), in_int(total_households), ${staged.lineSql}
    FROM ${staged.table} WHERE ${staged.table}.rowid NOT IN (SELECT row_id FROM ${problems})`);
  await conn.run(`DROP TABLE IF EXISTS ${problems}`);
  await dropStaged(conn, staged);
  return {
    read: { file: staged.file, rows: staged.rows, format: staged.format, encoding: staged.encoding, ...(staged.delimiter ? { delimiter: staged.delimiter } : {}) },
    name: input.file,
  };
}
