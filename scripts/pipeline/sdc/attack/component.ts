// One component of the attacker's problem: its suppressed cells as LP columns, with what the attack needs
// to know of each (total, true value) and what earlier attacks proved (the memo).
import type { CellModel } from '../model.ts';
import type { AttackMemo } from './types.ts';

export interface Component {
  model: CellModel;
  suppressed: Uint8Array;
  /** the component's cells (ids in the model), sorted; column i of its LP is cells[i] */
  cells: number[];
  /** cell id → column */
  local: Map<number, number>;
  /** per column: the published total the cell lies within */
  upper: number[];
  /** per column: the true value */
  truth: Float64Array;
  /** for each cell of the model, the relations holding it */
  byCell: number[][];
  k: number;
  memo: AttackMemo;
}

export function component(model: CellModel, suppressed: Uint8Array, cells: number[], byCell: number[][], k: number, memo: AttackMemo): Component {
  return {
    model, suppressed, cells, byCell, k, memo,
    local: new Map<number, number>(cells.map((c, i) => [c, i])),
    upper: cells.map((c) => model.cells[c].upper),
    truth: Float64Array.from(cells, (c) => model.cells[c].value),
  };
}

/** The relations holding any of the component's cells, ascending: the rows of its LP. */
export function rowsOf(comp: Component): number[] {
  return [...new Set(comp.cells.flatMap((c) => comp.byCell[c]))].sort((a, b) => a - b);
}
