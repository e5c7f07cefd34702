// The one rounding of a rate or share in percent, used by the pipeline (published `*_rate`, `share`), the
// disclosure stage and the pages alike, so that a figure is rounded the same way wherever it is computed.

/**
 * `part` of `whole` in percent, 2 decimals, half away from zero, in exact integer arithmetic (floating-point
 * ROUND would turn 1.005 into 1.00). Counts are far below 2^53 / 20000. A whole of 0 gives 0.
 */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part * 20000 + whole) / (2 * whole)) / 100;
}
