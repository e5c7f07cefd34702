// The disclosure audit (issue 4), run after suppression: what can an attacker derive from everything published?
// For every suppressed cell, the least and greatest value by linear programming over all tables and years; the
// run fails when any is exact or narrower than k, when a household knowing its own singleton cell could pin down
// another, or when a published cell breaks the primary rules. Messages name cells, never their true values.
// It also returns each suppressed cell's exact interval, which the release publishes (households_min/max).
import type { Geo, ProtectedTables, RawTables } from '../../src/lib/contract.ts';
import type { AttackOptions, AttackResult } from './sdc/attack.ts';
import { attackKey, attackKnownParts, attackOnThreads, attackThreads, hiddenParts } from './sdc/attack/threads.ts';
import type { CellModel } from './sdc/model.ts';
import type { Part } from './sdc/parts.ts';
import { DisclosurePool, hiddenCount, poolThreads } from './sdc/parts-threads.ts';
import { buildCellModel } from './sdc/build.ts';
import { PROTECTED_TABLES, rowKey, settleZeroColumns } from './sdc/cells.ts';
import { checkK, isPrimary } from './sdc/primary.ts';
import { toldByConstants } from './sdc/attack/told.ts';
import { cellIndex } from './sdc/tables.ts';

export interface AuditFailure { table: string; key: string; lower: number; upper: number; reason: string }
export interface AuditResult {
  ok: boolean;
  failures: AuditFailure[];
  suppressedCells: number;
  lpSolves: number;
  seconds: number;
  /** the threads the attack ran on (sdc/attack/threads.ts) */
  threads?: number;
  /** with an AuditAhead: the parts attacked, and how many of them while protection still ran */
  parts?: { attacked: number; ahead: number };
  /** independent groups of linked suppressed cells, and the size of the largest */
  components?: number;
  largestComponent?: number;
  /** derived relations the data did not satisfy, left out of the attacker's model (the same as protect's) */
  warnings?: string[];
  /**
   * For every suppressed cell of the published tables, keyed `table|key` (sdc/cells.ts rowKey): the least and
   * greatest whole number of households the attacker's LP allows over every published relation (the exact ends,
   * rounded inwards). What the published files already allow anyone to derive, so publishable.
   */
  intervals?: Map<string, [number, number]>;
}

/**
 * `intervals: false` skips the exact ends (for measuring what they cost); the release always asks for them.
 * `threads`: how many threads the attack runs on (default: sdc/attack/threads.ts attackThreads); the verdict and
 * the intervals are the same on any number.
 */
export interface AuditOptions {
  k: number;
  singletons?: boolean;
  intervals?: boolean;
  threads?: number;
  /** the attacks started while protection ran (AuditAhead): a part attacked there is not attacked again */
  ahead?: AuditAhead;
}

/** The attacker's options of an audit. */
function attackOptions(opts: AuditOptions): AttackOptions {
  return { k: checkK(opts.k), singletons: opts.singletons, intervals: opts.intervals !== false };
}

