// Observable Plot rendered at build time with a server-side DOM, so every chart is in the HTML and the
// page is complete with JavaScript off. Output is post-processed to stay lean and diffable.
//
// The DOM is linkedom's: Plot only creates elements, sets attributes and text, and serialises them, which is all
// linkedom does, lightly. Measured on the demo's 1,296 chart views (2 drawings each): 22.7 s against 28.4 s with
// jsdom (one run each; loading the chart modules 1.5 s against 2.4 s), and the build's routes 26.0 s against 32.6 s
// (medians of 5 interleaved builds): the same drawings but for the order of each element's attributes and
// `<line … />` for `<line …></line>`. The tests parse them with jsdom, a second, strict parser
// (tests/site-charts.test.ts compares a drawing of both). In the build, linkedom's nodes are made without a listener
// map each (scripts/build/linkedom-patch.ts, where it is measured; the same files byte for byte).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

let doc: Document | undefined;
function serverDocument(): Document {
  doc ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return doc;
}

/** Okabe–Ito colours: they stay distinct under the common colour-vision deficiencies and in greyscale. */
export const COLORS = {
  poor: '#c0470a',
  near_poor: '#0072b2',
  district: '#555555',
  target: '#000000',
  escaped: '#009e73',
  exited_other: '#56b4e9',
  newly_poor: '#d55e00',
  fell_back: '#cc79a7',
  need: '#e69f00',
  supported: '#0072b2',
  both: '#009e73',
  suppressed: '#8a8f96',
} as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

/** The hatch pattern that marks a suppressed cell (never a zero); add it to any SVG that uses it. */
export const HATCH_DEFS =
  '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
  '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8f96" stroke-width="3"/></pattern></defs>';

/** Size (px) of the marker of a suppressed cell: the same for every hidden cell and every axis, so a
 *  hidden value never reads as a length (a bar across the axis read as "large"). */
export const HIDDEN_MARK = 10;

/**
 * A suppressed cell of a horizontal bar chart: a small hatched square at the zero end of the axis and its
 * label beside it ("ẩn (2–9 hộ)": the range the published tables allow, format.ts formatHidden; a bare "ẩn" without one).
 */
export function hiddenMarksX<T>(data: T[], channels: { y: string; fy?: string; label: (d: T) => string }, fontSize: number): Plot.Markish[] {
  const { y, fy, label } = channels;
  return [
    Plot.barX(data, { x1: 0, x2: 0, insetRight: -HIDDEN_MARK, y, fy, fill: 'url(#hatch)', stroke: COLORS.suppressed, strokeWidth: 0.5 }),
    Plot.text(data, { x: 0, y, fy, text: label, dx: HIDDEN_MARK + 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
  ];
}

/** The same for a vertical bar chart: the square sits on the zero line, the label above it. */
export function hiddenMarksY<T>(data: T[], channels: { x: string; label: (d: T) => string }, fontSize: number): Plot.Markish[] {
  const { x, label } = channels;
  return [
    Plot.barY(data, { x, y1: 0, y2: 0, insetTop: -HIDDEN_MARK, fill: 'url(#hatch)', stroke: COLORS.suppressed, strokeWidth: 0.5 }),
    Plot.text(data, { x, y: 0, text: label, dy: -(HIDDEN_MARK + 3), lineAnchor: 'bottom', fontSize, fill: '#1b1f24' }),
  ];
}

/** Render Plot options to an SVG string: coordinates rounded, Plot's inline <style> dropped (a CSP
 *  allowing only 'self' would block it; the site's stylesheet carries the equivalent rules). */
export function renderPlot(options: Plot.PlotOptions, opts: { label: string; hatch?: boolean; id?: string }): string {
  const el = Plot.plot({ ...options, document: serverDocument() } as Plot.PlotOptions) as unknown as Element;
  return finishSvg(el.outerHTML, opts);
}

/** Phone width of a compact chart: drawn at about the size it is shown (≈ 328 px of a 360 px screen), so
 *  its 12 px text stays about 12 px instead of shrinking to 7–8 px as a 600 px drawing would. */
export const COMPACT_WIDTH = 340;

/** The wide drawing (page, downloads) and a compact twin for phones, from the same data. */
export function renderPlotPair(wide: Plot.PlotOptions, compact: Plot.PlotOptions, opts: { label: string; hatch?: boolean; id?: string }): { svg: string; svgCompact: string } {
  return {
    svg: renderPlot(wide, opts),
    svgCompact: renderPlot({ ...compact, width: COMPACT_WIDTH }, { ...opts, id: opts.id ? `${opts.id}-c` : undefined }),
  };
}

export function finishSvg(svg: string, opts: { label: string; hatch?: boolean; id?: string }): string {
  // Plot's style: { fontSize } becomes style="font-size: …" on the root: an inline style the CSP refuses;
  // carried over as the font-size attribute instead.
  const fontSize = /^<svg[^>]*\sstyle="[^"]*font-size:\s*([\d.]+)px/.exec(svg)?.[1];
  let out = svg
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/^(<svg[^>]*?)\s(?:style="[^"]*")/, '$1')
    // a role="img" hides its descendants from assistive tech; Plot's aria-labels on them are prohibited there
    .replace(/(<(?!svg)[a-z]+[^>]*?)\saria-label="[^"]*"/g, '$1')
    .replace(/(<(?!svg)[a-z]+[^>]*?)\saria-hidden="true"/g, '$1')
    // 3 significant decimals are invisible at screen resolution; 1 keeps the output short and stable.
    // Only inside attribute values: text content holds formatted numbers ("2.304" is a vi-VN count).
    .replace(/(\s(?:d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points)=")([^"]*)"/g, (_m, a: string, v: string) =>
      `${a}${v.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`)
    .replace(/ class="plot-[0-9a-f]+"/, ' class="plot"')
    .replace(/font-family="[^"]*"/, `font-family="${FONT.replace(/"/g, "'")}"`);
  if (fontSize) out = out.replace(/^(<svg[^>]*?\s)font-size="[^"]*"/, `$1font-size="${fontSize}"`);
  out = out.replace(/^<svg /, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeAttr(opts.label)}" `);
  if (opts.hatch) {
    // one pattern id per drawing: two drawings of a chart share a page, and one of them is display:none
    const hid = opts.id ? `hatch-${opts.id}` : 'hatch';
    out = out.replace(/url\(#hatch\)/g, `url(#${hid})`).replace(/^(<svg[^>]*>)/, `$1${hatchDefs(hid)}`);
  }
  return out;
}

export function hatchDefs(id = 'hatch'): string {
  return HATCH_DEFS.replace('id="hatch"', `id="${id}"`);
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
export const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CSV (RFC 4180) of the shown data, with a header row. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    if (v == null) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
