// Synthetic review files for Thủy Nguyên in the real input layout (docs/input-format.md): review years
// 2021–2024 on the 37 communes of 2019–2024, 2025 and 2026 on the 8 units of 2025-07 (src/lib/geography.ts).
// Review year 2022 reproduces the directive's district figures exactly; the other years are illustrative.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRng } from '../lib/prng.ts';
import { buildCommunes, FIRST_YEARS, REVIEW_YEARS, type Commune, type NewUnit, type ReviewYear } from './geography.ts';
import { buildRoster, type Household } from './roster.ts';
import { buildRecords, type DemoRecords, type HouseholdRecord, type MismatchKind } from './records.ts';
import { buildNewPeriod, type UnitLinkage } from './reorganisation.ts';
import { communesCsv, householdFiles, newUnitFiles, type DemoFile } from './files.ts';
import { demoNote } from './note.ts';
import { continueSupport, topUpMismatches } from './monitoring.ts';

export const DEFAULT_SEED = 2023;
/** The file whose presence marks an input folder as demo data (the pipeline records it in datapackage.json). */
export const DEMO_MARKER = 'DEMO.md';

export interface DemoYearSummary {
  review_year: ReviewYear;
  total_households: number;
  assessed: number;
  poor: number;
  near_poor: number;
  poor_no_labour: number;
  poor_with_labour: number;
  status_mismatches: number;
  /** communes (units) with 1–4 recognised poor households: the cells disclosure control must protect */
  communes_with_few_poor: { commune_code: string; poor: number }[];
}

/** The demo's households, before they are written: the 2021–2024 stream and, after it, the 2025–2026 one. */
export interface Demo {
  communes: Commune[];
  units: NewUnit[];
  roster: Household[];
  /** every record, 2021–2026 */
  records: HouseholdRecord[];
  mismatches: DemoRecords['mismatches'];
  linkage: UnitLinkage[];
}

/**
 * The seed of the stream review years 2025 and 2026 draw from: derived from the seed alone, so 2021–2024 draw
 * exactly what they drew before those years existed (their files are the same bytes).
 */
export const newPeriodSeed = (seed: number): number => createRng((seed ^ 0x20252026) >>> 0).uint32();

export function buildDemo(seed: number): Demo {
  const rng = createRng(seed);
  const communes = buildCommunes(rng);
  const roster = buildRoster(rng, communes);
  const first = buildRecords(rng, roster);
  const next = buildNewPeriod(createRng(newPeriodSeed(seed)), communes, roster, first);
  // the monitoring views' needs, last and from streams of their own (monitoring.ts): nothing above changes
  const records = [...first.records, ...next.records];
  continueSupport(seed, first.recordsOf);
  const topUp = topUpMismatches(seed, records);
  return {
    communes, units: next.units, roster, records,
    mismatches: [...first.mismatches, ...next.mismatches, ...topUp], linkage: next.linkage,
  };
}

export interface DemoSummary {
  out: string;
  seed: number;
  files: string[];
  years: DemoYearSummary[];
  mismatches: { review_year: ReviewYear; commune_code: string; household_id: string; kind: MismatchKind }[];
  /** per unit of 2025-07: how its 2025 households could be linked to review 2024 without previous references */
  linkage: UnitLinkage[];
}

export interface DemoOptions { out: string; seed?: number }

export async function writeDemoData({ out, seed = DEFAULT_SEED }: DemoOptions): Promise<DemoSummary> {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`invalid seed: ${seed}`);
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, DEMO_MARKER))) {
    // never overwrite a folder that might hold real review files
    throw new Error(`refusing to overwrite ${out}: it is not empty and has no ${DEMO_MARKER}`);
  }

  const { communes, units, records, mismatches, linkage } = buildDemo(seed);
  const first: readonly number[] = FIRST_YEARS;

  const years: DemoYearSummary[] = REVIEW_YEARS.map((year) => {
    const ofYear = records.filter((r) => r.review_year === year);
    const poor = ofYear.filter((r) => r.recorded_status === 'poor');
    const places = first.includes(year)
      ? communes.map((c) => ({ code: c.code, total: c.totals[year as keyof Commune['totals']] }))
      : units.map((u) => ({ code: u.code, total: u.totals[year as keyof NewUnit['totals']] }));
    const poorByCommune = places.map((c) => ({ commune_code: c.code, poor: poor.filter((r) => r.commune_code === c.code).length }));
    return {
      review_year: year,
      total_households: places.reduce((s, c) => s + c.total, 0),
      assessed: ofYear.length,
      poor: poor.length,
      near_poor: ofYear.filter((r) => r.recorded_status === 'near_poor').length,
      poor_no_labour: poor.filter((r) => !r.labour_capacity).length,
      poor_with_labour: poor.filter((r) => r.labour_capacity).length,
      status_mismatches: mismatches.filter((m) => m.review_year === year).length,
      communes_with_few_poor: poorByCommune.filter((c) => c.poor >= 1 && c.poor <= 4),
    };
  });

  const files: DemoFile[] = [
    communesCsv(communes, units),
    ...(await householdFiles(communes, records)),
    ...(await newUnitFiles(units, records)),
    { path: DEMO_MARKER, contents: Buffer.from(demoNote(seed, years, mismatches, units, linkage), 'utf8') },
  ];

  // write beside the target, then swap, so a failed run never leaves a half-written input folder
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  for (const f of files) {
    const path = join(staging, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  renameSync(staging, target);

  return { out: target, seed, files: files.map((f) => f.path).sort(), years, mismatches, linkage };
}
