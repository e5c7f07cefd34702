// Measures suppression and the audit on a seeded, realistic fixture: npx tsx scripts/pipeline/sdc/bench.ts [k] [communes] [years] [pool] [seed]
import { generateRawTables } from '../../../tests/fixtures/sdc/generate.ts';
import { audit } from '../audit.ts';
import { formatStats, protect } from '../protect.ts';

const [k = 5, communes = 37, years = 4, pool = 200, seed = 1] = process.argv.slice(2).map(Number);
const raw = generateRawTables({ seed, communes, years, pool });
const cells = raw.poverty_groups.length + raw.deprivation.length + raw.deprivation_depth.length + raw.support.length;
console.error(`fixture: ${communes} communes × ${years} years, ${cells} protected cells, k = ${k}`);
const { tables, stats, report } = protect(raw, { k, log: (l) => console.error(l) });
for (const line of formatStats(stats)) console.error(line);
console.error(`protect: ${report.rounds} rounds, ${report.lpSolves} LP solves, ${report.seconds} s, ${report.unresolved.length} unresolved, ${report.warnings.length} warnings`);
for (const w of report.warnings.slice(0, 5)) console.error(`  ${w}`);
const result = await audit(raw, tables, { k });
console.error(`audit: ${result.ok ? 'passed' : 'FAILED'}, ${result.suppressedCells} suppressed, ${result.components} components (largest ${result.largestComponent}), ${result.lpSolves} LP solves, ${result.seconds} s`);
for (const f of result.failures.slice(0, 10)) console.error(`  ${f.table} ${f.key}: [${f.lower}, ${f.upper}] ${f.reason}`);
