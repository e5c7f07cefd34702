// The schematic map: one cell per 2019–2024 unit, coloured by the 2025-07 unit it became (the reference
// crosswalk), cells that tile the padded hull, and a highlight that fades every other cell.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { clipConvex, mapLayout, schematicMapSvg, successorColors } from '../src/lib/map';

const area = (poly: [number, number][]) => Math.abs(poly.reduce((s, [x1, y1], i) => { const [x2, y2] = poly[(i + 1) % poly.length]!; return s + x1 * y2 - x2 * y1; }, 0) / 2);
const svgDoc = (svg: string) => new JSDOM(`<body>${svg}</body>`).window.document;

describe('schematic map', () => {
  it('clips a polygon to a convex one', () => {
    const square: [number, number][] = [[0, 0], [4, 0], [4, 4], [0, 4]];
    const shifted: [number, number][] = [[2, 2], [6, 2], [6, 6], [2, 6]];
    expect(area(clipConvex(shifted, square))).toBe(4);
    expect(area(clipConvex(shifted, [...square].reverse()))).toBe(4);
  });
  it('has 37 cells that tile the hull', () => {
    const { cells, hull } = mapLayout();
    expect(cells).toHaveLength(37);
    const total = cells.reduce((s, c) => s + area(c.polygon), 0);
    expect(Math.abs(total - area(hull)) / area(hull)).toBeLessThan(1e-6);
  });
  it('colours each cell by the unit it became; Núi Đèo (whole) plain, Liên Khê (split) striped', () => {
    const doc = svgDoc(schematicMapSvg({ id: 'm', title: 't', desc: 'd' }));
    const cells = Array.from(doc.querySelectorAll('path[data-cell]'));
    expect(cells).toHaveLength(37);
    const colors = successorColors();
    // Núi Đèo 11470 → Thủy Nguyên 11560 (full); Minh Đức 11473 → Bạch Đằng 11473
    expect(doc.querySelector('[data-cell="11470"]')?.getAttribute('fill')).toBe(colors.get('11560'));
    expect(doc.querySelector('[data-cell="11473"]')?.getAttribute('fill')).toBe(colors.get('11473'));
    // Liên Khê 11485 → Lưu Kiếm 11488 and Việt Khê 11503
    expect(doc.querySelector('[data-cell="11485"]')?.getAttribute('fill')).toMatch(/^url\(#m-s\d+\)$/);
    expect(new Set(colors.values()).size).toBe(8);
    expect(doc.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(doc.querySelector('svg > title')?.textContent).toBe('t');
  });
  it('fades every cell but the highlighted ones', () => {
    const doc = svgDoc(schematicMapSvg({ id: 'm', title: 't', desc: 'd', highlight: ['11473', '11494'] }));
    expect(doc.querySelectorAll('path[data-cell][fill-opacity]')).toHaveLength(35);
    expect(doc.querySelector('[data-cell="11494"]')?.hasAttribute('fill-opacity')).toBe(false);
  });
});
