// The generic cell model of disclosure control: every published count is a cell, every fact an attacker
// can combine is a linear relation between cells. Suppression and the audit work on this model only, so
// they can be tested on hand-built tables as well as on the pipeline's RawTables.

export type Sense = '=' | '<=' | '>=';

export interface Cell {
  id: number;
  /** published table the cell belongs to */
  table: string;
  /** stable, human-readable key inside the table (no true value in it) */
  key: string;
  /** true count */
  value: number;
  /** the published total the cell lies within: the attacker knows 0 ≤ x ≤ upper */
  upper: number;
  /** published and never suppressed (the `poverty` table: public acts) */
  fixed: boolean;
  /** a total (district row): suppressing it costs more than a commune cell */
  total: boolean;
  /**
   * the true count of a protected cell this one is part of (a newly_escaped population's count, an exit cohort's
   * escaped), when that is tighter than `upper`: the complement rule applies to it too ("all but two of the newly
   * escaped households lack X"). Never an attacker's bound (the cell may be hidden): relations carry that.
   */
  within?: number;
}

export interface Relation {
  /** what the relation says, for messages */
  name: string;
  cells: number[];
  coefs: number[];
  sense: Sense;
  rhs: number;
}

export interface CellModel {
  cells: Cell[];
  relations: Relation[];
  /** relations that did not hold in the data and were left out (only optional, derived ones) */
  warnings: string[];
  /** each district cell with the commune cells that sum to it (same table, year and key) */
  columns: { district: number; communes: number[] }[];
}

export class CellModelBuilder {
  readonly cells: Cell[] = [];
  readonly relations: Relation[] = [];
  readonly warnings: string[] = [];
  readonly columns: { district: number; communes: number[] }[] = [];
  private readonly byKey = new Map<string, number>();

  add(table: string, key: string, value: number, upper: number, opts: { fixed?: boolean; total?: boolean; within?: number } = {}): number {
    const full = `${table}|${key}`;
    if (this.byKey.has(full)) throw new Error(`duplicate cell: ${full}`);
    if (!Number.isInteger(value) || value < 0) throw new Error(`cell count must be a non-negative integer: ${full} = ${value}`);
    const id = this.cells.length;
    // an upper bound below the true value would make the attacker's model infeasible; keep the truth reachable
    this.cells.push({
      id, table, key, value, upper: Math.max(upper, value), fixed: opts.fixed ?? false, total: opts.total ?? false,
      ...(opts.within === undefined ? {} : { within: opts.within }),
    });
    this.byKey.set(full, id);
    return id;
  }

  find(table: string, key: string): number | undefined {
    return this.byKey.get(`${table}|${key}`);
  }

  /**
   * Adds Σ coef·cell (sense) rhs. A mandatory relation that the true values break is a bug upstream (the
   * audit would prove nothing), so it throws; an optional one is a derived fact and is left out with a warning.
   */
  relate(name: string, terms: [number, number][], sense: Sense, rhs: number, optional = false): void {
    const merged = new Map<number, number>();
    for (const [cell, coef] of terms) merged.set(cell, (merged.get(cell) ?? 0) + coef);
    const cells: number[] = [];
    const coefs: number[] = [];
    for (const [cell, coef] of [...merged].sort((a, b) => a[0] - b[0])) {
      if (coef !== 0) { cells.push(cell); coefs.push(coef); }
    }
    if (cells.length === 0) return;
    const lhs = cells.reduce((s, c, i) => s + coefs[i] * this.cells[c].value, 0);
    const holds = sense === '=' ? lhs === rhs : sense === '<=' ? lhs <= rhs : lhs >= rhs;
    if (!holds) {
      // no values in the message: they may be small counts of a protected table
      const message = `relation does not hold in the data: ${name}`;
      if (!optional) throw new Error(message);
      this.warnings.push(message);
      return;
    }
    this.relations.push({ name, cells, coefs, sense, rhs });
  }

  build(): CellModel {
    return { cells: this.cells, relations: this.relations, warnings: this.warnings, columns: this.columns };
  }
}

/** For each cell, the relations it appears in. */
export function relationsByCell(model: CellModel): number[][] {
  const out: number[][] = model.cells.map(() => []);
  model.relations.forEach((r, ri) => { for (const c of r.cells) out[c].push(ri); });
  return out;
}
