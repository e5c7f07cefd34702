// Disclosure control: primary suppression (threshold and complement rules) and secondary suppression by least-cost
// changes over all tables and years together (sdc/secondary.ts), checked by the attacker's exact local LP until it
// holds. The model's independent parts (cells no chain of relations links, sdc/parts.ts) are protected apart, on
// worker threads when they are large enough; the pattern does not depend on the number of threads. A part of many
// units is protected by blocks of units first (sdc/blocks.ts), so the cost grows with the units, not faster. The `poverty`
// table is published in full; every other table is protected, district rows included.
import type { ProtectedTables, RawTables } from '../../src/lib/contract.ts';
import { percent } from '../../src/lib/percent.ts';
import type { FailureReason } from './sdc/attack.ts';
import { buildCellModel } from './sdc/build.ts';
import { PROTECTED_TABLES } from './sdc/cells.ts';
import { partsOf } from './sdc/parts.ts';
import { partThreads, protectParts } from './sdc/parts-threads.ts';
import { checkK } from './sdc/primary.ts';
import { applySuppression, suppressedIn } from './sdc/tables.ts';
import type { AuditAhead } from './audit.ts';

export interface ProtectOptions {
  k: number;
  /** an earlier release: every cell suppressed there stays suppressed, so releases cannot be differenced */
  previous?: ProtectedTables;
  /** check the singleton attack while choosing cells (default true) */
  singletons?: boolean;
  /** progress lines (stderr in the pipeline) */
  log?: (line: string) => void;
  /** threads the parts are protected on (default: sdc/parts-threads.ts partThreads); the pattern is the same on any number */
  threads?: number;
  /** units per block (sdc/blocks.ts, default BLOCK_UNITS): a part of more than twice as many units is protected by blocks first */
  blockUnits?: number;
  /** the audit's attacks to start on the threads' idle time as parts are protected (audit.ts); with one thread, none */
  ahead?: AuditAhead;
}
/** Per protected table: cells, suppressed by the rules (primary), added to protect them (secondary), share hidden (percent). */
export interface ProtectStats {
  [table: string]: { cells: number; primary: number; secondary: number; share: number; districtCells: number; districtSecondary: number };
}
export interface ProtectReport {
  k: number;
  /** the threads the parts were protected on */
  threads: number;
  rounds: number;
  lpSolves: number;
  /** blocks of units protected before their parts (sdc/blocks.ts); 0 when every part was protected whole */
  blocks: number;
  seconds: number;
  /** audit failures suppression could not remove (then the pipeline's audit fails the run) */
  unresolved: { table: string; key: string; reason: FailureReason }[];
  /** derived relations the data did not satisfy and that were left out */
  warnings: string[];
}

export interface ProtectResult {
  tables: ProtectedTables;
  stats: ProtectStats;
  report: ProtectReport;
  /** for the operator (run.ts prints them): relations left out, and failures suppression could not remove */
  warnings: string[];
}

export async function protect(raw: RawTables, opts: ProtectOptions): Promise<ProtectResult> {
  const k = checkK(opts.k);
  const started = performance.now();
  const model = buildCellModel(raw);
  const forced = new Set(opts.previous ? suppressedIn(opts.previous, model) : []);
  // the model's independent parts, each protected on its own (sdc/parts.ts), on as many threads as pay
  const parts = partsOf(model);
  const jobs = parts.map((part) => ({
    model: part.model, k, singletons: opts.singletons, blockUnits: opts.blockUnits, forced: part.ids.flatMap((id, i) => (forced.has(id) ? [i] : [])),
  }));
  const threads = opts.threads ?? partThreads(parts.map((p) => p.model.cells.length));
  const { ahead } = opts;
  const done = await protectParts(jobs, threads, ahead && threads > 1
    ? { pool: ahead.pool(threads), done: (p, r) => ahead.partDone(parts[p], r.suppressed) } : undefined);
  const result = { suppressed: new Uint8Array(model.cells.length), primary: new Uint8Array(model.cells.length), rounds: 0, lpSolves: 0, blocks: 0, failures: [] as { cell: number; reason: FailureReason }[] };
  parts.forEach((part, p) => {
    const r = done[p];
    part.ids.forEach((id, i) => { result.suppressed[id] ||= r.suppressed[i]; result.primary[id] ||= r.primary[i]; });
    result.rounds = Math.max(result.rounds, r.rounds);
    result.lpSolves += r.lpSolves;
    result.blocks += r.blocks;
    for (const f of r.failures) result.failures.push({ cell: part.ids[f.cell], reason: f.reason });
    if (opts.log) for (const line of r.log) opts.log(`part ${p + 1} of ${parts.length} (${part.ids.length} cells): ${line}`);
  });
  result.failures.sort((a, b) => a.cell - b.cell);

  const stats: ProtectStats = {};
  for (const table of PROTECTED_TABLES) stats[table] = { cells: 0, primary: 0, secondary: 0, share: 0, districtCells: 0, districtSecondary: 0 };
  for (const cell of model.cells) {
    const s = stats[cell.table];
    if (!s) continue;
    s.cells++;
    if (cell.total) s.districtCells++;
    if (result.primary[cell.id]) s.primary++;
    else if (result.suppressed[cell.id]) { s.secondary++; if (cell.total) s.districtSecondary++; }
  }
  for (const s of Object.values(stats)) s.share = percent(s.primary + s.secondary, s.cells);

  const report: ProtectReport = {
    k,
    threads,
    rounds: result.rounds,
    lpSolves: result.lpSolves,
    blocks: result.blocks,
    seconds: Math.round(performance.now() - started) / 1000,
    unresolved: result.failures.map((f) => ({ table: model.cells[f.cell].table, key: model.cells[f.cell].key, reason: f.reason })),
    warnings: model.warnings,
  };
  return { tables: applySuppression(raw, model, result.suppressed), stats, report, warnings: protectWarnings(report) };
}

/** The report's warnings as lines without values: each relation left out, and a count of unresolved failures. */
export function protectWarnings(report: ProtectReport): string[] {
  const unresolved = report.unresolved.length;
  return [
    ...report.warnings,
    ...(unresolved === 0 ? [] : [
      `suppression left ${unresolved} cell${unresolved === 1 ? '' : 's'} the attacker can narrow below k = ${report.k} after ${report.rounds} rounds (the audit decides)`,
    ]),
  ];
}

/** The figures as lines for stderr and the notes. */
export function formatStats(stats: ProtectStats): string[] {
  return Object.entries(stats).map(([table, s]) =>
    `${table}: ${s.cells} cells, ${s.primary} primary, ${s.secondary} secondary (${s.districtSecondary} of ${s.districtCells} district cells), ${s.share}% suppressed`);
}
