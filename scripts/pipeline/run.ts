// The whole pipeline as one function: read → validate → classify → link → aggregate → protect → audit →
// reconcile → publish. Side effects (stderr, clock) and the disclosure stages come in as arguments, so that
// tests run it quietly and benchmarks time it in-process.
import { formatTimings } from './timings.ts';
import { access, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openPipelineDb } from './db.ts';
import { TABLES, type ProtectedTables, type TableName } from '../../src/lib/contract.ts';
import { classify, standardsUsed } from './classify.ts';
import { formatLinkage, linkMovements, movementIdentityBreaches } from './link.ts';
import { aggregate } from './aggregate.ts';
import { areaChangesTable, areasTable, indicatorsTable } from './reference-tables.ts';
import { withIntervals } from './sdc/tables.ts';
import { reconcile, formatReconciliation } from './reconcile.ts';
import { describeFile, publishAtomically, writeTable, type TableRows, type WrittenTable } from './publish.ts';
import { buildDataPackage, releaseDate, releaseId, serialise, type ReleaseFacts } from './datapackage.ts';
import { readPreviousRelease } from './previous.ts';
import {
  indexEntry, keepRelease, summaryOf, keptReleases, readRelease, releaseDateAfter, releaseFiles, sameTables, writeHistory, type KeptRelease,
} from './releases.ts';
import { compareReleases, summarise, writeChanges, type ChangeSummary } from './releases-changes.ts';
import { SCHEMAS } from './schema.ts';
import { createProgress, type ErrorStream } from './progress.ts';
import { MIN_K } from './cli-args.ts';
import type { loadInput, LoadResult as LoadResultOf } from './input/index.ts';
import { formatProblem } from './input/problems.ts';
import type { LegacyFont } from './input/legacy-font.ts';
import { formatStats, type protect } from './protect.ts';
import type { audit } from './audit.ts';

export interface PipelineOptions {
  input: string;
  out: string;
  report: string | null;
  dropInvalid: boolean;
  encoding?: 'windows-1258';
  legacyFont?: LegacyFont;
  k: number;
  previous: string | null;
  linkKey: Buffer;
  /** Demo input: the demo folder itself, or DEMO.md at the input root (written by the demo generator). */
  demo?: boolean;
  /** the folder of kept releases (releases.ts): its latest is the previous release; null or absent: no history */
  releases?: string | null;
  /** protect afresh: the previous release's hidden cells are not kept hidden (the change list still compares) */
  resetSuppression?: boolean;
  /** the release date, YYYY-MM-DD (default: the end of the latest review year, never before the latest kept) */
  releaseDate?: string | null;
}

export interface PipelineIO { stderr: ErrorStream; clock: () => number }

type ProtectStageResult = Omit<Awaited<ReturnType<typeof protect>>, 'report' | 'warnings'> & { warnings?: string[] };

/** The stages tests and benchmarks may replace (the disclosure stages by a pass-through, say). */
export interface Stages {
  loadInput: typeof loadInput;
  /** a replacement need not warn (the real one's warnings are printed by runPipeline) */
  protect: (...args: Parameters<typeof protect>) => ProtectStageResult | Promise<ProtectStageResult>;
  audit: typeof audit;
}

export interface PipelineResult {
  exitCode: 0 | 1 | 2;
  /** Milliseconds per stage, in run order. */
  timings: Record<string, number>;
  errorCount: number;
}

const SHOWN_ERRORS = 20;

/** The real stages, imported only when not injected. */
async function resolveStages(given: Partial<Stages> = {}): Promise<Stages> {
  return {
    loadInput: given.loadInput ?? (await import('./input/index.ts')).loadInput,
    protect: given.protect ?? (await import('./protect.ts')).protect,
    audit: given.audit ?? (await import('./audit.ts')).audit,
  };
}

export async function isDemoInput(inputDir: string, demoDir = 'data/demo'): Promise<boolean> {
  if (resolve(inputDir) === resolve(demoDir)) return true;
  return access(join(inputDir, 'DEMO.md')).then(() => true, () => false);
}

async function writeReport(path: string | null, report: object): Promise<void> {
  if (!path) return;
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}

/** One line for the codes that name other territories than in earlier periods (GSO codes are reused). */
export function formatReusedCodes(reused: LoadResultOf['reusedCodes']): string | null {
  if (reused.length === 0) return null;
  const codes = new Map<string, string>();
  for (const year of reused) {
    for (const c of year.codes) if (!codes.has(c.code)) codes.set(c.code, `${c.code} ${c.name_vi} (before: ${[...new Set(c.before.map((b) => b.name_vi))].join(', ')})`);
  }
  return `note: review year${reused.length === 1 ? '' : 's'} ${reused.map((r) => r.review_year).join(', ')}: ${codes.size} code${codes.size === 1 ? '' : 's'} `
    + `now name${codes.size === 1 ? 's' : ''} another territory than before, accepted as the year's units: ${[...codes.values()].join('; ')}`;
}

