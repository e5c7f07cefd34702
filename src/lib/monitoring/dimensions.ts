// Causes by dimension (issue 13, item 4): the directive asks each commune to clarify the causes of poverty "đối với
// từng chiều thiếu hụt". A household is deprived in a dimension when deprived in any of its indicators
// (`deprivation_dimension`); the commune page leads with the dimensions and shows the indicators on request. At
// commune level this coarser table is also the one that survives disclosure control better: `shownShare` measures it.
// Pure: tests/monitoring-checks.test.ts checks it on hand-made rows.
import type { DeprivationRow, DimensionRow, Population, PovertyRow } from '../contract';
import { percent } from '../percent';
import type { HiddenBounds } from '../format';

export const DIMENSION_POPULATIONS: Population[] = ['poor', 'near_poor'];

/** One published count of a population: a dimension's or an indicator's. */
export interface PopulationCell extends HiddenBounds {
  /** null: hidden to protect households (never 0) */
  households: number | null;
  /** percent of `base`, null when hidden */
  share: number | null;
  /** the population's households in the area (`poverty`): the denominator */
  base: number;
}

export interface IndicatorLine { code: string; name: string; cells: Record<Population, PopulationCell> }
export interface DimensionLine { code: string; name: string; cells: Record<Population, PopulationCell>; indicators: IndicatorLine[] }

export interface DimensionTable {
  area_code: string;
  review_year: number;
  base: Record<Population, number>;
  /** in the standard's dimension order, each with its indicators in the standard's order */
  lines: DimensionLine[];
  /** the dimension most poor households are deprived in, among those shown; `certain` false when a hidden
   *  dimension could hold more (its published households_max, else the population, is above the count named) */
  top: TopDimension | null;
  /** the same among near-poor households (the summary's fallback when no poor cell is shown) */
  topNearPoor: TopDimension | null;
  hiddenDimensionCells: number;
}

export interface TopDimension { code: string; name: string; households: number; share: number; base: number; certain: boolean }

export interface DimensionInfo { code: string; name: string }
export interface IndicatorOfDimension { code: string; name: string; dimension: string }

function cellOf(row: { households: number | null; share: number | null } & HiddenBounds | undefined, base: number): PopulationCell {
  if (!row || row.households == null) return { households: null, share: null, base, households_min: row?.households_min ?? null, households_max: row?.households_max ?? null };
  // the published share where there is one (same rounding as percent()), else computed from the count
  return { households: row.households, share: row.share ?? percent(row.households, base), base, households_min: null, households_max: null };
}

/**
 * The dimension-first table of an area and review year: each dimension of the standard with the share of poor
 * and of near-poor households deprived in it, then its indicators (for the view on request).
 */
export function dimensionTable(input: {
  dimension: DimensionRow[]; deprivation: DeprivationRow[]; poverty: PovertyRow[];
  area: string; year: number; dimensions: DimensionInfo[]; indicators: IndicatorOfDimension[];
}): DimensionTable | null {
  const { area, year } = input;
  const pov = input.poverty.find((p) => p.area_code === area && p.review_year === year);
  if (!pov) return null;
  const base: Record<Population, number> = { poor: pov.poor, near_poor: pov.near_poor };
  const dims = input.dimension.filter((d) => d.area_code === area && d.review_year === year);
  const inds = input.deprivation.filter((d) => d.area_code === area && d.review_year === year);
  const lines: DimensionLine[] = input.dimensions.map((dim) => ({
    code: dim.code,
    name: dim.name,
    cells: Object.fromEntries(DIMENSION_POPULATIONS.map((p) => [p, cellOf(dims.find((d) => d.population === p && d.dimension_code === dim.code), base[p])])) as Record<Population, PopulationCell>,
    indicators: input.indicators.filter((i) => i.dimension === dim.code).map((i) => ({
      code: i.code,
      name: i.name,
      cells: Object.fromEntries(DIMENSION_POPULATIONS.map((p) => [p, cellOf(inds.find((d) => d.population === p && d.indicator_code === i.code), base[p])])) as Record<Population, PopulationCell>,
    })),
  }));
  const topOf = (p: Population): TopDimension | null => {
    const cells = lines.map((l) => ({ l, c: l.cells[p] }));
    const shown = cells.filter((x) => x.c.households != null).sort((a, b) => (b.c.households as number) - (a.c.households as number) || a.l.code.localeCompare(b.l.code));
    const first = shown[0];
    if (!first || (first.c.households as number) <= 0) return null;
    return {
      code: first.l.code, name: first.l.name, households: first.c.households as number, share: first.c.share as number, base: base[p],
      certain: !cells.some((x) => x.c.households == null && (x.c.households_max ?? base[p]) > (first.c.households as number)),
    };
  };
  return {
    area_code: area, review_year: year, base, lines, top: topOf('poor'), topNearPoor: topOf('near_poor'),
    hiddenDimensionCells: lines.reduce((a, l) => a + DIMENSION_POPULATIONS.filter((p) => l.cells[p].households == null).length, 0),
  };
}

/** How much of a table is shown: cells with status ok among all cells, per population, at one area level. */
export interface ShownShare { population: Population; shown: number; cells: number; share: number }

/**
 * The share of cells shown (status ok) at an area level for the poor and near-poor populations, over the given
 * review years (all when none given): how much of `deprivation_dimension` a reader sees, against `deprivation`.
 */
export function shownShare(rows: { area_level: string; review_year: number; population: string; status: string }[], level: 'district' | 'commune' = 'commune', years?: number[]): ShownShare[] {
  return DIMENSION_POPULATIONS.map((population) => {
    const cells = rows.filter((r) => r.area_level === level && r.population === population && (!years || years.includes(r.review_year)));
    const shown = cells.filter((r) => r.status === 'ok').length;
    return { population, shown, cells: cells.length, share: percent(shown, cells.length) };
  });
}
