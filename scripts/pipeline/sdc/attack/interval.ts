// What an attacker's interval for a suppressed cell means: rounded to whole households, and whether it protects.
import type { FailureReason } from './types.ts';

const EPS = 1e-6;

/** The attacker's interval rounded to whole households (counts are integers). */
export const hull = (lo: number, hi: number): [number, number] => [Math.ceil(lo - EPS) + 0, Math.floor(hi + EPS) + 0]; // + 0: no -0

/**
 * Whether an interval protects a cell: at least k wide, or — for a cell whose total is itself under k, where no
 * pattern can give k — the whole [0, total].
 */
export function isProtected(lo: number, hi: number, total: number, k: number): boolean {
  // (within [0, total] this is: h − l ≥ requiredWidth(total, k))
  const [l, h] = hull(lo, hi);
  return h - l >= k || (total < k && l <= 0 && h >= total);
}

/** The width isProtected asks of a hidden cell's interval: k, or the whole total when that is under k. */
export const requiredWidth = (total: number, k: number): number => Math.min(k, total);

/** An unprotected interval as a failure: 'exact' when it leaves one value, else 'narrow'. */
export function verdict(cell: number, lo: number, hi: number): { cell: number; lower: number; upper: number; reason: FailureReason } {
  const [l, h] = hull(lo, hi);
  return { cell, lower: l, upper: h, reason: h <= l ? 'exact' : 'narrow' };
}
