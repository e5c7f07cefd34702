// Link-preview cards (src/lib/share.ts): demo data are labelled on the card as on every page they feed.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { chartCardSvg, siteCardSvg, withDemoBand, withoutDemoBand } from '../src/lib/share.ts';

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

describe('a downloaded chart on demo data', () => {
  const xml = (svg: string) => new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;

  it('carries the label in a band above the drawing, the drawing unchanged and moved down by the band', () => {
    const banded = withDemoBand(`<?xml version="1.0" encoding="UTF-8"?>\n${chart}`, 'Dữ liệu minh họa');
    const doc = xml(banded); // well-formed XML, or JSDOM throws
    const root = doc.documentElement;
    expect([root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')]).toEqual(['600', '428', '0 0 600 428']);
    expect(root.querySelector('text')?.textContent).toBe('DỮ LIỆU MINH HỌA');
    const drawing = root.querySelector(':scope > svg')!;
    expect([drawing.getAttribute('y'), drawing.getAttribute('width'), drawing.getAttribute('height')]).toEqual(['28', '600', '400']);
    expect(banded.endsWith('<rect width="10" height="10"/></svg></svg>')).toBe(true);
  });

  it('takes its size from the viewBox when it has no width and height, and refuses what is not an SVG', () => {
    const root = xml(withDemoBand('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><g/></svg>', 'Demo data')).documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 300 228');
    expect(() => withDemoBand('<html></html>', 'x')).toThrow(/not an SVG/);
  });

  it('a card draws the chart without the band (it has its own label), and a chart without a band is left alone', () => {
    expect(withoutDemoBand(withDemoBand(chart, 'Demo data'))).toBe(chart);
    expect(withoutDemoBand(chart)).toBe(chart);
    const card = chartCardSvg(withDemoBand(chart, 'Dữ liệu minh họa'), 'Hộ nghèo', 'Minh bạch giảm nghèo', 'Dữ liệu minh họa');
    expect(card.match(/MINH HỌA/g)).toHaveLength(1);
  });
});
