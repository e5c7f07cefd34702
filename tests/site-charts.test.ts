// SVG snapshots of the chart functions on small fixed inputs: deterministic, named, diffable
// (tests/__snapshots__/charts/<name>.svg). Also checks what the text alternatives say.
import { describe, it, expect } from 'vitest';
import { seriesChart } from '../src/lib/charts/series';
import { movementsChart } from '../src/lib/charts/movements';
import { deprivationSharesChart, contributionChart, depthChart, intensity } from '../src/lib/charts/deprivation';
import { heatmapChart } from '../src/lib/charts/heatmap';
import { supportChart } from '../src/lib/charts/support';
import { sparkline } from '../src/lib/charts/sparkline';
import {
  chartId, chartSpecFromId, chartHomePath, districtChart, communeChart, DISTRICT_CHART_KINDS, COMMUNE_CHART_KINDS, type ChartSpec,
} from '../src/lib/charts/spec';
import { strings } from '../src/i18n';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartSql, exploreHref, tableOfRows, csvOfRows, CHART_QUERIES } from '../src/lib/charts/sql';
import { queryContext, chartFromTables, allDownloadSpecs } from '../src/lib/charts/registry';
import { runSql, dataDir } from '../src/lib/site-data';
import { readUrlState } from '../src/lib/explorer/url-state';
import { TABLES } from '../src/lib/contract';
import { formatCount } from '../src/lib/format';
import * as Plot from '@observablehq/plot';
import { finishSvg, hiddenMarksX, renderPlot } from '../src/lib/charts/plot';

const points = [
  { review_year: 2021, poor: 1500, total_households: 110000, poor_rate: 1.36 },
  { review_year: 2022, poor: 1118, total_households: 110700, poor_rate: 1.01 },
  { review_year: 2023, poor: 800, total_households: 111000, poor_rate: 0.72 },
];
const indicators = [
  { code: 'employment', name: 'Việc làm', dimension: 'employment', dimensionName: 'Việc làm' },
  { code: 'health_insurance', name: 'Bảo hiểm y tế', dimension: 'health', dimensionName: 'Y tế' },
  { code: 'telecom', name: 'Sử dụng dịch vụ viễn thông', dimension: 'information', dimensionName: 'Thông tin' },
];
const snap = (name: string) => `__snapshots__/charts/${name}.svg`;

