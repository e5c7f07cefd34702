// Command-line options of `npm run pipeline`, normalised once at the boundary.
import { LEGACY_FONTS, type LegacyFont } from './input/legacy-font.ts';

export interface CliOptions {
  input: string | null; // null: the default (data/raw when it holds review files, else data/demo)
  out: string;
  report: string;
  dropInvalid: boolean;
  encoding: 'windows-1258' | undefined;
  legacyFont: LegacyFont | undefined;
  k: number;
  previous: string | null;
  seed: number | null;
}

export const DEFAULTS = { out: 'public/data', report: 'reports/validation.json', k: 5 } as const;
export const MIN_K = 3;

export const USAGE = 'usage: npm run pipeline -- [--input DIR] [--out DIR] [--report FILE] [--drop-invalid] '
  + '[--encoding windows-1258] [--legacy-font tcvn3|vni] [--k N (>= 3, default 5)] [--previous DIR] [--seed N]';

export type Parsed = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'usage-error'; message: string };

const VALUED = new Set(['--input', '--out', '--report', '--encoding', '--legacy-font', '--k', '--previous', '--seed']);

function integer(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number: ${JSON.stringify(text)}`);
  return Number(text);
}

/** --legacy-font's value: one of the fonts whose table data/reference/legacy-fonts.json holds. */
export function legacyFont(value: string): LegacyFont {
  const font = LEGACY_FONTS.find((f) => f === value.toLowerCase());
  if (!font) throw new Error(`unsupported --legacy-font: ${JSON.stringify(value)} (${LEGACY_FONTS.join(' or ')})`);
  return font;
}

export function parseArgs(argv: string[]): Parsed {
  const options: CliOptions = {
    input: null, out: DEFAULTS.out, report: DEFAULTS.report, dropInvalid: false, encoding: undefined, legacyFont: undefined, k: DEFAULTS.k, previous: null, seed: null,
  };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '--help' || arg === '-h') return { kind: 'help' };
      if (arg === '--drop-invalid') { options.dropInvalid = true; continue; }
      const eq = arg.indexOf('=');
      const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
      if (!VALUED.has(flag)) throw new Error(`unknown option: ${JSON.stringify(arg)}`);
      const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
      switch (flag) {
        case '--input': options.input = value; break;
        case '--out': options.out = value; break;
        case '--report': options.report = value; break;
        case '--previous': options.previous = value; break;
        case '--seed': options.seed = integer(flag, value); break;
        case '--encoding':
          if (value.toLowerCase() !== 'windows-1258') throw new Error(`unsupported --encoding: ${JSON.stringify(value)} (only windows-1258)`);
          options.encoding = 'windows-1258';
          break;
        case '--legacy-font': options.legacyFont = legacyFont(value); break;
        case '--k':
          options.k = integer(flag, value);
          // below 3 the threshold rule protects nothing a neighbour could not guess
          if (options.k < MIN_K) throw new Error(`--k must be at least ${MIN_K}: ${value}`);
          break;
      }
    }
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  return { kind: 'run', options };
}
