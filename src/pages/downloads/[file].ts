// Build-time files behind every chart's download links: <chart-id>-<locale>.csv and .svg.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allDownloadSpecs, chartFromTables, chartId, type ChartSpec } from '../../lib/charts/registry';
import { LOCALES } from '../../lib/i18n';
import { getMeta } from '../../lib/site-data';
import { withDemoBand } from '../../lib/share';
import { strings } from '../../i18n';

export const getStaticPaths: GetStaticPaths = async () => {
  const specs = await allDownloadSpecs();
  return specs.flatMap((spec) => LOCALES.flatMap((locale) => ['csv', 'svg'].map((ext) => ({ params: { file: `${chartId(spec)}-${locale}.${ext}` }, props: { spec, locale, ext } }))));
};

export const GET: APIRoute = async ({ props }) => {
  const { spec, locale, ext } = props as { spec: ChartSpec; locale: 'vi' | 'en'; ext: 'csv' | 'svg' };
  const chart = await chartFromTables(spec, locale);
  if (ext === 'csv') {
    // BOM so Excel opens Vietnamese text as UTF-8 (the published tables do the same).
    return new Response('\ufeff' + chart.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  // A standalone file: a white background as the first drawn element (no style attribute: the drawing may
  // carry attributes of its own, and an image viewer needs no stylesheet), one xmlns.
  // drawn from demo data: the file says so itself, as every page does
  const svg = getMeta().demo ? withDemoBand(standaloneSvg(chart.svg), strings(locale).pages.common.demoShort) : standaloneSvg(chart.svg);
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, { headers: { 'Content-Type': 'image/svg+xml' } });
};

function standaloneSvg(svg: string): string {
  let out = svg.startsWith('<svg xmlns=') ? svg : svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ');
  if (!/^<svg[^>]*>(?:<defs>[\s\S]*?<\/defs>)?<rect width="\d+" height="\d+" fill="#fff"\/>/.test(out)) {
    out = out.replace(/^(<svg[^>]*>)/, '$1<rect width="100%" height="100%" fill="#fff"/>');
  }
  return out;
}
