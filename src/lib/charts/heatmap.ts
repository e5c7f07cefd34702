// Commune × indicator heat map of the share of poor households deprived. Shown on the page as an HTML
// table with binned background classes (accessible, scrollable on a phone, no inline styles); the SVG
// twin is for download and embeds. A suppressed cell is hatched and labelled, never drawn as 0, and
// looks the same whatever the hidden value.
import { hatchDefs, escapeText, escapeAttr, FONT } from './plot';
import { formatCount, formatHidden, formatNumber, formatPercent, type HiddenBounds, type Locale } from '../format';
import type { ChartDrawing } from './types';
import type { IndicatorInfo } from './deprivation';
import { strings } from '../../i18n';
import { standardForReviewYear } from '../reference';
import { period, periodIdOf } from '../geography';
import type { ChartSpec } from './spec';
import { cellColumns, hiddenColumns, indicatorOrder, lit, named, statement, type ChartQuery, type QueryContext } from './query';

export interface HeatCell extends HiddenBounds { area_code: string; indicator_code: string; households: number | null; share: number | null }
export interface HeatInput { id: string; areas: { code: string; name: string }[]; indicators: IndicatorInfo[]; cells: HeatCell[]; population: 'poor' | 'near_poor'; reviewYear: number }

/** Upper bounds (percent) of the colour bins; sequential single-hue, so it reads in greyscale and for every colour vision. */
export const HEAT_BINS = [10, 20, 30, 45, 60, 100];
// Blues; the two darkest carry white text (5.1:1 and 12.8:1), the others dark text (≥ 6.8:1): WCAG AA for every bin.
export const HEAT_COLORS = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#08306b'];
export function heatBin(share: number): number {
  const i = HEAT_BINS.findIndex((b) => share < b || b === 100);
  return i < 0 ? HEAT_BINS.length - 1 : i;
}

export function heatmapChart(input: HeatInput, locale: Locale): ChartDrawing & { html: string } {
  const C = strings(locale).charts;
  const S = C.heatmap;
  const cell = (a: string, i: string) => input.cells.find((c) => c.area_code === a && c.indicator_code === i);
  const hiddenCount = input.cells.filter((c) => c.share == null).length;
  const title = S.title(input.population);
  // The single highest published cell, as the headline of the text alternative.
  let best: { a: string; i: string; s: number } | null = null;
  for (const c of input.cells) if (c.share != null && (!best || c.share > best.s)) best = { a: c.area_code, i: c.indicator_code, s: c.share };
  const aName = (code: string) => input.areas.find((a) => a.code === code)?.name ?? code;
  const iName = (code: string) => input.indicators.find((x) => x.code === code)?.name ?? code;
  const summary = (best
    ? S.summary({ areas: formatCount(input.areas.length, locale), indicators: formatCount(input.indicators.length, locale), indicator: iName(best.i), area: aName(best.a), share: formatPercent(best.s, locale, 1), population: input.population })
    : S.noCell)
    + (hiddenCount ? C.hiddenCells(formatCount(hiddenCount, locale), true) : '');

  // HTML table (shown on the page)
  const head = `<thead><tr><th scope="col">${S.commune}</th>${input.indicators.map((i) => `<th scope="col" class="hm-h"><span>${escapeText(i.name)}</span></th>`).join('')}</tr></thead>`;
  const body = input.areas.map((a) => `<tr><th scope="row">${escapeText(a.name)}</th>${input.indicators.map((i) => {
    const c = cell(a.code, i.code);
    if (!c) return '<td class="num">—</td>';
    if (c.share == null) return `<td class="num hm-s">${escapeText(formatHidden(c, locale))}</td>`;
    return `<td class="num hm-${heatBin(c.share)}">${formatNumber(c.share, locale, 0)}</td>`;
  }).join('')}</tr>`).join('');
  // the scrolling region is named by the table's caption, which names the review year: every year's heat
  // map is on the page, and landmarks need distinct names (the table view below is named by the bare title)
  const captionId = `${input.id}-caption`;
  const html = `<section class="table-scroll heatmap" tabindex="0" aria-labelledby="${escapeAttr(captionId)}"><table><caption class="visually-hidden" id="${escapeAttr(captionId)}">${escapeText(C.titleWithYear(title, input.reviewYear))} (%)</caption>${head}<tbody>${body}</tbody></table></section>`;

  // SVG twin (download, embed)
  const cw = 38, ch = 18, left = 150, top = 150;
  const W = left + cw * input.indicators.length + 10, H = top + ch * input.areas.length + 10;
  const parts: string[] = [];
  input.indicators.forEach((ind, j) => parts.push(`<text transform="translate(${left + j * cw + cw / 2 + 4},${top - 6}) rotate(-60)">${escapeText(ind.name)}</text>`));
  input.areas.forEach((a, r) => {
    const y = top + r * ch;
    parts.push(`<text x="${left - 6}" y="${y + 13}" text-anchor="end">${escapeText(a.name)}</text>`);
    input.indicators.forEach((ind, j) => {
      const c = cell(a.code, ind.code);
      const x = left + j * cw;
      if (!c) return;
      if (c.share == null) { parts.push(`<rect x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}" fill="url(#hatch-${input.id})"/>`); return; }
      const b = heatBin(c.share);
      parts.push(`<rect x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}" fill="${HEAT_COLORS[b]}"/><text x="${x + cw / 2}" y="${y + 13}" text-anchor="middle"${b >= 4 ? ' fill="#fff"' : ''}>${formatNumber(c.share, locale, 0)}</text>`);
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeAttr(summary)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="${FONT.replace(/"/g, "'")}" font-size="11" fill="#1b1f24">${hatchDefs(`hatch-${input.id}`)}<rect width="${W}" height="${H}" fill="#fff"/>${parts.join('')}</svg>`;

  const legend = HEAT_BINS.map((b, i) => ({ swatch: `hm-${i}`, label: `${i === 0 ? 0 : HEAT_BINS[i - 1]}–${b === 100 ? 100 : b}%` }));
  legend.push({ swatch: 'sw-hatch', label: C.hiddenLegend });
  return { id: input.id, title, summary, svg, html, legend };
}

/**
 * The heat map's table view as SQL: one row per unit of the review year (named for that year's period) and
 * indicator, with the households behind each share.
 */
export function heatmapQuery(spec: ChartSpec, ctx: QueryContext): ChartQuery {
  const C = strings(ctx.locale).charts;
  const Q = strings(ctx.locale).chartSql.columns;
  return {
    sql: statement(
      `SELECT d.area_code,a.${named('name', ctx.locale)} AS area_name,d.indicator_code,i.${named('indicator_name', ctx.locale)} AS indicator_name,d.households,d.share,${cellColumns('d')}`,
      'FROM deprivation d',
      `JOIN areas a ON a.area_code=d.area_code AND a.valid_from=${lit(period(periodIdOf(ctx.year)).valid_from)}`,
      `JOIN indicators i ON i.standard=${lit(standardForReviewYear(ctx.year)?.code ?? '')} AND i.indicator_code=d.indicator_code`,
      `WHERE d.area_level='commune' AND d.review_year=${ctx.year} AND d.population=${lit(spec.population)}`,
      `ORDER BY d.area_code,${indicatorOrder(ctx.indicators, 'd.indicator_code')}`,
    ),
    columns: [
      { name: 'area_code' }, { name: 'area_name', label: Q.area }, { name: 'indicator_code' }, { name: 'indicator_name', label: C.indicator },
      { name: 'households', label: Q.households, format: 'count' }, { name: 'share', label: Q.share, format: 'percent' }, ...hiddenColumns(),
    ],
  };
}
