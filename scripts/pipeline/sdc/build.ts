// RawTables → cell model: every published count of every table and year (cells.ts), and every relation an
// attacker can use (relations.ts), composed here in a fixed order.
import { MONITORED_POPULATIONS, POPULATIONS, type RawTables } from '../../../src/lib/contract.ts';
import { programs as defaultPrograms, type Program } from '../../../src/lib/reference.ts';
import { addCells, areaCells } from './cells.ts';
import { CellModelBuilder, type CellModel } from './model.ts';
import {
  addCommuneSums, addDepthSum, addDimensions, addExitOutcomes, addIntensity, addLabourSplit, addMismatchCells, addMovementIdentity,
  addNeedRule, addNewlyEscaped, addStatusMismatch, addSupportReceived, addSupportRelations, addWhatIf,
} from './relations.ts';

export interface BuildOptions {
  /** support programs and their need rules (data/reference/programs.json by default) */
  programs?: Program[];
}

/**
 * The cell model of a release: every cell first (ids in a fixed order: poverty, then the protected tables),
 * then the relations, family by family, area by area (issue 13's families after the earlier ones, so that the
 * model of a release without the new tables is the one it was). The order of cells and relations is part of the result
 * (the attacker's LP is warm-started and ties break by id), so it must not change.
 */
export function buildCellModel(raw: RawTables, opts: BuildOptions = {}): CellModel {
  const programs = opts.programs ?? defaultPrograms;
  const b = new CellModelBuilder();
  const releases = addCells(b, raw);
  addCommuneSums(b, raw);
  for (const p of raw.poverty) {
    const area = areaCells(b, raw, releases, p);
    for (const pop of POPULATIONS) addLabourSplit(b, area, pop);
    for (const pop of POPULATIONS) {
      addDepthSum(b, area, pop);
      addIntensity(b, area, pop);
    }
    addStatusMismatch(b, area);
    addMovementIdentity(b, area);
    for (const program of programs) {
      addSupportRelations(b, area, program);
      addNeedRule(b, area, program);
    }
    // issue 13's tables and measures
    addMismatchCells(b, area);
    for (const pop of MONITORED_POPULATIONS) addDimensions(b, area, pop);
    addExitOutcomes(b, area);
    addNewlyEscaped(b, area, programs);
    for (const program of programs) addSupportReceived(b, area, program);
    addWhatIf(b, area);
  }
  return b.build();
}
