// Problems found in the input: one shape for every check, one place that formats and masks them.
import { personalColumns } from './columns.ts';

export interface Problem {
  severity: 'error' | 'warning';
  /** path relative to the input folder, '/'-separated */
  file: string;
  line: number | null;
  column: string | null;
  reason: string;
  /** masked ("***") for personal columns */
  value: string | null;
  /** true: no leaving out of rows can repair it (a file that cannot be read, a missing column, a problem in
   *  the denominators): the run is refused even with --drop-invalid. Decided where the problem is found. */
  refuses: boolean;
}

export const MASK = '***';

/** Listing every problem of a 2-million-row file would itself exhaust memory; beyond this many, only a count. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** Two words of letters (a name, an address) or nine or more digits, however grouped (an ID, a phone). */
const LOOKS_PERSONAL = /\p{L}{2,}[\s,.]+\p{L}{2,}|\d(?:[\s.\-/]?\d){8,}/u;

/** The value as it may appear in a message: personal columns (and the household code) never show. */
export function shownValue(column: string | null, value: string | null): string | null {
  if (value === null) return null;
  if (column !== null && personalColumns.has(column)) return MASK;
  // A row shifted by a missing or extra delimiter puts a name or a phone number under another column's
  // header: echo only values that cannot be a personal name, an ID number or a phone number.
  if (LOOKS_PERSONAL.test(value)) return MASK;
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

export function problem(
  severity: Problem['severity'], file: string, line: number | null, column: string | null, reason: string, value: string | null = null,
  refuses = false,
): Problem {
  return { severity, file, line, column, reason, value: shownValue(column, value), refuses: severity === 'error' && refuses };
}

/** `households/11470.csv line 12, column income_per_capita: not a whole number of VND: "1,5 triệu"` */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== null ? `line ${p.line}` : null].filter(Boolean).join(' ');
  const column = p.column !== null ? `, column ${p.column}` : '';
  const value = p.value !== null ? `: ${JSON.stringify(p.value)}` : '';
  return `${where}${column}: ${p.reason}${value}`;
}

/** Collects problems in a stable order and keeps the count of those not listed. */
export class ProblemLog {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  private unlistedErrors = 0;
  private unlistedWarnings = 0;
  /** some error refuses the run, listed or not: the one fact runPipeline obeys (through LoadResult.refused) */
  #refused = false;
  /** files whose every error refuses the run (communes.csv: denominators are never dropped to make a run pass) */
  readonly #refusingFiles = new Set<string>();

  get refused(): boolean {
    return this.#refused;
  }
  /** how many more errors will be listed */
  capacity(): number {
    return Math.max(0, MAX_LISTED_PROBLEMS - this.errors.length);
  }
  /** From now on every error in `file` refuses the run. */
  refuseEveryErrorIn(file: string): void {
    this.#refusingFiles.add(file);
  }
  add(p: Problem): void {
    if (p.severity === 'error' && !p.refuses && this.#refusingFiles.has(p.file)) p = { ...p, refuses: true };
    if (p.refuses) this.#refused = true;
    const list = p.severity === 'error' ? this.errors : this.warnings;
    if (list.length < MAX_LISTED_PROBLEMS) list.push(p);
    else if (p.severity === 'error') this.unlistedErrors++;
    else this.unlistedWarnings++;
  }
  /** An error confined to its row: --drop-invalid may leave the row out. */
  error(file: string, line: number | null, column: string | null, reason: string, value: string | null = null): void {
    this.add(problem('error', file, line, column, reason, value));
  }
  /** Row errors of `file` counted but not listed (beyond MAX_LISTED_PROBLEMS); in a refusing file they refuse. */
  countUnlistedErrors(file: string, n: number): void {
    if (n <= 0) return;
    this.unlistedErrors += n;
    if (this.#refusingFiles.has(file)) this.#refused = true;
  }
  /** An error that no dropping of rows can repair (unreadable file, missing column, no denominators). */
  fatal(file: string, line: number | null, column: string | null, reason: string, value: string | null = null): void {
    this.add(problem('error', file, line, column, reason, value, true));
  }
  warning(file: string, line: number | null, column: string | null, reason: string, value: string | null = null): void {
    this.add(problem('warning', file, line, column, reason, value));
  }
  /** File, then line (file-level problems first): the order a data officer fixes them in. Stable for ties. */
  static byPlace(a: Problem, b: Problem): number {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    return (a.line ?? 0) - (b.line ?? 0);
  }
  /** Appends a closing line saying how many were left out, so a count is never silently lost. */
  finish(): { errors: Problem[]; warnings: Problem[] } {
    const more = (n: number, sev: Problem['severity']) =>
      n > 0 ? [problem(sev, '(all files)', null, null, `${n} more ${sev === 'error' ? 'errors' : 'warnings'} not listed`)] : [];
    return {
      errors: [...[...this.errors].sort(ProblemLog.byPlace), ...more(this.unlistedErrors, 'error')],
      warnings: [...[...this.warnings].sort(ProblemLog.byPlace), ...more(this.unlistedWarnings, 'warning')],
    };
  }
}

/**
 * Problems held back to be added to a log later, in the order they were found: files are opened ahead of being
 * loaded (so that files of one layout are read together, fast.ts), and what opening a file found must still come
 * just before what loading it finds, as when each file was opened and loaded in turn.
 */
export class DeferredLog extends ProblemLog {
  readonly #held: Problem[] = [];
  override add(p: Problem): void {
    this.#held.push(p);
  }
  /** Adds the held problems to `log`, in order. */
  replay(log: ProblemLog): void {
    for (const p of this.#held) log.add(p);
  }
}
