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
  /** the folder of kept releases; null: the default (releases/, none for the demo input); false: --no-releases */
  releases: string | null | false;
  /** --reset-suppression: protect afresh, ignoring the previous release's hidden cells (the release notes say so) */
  resetSuppression: boolean;
  /** --release-date YYYY-MM-DD: the date the release is published (default: the end of the latest review year) */
  releaseDate: string | null;
}

export const DEFAULTS = { out: 'public/data', report: 'reports/validation.json', k: 5, releases: 'releases' } as const;
export const MIN_K = 3;

export const USAGE = 'usage: npm run pipeline -- [--input DIR] [--out DIR] [--report FILE] [--drop-invalid] '
  + '[--encoding windows-1258] [--legacy-font tcvn3|vni] [--k N (>= 3, default 5)] [--previous DIR] [--seed N] '
  + '[--releases DIR (default releases/) | --no-releases] [--reset-suppression] [--release-date YYYY-MM-DD]';

export type Parsed = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'usage-error'; message: string };

const VALUED = new Set(['--input', '--out', '--report', '--encoding', '--legacy-font', '--k', '--previous', '--seed', '--releases', '--release-date']);

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

function isoDate(flag: string, text: string): string {
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new Error(`${flag} needs a date YYYY-MM-DD: ${JSON.stringify(text)}`);
  }
  return text;
}

export function parseArgs(argv: string[]): Parsed {
  const options: CliOptions = {
    input: null, out: DEFAULTS.out, report: DEFAULTS.report, dropInvalid: false, encoding: undefined, legacyFont: undefined, k: DEFAULTS.k, previous: null, seed: null,
    releases: null, resetSuppression: false, releaseDate: null,
  };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '--help' || arg === '-h') return { kind: 'help' };
      if (arg === '--drop-invalid') { options.dropInvalid = true; continue; }
      if (arg === '--no-releases') { options.releases = false; continue; }
      if (arg === '--reset-suppression') { options.resetSuppression = true; continue; }
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
        case '--releases': options.releases = value; break;
        case '--release-date': options.releaseDate = isoDate(flag, value); break;
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

/**
 * The folder of kept releases: --releases DIR, none with --no-releases, else releases/ — except for the demo input,
 * which is regenerated, never corrected: its runs keep no history (npm start on a fresh clone, or twice, leaves no
 * releases/ behind) unless --releases is given.
 */
export function releasesFolder(options: Pick<CliOptions, 'releases'>, demo: boolean): string | null {
  if (options.releases === false) return null;
  return options.releases ?? (demo ? null : DEFAULTS.releases);
}