describe('chart snapshots', () => {
  it('series with target', async () => {
    const c = seriesChart({ id: 'poor-series', areaName: 'toàn huyện', points, target: { review_year: 2024, poor: 0 } }, 'vi');
    expect(c.summary).toContain('giảm từ 1.500 (1,36%, rà soát 2021) xuống còn 800 (0,72%, rà soát 2023)');
    expect(c.summary).toContain('còn 800 hộ so với mục tiêu');
    await expect(c.svg).toMatchFileSnapshot(snap('series-vi'));
  });
  it('series of a commune against the district (en)', async () => {
    const c = seriesChart({ id: 'x-series', areaName: 'Núi Đèo', points: points.map((p) => ({ ...p, poor_rate: p.poor_rate * 2 })), district: points }, 'en');
    await expect(c.svg).toMatchFileSnapshot(snap('series-commune-en'));
  });
  it('series across the reorganisation and the change of standard: both marked, the line broken at the standard', async () => {
    const names = { 2024: 'Huyện Thủy Nguyên', 2025: 'Tám phường, xã', 2026: 'Tám phường, xã' } as Record<number, string>;
    const pts = [...points, { review_year: 2024, poor: 600, total_households: 111500, poor_rate: 0.54 },
      { review_year: 2025, poor: 500, total_households: 112000, poor_rate: 0.45 }, { review_year: 2026, poor: 900, total_households: 112500, poor_rate: 0.8 }]
      .map((p) => ({ ...p, area_name: names[p.review_year] ?? 'Huyện Thủy Nguyên' }));
    const c = seriesChart({ id: 'poor-series', areaName: 'Thủy Nguyên', points: pts, target: { review_year: 2024, poor: 0 } }, 'vi');
    const svg = new JSDOM(c.svg).window.document;
    expect(svg.querySelectorAll('g.break-units line')).toHaveLength(1);
    expect(svg.querySelectorAll('g.break-standard line')).toHaveLength(1);
    // the poor line: one path for 2021–2025 (one standard), one for 2026 alone; six dots
    const lines = Array.from(svg.querySelectorAll('g[stroke="#c0470a"] path'));
    expect(lines).toHaveLength(2);
    expect(svg.querySelectorAll('g[fill="#c0470a"] circle')).toHaveLength(6);
    expect(c.notes?.map((n) => n.kind)).toEqual(['units', 'standard']);
    expect(c.notes?.[1]?.text).toContain('rà soát 2026 theo chuẩn 2027-2030');
    // the change is told within the 2022–2025 standard; 2026 is given as it is, and no gap to a past target
    expect(c.summary).toContain('giảm từ 1.500 (1,36%, rà soát 2021) xuống còn 500 (0,45%, rà soát 2025)');
    expect(c.summary).toContain('theo chuẩn 2027-2030, rà soát 2026: 900 hộ nghèo (0,80%)');
    expect(c.summary).not.toContain('so với mục tiêu');
  });
  it('movements with a suppressed cell', async () => {
    const c = movementsChart({ id: 'movements', areaName: 'X', rows: [
      { review_year: 2022, measure: 'escaped', households: 500 }, { review_year: 2022, measure: 'exited_other', households: 40 },
      { review_year: 2022, measure: 'newly_poor', households: 100 }, { review_year: 2022, measure: 'fell_back', households: null },
    ] }, 'vi');
    expect(c.summary).toContain('thoát nghèo 500 hộ');
    expect(c.summary).toContain('tái nghèo (ẩn)');
    expect(c.summary).not.toContain('ròng');
    expect(c.summary).toContain('bị ẩn');
    await expect(c.svg).toMatchFileSnapshot(snap('movements-vi'));
  });
  it('movements across the change of standard say that they mix two standards (review 2026 under 2027–2030)', () => {
    const rows = (year: number) => (['escaped', 'exited_other', 'newly_poor', 'fell_back'] as const).map((measure) => ({ review_year: year, measure, households: 10 }));
    const within = movementsChart({ id: 'm', areaName: 'X', rows: [...rows(2023), ...rows(2024)] }, 'vi');
    expect(within.notes?.map((n) => n.kind)).toEqual([]);
    const across = movementsChart({ id: 'm', areaName: 'X', rows: [...rows(2025), ...rows(2026)] }, 'vi');
    expect(across.notes?.map((n) => n.kind)).toEqual(['standard']);
    expect(across.notes?.[0]?.text).toContain('Rà soát 2026 theo chuẩn 2027-2030, rà soát 2025 theo chuẩn trước đó');
    expect(movementsChart({ id: 'm', areaName: 'X', rows: rows(2026) }, 'en').notes?.[0]?.text).toContain('Review 2026 follows the 2027-2030 standard');
  });
  it('deprivation shares: a hidden cell is hatched, not a zero bar', async () => {
    const c = deprivationSharesChart({ id: 'd', areaName: 'X', indicators, rows: [
      { population: 'poor', indicator_code: 'employment', households: 488, share: 43.65 },
      { population: 'poor', indicator_code: 'health_insurance', households: null, share: null },
      { population: 'poor', indicator_code: 'telecom', households: 610, share: 54.56 },
      { population: 'near_poor', indicator_code: 'employment', households: 300, share: 12.72 },
      { population: 'near_poor', indicator_code: 'health_insurance', households: 100, share: 4.24 },
      { population: 'near_poor', indicator_code: 'telecom', households: 200, share: 8.48 },
    ] }, 'vi');
    expect(c.svg).toMatch(/fill="url\(#hatch-d\)"/);
    expect(c.summary).toContain('“Sử dụng dịch vụ viễn thông” (54,6% số hộ nghèo)');
    await expect(c.svg).toMatchFileSnapshot(snap('deprivation-shares-vi'));
    // the phone drawing: about as wide as a 360 px screen shows it, indicator names wrapped
    expect(c.svgCompact).toMatch(/^<svg[^>]* width="340"/);
    await expect(c.svgCompact).toMatchFileSnapshot(snap('deprivation-shares-compact-vi'));
  });
  it('contribution and intensity', async () => {
    const c = contributionChart({ id: 'c', areaName: 'X', indicators, rows: [
      { indicator_code: 'employment', households: 300 }, { indicator_code: 'health_insurance', households: 100 }, { indicator_code: 'telecom', households: 600 },
    ] }, 'en');
    expect(c.summary).toContain('60.0%'); // 600 / 1000
    expect(intensity([{ deprivations: 3, households: 2 }, { deprivations: 5, households: 2 }])).toBe(4);
    await expect(c.svg).toMatchFileSnapshot(snap('contribution-en'));
  });
  it('depth', async () => {
    const rows: { population: 'poor' | 'near_poor'; deprivations: number; households: number | null }[] = [
      ...[3, 4, 5].map((d) => ({ population: 'poor' as const, deprivations: d, households: 10 * d })),
      ...[0, 1, 2].map((d) => ({ population: 'near_poor' as const, deprivations: d, households: 20 })),
    ];
    const c = depthChart({ id: 'depth', areaName: 'X', rows }, 'vi');
    expect(c.summary).toContain('4,17'); // (90+160+250)/120
    await expect(c.svg).toMatchFileSnapshot(snap('depth-vi'));
  });
  it('heat map: suppressed cells hatched and labelled', async () => {
    const c = heatmapChart({ id: 'heatmap', population: 'poor', reviewYear: 2023, indicators, areas: [{ code: '11470', name: 'Núi Đèo' }, { code: '11473', name: 'Minh Đức' }], cells: [
      { area_code: '11470', indicator_code: 'employment', households: 20, share: 50 },
      { area_code: '11470', indicator_code: 'health_insurance', households: null, share: null },
      { area_code: '11470', indicator_code: 'telecom', households: 8, share: 20 },
      { area_code: '11473', indicator_code: 'employment', households: 5, share: 9.5 },
      { area_code: '11473', indicator_code: 'health_insurance', households: 30, share: 61 },
      { area_code: '11473', indicator_code: 'telecom', households: 12, share: 30 },
    ] }, 'vi');
    expect(c.html.match(/hm-s/g)?.length).toBe(1);
    expect(c.html).toContain('<td class="num hm-s">ẩn</td>');
    // the scrolling region is named by the table's caption, which carries the review year
    expect(c.html).toMatch(/^<section class="table-scroll heatmap" tabindex="0" aria-labelledby="heatmap-caption"><table><caption class="visually-hidden" id="heatmap-caption">Tỷ lệ hộ nghèo thiếu hụt theo xã, phường, thị trấn và chỉ số — rà soát 2023 \(%\)<\/caption>/);
    expect(c.summary).toContain('1 ô bị ẩn');
    await expect(c.svg).toMatchFileSnapshot(snap('heatmap-vi'));
  });
  it('support', async () => {
    const c = supportChart({ id: 'support', areaName: 'X', reviewYear: 2023, programs: [{ code: 'housing', name: 'Nhà ở' }, { code: 'credit', name: 'Tín dụng' }], cells: [
      { program_code: 'housing', measure: 'in_need', households: 200 }, { program_code: 'housing', measure: 'supported', households: 90 }, { program_code: 'housing', measure: 'in_need_supported', households: 80 },
      { program_code: 'credit', measure: 'in_need', households: 100 }, { program_code: 'credit', measure: 'supported', households: null }, { program_code: 'credit', measure: 'in_need_supported', households: 70 },
    ] }, 'vi');
    expect(c.summary).toContain('“Nhà ở”: 40%');
    await expect(c.svg).toMatchFileSnapshot(snap('support-vi'));
  });
  it('sparkline', async () => {
    const s = sparkline(points, { years: [2021, 2022, 2023], maxRate: 2, label: 'X' });
    await expect(s).toMatchFileSnapshot(snap('sparkline'));
  });
  it('no inline style (CSP style-src \'self\') and no aria-label inside a role="img" drawing', () => {
    const charts = [
      seriesChart({ id: 's', areaName: 'X', points, target: { review_year: 2024, poor: 0 } }, 'vi'),
      depthChart({ id: 'depth', areaName: 'X', rows: [{ population: 'poor', deprivations: 3, households: null }] }, 'en'),
    ];
    for (const c of charts) {
      for (const svg of [c.svg, c.svgCompact ?? '']) {
        expect(svg).not.toMatch(/\sstyle=/);
        expect(svg.match(/aria-label=/g)).toHaveLength(1);
        expect(svg).toMatch(/^<svg[^>]*\sfont-size="1[23]"/);
      }
      expect(c.svg).not.toBe(c.svgCompact);
    }
  });
});