export async function audit(raw: RawTables, tables: ProtectedTables, opts: AuditOptions): Promise<AuditResult> {
  const k = checkK(opts.k);
  const started = performance.now();
  const model = buildCellModel(raw);
  const index = cellIndex(model);
  const failures: AuditFailure[] = [];
  const suppressed = new Uint8Array(model.cells.length);
  const seen = new Uint8Array(model.cells.length);

  for (const row of tables.poverty) {
    for (const column of ['total_households', 'poor', 'near_poor'] as const) {
      const key = `${row.review_year}/${row.area_code}/${column}`;
      const id = index.get(`poverty|${key}`);
      if (id === undefined) failures.push({ table: 'poverty', key, lower: row[column], upper: row[column], reason: 'published cell not in the data' });
      else if (model.cells[id].value !== row[column]) failures.push({ table: 'poverty', key, lower: row[column], upper: row[column], reason: 'published value differs from the data' });
      else seen[id] = 1;
    }
  }
  // a district count published as 0 (and safe: its complement at least k) tells its communes' counts: settled
  const publishedZero = new Set<number>();
  for (const table of PROTECTED_TABLES) {
    for (const row of tables[table] as unknown as (Geo & { households: number | null })[]) {
      const id = index.get(`${table}|${rowKey(table, row)}`);
      if (id !== undefined && row.households === 0) publishedZero.add(id);
    }
  }
  settleZeroColumns(model, k, (district) => publishedZero.has(district));
  for (const table of PROTECTED_TABLES) {
    for (const row of tables[table] as unknown as (Geo & { households: number | null; status: string; share?: number | null })[]) {
      const key = rowKey(table, row);
      const id = index.get(`${table}|${key}`);
      const published = row.households;
      if (id === undefined) { failures.push({ table, key, lower: NaN, upper: NaN, reason: 'published cell not in the data' }); continue; }
      // a second row of the same cell would be checked as suppressed while the other shows its value
      if (seen[id]) { failures.push({ table, key, lower: NaN, upper: NaN, reason: 'published twice' }); continue; }
      seen[id] = 1;
      const cell = model.cells[id];
      if ((published === null) !== (row.status === 'suppressed') || (published === null && row.share != null)) {
        failures.push({ table, key, lower: NaN, upper: NaN, reason: 'status, households and share disagree' });
      }
      if (published === null) { suppressed[id] = 1; continue; }
      if (published !== cell.value) failures.push({ table, key, lower: published, upper: published, reason: 'published value differs from the data' });
      else if (isPrimary(cell, k)) failures.push({ table, key, lower: published, upper: published, reason: `published count or its complement is under k = ${k}` });
    }
  }
  const published = Uint8Array.from(suppressed); // the suppressed cells that have a row, before the left-out ones join
  for (const cell of model.cells) {
    // a cell left out of the tables is not published; the attacker still knows every relation it is in
    if (!seen[cell.id] && !cell.fixed) suppressed[cell.id] = 1;
  }

  const hidden = hiddenCount(model, suppressed);
  const ahead = opts.ahead?.usedPool;
  const threads = ahead?.threads ?? opts.threads ?? attackThreads(hidden);
  const known = ahead ? await attackKnownParts(model, suppressed, attackOptions(opts), opts.ahead!.attacks, ahead) : undefined;
  const verdict = known ?? await attackOnThreads(model, suppressed, attackOptions(opts), threads);
  // a hidden cell the poverty table (published in full) already narrows below k, whatever else is hidden: no pattern
  // can protect it and its interval tells nothing the constants do not; reported, not a failure of the release
  const told: number[] = [];
  for (const f of verdict.failures) {
    const cell = model.cells[f.cell];
    if (f.reason !== 'singleton' && published[f.cell] && toldByConstants(model, f.cell, k)) { told.push(f.cell); continue; }
    const reason = f.reason === 'singleton'
      ? `a household alone in ${model.cells[f.singleton!].table} ${model.cells[f.singleton!].key} can pin it down`
      : f.reason === 'exact' ? 'exactly determined' : `interval narrower than k = ${k}`;
    failures.push({ table: cell.table, key: cell.key, lower: f.lower, upper: f.upper, reason });
  }
  const intervals = new Map<string, [number, number]>();
  for (const [id, interval] of verdict.intervals ?? []) {
    if (published[id]) intervals.set(`${model.cells[id].table}|${model.cells[id].key}`, interval);
  }
  for (const id of told) {
    const f = verdict.failures.find((x) => x.cell === id)!;
    intervals.set(`${model.cells[id].table}|${model.cells[id].key}`, [f.lower, f.upper]);
  }
  // a hidden cell of a settled column: the published district zero already tells it is 0
  model.cells.forEach((cell) => { if (published[cell.id] && cell.fixed) intervals.set(`${cell.table}|${cell.key}`, [cell.value, cell.value]); });
  return {
    ok: failures.length === 0,
    intervals,
    failures,
    suppressedCells: suppressed.reduce((s, x) => s + x, 0),
    lpSolves: verdict.lpSolves,
    seconds: Math.round(performance.now() - started) / 1000,
    threads,
    ...(known ? { parts: { attacked: known.parts, ahead: known.reused } } : {}),
    components: verdict.components,
    largestComponent: verdict.largestComponent,
    warnings: [
      ...model.warnings,
      ...(told.length === 0 ? [] : [`${told.length} hidden cell${told.length === 1 ? ' is' : 's are'} narrowed below k = ${k} by the poverty table alone (published in full): no suppression can protect ${told.length === 1 ? 'it' : 'them'}, ${told.map((id) => `${model.cells[id].table} ${model.cells[id].key}`).join(', ')}`]),
    ],
  };
}

