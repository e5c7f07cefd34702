// The schematic map of the reorganisation, drawn at build time: the representative points of the 37 units of
// 2019–2024 (data/reference/geography.json) projected with d3-geo, one Voronoi cell each (d3-delaunay) clipped to
// the points' padded hull, coloured by the 2025-07 unit each became. It is a picture of who went where, NOT of
// boundaries: the cells are equal-handed shares of the plane around each point, and the page says so.
// A unit split between several new units is coloured by the one its unfound leavers are counted in
// (`attributedSuccessor`) and striped with the other(s). Plain SVG, no request, a few KB.
import { geoMercator } from 'd3-geo';
import { Delaunay } from 'd3-delaunay';
import { FIRST_PERIOD, attributedSuccessor, period, successors, type PeriodId } from './geography';
import { escapeAttr, escapeText } from './charts/plot';

const defaults = { width: 360, padding: 6, hullPadding: 14 };
const NEW_PERIOD: PeriodId = '2025-07';

/** Okabe–Ito colours, one per unit of 2025-07 in code order: distinct under the common colour-vision deficiencies. */
const PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#bbbbbb'];

export function successorColors(): Map<string, string> {
  const codes = period(NEW_PERIOD).units.map((u) => u.code).sort();
  return new Map(codes.map((c, i) => [c, PALETTE[i % PALETTE.length]!]));
}

type Point = [number, number];

export interface MapCell {
  /** a unit of 2019–2024 */
  code: string;
  polygon: Point[];
  centroid: Point;
  /** the 2025-07 unit its colour stands for, and every 2025-07 unit (part of) it became */
  colorUnit: string;
  successors: string[];
}

export interface MapLayout { width: number; height: number; cells: MapCell[]; hull: Point[] }

let layoutCache: MapLayout | undefined;

/** The cells, once per build: the same geometry on every page. */
export function mapLayout(): MapLayout {
  if (layoutCache) return layoutCache;
  const { width, padding, hullPadding } = defaults;
  const units = period(FIRST_PERIOD).units.filter((u) => u.lon != null && u.lat != null);
  const margin = padding + hullPadding;
  // fitted to the width; the height follows the points' own extent (north up, no stretching)
  const projection = geoMercator().fitWidth(width - 2 * margin, { type: 'MultiPoint', coordinates: units.map((u) => [u.lon!, u.lat!]) });
  const raw = units.map((u) => projection([u.lon!, u.lat!]) as Point);
  const [minX, minY] = [Math.min(...raw.map((p) => p[0])), Math.min(...raw.map((p) => p[1]))];
  const points = raw.map(([x, y]) => [x - minX + margin, y - minY + margin] as Point);
  const height = Math.ceil(Math.max(...points.map((p) => p[1])) + margin);
  const voronoi = Delaunay.from(points).voronoi([0, 0, width, height]);
  // the hull of the points, padded: the hull of small circles around each point
  const ring: Point[] = points.flatMap(([x, y]) => Array.from({ length: 8 }, (_, k) => [x + hullPadding * Math.cos((k * Math.PI) / 4), y + hullPadding * Math.sin((k * Math.PI) / 4)] as Point));
  const hull = Delaunay.from(ring).hullPolygon() as Point[];
  const cells = units.map((u, i): MapCell => {
    const polygon = clipConvex(voronoi.cellPolygon(i) as Point[], hull);
    return {
      code: u.code, polygon, centroid: points[i]!,
      colorUnit: attributedSuccessor(u.code, FIRST_PERIOD, NEW_PERIOD),
      successors: successors(u.code, FIRST_PERIOD, NEW_PERIOD),
    };
  });
  layoutCache = { width, height, cells, hull };
  return layoutCache;
}