describe('a chart is a typed spec; its id is a rendering of it', () => {
  // ids as the site has published them (page anchors, /embed/<id>/, downloads/<id>-<locale>.csv): written by hand
  const cases: [ChartSpec, string][] = [
    [{ area: 'district', kind: 'poor-series', year: 'latest', population: 'poor' }, 'poor-series'],
    [{ area: 'district', kind: 'movements', year: 'latest', population: 'poor' }, 'movements'],
    [{ area: 'district', kind: 'deprivation-shares', year: 'latest', population: 'poor' }, 'deprivation-shares'],
    [{ area: 'district', kind: 'deprivation-shares', year: 2022, population: 'poor' }, 'deprivation-shares-y2022'],
    [{ area: 'district', kind: 'contribution', year: 'latest', population: 'poor' }, 'contribution'],
    [{ area: 'district', kind: 'contribution', year: 2021, population: 'near_poor' }, 'contribution-near_poor-y2021'],
    [{ area: 'district', kind: 'depth', year: 2022, population: 'poor' }, 'depth-y2022'],
    [{ area: 'district', kind: 'heatmap', year: 'latest', population: 'near_poor' }, 'heatmap-near_poor'],
    [{ area: 'district', kind: 'support', year: 2021, population: 'poor' }, 'support-y2021'],
    [{ area: 'district', kind: 'newly-escaped', year: 'latest', population: 'poor' }, 'newly-escaped'],
    [{ area: 'district', kind: 'exit-outcomes', year: 'latest', population: 'poor' }, 'exit-outcomes'],
    [{ area: 'district', kind: 'escaped-deprivation', year: 2024, population: 'poor' }, 'escaped-deprivation-y2024'],
    [{ area: 'district', kind: 'escaped-indicators', year: 'latest', population: 'poor' }, 'escaped-indicators'],
    [{ area: 'district', kind: 'support-received', year: 2023, population: 'poor' }, 'support-received-y2023'],
    [{ area: '11470', kind: 'series', year: 'latest', population: 'poor' }, '11470-series'],
    [{ area: '11470', kind: 'movements', year: 'latest', population: 'poor' }, '11470-movements'],
    [{ area: '11470', kind: 'deprivation', year: 2022, population: 'poor' }, '11470-deprivation-y2022'],
    [{ area: '11473', kind: 'support', year: 'latest', population: 'poor' }, '11473-support'],
    // the same code from 2025-07 names phường Bạch Đằng, another territory: its ids carry the period
    [{ area: '11473', kind: 'series', year: 'latest', population: 'poor', period: '2025-07' }, '2025-11473-series'],
    [{ area: '11473', kind: 'deprivation', year: 2025, population: 'poor', period: '2025-07' }, '2025-11473-deprivation-y2025'],
    // the checks: recorded vs rule and what-if (district), deprivation by dimension (a unit's year)
    [{ area: 'district', kind: 'mismatch', year: 'latest', population: 'poor' }, 'mismatch'],
    [{ area: 'district', kind: 'what-if', year: 'latest', population: 'poor' }, 'what-if'],
    [{ area: '11470', kind: 'dimensions', year: 2022, population: 'poor' }, '11470-dimensions-y2022'],
    [{ area: '11473', kind: 'dimensions', year: 'latest', population: 'poor', period: '2025-07' }, '2025-11473-dimensions'],
  ];
  it.each(cases)('%o ↔ %s', (spec, id) => {
    expect(chartId(spec)).toBe(id);
    expect(chartSpecFromId(id)).toEqual(spec);
    expect(chartSpecFromId(chartId(spec))).toEqual(spec);
  });
  it('the cases cover every kind of district and commune chart', () => {
    const district = new Set(cases.filter(([s]) => s.area === 'district').map(([s]) => s.kind));
    const commune = new Set(cases.filter(([s]) => s.area !== 'district').map(([s]) => s.kind));
    expect([...district].sort()).toEqual([...DISTRICT_CHART_KINDS].sort());
    expect([...commune].sort()).toEqual([...COMMUNE_CHART_KINDS].sort());
  });
  it('the latest year is the plain id; charts without a year or a near-poor view refuse one', () => {
    expect(chartId(districtChart('depth', { year: 2023, latest: 2023 }))).toBe('depth');
    expect(chartId(districtChart('depth', { year: 2022, latest: 2023 }))).toBe('depth-y2022');
    expect(chartId(districtChart('poor-series', { year: 2022, latest: 2023 }))).toBe('poor-series');
    expect(chartId(communeChart('11470', 'support', { year: 2022, latest: 2023 }))).toBe('11470-support-y2022');
    expect(() => districtChart('depth', { population: 'near_poor' })).toThrow('chart depth has no near-poor view');
    expect(() => chartSpecFromId('series')).toThrow('unknown chart id: series');
    expect(() => chartSpecFromId('11470-heatmap')).toThrow('unknown chart id: 11470-heatmap');
    expect(() => chartSpecFromId('movements-y2022')).toThrow('chart movements has no year view: 2022');
  });
  it('an embed links back to the page the chart comes from', () => {
    expect(chartHomePath(chartSpecFromId('poor-series'))).toBe('progress/');
    expect(chartHomePath(chartSpecFromId('support'))).toBe('agencies/');
    expect(chartHomePath(chartSpecFromId('heatmap'))).toBe('deprivation/');
    // an earlier review's view is on that year's own page
    expect(chartHomePath(chartSpecFromId('heatmap-near_poor-y2023'))).toBe('deprivation/2023/');
    expect(chartHomePath(chartSpecFromId('contribution-y2021'))).toBe('deprivation/2021/');
    expect(chartHomePath(chartSpecFromId('11470-support'))).toBe('communes/11470/');
    expect(chartHomePath(chartSpecFromId('2025-11473-support'))).toBe('communes/2025/11473/');
    expect(chartId(communeChart('11473', 'series', { period: '2019-2024' }))).toBe('11473-series');
    expect(() => chartSpecFromId('2024-11473-series')).toThrow('unknown chart id: 2024-11473-series');
  });
});

