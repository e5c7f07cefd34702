// What every chart produces: the pre-rendered SVG plus everything its figure needs without JavaScript.
export interface TableColumn { key: string; label: string; numeric?: boolean }
export interface ChartTable { columns: TableColumn[]; rows: Record<string, string | number | null>[] }

export interface ChartResult {
  /** stable id, used for the embed route and the download file names */
  id: string;
  title: string;
  /** one sentence generated from the data: the text alternative */
  summary: string;
  svg: string;
  /** the same chart drawn for a phone (about 340 px wide), shown instead of `svg` on narrow screens */
  svgCompact?: string;
  /** the SQL of the table view (src/lib/charts/sql.ts): the table view and the CSV are its result, the explorer link its text */
  sql?: string;
  /** the shown data, formatted for reading (table view) */
  table: ChartTable;
  /** the shown data, raw values for the CSV download */
  csv: string;
  /** optional HTML legend entries: [css class of the swatch, label] */
  legend?: { swatch: string; label: string }[];
  /** sentences shown next to the chart: what a marked break of the series means (`kind` names the break) */
  notes?: { kind: string; text: string }[];
}
