// Build-time files behind every chart's download links: <chart-id>-<locale>.csv and .svg.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allChartIds, buildChart } from '../../lib/charts/registry';
import { LOCALES } from '../../lib/i18n';

export const getStaticPaths: GetStaticPaths = async () => {
  const ids = await allChartIds();
  return ids.flatMap((id) => LOCALES.flatMap((locale) => ['csv', 'svg'].map((ext) => ({ params: { file: `${id}-${locale}.${ext}` }, props: { id, locale, ext } }))));
};

export const GET: APIRoute = async ({ props }) => {
  const { id, locale, ext } = props as { id: string; locale: 'vi' | 'en'; ext: 'csv' | 'svg' };
  const chart = await buildChart(id, locale);
  if (ext === 'csv') {
    // BOM so Excel opens Vietnamese text as UTF-8 (the published tables do the same).
    return new Response('\ufeff' + chart.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  // A standalone file: keep the fonts explicit and a white background for viewers without CSS.
  const svg = chart.svg.replace(/^<svg /, '<svg style="background:#fff" ');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, { headers: { 'Content-Type': 'image/svg+xml' } });
};
