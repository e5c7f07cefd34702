// Synthetic review files for Thủy Nguyên in the real input layout (docs/input-format.md).
// Review year 2022 reproduces the directive's district figures exactly; the other years are illustrative.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRng } from '../lib/prng.ts';
import { buildCommunes, REVIEW_YEARS, type ReviewYear } from './geography.ts';
import { buildRoster } from './roster.ts';
import { buildRecords, type MismatchKind } from './records.ts';
import { communesCsv, householdFiles, type DemoFile } from './files.ts';
import { demoNote } from './note.ts';

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
  /** communes with 1–4 recognised poor households: the cells disclosure control must protect */
  communes_with_few_poor: { commune_code: string; poor: number }[];
}

export interface DemoSummary {
  out: string;
  seed: number;
  files: string[];
  years: DemoYearSummary[];
  mismatches: { review_year: ReviewYear; commune_code: string; household_id: string; kind: MismatchKind }[];
}

export interface DemoOptions { out: string; seed?: number }

export async function writeDemoData({ out, seed = DEFAULT_SEED }: DemoOptions): Promise<DemoSummary> {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`invalid seed: ${seed}`);
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, DEMO_MARKER))) {
    // never overwrite a folder that might hold real review files
    throw new Error(`refusing to overwrite ${out}: it is not empty and has no ${DEMO_MARKER}`);
  }

  const rng = createRng(seed);
  const communes = buildCommunes(rng);
  const roster = buildRoster(rng, communes);
  const { records, mismatches } = buildRecords(rng, roster);

  const years: DemoYearSummary[] = REVIEW_YEARS.map((year) => {
    const ofYear = records.filter((r) => r.review_year === year);
    const poor = ofYear.filter((r) => r.recorded_status === 'poor');
    const poorByCommune = communes.map((c) => ({ commune_code: c.code, poor: poor.filter((r) => r.commune_code === c.code).length }));
    return {
      review_year: year,
      total_households: communes.reduce((s, c) => s + c.totals[year], 0),
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
    communesCsv(communes),
    ...(await householdFiles(communes, records)),
    { path: DEMO_MARKER, contents: Buffer.from(demoNote(seed, years, mismatches), 'utf8') },
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

  return { out: target, seed, files: files.map((f) => f.path).sort(), years, mismatches };
}
