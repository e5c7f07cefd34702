// The attack's vocabulary, shared by its parts.

export type FailureReason = 'exact' | 'narrow' | 'singleton';
export interface AttackFailure {
  cell: number;
  /** the attacker's interval (integer hull of the LP interval) */
  lower: number;
  upper: number;
  reason: FailureReason;
  /** for 'singleton': the cell a household knows to be itself alone */
  singleton?: number;
  /**
   * The relations whose combination proves the narrow interval (non-zero duals of the attacker's two LPs):
   * publishing one cell fewer in any of them breaks that proof. For choosing secondary cells, not for messages.
   */
  binding?: number[][];
}

/** Cells proven protected, and (singleton, target) pairs proven not pinned, under a smaller pattern. */
export interface AttackMemo {
  proven: Uint8Array;
  pairs: Set<number>;
  /** targets of a pair settled because the published poverty table alone pins it (no pattern can help) */
  excused: Set<number>;
  /**
   * What protection by blocks proved (sdc/blocks.ts): each cell's block (−1: in none, a district cell), the cells
   * whose interval their block's attacker proved wide, and those of them it also proved against every singleton of the
   * block (no pair failed, none excused as pinned by the poverty table alone: an excuse in a block, where every other
   * cell is known, is none in the whole). That attacker knew every cell outside the block at its truth, a singleton's
   * included: a proven cell is settled with every singleton outside its block.
   */
  blocks?: { of: Int32Array; proven: Uint8Array; singletons: Uint8Array };
}

/** Whether the pair (singleton s, target t) is settled by what the blocks proved (AttackMemo.blocks). */
export function settledByBlocks(memo: AttackMemo, s: number, t: number): boolean {
  const b = memo.blocks;
  return b !== undefined && b.proven[t] === 1 && (b.of[s] !== b.of[t] || b.singletons[t] === 1);
}
