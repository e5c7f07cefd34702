// Build-time files behind every chart's download links: <chart-id>-<locale>.csv and .svg.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allDownloadIds, buildChart } from '../../lib/charts/registry';
import { LOCALES } from '../../lib/i18n';

export const getStaticPaths: GetStaticPaths = async () => {
  const ids = await allDownloadIds();
  return ids.flatMap((id) => LOCALES.flatMap((locale) => ['csv', 'svg'].map((ext) => ({ params: { file: `${id}-${locale}.${ext}` }, props: { id, locale, ext } }))));
};

export const GET: APIRoute = async ({ props }) => {
  const { id, locale, ext } = props as { id: string; locale: 'vi' | 'en'; ext: 'csv' | 'svg' };
  const chart = await buildChart(id, locale);
  if (ext === 'csv') {
    // BOM so Excel opens Vietnamese text as UTF-8 (the published tables do the same).
    return new Response('\ufeff' + chart.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  // A standalone file: a white background as the first drawn element (no style attribute: the drawing may
  // carry attributes of its own, and an image viewer needs no stylesheet), one xmlns.
  const svg = standaloneSvg(chart.svg);
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, { headers: { 'Content-Type': 'image/svg+xml' } });
};

function standaloneSvg(svg: string): string {
  let out = svg.startsWith('<svg xmlns=') ? svg : svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ');
  if (!/^<svg[^>]*>(?:<defs>[\s\S]*?<\/defs>)?<rect width="\d+" height="\d+" fill="#fff"\/>/.test(out)) {
    out = out.replace(/^(<svg[^>]*>)/, '$1<rect width="100%" height="100%" fill="#fff"/>');
  }
  return out;
}
