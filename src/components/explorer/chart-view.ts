// Draws the automatic chart chosen by chooseChart with Observable Plot, loaded only when a result has a
// chart-shaped answer.
import type { AutoChartSpec } from '../../lib/explorer/chart';
import { numericValue, type QueryResult } from '../../lib/explorer/result';

/** The chart's SVG (or figure, with a legend); the caller decides whether it is still wanted. */
export async function drawResultChart(spec: AutoChartSpec, result: QueryResult, label: string, availableWidth: number): Promise<Element> {
  const Plot = await import('@observablehq/plot');
  const index = (name: string) => result.columns.findIndex((c) => c.name === name);
  const width = Math.max(320, Math.min(availableWidth || 720, 900));
  let svg: Element;
  if (spec.kind === 'bar') {
    const ci = index(spec.category);
    const valueIndex = index(spec.value);
    const data = result.rows.map((r) => ({ category: String(r[ci] ?? ''), value: numericValue(r[valueIndex]) }));
    svg = Plot.plot({
      width, marginLeft: Math.min(220, 8 + 7 * Math.max(...data.map((d) => d.category.length))),
      height: 30 + 22 * data.length,
      x: { label: spec.value, grid: true },
      // keep the query's own order: the reader's ORDER BY is the story
      y: { label: null, domain: data.map((d) => d.category) },
      marks: [Plot.barX(data.filter((d) => d.value !== null), { x: 'value', y: 'category', fill: 'var(--accent, #1f5f99)' }), Plot.ruleX([0])],
      ariaLabel: label,
    });
  } else {
    const yi = index(spec.year);
    const valueIndex = index(spec.value);
    const si = spec.series ? index(spec.series) : -1;
    const data = result.rows.map((r) => ({ year: numericValue(r[yi]), value: numericValue(r[valueIndex]), series: si >= 0 ? String(r[si]) : '' }));
    svg = Plot.plot({
      width, height: 320,
      x: { label: spec.year, tickFormat: 'd', ticks: [...new Set(data.map((d) => d.year))] as number[] },
      y: { label: spec.value, grid: true, zero: true },
      color: si >= 0 ? { legend: true } : undefined,
      marks: [
        Plot.line(data, { x: 'year', y: 'value', z: si >= 0 ? 'series' : undefined, stroke: si >= 0 ? 'series' : 'var(--accent, #1f5f99)' }),
        Plot.dot(data, { x: 'year', y: 'value', fill: si >= 0 ? 'series' : 'var(--accent, #1f5f99)' }),
      ],
      ariaLabel: label,
    });
  }
  // The table below carries every value; the chart is one image with a summary label. Plot labels its mark
  // groups (<g aria-label="line">), which ARIA prohibits on a role-less <g>.
  const root = svg.tagName.toLowerCase() === 'svg' ? svg : svg.querySelector('svg');
  root?.setAttribute('role', 'img');
  root?.setAttribute('aria-label', label);
  svg.querySelectorAll('g[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
  // Plot writes its default look into a <style> element, which the site's Content-Security-Policy
  // (style-src 'self') refuses; the same rules live in Explorer.astro's stylesheet instead.
  svg.querySelectorAll('style').forEach((el) => el.remove());
  return svg;
}
