// The pipeline's input stage: finds, decodes and validates the review files, and leaves the DuckDB tables
// `communes` and `households` (docs/architecture.md) holding only valid rows, with no personal column.
// This is its one entry; the helpers beside it each do one job:
//   files.ts      which files an input folder holds          sniff.ts, transcode.ts  bytes → UTF-8 CSV
//   columns.ts    the columns and their header spellings     stage.ts   a file → an all-VARCHAR table
//   communes.ts   communes.csv/.xlsx, the denominators       fast.ts    the fast path for canonical files
//   households.ts the exact path for a household file        rules.ts   the value rules, in SQL
//   crossrow.ts   rules across rows and files                hmac.ts    the household pseudonyms, keyed once each
//   problems.ts   the problems found, and whether they refuse the run
//   legacy-font.ts  text typed in the TCVN3 or VNI fonts (--legacy-font, and telling a file is)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { householdColumns } from './columns.ts';
import { loadCommunes } from './communes.ts';
import { checkCommunes, checkHouseholdsAcrossRows, checkYearsHaveHouseholds, installGeography, reusedCodes, type ReusedCodes } from './crossrow.ts';
import { dropCanonicalBatch, finishCanonicalFile, layoutOf, loadCanonicalFile, readCanonicalFiles, type CanonicalBatch, type Recheck } from './fast.ts';
import { COMMUNES_FILE, HOUSEHOLDS_DIR, exists, householdFiles, type InputFile } from './files.ts';
import type { LegacyFont } from './legacy-font.ts';
import { installLinkKey, keyPseudonyms, removeLinkKey } from './hmac.ts';
import { STAGED_HOUSEHOLDS, createStagedHouseholds, finishStagedHouseholds, loadHouseholdFileExactly, recheckExactly } from './households.ts';
import { DeferredLog, ProblemLog, type Problem } from './problems.ts';
import { defineValueMacros } from './rules.ts';
import { dropStaged, openFile, stageOpened, type OpenedFile } from './stage.ts';

export type { Problem } from './problems.ts';
export type { ReusedCodes } from './crossrow.ts';
export { formatProblem } from './problems.ts';

export interface InputFileRead { file: string; rows: number; format: 'csv' | 'xlsx'; encoding: string; delimiter?: string }

export interface LoadResult {
  errors: Problem[];
  warnings: Problem[];
  files: InputFileRead[];
  rowsRead: number;
  rowsInvalid: number;
  rowsLoaded: number;
  /**
   * The input must not be published: some problem refuses it (Problem.refuses: a file that cannot be read, a
   * missing column, a problem in communes.csv, no valid household row), or, without --drop-invalid, any error
   * at all. The one verdict; runPipeline obeys it and decides nothing else about the input.
   */
  refused: boolean;
  /** Per review year, the codes of its units that named other territories before (accepted, flagged in the report). */
  reusedCodes: ReusedCodes[];
}

