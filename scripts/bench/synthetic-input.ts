// Synthetic review input for the benchmarks: valid rows in the contract's canonical format (personal columns
// included, as real files have them), one file per review year, household codes stable across years (a
// sliding window: some leave, some join, most are reviewed again). Written once per size and reused.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programs, standards } from '../../src/lib/reference.ts';
import { geographyCodes } from '../pipeline/input/crossrow.ts';
import { createRng } from '../lib/prng.ts';

export const INPUT_ROOT = join(tmpdir(), 'poverty-bench-input-v2');
export const YEARS = [2021, 2022, 2023, 2024];
export const INDICATORS = standards[0].indicators.map((i) => i.code);
const URBAN = new Set(['11470', '11473']); // the two towns

export async function generateInput(rows: number): Promise<string> {
  const dir = join(INPUT_ROOT, String(rows));
  if (existsSync(join(dir, 'READY'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'households'), { recursive: true });
  const communes = await geographyCodes();
  const perCommuneYear = Math.ceil(rows / (YEARS.length * communes.length));
  const communesCsv = ['review_year,commune_code,total_households'];
  for (const y of YEARS) for (const c of communes) communesCsv.push(`${y},${c},${Math.ceil(perCommuneYear * 1.1)}`);
  await writeFile(join(dir, 'communes.csv'), `${communesCsv.join('\n')}\n`);
  const header = ['review_year', 'commune_code', 'household_id', 'head_name', 'national_id', 'phone', 'address', 'village', 'members', 'area',
    'income_per_capita', 'labour_capacity', ...INDICATORS.map((c) => `d_${c}`), 'recorded_status', ...programs.map((p) => `support_${p.code}`)].join(',');
  const random = createRng(20240901).next;
  let written = 0;
  for (const y of YEARS) {
    const out = createWriteStream(join(dir, 'households', `${y}.csv`));
    out.write(`${header}\n`);
    let chunk: string[] = [];
    for (const c of communes) {
      const urban = URBAN.has(c);
      const line = urban ? 2_000_000 : 1_500_000;
      const offset = (y - YEARS[0]) * Math.floor(perCommuneYear * 0.05);
      for (let i = 0; i < perCommuneYear && written < rows; i++, written++) {
        const h = offset + i;
        const income = random() < 0.06 ? Math.floor(line * (0.5 + random() * 0.5)) : Math.floor(line * (1.1 + random() * 3));
        const deprived = INDICATORS.map(() => (random() < (income <= line ? 0.3 : 0.05) ? '1' : '0'));
        const count = deprived.filter((d) => d === '1').length;
        const rule = income > line ? 'not_poor' : count >= 3 ? 'poor' : 'near_poor';
        const status = random() < 0.01 ? 'near_poor' : rule; // a few recorded results disagree with the rule
        const nid = String(1e11 + Math.floor(random() * 8.9e11));
        chunk.push([y, c, `H${h}`, `Nguyễn Văn ${h}`, nid, `09${String(h).padStart(8, '0')}`, `Số ${h % 300}`, `Thôn ${h % 12}`,
          1 + Math.floor(random() * 6), urban ? 'urban' : 'rural', income, random() < 0.6 ? '1' : '0', ...deprived, status,
          ...programs.map(() => (random() < 0.2 ? '1' : '0'))].join(','));
        if (chunk.length === 10_000) {
          if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
          chunk = [];
        }
      }
    }
    out.write(chunk.length ? `${chunk.join('\n')}\n` : '');
    await new Promise<void>((r) => out.end(() => r()));
  }
  await writeFile(join(dir, 'READY'), `${written}\n`);
  return dir;
}
