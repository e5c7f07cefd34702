// Every Vietnamese string of the site, in one file a translator can read top to bottom. English is in
// en.ts with the same shape (the type checker refuses a missing or extra key). Strings that embed figures
// are functions of already-formatted values: the wording, including word order, belongs to the language.

export const vi = {
  /** chart titles, summaries, axis labels and table headings (src/lib/charts) */
  charts: {
  },

  /** pages, layouts and components (src/components, src/layouts) */
  pages: {
  },
};

export type Strings = typeof vi;
