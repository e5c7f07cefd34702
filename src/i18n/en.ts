// Every English string of the site: the same shape as vi.ts, which is the source language.
import type { Strings } from './vi';

export const en: Strings = {
  /** chart titles, summaries, axis labels and table headings (src/lib/charts) */
  charts: {
  },

  /** pages, layouts and components (src/components, src/layouts) */
  pages: {
  },
};
