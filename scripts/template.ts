// `npm run template -- --year Y --out FILE.xlsx`: the input template of review year Y (scripts/template-workbook.ts),
// and communes.xlsx beside it. Exit status: 0 written; 2 usage error.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMUNES_FILES } from './pipeline/input/files.ts';
import { communesTemplate, householdsTemplate, templateStandard } from './template-workbook.ts';

export const USAGE = 'usage: npm run template -- --year YEAR --out FILE.xlsx   (writes FILE.xlsx and communes.xlsx beside it)';

export function parseTemplateArgs(argv: string[]): { year: number; out: string } | { error: string } {
  let year: number | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
    if (flag !== '--year' && flag !== '--out') return { error: `unknown option: ${JSON.stringify(arg)}` };
    if (value === undefined || value === '') return { error: `${flag} needs a value` };
    if (flag === '--year') {
      if (!/^\d{4}$/.test(value)) return { error: `--year needs a year: ${JSON.stringify(value)}` };
      year = Number(value);
    } else out = value;
  }
  if (year === null || out === null) return { error: 'both --year and --out are needed' };
  if (!out.toLowerCase().endsWith('.xlsx')) return { error: `--out must name an .xlsx file: ${JSON.stringify(out)}` };
  if ((COMMUNES_FILES as readonly string[]).includes(basename(out).toLowerCase())) return { error: `--out cannot be ${basename(out)}: that name is the communes template's` };
  return { year, out };
}

export async function main(argv: string[], stderr: { write(s: string): unknown }): Promise<number> {
  const parsed = parseTemplateArgs(argv);
  if ('error' in parsed) {
    stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  try {
    templateStandard(parsed.year);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const communes = join(dirname(parsed.out), 'communes.xlsx');
  await mkdir(dirname(parsed.out), { recursive: true });
  await writeFile(parsed.out, await householdsTemplate(parsed.year));
  await writeFile(communes, await communesTemplate(parsed.year));
  stderr.write(`wrote the input template of review year ${parsed.year}: ${parsed.out} (households) and ${communes} `
    + `(put the first in households/ and the second at the root of the input folder)\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2), process.stderr);
}