describe('a suppressed cell is drawn as "unknown", never as a length', () => {
  const svgDoc = (svg: string) => new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  /** the hatched shapes of a drawing, with their geometry */
  const hatched = (svg: string) => Array.from(svgDoc(svg).querySelectorAll('rect')).filter((r) => /url\(#hatch/.test(r.getAttribute('fill') ?? r.parentElement?.getAttribute('fill') ?? ''))
    .filter((r) => r.closest('pattern') == null)
    .map((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), width: Number(r.getAttribute('width')), height: Number(r.getAttribute('height')) }));
  const texts = (svg: string) => Array.from(svgDoc(svg).querySelectorAll('text')).map((t) => t.textContent);
  const shares = (top: number) => deprivationSharesChart({ id: 'd', areaName: 'X', indicators, populations: ['poor'], rows: [
    { population: 'poor', indicator_code: 'employment', households: 100, share: top },
    { population: 'poor', indicator_code: 'health_insurance', households: null, share: null },
    { population: 'poor', indicator_code: 'telecom', households: 10, share: 5 },
  ] }, 'vi');
  it('deprivation shares: a small square at the zero end, whatever the axis, labelled "ẩn"', () => {
    for (const drawing of ['svg', 'svgCompact'] as const) {
      const small = hatched(shares(12)[drawing]!);
      const large = hatched(shares(95)[drawing]!);
      expect(small).toHaveLength(1);
      expect(small[0].width).toBe(10);
      expect(large[0].width).toBe(10);
      // the zero end of the axis: the left margin (250 wide, 138 on a phone)
      expect(small[0].x).toBe(drawing === 'svg' ? 250 : 138);
      expect(texts(shares(12)[drawing]!)).toContain('ẩn');
    }
  });
  it('support: the same marker, "hidden" in English', () => {
    const support = (need: number) => supportChart({ id: 'support', areaName: 'X', reviewYear: 2023, programs: [{ code: 'credit', name: 'Credit' }], cells: [
      { program_code: 'credit', measure: 'in_need', households: need }, { program_code: 'credit', measure: 'supported', households: null }, { program_code: 'credit', measure: 'in_need_supported', households: 7 },
    ] }, 'en');
    for (const need of [20, 5000]) {
      const marks = hatched(support(need).svg);
      expect(marks).toEqual([expect.objectContaining({ x: 200, width: 10 })]);
      expect(texts(support(need).svg)).toContain('hidden');
    }
  });
  it('depth: a square standing on the zero line, not a column up to the tallest bar', () => {
    const depth = (n: number) => depthChart({ id: 'depth', areaName: 'X', rows: [
      { population: 'poor', deprivations: 3, households: n }, { population: 'poor', deprivations: 4, households: null },
    ] }, 'vi');
    for (const n of [12, 900]) {
      const marks = hatched(depth(n).svg);
      expect(marks).toHaveLength(1);
      expect(marks[0].height).toBe(10);
      // height 260, bottom margin 40: the zero line is at y = 220
      expect(marks[0].y + marks[0].height).toBe(220);
      expect(texts(depth(n).svg)).toContain('ẩn');
    }
  });
  it('a hidden cell with a published interval reads as its range on the marker', () => {
    const rows = [
      { population: 'poor' as const, indicator_code: 'employment', households: 100, share: 40, households_min: null, households_max: null },
      { population: 'poor' as const, indicator_code: 'health_insurance', households: null, share: null, households_min: 2, households_max: 9 },
      { population: 'poor' as const, indicator_code: 'telecom', households: 10, share: 4, households_min: null, households_max: null },
    ];
    const vi = deprivationSharesChart({ id: 'd', areaName: 'X', indicators, populations: ['poor'], rows }, 'vi');
    expect(texts(vi.svg)).toContain('ẩn (2–9 hộ)');
    expect(texts(vi.svg)).not.toContain('ẩn');
    const en = depthChart({ id: 'depth', areaName: 'X', rows: [
      { population: 'poor', deprivations: 3, households: 12 }, { population: 'poor', deprivations: 4, households: null, households_min: 1000, households_max: 1200 },
    ] }, 'en');
    expect(texts(en.svg)).toContain('hidden (1,000–1,200 households)');
    // never a length: the marker is the same square as for a hidden cell without a range
    expect(hatched(en.svg)).toEqual([expect.objectContaining({ height: 10 })]);
  });
  it('the table view and CSV of a query\'s result: a hidden cell reads as its range (households and share), the CSV keeps the raw columns', () => {
    const q = { sql: 'SELECT …', columns: [
      { name: 'indicator_code' }, { name: 'indicator_name', label: 'Chỉ số' }, { name: 'households', label: 'Số hộ', format: 'count' as const },
      { name: 'share', label: 'Tỷ lệ', format: 'percent' as const, digits: 1 }, { name: 'households_min' }, { name: 'households_max' }, { name: 'status' },
    ] };
    const rows = [
      { indicator_code: 'employment', indicator_name: 'Việc làm', households: 1234, share: 40.25, households_min: null, households_max: null, status: 'ok' },
      { indicator_code: 'health_insurance', indicator_name: 'Bảo hiểm y tế', households: null, share: null, households_min: 2, households_max: 9, status: 'suppressed' },
      { indicator_code: 'telecom', indicator_name: 'Sử dụng dịch vụ viễn thông', households: null, share: null, households_min: null, households_max: null, status: 'suppressed' },
      { indicator_code: 'nutrition', indicator_name: 'Dinh dưỡng', households: 0, share: null, households_min: null, households_max: null, status: 'ok' },
    ];
    const vi = tableOfRows(q, rows, 'vi');
    expect(vi.columns).toEqual([{ key: 'indicator_name', label: 'Chỉ số' }, { key: 'households', label: 'Số hộ', numeric: true }, { key: 'share', label: 'Tỷ lệ', numeric: true }]);
    expect(vi.rows).toEqual([
      { indicator_name: 'Việc làm', households: '1.234', share: '40,3%' },
      { indicator_name: 'Bảo hiểm y tế', households: 'ẩn (2–9 hộ)', share: 'ẩn (2–9 hộ)' },
      { indicator_name: 'Sử dụng dịch vụ viễn thông', households: 'ẩn', share: 'ẩn' },
      // a published 0 stays 0; a value that is simply absent is a dash, not "hidden"
      { indicator_name: 'Dinh dưỡng', households: '0', share: '—' },
    ]);
    expect(tableOfRows(q, rows, 'en').rows[1]!.households).toBe('hidden (2–9 households)');
    expect(csvOfRows(q, rows).split('\n')).toEqual([
      'indicator_code,indicator_name,households,share,households_min,households_max,status',
      'employment,Việc làm,1234,40.25,,,ok',
      'health_insurance,Bảo hiểm y tế,,,2,9,suppressed',
      'telecom,Sử dụng dịch vụ viễn thông,,,,,suppressed',
      'nutrition,Dinh dưỡng,0,,,,ok',
      '',
    ]);
  });
  it('the label has room for the range the disclosure stage will publish', () => {
    expect(strings('vi').charts.hidden()).toBe('ẩn');
    expect(strings('vi').charts.hidden('2–9')).toBe('ẩn (2–9 hộ)');
    expect(strings('en').charts.hidden('2–9')).toBe('hidden (2–9 households)');
  });
});