function suppressedCells(tables: ProtectedTables): Record<string, number> {
  return countCells(tables, (r) => r.status === 'suppressed');
}

/** Protected cells per table: with suppressedCells, the share of each table withheld (the information lost). */
function protectedCells(tables: ProtectedTables): Record<string, number> {
  return countCells(tables, () => true);
}

function countCells(tables: ProtectedTables, keep: (row: { status?: string }) => boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables) as [string, { status?: string }[]][]) {
    if (name === 'poverty') continue;
    counts[name] = rows.filter(keep).length;
  }
  return counts;
}


export async function runPipeline(opts: PipelineOptions, io: PipelineIO, stages?: Partial<Stages>): Promise<PipelineResult> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  const timings: Record<string, number> = {};
  if (!Number.isInteger(opts.k) || opts.k < MIN_K) {
    say(`--k must be at least ${MIN_K}: ${opts.k}`);
    return { exitCode: 2, timings, errorCount: 0 };
  }
  const progress = createProgress(io.stderr);
  let mark = io.clock();
  const lap = (stage: string) => {
    const now = io.clock();
    timings[stage] = now - mark;
    mark = now;
  };

  // the history first: a bad releases folder or date is known before minutes of work
  let kept: KeptRelease[] = [];
  let previousRelease: KeptRelease | undefined;
  try {
    kept = opts.releases ? await keptReleases(opts.releases) : [];
    previousRelease = opts.previous ? await readRelease(opts.previous) : kept.at(-1);
  } catch (error) {
    say(`${(error as Error).message}; nothing published`);
    return { exitCode: 1, timings, errorCount: 0 };
  }
  const latestKept = kept.at(-1);
  if (opts.releaseDate && latestKept && opts.releaseDate < latestKept.date) {
    say(`--release-date ${opts.releaseDate} is before the latest kept release (${latestKept.id}, ${latestKept.date}): a history reads in order`);
    return { exitCode: 2, timings, errorCount: 0 };
  }
  if (opts.releases) say(`releases: ${kept.length} kept in ${opts.releases}${latestKept ? `, the latest ${latestKept.id}` : ' (this is the first)'}`);

  const use = await resolveStages(stages);
  // disclosure control's threads start loading now, beside the input stage; the audit's attacks of the parts already
  // protected run on them while protection would leave one idle (audit.ts AuditAhead). Not for a stand-in protect.
  const ahead = new (await import('./audit.ts')).AuditAhead({ k: opts.k });
  if (!stages?.protect) ahead.warm();
  // DuckDB's spill folder (db.ts openPipelineDb) is this run's own (a shared one is removed by whichever run ends
  // first, under the others' feet). Insertion order is kept (the fast path numbers lines by it); dropping it after
  // the input stage was measured no faster on the 2 M-row canonical bench input (12.75–12.95 s against 12.59–13.23 s,
  // three runs each, interleaved).
  const spill = await mkdtemp(join(tmpdir(), 'poverty-pipeline-duckdb-'));
  const instance = await openPipelineDb(spill);
  const conn = await instance.connect();
  try {
    progress.stage('reading input');
    const loaded = await use.loadInput(conn, {
      inputDir: opts.input, encoding: opts.encoding, legacyFont: opts.legacyFont, linkKey: opts.linkKey, dropInvalid: opts.dropInvalid,
      onProgress: (done, total, label) => progress.update(done, total, label),
    });
    progress.end();
    lap('read');
    // the input stage decided whether the input is refused (input/problems.ts, input/index.ts): obey it
    const { refused } = loaded;
    const validation = {
      rows_read: loaded.rowsRead, rows_invalid: loaded.rowsInvalid,
      rows_dropped: refused ? 0 : loaded.rowsInvalid, rows_loaded: loaded.rowsLoaded,
    };
    const report: Record<string, unknown> = {
      status: refused ? 'refused' : 'accepted', drop_invalid: opts.dropInvalid, ...validation,
      error_count: loaded.errors.length, warning_count: loaded.warnings.length, errors: loaded.errors, warnings: loaded.warnings,
      reused_codes: loaded.reusedCodes,
    };
    await writeReport(opts.report, report);
    for (const w of loaded.warnings.slice(0, SHOWN_ERRORS)) say(`warning: ${formatProblem(w)}`);
    if (loaded.warnings.length > SHOWN_ERRORS) say(`… ${loaded.warnings.length - SHOWN_ERRORS} more warnings`);
    const reusedLine = formatReusedCodes(loaded.reusedCodes);
    if (reusedLine) say(reusedLine);
    if (refused) {
      const total = loaded.errors.length;
      // the problems that refuse whatever the options first, so that they are among those shown
      const shown = [...loaded.errors.filter((e) => e.refuses), ...loaded.errors.filter((e) => !e.refuses)].slice(0, SHOWN_ERRORS);
      for (const e of shown) say(`error: ${formatProblem(e)}`);
      say(`input refused: ${total} error${total === 1 ? '' : 's'}${total > SHOWN_ERRORS ? ` (first ${SHOWN_ERRORS} shown)` : ''}`
        + `${opts.report ? `; full list in ${opts.report}` : ''}; nothing published`);
      return { exitCode: 1, timings, errorCount: total };
    }
    if (loaded.rowsInvalid > 0) say(`dropped ${loaded.rowsInvalid} invalid row${loaded.rowsInvalid === 1 ? '' : 's'} (--drop-invalid); details in ${opts.report ?? 'the report'}`);

    progress.stage('classifying and linking');
    await classify(conn);
    const linkage = await linkMovements(conn);
    for (const year of linkage) say(formatLinkage(year));
    if (linkage.length) await writeReport(opts.report, { ...report, linkage });
    const breaches = await movementIdentityBreaches(conn);
    // cannot happen with one row per household and year; a breach means a bug, never publish then
    if (breaches.length > 0) throw new Error(`movement identity fails for ${breaches.length} area-years, first: ${JSON.stringify(breaches[0])}`);
    lap('classify+link');

    progress.stage('aggregating');
    const raw = await aggregate(conn);
    lap('aggregate');

    progress.stage(`protecting (k = ${opts.k})`);
    const keepHidden = previousRelease !== undefined && !opts.resetSuppression;
    if (previousRelease) {
      say(keepHidden ? `previous release ${previousRelease.id}: its hidden cells stay hidden`
        : `--reset-suppression: the cells hidden in ${previousRelease.id} are not kept hidden (the release notes say so)`);
    }
    const previous = keepHidden ? await readPreviousRelease(conn, previousRelease!.dir) : undefined;
    const { tables: protectedTables, stats, warnings } = await use.protect(raw, { k: opts.k, previous, ahead });
    lap('protect');
    for (const line of formatStats(stats)) say(line);
    for (const w of warnings ?? []) say(`warning: disclosure control: ${w}`);

    progress.stage('auditing suppressed cells');
    const audited = await use.audit(raw, protectedTables, { k: opts.k, ahead });
    lap('audit');
    await ahead.close(); // its threads are done (a run that stops earlier closes them below)
    const early = audited.parts && audited.parts.ahead > 0 ? ` (${audited.parts.ahead} of ${audited.parts.attacked} parts attacked while protection ran)` : '';
    say(`audit: ${audited.suppressedCells} suppressed cells, ${audited.lpSolves} LP solves, ${audited.seconds.toFixed(1)} s${early}`);
    for (const w of audited.warnings ?? []) say(`warning: disclosure audit: ${w}`);
    if (!audited.ok) {
      for (const f of audited.failures.slice(0, SHOWN_ERRORS)) say(`audit: ${f.table} ${f.key}: ${f.reason} [${f.lower}, ${f.upper}]`);
      say(`disclosure audit failed: ${audited.failures.length} cell${audited.failures.length === 1 ? '' : 's'} can be narrowed below k = ${opts.k}; nothing published`);
      return { exitCode: 1, timings, errorCount: 0 };
    }

    // every hidden cell with the interval the published tables allow (nulls where nothing is hidden)
    const tables = withIntervals(protectedTables, audited.intervals ?? new Map());
    const { printed, recorded } = reconcile(raw, tables);
    if (printed.length) io.stderr.write(formatReconciliation(printed));
    const mismatches = printed.filter((r) => !r.match).length;
    if (mismatches) say(`warning: ${mismatches} official figure${mismatches === 1 ? '' : 's'} differ from the computed value`);

    progress.stage('publishing');
    const reviewYears = [...new Set(raw.poverty.map((r) => r.review_year))].sort((a, b) => a - b);
    const rows: TableRows = { areas: areasTable(), indicators: indicatorsTable(), area_changes: areaChangesTable(), ...tables };
    const published = await publishAtomically(opts.out, async (dir) => {
      const written: WrittenTable[] = [];
      for (const name of TABLES as readonly TableName[]) {
        const schema = SCHEMAS.find((s) => s.name === name);
        if (!schema) throw new Error(`no schema for table: ${name}`);
        written.push(await writeTable(conn, dir, schema, rows[name]));
        progress.update(written.length, TABLES.length, name);
      }
      const facts: ReleaseFacts = {
        reviewYears, demo: opts.demo ?? false, k: opts.k, suppressedCells: suppressedCells(tables), protectedCells: protectedCells(tables), validation,
        reconciliation: recorded, standards: standardsUsed(reviewYears),
      };
      return publishRelease(dir, written, facts, { opts, kept, previousRelease });
    });    progress.end();
    lap('publish');
    const suppressed = Object.values(suppressedCells(tables)).reduce((a, b) => a + b, 0);
    say(`published ${TABLES.length} tables for review years ${reviewYears.join(', ')} to ${opts.out} `
      + `(${loaded.rowsLoaded} households, ${suppressed} cells suppressed, k = ${opts.k}${opts.demo ? ', demo data' : ''})`);
    say(formatPublished(published, opts.releases ?? null));
    say(formatTimings(timings));
    return { exitCode: 0, timings, errorCount: 0 };
  } catch (error) {
    progress.end();
    say(`pipeline failed: ${(error as Error).message}; nothing published`);
    return { exitCode: 1, timings, errorCount: 0 };
  } finally {
    await ahead.close();
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}

