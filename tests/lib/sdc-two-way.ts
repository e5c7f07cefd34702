// The textbook two-way table with its margins (the ESSnet handbook case), shared by the SDC tests:
//          c1   c2 | total
//   r1      4    5 |  9
//   r2      2    1 |  3
//   total   6    6 | 12
// Cells 0–3 are the inner cells, 4–7 the margins r1, r2, c1, c2; relations row 1, row 2, column 1, column 2.
// All four inner cells suppressed, margins published: a = r1c1 ≥ r1 − c2 = 3, ≥ c1 − r2 = 3, ≤ min(r1, c1) = 6,
// so a ∈ [3, 6]; b = 9 − a ∈ [3, 6]; c = 6 − a ∈ [0, 3]; d = 3 − c ∈ [0, 3].
import { CellModelBuilder, type CellModel } from '../../scripts/pipeline/sdc/model.ts';

export function twoWayTable(): CellModel {
  const b = new CellModelBuilder();
  const [a, bb, c, d] = [['r1c1', 4, 9], ['r1c2', 5, 9], ['r2c1', 2, 3], ['r2c2', 1, 3]].map(([key, value, upper]) =>
    b.add('t', key as string, value as number, upper as number));
  const [r1, r2, c1, c2] = [['r1', 9], ['r2', 3], ['c1', 6], ['c2', 6]].map(([key, value]) => b.add('t', key as string, value as number, 12, { total: true }));
  b.relate('row 1', [[a, 1], [bb, 1], [r1, -1]], '=', 0);
  b.relate('row 2', [[c, 1], [d, 1], [r2, -1]], '=', 0);
  b.relate('column 1', [[a, 1], [c, 1], [c1, -1]], '=', 0);
  b.relate('column 2', [[bb, 1], [d, 1], [c2, -1]], '=', 0);
  return b.build();
}
