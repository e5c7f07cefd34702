import { generateRawTables } from '../../../tests/fixtures/sdc/generate.ts';
import { buildCellModel } from './build.ts';
import { primarySuppression } from './primary.ts';
import { attack } from './attack.ts';
const raw = generateRawTables({ seed: 1, communes: 6, years: 3, pool: 40 });
const model = buildCellModel(raw);
const s = primarySuppression(model, 5);
for (const singletons of [false, true]) {
  const t = performance.now();
  const r = attack(model, s, { k: 5, singletons });
  console.log(singletons, r.lpSolves, r.failures.length, r.largestComponent, ((performance.now() - t) / 1000).toFixed(2), 's');
}