/**
 * The audit's attacks started while protection still runs: each part protected (sdc/parts.ts) is the final pattern of
 * its cells, so the audit's view of them (its parts, what they hide, the columns a published district zero settles)
 * is known then, and their attack can run on the thread pool protection runs on, in its idle time (two cores
 * protecting seven parts wait on the last ones). The audit itself still reads everything from the published tables
 * and attacks what they hide; a part's attack started here is used only when the audit's part is the very same
 * (sdc/attack/threads.ts attackKey: its cells, relations, suppressed cells and options), so this is a speed-up, never
 * a second verdict: a view that differed would only be attacked again (tests/sdc-parts.test.ts).
 *
 * Measured on the demo at k = 5 (`npm run data`, three interleaved pairs against the commit before, a 2-core host): the
 * protect and audit stages together 34.3–40.0 s (median 35.3) against 37.4–41.9 s (median 38.7), the whole data step
 * 40.0–45.7 s (median 41.9) against 43.0–47.9 s (44.1); protection alone takes 1–2 s longer (its last part shares the
 * cores with attacks), the audit 4–5 s less. Every one of the 8 parts was attacked ahead. Before it, one thread idled
 * through the last part's protection (≈ 7 s) and the audit started its threads anew. Starting the pool's threads
 * beside the input stage (warm), six more interleaved pairs: median 46.7 s against 49.1 s for the data step (pair
 * differences −7.9 to +2.0 s, median −1.2 s), the input stage 0.5–1 s slower for it.
 */
export class AuditAhead {
  /** the attacks started, by attackKey */
  readonly attacks = new Map<string, Promise<AttackResult>>();
  private shared: DisclosurePool | undefined;
  private used = false;

  constructor(private readonly opts: AuditOptions) {}

  /**
   * Starts the pool's threads while earlier stages run (a thread takes ≈ 1 s to load its modules and the solver), with
   * `threads` at most (default: parts-threads.ts poolThreads): protection uses them if it runs on threads, else they
   * are stopped unused.
   */
  warm(threads = poolThreads()): void {
    if (threads <= 1) return;
    this.shared ??= new DisclosurePool(threads);
    this.shared.warm();
  }

  /** The pool protection runs on (the warm one, else started now with `threads` at most), which the audit then uses. */
  pool(threads: number): DisclosurePool {
    this.shared ??= new DisclosurePool(threads);
    this.used = true;
    return this.shared;
  }

  /** The pool, once protection ran on it. */
  get usedPool(): DisclosurePool | undefined {
    return this.used ? this.shared : undefined;
  }

  /**
   * A part of protection is done (sdc/parts.ts, its model as partsOf made it, before any column was settled), with
   * its final pattern (in the part's ids). The audit's parts lie within it (its cells link to no other part's).
   */
  partDone(part: Part, suppressed: Uint8Array): void {
    if (!this.shared || !this.used) return;
    const model: CellModel = { ...part.model, cells: part.model.cells.map((c) => ({ ...c })) };
    // as the audit: a district cell published as zero (shown, its value 0) settles its column
    settleZeroColumns(model, checkK(this.opts.k), (district) => suppressed[district] === 0);
    const options = attackOptions(this.opts);
    for (const p of hiddenParts(model, suppressed)) {
      const key = attackKey(p.part.model, p.suppressed, options);
      if (this.attacks.has(key)) continue;
      const job = { model: p.part.model, suppressed: p.suppressed, options };
      const result = this.shared.run<AttackResult>({ task: 'attack', job }, hiddenCount(job.model, job.suppressed));
      result.catch(() => {}); // awaited by the audit, or dropped when the run stops before it
      this.attacks.set(key, result);
    }
  }

  async close(): Promise<void> {
    await this.shared?.close();
  }
}