interface Published { id: string; unchanged: boolean; summary: ChangeSummary | null; previous: string | null }

/** One line on what this release is in its history. */
function formatPublished(p: Published, releases: string | null): string {
  if (p.unchanged) return `release ${p.id}: the same tables as the latest kept release; nothing new kept`;
  const c = p.summary?.counts;
  if (!releases && !p.previous) return `release ${p.id} (no history kept: --no-releases, or the demo input without --releases)`;
  const against = p.previous && c
    ? `since ${p.previous}: ${c.corrected} values corrected, ${c.added} rows added, ${c.removed} removed, ${c.hidden} cells hidden, ${c.shown} shown again`
    : 'the first release';
  return `release ${p.id}${releases ? ` (kept in ${releases})` : ''}: ${against}`;
}

/**
 * The release's files beside its tables: with a history or --previous, its change list and its place in the history
 * (datapackage.json `release`); with a history, the release kept in --releases and the earlier ones carried in
 * the published folder. Tables identical to the latest kept release are that release published again: its files,
 * byte for byte, so that running twice on the same input adds nothing to the history.
 */
async function publishRelease(dir: string, written: WrittenTable[], facts: ReleaseFacts,
  history: { opts: PipelineOptions; kept: KeptRelease[]; previousRelease: KeptRelease | undefined }): Promise<Published> {
  const { opts, kept, previousRelease } = history;
  const latest = kept.at(-1);
  const tableFiles = written.flatMap((t) => t.files);
  if (opts.releases && latest && sameTables(tableFiles, latest, facts.k, facts.demo)) {
    for (const name of await releaseFiles(latest.dir)) await cp(join(latest.dir, name), join(dir, name));
    const summary = await summaryOf(latest.dir);
    await writeHistory(dir, kept.slice(0, -1), { ...indexEntry(latest, ''), summary });
    return { id: latest.id, unchanged: true, summary, previous: latest.previous };
  }
  const dated = releaseDateAfter(opts.releaseDate ?? null, releaseDate(facts.reviewYears), opts.releases ? latest : undefined);
  if ('error' in dated) throw new Error(dated.error);
  const withHistory = Boolean(opts.releases || previousRelease);
  const release = withHistory ? {
    sequence: (opts.releases ? latest?.sequence ?? 0 : previousRelease?.sequence ?? 0) + 1,
    previous: previousRelease?.id ?? null,
    reset_suppression: Boolean(opts.resetSuppression && previousRelease),
  } : undefined;
  const full: ReleaseFacts = { ...facts, date: dated.date, ...(release ? { release } : {}) };
  const id = releaseId(written, full);
  let summary: ChangeSummary | null = null;
  if (previousRelease && release) {
    const ordered = (TABLES as readonly TableName[]).map((name) => SCHEMAS.find((s) => s.name === name)!);
    const changes = await compareReleases(previousRelease.dir, dir, ordered);
    summary = summarise(changes);
    const files = await writeChanges(dir, { release: id, previous: previousRelease.id, reset_suppression: release.reset_suppression, summary, changes });
    full.changeFiles = await Promise.all(files.map((f) => describeFile(dir, f, f.endsWith('.csv') ? 'csv' : 'json')));
  }
  await writeFile(join(dir, 'datapackage.json'), serialise(buildDataPackage(written, full)), 'utf8');
  if (opts.releases && release) {
    await keepRelease(opts.releases, id, dir);
    await writeHistory(dir, kept, {
      ...indexEntry({ id, date: dated.date, review_years: facts.reviewYears, ...release }, ''), summary,
    });
  }
  return { id, unchanged: false, summary, previous: release?.previous ?? null };
}

