// SVG snapshots of the chart functions on small fixed inputs: deterministic, named, diffable
// (tests/__snapshots__/charts/<name>.svg). Also checks what the text alternatives say.
import { describe, it, expect } from 'vitest';
import { seriesChart } from '../src/lib/charts/series';
import { movementsChart } from '../src/lib/charts/movements';
import { deprivationSharesChart, contributionChart, depthChart, intensity } from '../src/lib/charts/deprivation';
import { heatmapChart } from '../src/lib/charts/heatmap';
import { supportChart } from '../src/lib/charts/support';
import { sparkline } from '../src/lib/charts/sparkline';

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
    expect(c.csv.split('\n')[0]).toBe('review_year,review_label,total_households,poor,poor_rate,district_poor_rate');
    await expect(c.svg).toMatchFileSnapshot(snap('series-commune-en'));
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
    expect(c.table.rows[0].fell_back).toBe('ẩn');
    await expect(c.svg).toMatchFileSnapshot(snap('movements-vi'));
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
    expect(c.csv).toContain('health_insurance,Bảo hiểm y tế,poor,Hộ nghèo,,,suppressed');
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
    const c = heatmapChart({ id: 'heatmap', population: 'poor', indicators, areas: [{ code: '11470', name: 'Núi Đèo' }, { code: '11473', name: 'Minh Đức' }], cells: [
      { area_code: '11470', indicator_code: 'employment', households: 20, share: 50 },
      { area_code: '11470', indicator_code: 'health_insurance', households: null, share: null },
      { area_code: '11470', indicator_code: 'telecom', households: 8, share: 20 },
      { area_code: '11473', indicator_code: 'employment', households: 5, share: 9.5 },
      { area_code: '11473', indicator_code: 'health_insurance', households: 30, share: 61 },
      { area_code: '11473', indicator_code: 'telecom', households: 12, share: 30 },
    ] }, 'vi');
    expect(c.html.match(/hm-s/g)?.length).toBe(1);
    expect(c.html).toContain('<td class="num hm-s">ẩn</td>');
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

