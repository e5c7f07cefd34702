// The Atom feed of releases for one locale (src/pages/data/releases.atom.ts and its English twin).
import { formatDate, type Locale } from './format';
import { assetHref, localeHref } from './i18n';
import { strings } from '../i18n';
import { publisher } from './site-config';
import { atomFeed, releaseFolder, releaseNotes, yearsText } from './releases';
import { getHistory } from './releases-site';

export function releasesFeed(locale: Locale, site: URL | undefined): string {
  const r = strings(locale).releases;
  const absolute = (path: string) => new URL(path, site ?? 'http://127.0.0.1:4321').href;
  return atomFeed(getHistory(), {
    title: r.feedTitle,
    subtitle: r.feedSubtitle,
    author: publisher(locale),
    entryTitle: (release) => `${r.release(release.sequence)} · ${formatDate(release.date, locale)}${release.review_years.length ? ` · ${r.reviewYears(yearsText(release.review_years))}` : ''}`,
    entrySummary: (release) => releaseNotes(release, locale).join(' '),
  }, {
    self: absolute(localeHref(locale, 'data/releases.atom')),
    page: absolute(localeHref(locale, 'data/')),
    datapackage: (release) => absolute(assetHref(`${releaseFolder(release)}datapackage.json`)),
    lang: locale,
  });
}
