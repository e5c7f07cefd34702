// Settings of a deployment that are not data. Like BASE_PATH and SITE_URL (astro.config.mjs), they come from
// the environment at build time, with defaults that fit the demo.
import type { Locale } from './format';
import { strings } from '../i18n';

/**
 * Who publishes the site: the author of its citation and the footer's "published by". SITE_PUBLISHER names
 * it (SITE_PUBLISHER_EN in English, else the same); by default the project's own name. Never a body whose
 * results the site only reuses: the review results are the communes', and the district that wrote the 2023
 * letter no longer exists.
 */
export function publisher(locale: Locale, env: Record<string, string | undefined> = process.env): string {
  const configured = locale === 'en' ? env.SITE_PUBLISHER_EN ?? env.SITE_PUBLISHER : env.SITE_PUBLISHER;
  return configured?.trim() || strings(locale).pages.common.siteShort;
}
