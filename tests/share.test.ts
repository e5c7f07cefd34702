// Link-preview cards (src/lib/share.ts): demo data are labelled on the card as on every page they feed.
import { describe, expect, it } from 'vitest';
import { chartCardSvg, siteCardSvg } from '../src/lib/share.ts';

const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400"><rect width="10" height="10"/></svg>';

describe('preview cards', () => {
  it('a chart card on demo data carries the demo label; one on real data does not', () => {
    const demo = chartCardSvg(chart, 'Hộ nghèo theo chỉ số', 'Minh bạch giảm nghèo', 'Dữ liệu minh họa');
    expect(demo).toContain('>DỮ LIỆU MINH HỌA</text>');
    const real = chartCardSvg(chart, 'Hộ nghèo theo chỉ số', 'Minh bạch giảm nghèo');
    expect(real).not.toMatch(/MINH HỌA/);
  });

  it('the site card too', () => {
    expect(siteCardSvg('Minh bạch giảm nghèo', ['a'], 'Thủy Nguyên', 'Demo data')).toContain('>DEMO DATA</text>');
    expect(siteCardSvg('Minh bạch giảm nghèo', ['a'], 'Thủy Nguyên')).not.toContain('DEMO');
  });
});
