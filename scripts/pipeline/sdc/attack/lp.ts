// The attacker's rows as an LP (every relation holding a variable, published cells moved to the bounds as
// constants), and a quiet HiGHS model over them: what the singleton check of the poverty table alone
// (attack/singleton.ts pinnedRegardless) solves. The local attack (attack/local.ts) builds its LPs row by row.
import type { Model, NumberInput } from 'highs';
import type { CellModel } from '../model.ts';
import { highs } from '../solver.ts';

export const OPTIMAL = 7;

export interface AttackerRows {
  starts: number[]; indices: number[]; values: number[]; rowLower: number[]; rowUpper: number[];
}

/**
 * The relations as the attacker sees them, in CSR form: cells mapped to a variable stay unknown (coefficient
 * in the row), every other cell is published and moves to the row's bound as a constant.
 */
export function attackerRows(model: CellModel, rowIds: number[], variable: (cell: number) => number | undefined): AttackerRows {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const ri of rowIds) {
    const r = model.relations[ri];
    let constant = 0;
    r.cells.forEach((c, j) => {
      const i = variable(c);
      if (i !== undefined) { indices.push(i); values.push(r.coefs[j]); } else constant += r.coefs[j] * model.cells[c].value;
    });
    starts.push(indices.length);
    const rhs = r.rhs - constant;
    rowLower.push(r.sense === '<=' ? -Infinity : rhs);
    rowUpper.push(r.sense === '>=' ? Infinity : rhs);
  }
  return { starts, indices, values, rowLower, rowUpper };
}

/** An LP over `n` columns with bounds [colLower, colUpper] and the given rows, zero cost, quiet. */
export function createLp(rows: AttackerRows, n: number, colLower: NumberInput, colUpper: NumberInput): Model {
  const { starts, indices, values, rowLower, rowUpper } = rows;
  const numRows = rowLower.length;
  const lp = highs.createModel({
    numCols: n, numRows, colCost: new Float64Array(n), colLower, colUpper,
    rowLower, rowUpper, matrix: { format: 'csr', numRows, numCols: n, starts, indices, values },
  });
  lp.options.set('output_flag', false);
  return lp;
}
