// Movements in and out of poverty per review year: exits drawn below zero, entries above, so the net
// change reads as the gap between the two stacks.
import * as Plot from '@observablehq/plot';
import { renderPlot, toCsv, COLORS } from './plot';
import { formatCount, type Locale } from '../format';
import { reviewYearLabel } from '../i18n';
import type { ChartResult } from './types';

export interface MovementRow { review_year: number; measure: 'escaped' | 'exited_other' | 'newly_poor' | 'fell_back'; households: number | null }

const ORDER = ['escaped', 'exited_other', 'newly_poor', 'fell_back'] as const;
export const MOVEMENT_LABELS = {
  vi: { escaped: 'Thoát nghèo', exited_other: 'Ra khỏi danh sách (không rà soát lại)', newly_poor: 'Nghèo phát sinh', fell_back: 'Tái nghèo' },
  en: { escaped: 'Escaped poverty', exited_other: 'Left the list (not re-assessed)', newly_poor: 'Newly poor', fell_back: 'Fell back into poverty' },
} as const;

export function movementsChart(input: { id: string; areaName: string; rows: MovementRow[] }, locale: Locale): ChartResult {
  const vi = locale === 'vi';
  const L = MOVEMENT_LABELS[locale];
  const years = [...new Set(input.rows.map((r) => r.review_year))].sort();
  const shown = input.rows
    .filter((r) => r.households != null)
    .map((r) => ({ ...r, signed: (r.measure === 'escaped' || r.measure === 'exited_other' ? -1 : 1) * (r.households as number), label: L[r.measure] }));
  const title = vi ? `Biến động hộ nghèo theo năm rà soát, ${input.areaName}` : `Movements in and out of poverty, ${input.areaName}`;
  const get = (y: number, m: string) => input.rows.find((r) => r.review_year === y && r.measure === m)?.households ?? null;
  const lastY = years[years.length - 1];
  const out = (get(lastY, 'escaped') ?? 0) + (get(lastY, 'exited_other') ?? 0);
  const inn = (get(lastY, 'newly_poor') ?? 0) + (get(lastY, 'fell_back') ?? 0);
  const anySuppressed = input.rows.some((r) => r.households == null);
  let summary = years.length === 0
    ? (vi ? 'Chưa có biến động: cần ít nhất hai năm rà soát.' : 'No movements yet: they need two review years.')
    : vi
      ? `Trong rà soát ${lastY}, ${formatCount(get(lastY, 'escaped') ?? 0, locale)} hộ thoát nghèo và ${formatCount(get(lastY, 'exited_other') ?? 0, locale)} hộ ra khỏi danh sách vì lý do khác, trong khi ${formatCount(get(lastY, 'newly_poor') ?? 0, locale)} hộ nghèo phát sinh và ${formatCount(get(lastY, 'fell_back') ?? 0, locale)} hộ tái nghèo: thay đổi ròng ${inn - out > 0 ? '+' : inn - out < 0 ? '−' : ''}${formatCount(Math.abs(inn - out), locale)} hộ.`
      : `In the ${lastY} review, ${formatCount(get(lastY, 'escaped') ?? 0, locale)} households escaped poverty and ${formatCount(get(lastY, 'exited_other') ?? 0, locale)} left the list otherwise, while ${formatCount(get(lastY, 'newly_poor') ?? 0, locale)} became newly poor and ${formatCount(get(lastY, 'fell_back') ?? 0, locale)} fell back: a net change of ${inn - out > 0 ? '+' : inn - out < 0 ? '−' : ''}${formatCount(Math.abs(inn - out), locale)}.`;
  if (anySuppressed) summary += vi ? ' Một số ô bị ẩn để bảo vệ hộ gia đình.' : ' Some cells are hidden to protect households.';
  const svg = renderPlot({
    width: 560, height: 300, marginLeft: 56, marginBottom: 40, marginTop: 20,
    style: { fontSize: '13px' },
    x: { domain: years, label: vi ? 'Năm rà soát' : 'Review year', labelAnchor: 'center', labelOffset: 34, tickFormat: (y: number) => String(y), padding: 0.35 },
    y: { grid: true, label: vi ? '← ra khỏi nghèo · vào nghèo →' : '← out of poverty · into poverty →', tickFormat: (v: number) => formatCount(Math.abs(v), locale), ticks: 6 },
    color: { domain: ORDER.map((m) => L[m]), range: ORDER.map((m) => COLORS[m]) },
    marks: [
      Plot.barY(shown, { x: 'review_year', y: 'signed', fill: 'label', order: ORDER.map((m) => L[m]) }),
      Plot.ruleY([0], { stroke: '#1b1f24' }),
    ],
  }, { label: summary });
  const cols = ['review_year', 'measure', 'households', 'status'];
  const rows = input.rows.map((r) => ({ review_year: r.review_year, measure: r.measure, households: r.households, status: r.households == null ? 'suppressed' : 'ok' }));
  const table = {
    columns: [{ key: 'year', label: vi ? 'Năm rà soát' : 'Review year' }, ...ORDER.map((m) => ({ key: m, label: L[m], numeric: true }))],
    rows: years.map((y) => ({
      year: reviewYearLabel(y, locale),
      ...Object.fromEntries(ORDER.map((m) => { const v = get(y, m); return [m, v == null ? (vi ? 'ẩn' : 'hidden') : formatCount(v, locale)]; })),
    })),
  };
  return { id: input.id, title, summary, svg, table, csv: toCsv(cols, rows), legend: ORDER.map((m) => ({ swatch: `sw-${m}`, label: L[m] })) };
}
