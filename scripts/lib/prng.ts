// The one seeded PRNG (mulberry32) of the project, and the draws built on it: the demo generator, the synthetic
// benchmark input, the SDC test fixture, the leak test and the attacker's random objectives all draw from it.
// Demo files must be byte-identical for a seed, so nothing here reads the clock or Math.random, and the sequence
// of `next()` must never change.

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** the generator's raw 32-bit output, an integer in [0, 2^32); `next()` is this divided by 2^32 */
  uint32(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** pick with weights (need not sum to 1) */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  shuffle<T>(items: T[]): T[];
  /** standard normal (Box–Muller) */
  normal(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  const rng: Rng = {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items, weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return rng;
}

/**
 * Exactly `count` items chosen without replacement, an item's chance growing with its weight
 * (Efraimidis–Spirakis keys). Used where a figure must be hit exactly but the choice should still follow the
 * household's circumstances (e.g. employment deprivation mostly among households able to work).
 */
export function weightedSample<T>(rng: Rng, items: readonly T[], weight: (item: T) => number, count: number): T[] {
  if (count > items.length) throw new Error(`cannot choose ${count} of ${items.length}`);
  const keyed = items.map((item, index) => ({ item, index, key: Math.log(1 - rng.next()) / Math.max(weight(item), 1e-9) }));
  keyed.sort((a, b) => b.key - a.key || a.index - b.index);
  return keyed.slice(0, count).map((k) => k.item);
}

/** Integer shares of `total` proportional to `weights` (largest remainder, ties by position). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left--;
  }
  return shares;
}
