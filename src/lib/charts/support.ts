// Need vs delivery per support program: households in need (by the program's need rule), households
// supported, and those both in need and supported (coverage of need).
import * as Plot from '@observablehq/plot';
import { renderPlotPair, toCsv, COLORS } from './plot';
import { formatCount, formatPercent, type Locale } from '../format';
import type { ChartResult } from './types';

export interface SupportCell { program_code: string; measure: 'in_need' | 'supported' | 'in_need_supported'; households: number | null }
const M = {
  vi: { in_need: 'Cần hỗ trợ', supported: 'Đã được hỗ trợ', in_need_supported: 'Cần và đã được hỗ trợ' },
  en: { in_need: 'In need', supported: 'Supported', in_need_supported: 'In need and supported' },
} as const;
const ORDER = ['in_need', 'supported', 'in_need_supported'] as const;

/** Coverage of need in percent, or null when hidden or no need. */
export function coverage(cells: SupportCell[], program: string): number | null {
  const need = cells.find((c) => c.program_code === program && c.measure === 'in_need')?.households;
  const both = cells.find((c) => c.program_code === program && c.measure === 'in_need_supported')?.households;
  if (need == null || both == null || need === 0) return null;
  return (100 * both) / need;
}

export function supportChart(input: { id: string; areaName: string; programs: { code: string; name: string }[]; cells: SupportCell[]; reviewYear: number }, locale: Locale): ChartResult {
  const vi = locale === 'vi';
  const L = M[locale];
  const data = input.programs.flatMap((p) => ORDER.map((m) => {
    const c = input.cells.find((x) => x.program_code === p.code && x.measure === m);
    return { program: p.name, code: p.code, measure: m, label: L[m], households: c ? c.households : null, present: Boolean(c) };
  })).filter((d) => d.present);
  const shown = data.filter((d) => d.households != null);
  const hidden = data.filter((d) => d.households == null);
  const cov = input.programs.map((p) => ({ p, c: coverage(input.cells, p.code) })).filter((x) => x.c != null) as { p: { name: string }; c: number }[];
  cov.sort((a, b) => a.c - b.c);
  const title = vi ? `Nhu cầu và hỗ trợ đã nhận theo chương trình, ${input.areaName} (rà soát ${input.reviewYear})` : `Need and support received by programme, ${input.areaName} (review ${input.reviewYear})`;
  let summary = cov.length
    ? vi
      ? `Chương trình đáp ứng nhu cầu thấp nhất là “${cov[0].p.name}”: ${formatPercent(cov[0].c, locale, 0)} số hộ cần hỗ trợ đã được hỗ trợ; cao nhất là “${cov[cov.length - 1].p.name}” (${formatPercent(cov[cov.length - 1].c, locale, 0)}).`
      : `The programme covering the least of its need is “${cov[0].p.name}”: ${formatPercent(cov[0].c, locale, 0)} of households in need received it; the most is “${cov[cov.length - 1].p.name}” (${formatPercent(cov[cov.length - 1].c, locale, 0)}).`
    : vi ? 'Không tính được mức đáp ứng nhu cầu.' : 'Coverage of need cannot be computed.';
  if (hidden.length) summary += vi ? ` ${hidden.length} ô bị ẩn để bảo vệ hộ gia đình.` : ` ${hidden.length} cells are hidden to protect households.`;
  const max = Math.max(1, ...shown.map((d) => d.households as number));
  const supportMarks = (fontSize: number): Plot.Markish[] => [
    Plot.barX(shown, { x: 'households', y: 'label', fy: 'program', fill: 'label' }),
    Plot.barX(hidden, { x1: 0, x2: max, y: 'label', fy: 'program', fill: 'url(#hatch)', stroke: COLORS.suppressed, strokeWidth: 0.5 }),
    Plot.text(shown, { x: 'households', y: 'label', fy: 'program', text: (d: { households: number }) => formatCount(d.households, locale), dx: 3, textAnchor: 'start', fontSize, fill: '#1b1f24' }),
    Plot.ruleX([0]),
  ];
  const supportOptions: Plot.PlotOptions = {
    width: 600, height: 40 + input.programs.length * 56, marginLeft: 200, marginRight: 50, marginTop: 28,
    style: { fontSize: '12px' },
    x: { grid: true, axis: 'top', label: vi ? 'Số hộ' : 'Households', labelAnchor: 'right', tickFormat: (v: number) => formatCount(v, locale), ticks: 5 },
    fy: { domain: input.programs.map((p) => p.name), label: null, tickSize: 0, padding: 0.15 },
    y: { domain: ORDER.map((m) => L[m]), axis: null },
    color: { domain: ORDER.map((m) => L[m]), range: [COLORS.need, COLORS.supported, COLORS.both] },
    marks: supportMarks(10),
  };
  const { svg, svgCompact } = renderPlotPair(supportOptions, {
    ...supportOptions, marginLeft: 124, marginRight: 40, x: { ...supportOptions.x, ticks: 3 },
    marks: [...supportMarks(11), Plot.axisFy({ anchor: 'left', lineWidth: 8, tickSize: 0, label: null })],
  }, { label: summary, hatch: hidden.length > 0, id: input.id });
  const hw = vi ? 'ẩn' : 'hidden';
  const table = {
    columns: [{ key: 'program', label: vi ? 'Chương trình' : 'Programme' }, ...ORDER.map((m) => ({ key: m, label: L[m], numeric: true })), { key: 'cov', label: vi ? 'Đáp ứng nhu cầu' : 'Need covered', numeric: true }],
    rows: input.programs.map((p) => ({
      program: p.name,
      ...Object.fromEntries(ORDER.map((m) => { const c = input.cells.find((x) => x.program_code === p.code && x.measure === m); return [m, !c ? '—' : c.households == null ? hw : formatCount(c.households, locale)]; })),
      cov: (() => { const c = coverage(input.cells, p.code); return c == null ? '—' : formatPercent(c, locale, 0); })(),
    })),
  };
  const csv = toCsv(['program_code', 'program_name', 'measure', 'measure_name', 'households', 'status'], data.map((d) => ({ program_code: d.code, program_name: d.program, measure: d.measure, measure_name: d.label, households: d.households, status: d.households == null ? 'suppressed' : 'ok' })));
  return { id: input.id, title, summary, svg, svgCompact, table, csv, legend: [{ swatch: 'sw-need', label: L.in_need }, { swatch: 'sw-supported', label: L.supported }, { swatch: 'sw-both', label: L.in_need_supported }, ...(hidden.length ? [{ swatch: 'sw-hatch', label: vi ? 'ẩn để bảo vệ hộ gia đình' : 'hidden to protect households' }] : [])] };
}
