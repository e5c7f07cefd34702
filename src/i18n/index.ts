// The strings of one locale: `const s = strings(locale)`, then `s.pages.…` / `s.charts.…`.
import type { Locale } from '../lib/format';
import { vi, type Strings } from './vi';
import { en } from './en';

export type { Strings } from './vi';

const byLocale: Record<Locale, Strings> = { vi, en };

export function strings(locale: Locale): Strings {
  return byLocale[locale];
}
