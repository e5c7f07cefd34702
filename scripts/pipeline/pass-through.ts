// Disclosure control replaced by a pass-through (every cell published as computed, shares computed as the
// real protect does). For benchmarks that isolate the row-dependent stages, and for tests that run the whole
// demo input and care about everything else the pipeline writes: protect and audit only ever see counts,
// never a household's personal values. Never used by the CLI.
import type { MonitoredPopulation, RawTables } from '../../src/lib/contract.ts';
import type { Stages } from './run.ts';
import { deprivationShare } from './sdc/tables.ts';

const NO_INTERVAL = { households_min: null, households_max: null } as const;

export const passThroughStages: Partial<Stages> = {
  protect: (raw: RawTables) => {
    const poverty = new Map(raw.poverty.map((r) => [`${r.review_year}|${r.area_code}`, r]));
    const newlyEscaped = new Map(raw.poverty_groups.filter((g) => g.measure === 'newly_escaped').map((g) => [`${g.review_year}|${g.area_code}`, g.households]));
    const population = (r: { review_year: number; area_code: string; population: MonitoredPopulation }) =>
      r.population === 'newly_escaped' ? newlyEscaped.get(`${r.review_year}|${r.area_code}`) ?? 0 : poverty.get(`${r.review_year}|${r.area_code}`)![r.population];
    const ok = <R extends object>(rows: R[]) => rows.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL }));
    return {
      tables: {
        poverty: raw.poverty,
        poverty_groups: raw.poverty_groups.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL })),
        deprivation: raw.deprivation.map((r) => ({
          ...r, status: 'ok' as const, share: deprivationShare(r.households, population(r)), ...NO_INTERVAL,
        })),
        deprivation_depth: raw.deprivation_depth.map((r) => ({ ...r, status: 'ok' as const, ...NO_INTERVAL })),
        support: ok(raw.support),
        deprivation_dimension: raw.deprivation_dimension.map((r) => ({
          ...r, status: 'ok' as const, share: deprivationShare(r.households, population(r)), ...NO_INTERVAL,
        })),
        support_received: ok(raw.support_received),
        exit_outcomes: ok(raw.exit_outcomes),
        what_if: ok(raw.what_if),
      },
      stats: {},
    };
  },
  audit: async () => ({ ok: true, failures: [], suppressedCells: 0, lpSolves: 0, seconds: 0, intervals: new Map() }),
};
