// Disclosure control replaced by a pass-through (every cell published as computed, shares computed as the
// real protect does). For benchmarks that isolate the row-dependent stages, and for tests that run the whole
// demo input and care about everything else the pipeline writes: protect and audit only ever see counts,
// never a household's personal values. Never used by the CLI.
import type { RawTables } from '../../src/lib/contract.ts';
import type { Stages } from './run.ts';
import { deprivationShare } from './sdc/tables.ts';

const NO_INTERVAL = { households_min: null, households_max: null } as const;

export const passThroughStages: Partial<Stages> = {
  protect: (raw: RawTables) => {
    const poverty = new Map(raw.poverty.map((r) => [`${r.review_year}|${r.area_code}`, r]));
    const population = (r: { review_year: number; area_code: string; population: 'poor' | 'near_poor' }) =>
      poverty.get(`${r.review_year}|${r.area_code}`)![r.population];
    return {
      tables: {
        poverty: raw.poverty,
        poverty_groups: raw.poverty_groups.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL })),
        deprivation: raw.deprivation.map((r) => ({
          ...r, status: 'ok' as const, share: deprivationShare(r.households, population(r)), ...NO_INTERVAL,
        })),
        deprivation_depth: raw.deprivation_depth.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL })),
        support: raw.support.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL })),
      },
      stats: {},
    };
  },
  audit: async () => ({ ok: true, failures: [], suppressedCells: 0, lpSolves: 0, seconds: 0, intervals: new Map() }),
};
