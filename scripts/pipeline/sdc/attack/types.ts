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
export interface AttackMemo { proven: Uint8Array; pairs: Set<number> }
