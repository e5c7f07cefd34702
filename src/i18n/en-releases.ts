// English strings of the release history (same shape as vi-releases.ts).
import type { viReleases } from './vi-releases';

export const enReleases: typeof viReleases = {
  heading: 'Releases',
  lead: 'Each time the figures are published again (a correction, a new review year) is a new release. Earlier releases stay downloadable, with the list of the values that changed. A cell hidden to protect households in one release stays hidden in later ones, so that nobody can work it out by comparing two releases.',
  feed: 'Follow new releases (Atom feed)',
  feedLinkTitle: 'Data releases (Atom)',
  feedTitle: 'Poverty review transparency — data releases',
  feedSubtitle: 'Poor and near-poor household review figures: every release and what changed since the one before.',
  release: (n: number) => `Release ${n}`,
  current: 'the one this site shows',
  date: (date: string) => `published ${date}`,
  reviewYears: (years: string) => `review years ${years}`,
  first: 'The first release.',
  noChangeList: 'This release has no change list.',
  nothingChanged: 'No value changed since the release before.',
  changed: {
    corrected: (n: string) => `${n} value${n === '1' ? '' : 's'} corrected`,
    added: (n: string) => `${n} row${n === '1' ? '' : 's'} added`,
    hidden: (n: string) => `${n} more cell${n === '1' ? '' : 's'} hidden`,
    shown: (n: string) => `${n} formerly hidden cell${n === '1' ? '' : 's'} shown again`,
    removed: (n: string) => `${n} row${n === '1' ? '' : 's'} removed`,
  },
  changedSentence: (parts: string[], years: string | null) => `Since the release before: ${parts.join(', ')}${years ? ` (review years ${years})` : ''}.`,
  reset: 'This release starts the hiding of cells afresh (--reset-suppression, used when the protection method changes): cells hidden in the release before were not kept hidden.',
  changesCsv: 'change list (CSV)',
  changesJson: 'JSON',
  files: 'Files of this release',
  revisedMark: (n: number) => `revised in release ${n}`,
  revisedTitle: (n: number, date: string, old: string) => `This figure was revised in release ${n} (${date}); it was ${old} before.`,
  revisedArea: (v: { release: number; date: string; values: string; area: string; year: number }) =>
    `Release ${v.release} (${v.date}) corrected ${v.values} published value${v.values === '1' ? '' : 's'} of ${v.area} for review year ${v.year}.`,
  revisedLink: 'See what changed',
};