/** Sutherland–Hodgman: the part of polygon `subject` inside the convex polygon `clip`. */
export function clipConvex(subject: Point[], clip: Point[]): Point[] {
  const sign = Math.sign(signedArea(clip)) || 1;
  const inside = (p: Point, a: Point, b: Point) => sign * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0;
  const cross = (p: Point, q: Point, a: Point, b: Point): Point => {
    const [x1, y1, x2, y2] = [p[0], p[1], q[0], q[1]];
    const [x3, y3, x4, y4] = [a[0], a[1], b[0], b[1]];
    const d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
    const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d;
    return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
  };
  let out = subject.slice(0, subject.length > 1 && same(subject[0]!, subject[subject.length - 1]!) ? -1 : undefined);
  const c = clip.slice(0, clip.length > 1 && same(clip[0]!, clip[clip.length - 1]!) ? -1 : undefined);
  for (let i = 0; i < c.length && out.length > 0; i += 1) {
    const a = c[i]!;
    const b = c[(i + 1) % c.length]!;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j += 1) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      if (inside(q, a, b)) {
        if (!inside(p, a, b)) out.push(cross(p, q, a, b));
        out.push(q);
      } else if (inside(p, a, b)) out.push(cross(p, q, a, b));
    }
  }
  return out;
}

function signedArea(poly: Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i += 1) {
    const [x1, y1] = poly[i]!;
    const [x2, y2] = poly[(i + 1) % poly.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}
const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];
const r = (v: number) => Math.round(v);
const pathOf = (poly: Point[]) => `M${poly.map(([x, y]) => `${r(x)},${r(y)}`).join('L')}Z`;

export interface MapOptions {
  /** unique on the page: the ids of the stripe patterns and of the title/desc */
  id: string;
  title: string;
  desc: string;
  /** the 2019–2024 units to bring forward (the others fade); none: every unit drawn alike */
  highlight?: string[];
  /** the 2025-07 units to name on the map (name of each, placed at the middle of its cells) */
  labels?: Map<string, string>;
}

/** The map as an SVG string (role="img", with <title> and <desc>): 37 cells, each `data-cell` = its 2019–2024 code. */
export function schematicMapSvg(opts: MapOptions): string {
  const { width, height, cells, hull } = mapLayout();
  const colors = successorColors();
  const hi = opts.highlight ? new Set(opts.highlight) : null;
  const stripes = new Map<string, string>();
  const defs: string[] = [];
  const fillOf = (cell: MapCell): string => {
    const base = colors.get(cell.colorUnit)!;
    const others = cell.successors.filter((s) => s !== cell.colorUnit);
    if (others.length === 0) return base;
    const key = [cell.colorUnit, ...others].join('-');
    if (!stripes.has(key)) {
      const pid = `${opts.id}-s${stripes.size}`;
      stripes.set(key, pid);
      const w = 4 * (others.length + 1);
      defs.push(`<pattern id="${pid}" width="${w}" height="${w}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="${w}" height="${w}" fill="${base}"/>`
        + others.map((o, k) => `<rect x="${4 * (k + 1)}" width="4" height="${w}" fill="${colors.get(o)}"/>`).join('') + '</pattern>');
    }
    return `url(#${stripes.get(key)})`;
  };
  const body = cells.map((c) => {
    const faded = hi && !hi.has(c.code);
    return `<path data-cell="${c.code}" d="${pathOf(c.polygon)}" fill="${fillOf(c)}"${faded ? ' fill-opacity="0.3"' : ''} stroke="#fff" stroke-width="1"/>`;
  }).join('');
  const outline = hi ? cells.filter((c) => hi.has(c.code)).map((c) => `<path d="${pathOf(c.polygon)}" fill="none" stroke="#1b1f24" stroke-width="2.5"/>`).join('') : '';
  const labels = opts.labels ? [...opts.labels].map(([code, name]) => {
    const own = cells.filter((c) => c.colorUnit === code);
    if (own.length === 0) return '';
    const x = own.reduce((s, c) => s + c.centroid[0], 0) / own.length;
    const y = own.reduce((s, c) => s + c.centroid[1], 0) / own.length;
    return `<text x="${r(x)}" y="${r(y)}" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3" fill="#1b1f24">${escapeText(name)}</text>`;
  }).join('') : '';
  const tid = `${opts.id}-t`;
  const did = `${opts.id}-d`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${tid} ${did}" class="schematic-map" font-size="11">`
    + `<title id="${tid}">${escapeText(opts.title)}</title><desc id="${did}">${escapeText(opts.desc)}</desc>`
    + (defs.length ? `<defs>${defs.join('')}</defs>` : '')
    + `<path d="${pathOf(hull)}" fill="#f3f4f6" stroke="#8a8f96" stroke-dasharray="3,3"/>`
    + body + outline + labels + '</svg>';
}

/** The escape of an attribute value, for callers composing map markup. */
export { escapeAttr };
