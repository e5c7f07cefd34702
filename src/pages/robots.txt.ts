// robots.txt: everything may be crawled; the sitemap (written by @astrojs/sitemap) says what there is.
// Crawlers read robots.txt only at the origin's root: under a BASE_PATH the portal's own robots.txt must
// point to this sitemap.
import type { APIRoute } from 'astro';
import { SITEMAP_FILE, absoluteUrl } from '../lib/share';

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('astro.config has no site: robots.txt needs the sitemap\'s absolute URL');
  const body = `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(SITEMAP_FILE, site, import.meta.env.BASE_URL)}\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
