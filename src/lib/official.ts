// The shares the district's 2023 letter prints beside its counts, checked against the counts it prints.
// The letter's figure is the official one and is shown as printed; where the printed counts give another
// share at the printed precision (706 / 1,118 = 63.148…%, printed 63.14%), the page says so beside it.
import { officialFigures } from './reference';

export interface PrintedShare {
  figure: string;
  /** the count the letter prints, and the poor households it is a share of */
  households: number;
  poor: number;
  /** the share as printed (percent) and its number of decimals */
  printed: number;
  decimals: number;
  /** households / poor at the printed precision, rounded half away from zero */
  recomputed: number;
  differs: boolean;
}

/** Decimals of a printed number: 63.14 → 2, 43.6 → 1, 28 → 0. */
export function decimalsOf(printed: number): number {
  const s = String(printed);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** part / whole as a percent with `decimals` decimals, rounded half away from zero in exact integer arithmetic. */
export function percentAt(part: number, whole: number, decimals: number): number {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0) throw new Error(`invalid share: ${part} / ${whole}`);
  const scale = 10n ** BigInt(decimals);
  const scaled = (2n * BigInt(part) * 100n * scale + BigInt(whole)) / (2n * BigInt(whole));
  return Number(scaled) / Number(scale);
}

/** Every share the letter prints, with the share its own counts give. */
export function printedShares(figures = officialFigures): PrintedShare[] {
  const poor = figures.figures.find((f) => f.figure === 'poor');
  if (!poor) throw new Error('official figures without poor');
  return Object.entries(figures.shares_printed).map(([figure, printed]) => {
    const f = figures.figures.find((x) => x.figure === figure);
    if (!f) throw new Error(`printed share of an unknown figure: ${figure}`);
    const decimals = decimalsOf(printed);
    const recomputed = percentAt(f.value, poor.value, decimals);
    return { figure, households: f.value, poor: poor.value, printed, decimals, recomputed, differs: recomputed !== printed };
  });
}
