// Measures suppression and the audit on a seeded, realistic fixture (default: 37 communes × 4 years, the size of
// the demo), at k = 5 and k = 10: npm run bench:sdc [-- ks communes years pool seed], e.g. `-- 5,10 37 4 200 1`.
// Rounds and LP solves are deterministic; seconds depend on the machine's load.
import { generateRawTables } from '../../support/sdc-fixture.ts';
import { audit } from '../pipeline/audit.ts';
import { formatStats, protect } from '../pipeline/protect.ts';

const [ksArg = '5,10', ...rest] = process.argv.slice(2);
const [communes = 37, years = 4, pool = 200, seed = 1] = rest.map(Number);
const verbose = process.env.SDC_VERBOSE === '1';
const raw = generateRawTables({ seed, communes, years, pool });
const cells = raw.poverty_groups.length + raw.deprivation.length + raw.deprivation_depth.length + raw.support.length;
console.log(`fixture: ${communes} communes × ${years} years (pool ${pool}, seed ${seed}), ${cells} protected cells`);
for (const k of ksArg.split(',').map(Number)) {
  console.log(`\nk = ${k}`);
  const { tables, stats, report, warnings } = protect(raw, { k, log: verbose ? (l) => console.error(l) : undefined });
  for (const line of formatStats(stats)) console.log(`  ${line}`);
  console.log(`  protect: ${report.rounds} rounds, ${report.lpSolves} LP solves, ${report.seconds} s, ${report.unresolved.length} unresolved, ${report.warnings.length} relations left out`);
  for (const w of warnings) console.log(`  warning: ${w}`);
  const result = await audit(raw, tables, { k });
  console.log(`  audit: ${result.ok ? 'passed' : 'FAILED'}, ${result.suppressedCells} suppressed, ${result.components} components (largest ${result.largestComponent}), ${result.lpSolves} LP solves, ${result.seconds} s`);
  for (const f of result.failures.slice(0, 10)) console.log(`    ${f.table} ${f.key}: [${f.lower}, ${f.upper}] ${f.reason}`);
  console.log(`  total: ${Math.round((report.seconds + result.seconds) * 10) / 10} s`);
}