export interface LoadOptions {
  inputDir: string;
  encoding?: 'windows-1258';
  /** --legacy-font: the files were typed in a legacy Vietnamese font (legacy-font.ts) */
  legacyFont?: LegacyFont;
  linkKey: Buffer;
  /** leave out invalid rows rather than refuse them (file-level problems refuse all the same) */
  dropInvalid: boolean;
  /** every file through the exact path (tests compare it with the fast path) */
  exactOnly?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

interface FileContext { workDir: string; legacy: 'windows-1258' | undefined; legacyFont?: LegacyFont; exactOnly: boolean; log: ProblemLog }

/**
 * One opened household file into the staged households. The fast/exact decision, made here once: a file that opens
 * as well-formed CSV takes the fast path (fast.ts; read with the other files of its layout when `batched`), and only
 * the rows it flags (any value not in canonical form) are re-checked by the exact path (households.ts), which lists
 * each problem; any other file, and every file under `exactOnly`, takes the exact path whole. Both give a row the
 * same values and the same problems.
 */
async function loadHouseholdFile(
  conn: DuckDBConnection, opened: OpenedFile, index: number, ctx: FileContext, batched?: { batch: CanonicalBatch; index: number },
): Promise<{ read: InputFileRead; rows: number; rejectedLines: number } | null> {
  const { input } = opened;
  const delimiter = input.format === 'csv' ? { delimiter: opened.delimiter } : {};
  const fast = ctx.exactOnly ? null : batched ? await finishCanonicalFile(conn, batched.batch, batched.index, STAGED_HOUSEHOLDS)
    : await loadCanonicalFile(conn, opened, STAGED_HOUSEHOLDS, recheckWith(conn, ctx));
  if (fast !== null) return { read: { file: input.file, rows: fast, format: input.format, encoding: opened.encoding, ...delimiter }, rows: fast, rejectedLines: 0 };

  const staged = await stageOpened(conn, opened, index, ctx.log);
  if (!staged) return null;
  await loadHouseholdFileExactly(conn, staged, ctx.log, ctx.legacyFont);
  await dropStaged(conn, staged);
  return {
    read: { file: staged.file, rows: staged.rows, format: staged.format, encoding: staged.encoding, ...delimiter },
    rows: staged.rows + staged.rejectedLines, rejectedLines: staged.rejectedLines,
  };
}

/**
 * The household files: each opened in turn (what opening finds is held back), the files of one layout read together
 * by the fast path, then each file finished in turn (its held problems, then those its rows have), so that the
 * problems come in the order of the files as when each was opened and loaded alone.
 */
async function loadHouseholdFiles(
  conn: DuckDBConnection, inputs: InputFile[], ctx: FileContext, progress: (files: number, label: string) => void,
): Promise<{ files: InputFileRead[]; rowsRead: number; rejectedLines: number }> {
  const held = inputs.map(() => new DeferredLog());
  const opened: (OpenedFile | null)[] = [];
  for (const [i, input] of inputs.entries()) opened.push(await openFile(input, householdColumns, i + 1, { ...ctx, log: held[i]! }));
  const batched = new Map<number, { batch: CanonicalBatch; index: number }>();
  const batches: CanonicalBatch[] = [];
  const files: InputFileRead[] = [];
  let rowsRead = 0;
  let rejectedLines = 0;
  try {
    if (!ctx.exactOnly) {
      const layouts = new Map<string, number[]>();
      for (const [i, o] of opened.entries()) {
        if (!o) continue;
        const layout = layoutOf(o);
        const members = layouts.get(layout);
        if (members) members.push(i); else layouts.set(layout, [i]);
      }
      // a file alone in its layout is read on its own, below
      for (const members of [...layouts.values()].filter((m) => m.length > 1)) {
        const batch = await readCanonicalFiles(conn, members.map((i) => opened[i]!), STAGED_HOUSEHOLDS, recheckWith(conn, ctx));
        if (!batch) continue;
        batches.push(batch);
        members.forEach((i, index) => batched.set(i, { batch, index }));
        progress(members.length, inputs[members.at(-1)!]!.file);
      }
    }
    for (const [i, input] of inputs.entries()) {
      held[i]!.replay(ctx.log);
      const o = opened[i];
      const loaded = o ? await loadHouseholdFile(conn, o, i + 1, ctx, batched.get(i)) : null;
      if (loaded) {
        files.push(loaded.read);
        rowsRead += loaded.rows;
        rejectedLines += loaded.rejectedLines;
      }
      if (!batched.has(i)) progress(1, input.file);
    }
  } finally {
    for (const batch of batches) await dropCanonicalBatch(conn, batch);
  }
  return { files, rowsRead, rejectedLines };
}

/** The exact path for the rows the fast path flags (fast.ts Recheck), its problems going to the run's log. */
function recheckWith(conn: DuckDBConnection, ctx: FileContext): Recheck {
  return (flagged) => recheckExactly(conn, flagged, ctx.log, ctx.legacyFont);
}

/** Files in households/ that are not read: an old Excel workbook refuses the run, anything else is noted. */
function reportOtherFiles(others: string[], log: ProblemLog): void {
  for (const other of others) {
    if (other.toLowerCase().endsWith('.xls')) log.fatal(other, null, null, 'old Excel format (.xls) is not read: save it as .xlsx or .csv');
    else log.warning(other, null, null, 'not a .csv or .xlsx file, ignored');
  }
}

export async function loadInput(conn: DuckDBConnection, opts: LoadOptions): Promise<LoadResult> {
  const log = new ProblemLog();
  const files: InputFileRead[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'poverty-input-'));
  const ctx: FileContext = { workDir, legacy: opts.encoding, legacyFont: opts.legacyFont, exactOnly: opts.exactOnly ?? false, log };
  let rowsRead = 0;
  let rejectedLines = 0;
  try {
    await defineValueMacros(conn);
    await installLinkKey(conn, opts.linkKey);
    await installGeography(conn);
    await createStagedHouseholds(conn);

    // 1. the denominators
    const found = await exists(join(opts.inputDir, HOUSEHOLDS_DIR)) ? await householdFiles(opts.inputDir) : null;
    const total = (found?.files.length ?? 0) + 2;
    opts.onProgress?.(0, total, COMMUNES_FILE);
    const communes = await loadCommunes(conn, { inputDir: opts.inputDir, workDir, legacy: opts.encoding, legacyFont: opts.legacyFont }, log);
    if (communes.read) files.push(communes.read);
    opts.onProgress?.(1, total, COMMUNES_FILE);

    // 2. the household files, each by the fast or the exact path
    if (!found) log.fatal(`${HOUSEHOLDS_DIR}/`, null, null, 'folder missing');
    else if (found.files.length === 0) log.fatal(`${HOUSEHOLDS_DIR}/`, null, null, 'no .csv or .xlsx file of households');
    reportOtherFiles(found?.others ?? [], log);
    let done = 1;
    const households = await loadHouseholdFiles(conn, found?.files ?? [], ctx, (n, label) => opts.onProgress?.(done += n, total, label));
    files.push(...households.files);
    rowsRead += households.rowsRead;
    rejectedLines += households.rejectedLines;
    await finishStagedHouseholds(conn);
    await keyPseudonyms(conn, STAGED_HOUSEHOLDS);

    // 3. the rules across rows and files
    await checkCommunes(conn, log, communes.name);
    const reused = await reusedCodes(conn);
    await checkHouseholdsAcrossRows(conn, STAGED_HOUSEHOLDS, log, communes.name);
    opts.onProgress?.(total, total, 'cross-row checks');

    // 4. only valid rows stay; the staged rows become `households` in place (no second copy of 2 million rows)
    await conn.run(`CREATE OR REPLACE TABLE communes AS SELECT review_year, commune_code, total_households FROM input_communes ORDER BY review_year, commune_code`);
    const counts = (await conn.runAndReadAll(`SELECT count(*) FILTER (WHERE row_invalid), count(*) FILTER (WHERE NOT row_invalid) FROM ${STAGED_HOUSEHOLDS}`)).getRows()[0]!;
    const rowsInvalid = Number(counts[0]) + rejectedLines;
    const rowsLoaded = Number(counts[1]);
    if (Number(counts[0]) > 0) await conn.run(`DELETE FROM ${STAGED_HOUSEHOLDS} WHERE row_invalid`);
    await conn.run(`ALTER TABLE ${STAGED_HOUSEHOLDS} DROP COLUMN row_invalid`);
    await conn.run(`DROP TABLE IF EXISTS households; ALTER TABLE ${STAGED_HOUSEHOLDS} RENAME TO households`);

    // 5. the verdict; a review year left without households would be published as a year with none poor
    const refusedByErrors = () => log.refused || (!opts.dropInvalid && log.errors.length > 0);
    if (rowsLoaded === 0 && !refusedByErrors()) log.fatal(`${HOUSEHOLDS_DIR}/`, null, null, 'no valid household rows');
    if (!refusedByErrors()) await checkYearsHaveHouseholds(conn, log, communes.name);
    const refused = refusedByErrors();
    // every row read is either loaded or counted invalid: a row lost between the two would be dropped unseen
    if (!refused && rowsRead !== rowsInvalid + rowsLoaded) {
      throw new Error(`input stage lost rows: ${rowsRead} read, ${rowsInvalid} invalid, ${rowsLoaded} loaded`);
    }
    const { errors, warnings } = log.finish();
    return { errors, warnings, files, rowsRead, rowsInvalid, rowsLoaded, refused, reusedCodes: reused };
  } finally {
    await removeLinkKey(conn);
    await conn.run(`DROP TABLE IF EXISTS ${STAGED_HOUSEHOLDS}; DROP TABLE IF EXISTS input_communes; DROP TABLE IF EXISTS input_geography`);
    await rm(workDir, { recursive: true, force: true });
  }
}