// ---- each chart's table view is the result of its SQL ------------------------------------------------
// The SQL runs through @duckdb/node-api over public/data (site-data runSql); the expected rows are computed
// here, independently, from the published CSV files (papaparse), by hand-written filters and sums.

type CsvRow = Record<string, string>;
const published = (name: string): CsvRow[] =>
  Papa.parse<CsvRow>(readFileSync(join(dataDir(), `${name}.csv`), 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
const query = async (id: string, locale: 'vi' | 'en' = 'vi') => {
  const spec = chartSpecFromId(id);
  const q = chartSql(spec, await queryContext(spec, locale));
  return { q, rows: await runSql(q.sql) };
};
/** the cell columns of a published protected count */
const cell = (r: CsvRow) => ({ households: num(r.households), households_min: num(r.households_min), households_max: num(r.households_max), status: r.status });

describe('chart SQL: the table view is the query\'s result', () => {
  it('phường Bạch Đằng (2025-07): 2021–2024 the sums of its five 2019–2024 units, then its own rows, beside the territory', async () => {
    const { q, rows } = await query('2025-11473-series');
    const poverty = published('poverty');
    // the five units it was formed from, written by hand (as tests/site/units.test.ts)
    const parts = ['11473', '11494', '11497', '11500', '11539'];
    const expected = [2021, 2022, 2023, 2024].map((y) => {
      const rs = poverty.filter((r) => Number(r.review_year) === y && parts.includes(r.area_code));
      expect(rs).toHaveLength(5);
      const total = rs.reduce((a, r) => a + Number(r.total_households), 0);
      const poor = rs.reduce((a, r) => a + Number(r.poor), 0);
      return { review_year: y, total_households: total, poor, poor_rate: Math.round((10000 * poor) / total) / 100 };
    }).concat(poverty.filter((r) => r.area_code === '11473' && Number(r.review_year) >= 2025)
      .map((r) => ({ review_year: Number(r.review_year), total_households: Number(r.total_households), poor: Number(r.poor), poor_rate: Number(r.poor_rate) })));
    const territory = (y: number) => Number(poverty.find((r) => r.area_code === '311' && Number(r.review_year) === y)!.poor_rate);
    expect(rows.map((r) => ({ review_year: r.review_year, total_households: r.total_households, poor: r.poor, poor_rate: r.poor_rate })))
      .toEqual(expected.sort((a, b) => a.review_year - b.review_year));
    expect(rows.map((r) => r.district_poor_rate)).toEqual(expected.map((e) => territory(e.review_year)));
    expect(rows.map((r) => r.standard)).toEqual(['2022-2025', '2022-2025', '2022-2025', '2022-2025', '2022-2025', '2027-2030']);
    // the statement says what it does
    expect(q.sql.split('\n')[0]).toMatch(/^-- Phường Bạch Đằng: .*11473, 11494, 11497, 11500, 11539/);
  });

  it('thị trấn Minh Đức (the same code, 2019–2024): its own rows of its period only', async () => {
    const { rows } = await query('11473-series');
    const own = published('poverty').filter((r) => r.area_code === '11473' && Number(r.review_year) <= 2024);
    expect(rows.map((r) => [r.review_year, r.poor])).toEqual(own.map((r) => [Number(r.review_year), Number(r.poor)]).sort((a, b) => a[0]! - b[0]!));
  });

  it('the territory\'s series names it for each period', async () => {
    const { rows } = await query('poor-series', 'en');
    const areas = published('areas').filter((a) => a.area_code === '311');
    const nameIn = (y: number) => areas.find((a) => a.valid_from <= `${y}-10-01` && (a.valid_to === '' || `${y}-10-01` <= a.valid_to))!.name_en;
    expect(rows.map((r) => [r.review_year, r.area_name])).toEqual(
      published('poverty').filter((p) => p.area_code === '311').map((p) => [Number(p.review_year), nameIn(Number(p.review_year))]).sort((a, b) => (a[0] as number) - (b[0] as number)));
  });

  it('movements of a commune with hidden cells: every published cell, hidden as hidden, in year and movement order', async () => {
    const { q, rows } = await query('11482-movements');
    const order = ['escaped', 'exited_other', 'newly_poor', 'fell_back'];
    const expected = published('poverty_groups')
      .filter((g) => g.area_code === '11482' && Number(g.review_year) <= 2024 && order.includes(g.measure))
      .sort((a, b) => Number(a.review_year) - Number(b.review_year) || order.indexOf(a.measure) - order.indexOf(b.measure))
      .map((g) => ({ review_year: Number(g.review_year), measure: g.measure, ...cell(g) }));
    expect(expected.some((e) => e.status === 'suppressed')).toBe(true);
    expect(rows.map((r) => ({ review_year: r.review_year, measure: r.measure, households: r.households, households_min: r.households_min, households_max: r.households_max, status: r.status }))).toEqual(expected);
    // the table view: a hidden count reads as its published range, never as 0 or empty
    const table = tableOfRows(q, rows, 'vi');
    expected.forEach((e, i) => {
      const range = e.households_min == null ? 'ẩn' : `ẩn (${formatCount(e.households_min, 'vi')}–${formatCount(e.households_max!, 'vi')} hộ)`;
      expect(table.rows[i]!.households).toBe(e.status === 'suppressed' ? range : formatCount(e.households!, 'vi'));
    });
  });

  it('support of a commune in 2023 with hidden cells, and the coverage of need computed by hand', async () => {
    const { rows } = await query('11545-support-y2023');
    const support = published('support').filter((s) => s.area_code === '11545' && s.review_year === '2023');
    expect(rows).toHaveLength(support.length);
    for (const r of rows) {
      const src = support.find((s) => s.program_code === r.program_code && s.measure === r.measure)!;
      expect({ households: r.households, households_min: r.households_min, households_max: r.households_max, status: r.status }).toEqual(cell(src));
      const need = num(support.find((s) => s.program_code === r.program_code && s.measure === 'in_need')?.households);
      const both = num(support.find((s) => s.program_code === r.program_code && s.measure === 'in_need_supported')?.households);
      const coverage = r.measure !== 'in_need_supported' || need == null || both == null || need === 0 ? null : Math.round((10000 * both) / need) / 100;
      expect(r.coverage_percent, `${r.program_code} ${r.measure}`).toBe(coverage);
    }
    expect(rows.filter((r) => r.status === 'suppressed').length).toBe(support.filter((s) => s.status === 'suppressed').length);
  });

  it('contribution: each indicator\'s share of all deprivations (2023, every count published)', async () => {
    const { rows } = await query('contribution-y2023');
    const dep = published('deprivation').filter((d) => d.area_code === '311' && d.review_year === '2023' && d.population === 'poor');
    expect(dep.every((d) => d.status === 'ok')).toBe(true);
    const total = dep.reduce((a, d) => a + Number(d.households), 0);
    expect(Object.fromEntries(rows.map((r) => [r.indicator_code, r.contribution_percent])))
      .toEqual(Object.fromEntries(dep.map((d) => [d.indicator_code, Math.round((10000 * Number(d.households)) / total) / 100])));
  });
  it('contribution: none while any count is hidden (2022 has a hidden cell)', async () => {
    const { q, rows } = await query('contribution-y2022');
    const dep = published('deprivation').filter((d) => d.area_code === '311' && d.review_year === '2022' && d.population === 'poor');
    expect(dep.filter((d) => d.status === 'suppressed')).toHaveLength(1);
    expect(rows).toHaveLength(dep.length);
    expect(rows.map((r) => r.contribution_percent)).toEqual(dep.map(() => null));
    const hidden = tableOfRows(q, rows, 'en').rows.filter((r) => String(r.households).startsWith('hidden'));
    expect(hidden).toHaveLength(1);
  });
  it('deprivation shares of thị trấn Minh Đức in 2023: both populations, its hidden cells hidden', async () => {
    const { rows } = await query('11473-deprivation-y2023');
    const both = published('deprivation').filter((d) => d.area_code === '11473' && d.review_year === '2023' && (d.population === 'poor' || d.population === 'near_poor'));
    expect(rows).toHaveLength(both.length);
    const hidden = both.filter((d) => d.status === 'suppressed');
    expect(hidden.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'suppressed').map((r) => `${r.population}:${r.indicator_code}`).sort())
      .toEqual(hidden.map((d) => `${d.population}:${d.indicator_code}`).sort());
    expect(rows.filter((r) => r.status === 'suppressed').every((r) => r.households === null && r.share === null)).toBe(true);
  });

  it('heat map: every unit of the review year by indicator, named for that period', async () => {
    const { rows } = await query('heatmap-y2024');
    const dep = published('deprivation').filter((d) => d.area_level === 'commune' && d.review_year === '2024' && d.population === 'poor');
    expect(rows).toHaveLength(dep.length);
    const names = new Map(published('areas').filter((a) => a.valid_from === '2019-12-01').map((a) => [a.area_code, a.name_vi]));
    for (const r of rows) {
      const src = dep.find((d) => d.area_code === r.area_code && d.indicator_code === r.indicator_code)!;
      expect({ households: r.households, households_min: r.households_min, households_max: r.households_max, status: r.status }).toEqual(cell(src));
      expect(r.area_name).toBe(names.get(r.area_code as string));
    }
    // ordered by unit code
    const codes = rows.map((r) => r.area_code as string);
    expect(codes).toEqual([...codes].sort());
  });

  it('the chart\'s table view and CSV are its SQL\'s result (wired through the registry)', async () => {
    for (const id of ['2025-11473-series', '11545-support-y2023', 'depth']) {
      const spec = chartSpecFromId(id);
      const chart = await chartFromTables(spec, 'vi');
      const { q, rows } = await query(id);
      expect(chart.sql).toBe(q.sql);
      expect(chart.table).toEqual(tableOfRows(q, rows, 'vi'));
      const csv = Papa.parse<string[]>(chart.csv, { skipEmptyLines: true }).data;
      expect(csv[0]).toEqual(q.columns.map((c) => c.name));
      expect(csv.length - 1).toBe(rows.length);
    }
  });

  it('every chart view\'s SQL: one ordered statement over the published tables, compact, and back from its explorer link', async () => {
    const specs = await allDownloadSpecs();
    expect(Object.keys(CHART_QUERIES).sort()).toEqual([...new Set([...DISTRICT_CHART_KINDS, ...COMMUNE_CHART_KINDS])].sort());
    let longest = 0;
    for (const spec of specs) {
      for (const locale of ['vi', 'en'] as const) {
        const { sql } = chartSql(spec, await queryContext(spec, locale));
        const code = sql.replace(/^--.*\n/, '');
        expect(code, chartId(spec)).toMatch(/\nORDER BY [^\n]+$/);
        expect(code).not.toContain(';');
        expect(sql).not.toMatch(/ {2}|^ | $|\n /m);
        const tables = [...code.matchAll(/\b(?:FROM|JOIN) ([a-z_]+)\b/g)].map((m) => m[1]);
        for (const t of tables) expect(TABLES as readonly string[], `${chartId(spec)}: ${t}`).toContain(t);
        const href = exploreHref(sql, locale);
        expect(href.startsWith(locale === 'en' ? '/en/explore/?sql=' : '/explore/?sql=')).toBe(true);
        expect(readUrlState(href.slice(href.indexOf('?'))).sql).toBe(sql);
        longest = Math.max(longest, href.length);
      }
    }
    // well under the 8 KB request line a server accepts by default
    expect(longest).toBeLessThan(2500);
  });
});

describe('the build-time DOM (linkedom)', () => {
  /** An SVG as jsdom parses it (strict XML: a malformed drawing throws), each element's attributes sorted. */
  const canonical = (svg: string): string => {
    const walk = (n: Node): string => {
      if (n.nodeType === 3) return (n.textContent ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
      if (n.nodeType !== 1) return '';
      const e = n as Element;
      const attrs = Array.from(e.attributes).map((a) => `${a.name}="${a.value}"`).sort().join(' ');
      return `<${e.tagName} ${attrs}>${Array.from(e.childNodes).map(walk).join('')}</${e.tagName}>`;
    };
    return walk(new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document.documentElement);
  };
  it('draws what a browser-grade DOM (jsdom) draws: the same elements, attributes and text', () => {
    const rows = [
      { name: 'Nhà ở', measure: 'cần', n: 200 }, { name: 'Nhà ở', measure: 'đã nhận', n: 90 },
      { name: 'Tín dụng & vốn', measure: 'cần', n: 100 }, { name: 'Tín dụng & vốn', measure: 'đã nhận', n: 70 },
    ];
    const hidden = [{ name: 'Y tế', label: 'ẩn (2–9 hộ)' }];
    const options: Plot.PlotOptions = {
      width: 600, height: 220, marginLeft: 120, style: { fontSize: '12px' }, x: { grid: true, label: 'Số hộ →' },
      marks: [
        Plot.barX(rows, { x: 'n', y: 'name', fill: 'measure' }),
        Plot.text(rows, { x: 'n', y: 'name', text: (d: (typeof rows)[number]) => formatCount(d.n, 'vi'), dx: 3, textAnchor: 'start' }),
        ...hiddenMarksX(hidden, { y: 'name', label: (d) => d.label }, 11),
        Plot.ruleX([0]),
        Plot.lineY([1, 3, 2], { x: (_d: number, i: number) => 100 + 50 * i, y: (d: number) => d }),
      ],
    };
    const opts = { label: 'Hỗ trợ "theo nhu cầu" <2024>', hatch: true, id: 'dom-check' };
    const ours = renderPlot(options, opts);
    const reference = finishSvg((Plot.plot({ ...options, document: new JSDOM('<!doctype html><body></body>').window.document } as Plot.PlotOptions) as unknown as Element).outerHTML, opts);
    expect(ours).toContain('<rect');
    expect(canonical(ours)).toBe(canonical(reference));
  });
});
