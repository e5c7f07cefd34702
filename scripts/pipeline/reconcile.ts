// Official figures of the district's directive against the values computed from the input.
import { DISTRICT_CODE, type ProtectedTables, type RawTables } from '../../src/lib/contract.ts';
import { officialFigures as referenceFigures, type OfficialFigure } from '../../src/lib/reference.ts';

export interface Reconciliation {
  figure: string; review_year: number; official: number;
  /** null in datapackage.json when the published cell is suppressed: the release must not reveal it. */
  computed: number | null; match: boolean | null;
}

type AnyRow = Record<string, unknown>;

function locate(tables: RawTables | ProtectedTables, figure: OfficialFigure, reviewYear: number, areaCode: string): AnyRow | undefined {
  const rows = (tables as unknown as Record<string, AnyRow[]>)[figure.table];
  if (!rows) throw new Error(`official figure ${figure.figure} names an unknown table: ${figure.table}`);
  return rows.find((r) => r.review_year === reviewYear && r.area_code === areaCode
    && Object.entries(figure.where ?? {}).every(([column, value]) => r[column] === value));
}

/**
 * Compares every official figure whose review year is in the input with the raw (unsuppressed) value.
 * A mismatch is a finding to report, not a failure: the directive may count at another date.
 */
export function reconcile(raw: RawTables, published: ProtectedTables, official = referenceFigures): { printed: Reconciliation[]; recorded: Reconciliation[] } {
  const years = new Set(raw.poverty.map((r) => r.review_year));
  if (!years.has(official.review_year)) return { printed: [], recorded: [] };
  const areaCode = official.area_code ?? DISTRICT_CODE;
  const printed: Reconciliation[] = official.figures.map((f) => {
    const value = locate(raw, f, official.review_year, areaCode)?.[f.column];
    const computed = typeof value === 'number' ? value : null;
    const scale = 10 ** (f.decimals ?? 0);
    const match = computed === null ? false : Math.round(computed * scale) === Math.round(f.value * scale);
    return { figure: f.figure, review_year: official.review_year, official: f.value, computed, match };
  });
  const recorded = printed.map((r, n) => {
    const cell = locate(published, official.figures[n], official.review_year, areaCode);
    return cell?.status === 'suppressed' ? { ...r, computed: null, match: null } : r;
  });
  return { printed, recorded };
}

export function formatReconciliation(rows: Reconciliation[]): string {
  if (rows.length === 0) return '';
  const header = ['figure', 'official', 'computed', 'match'];
  const body = rows.map((r) => [r.figure, String(r.official), r.computed === null ? '—' : String(r.computed), r.match ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`reconciliation with the official figures of review year ${rows[0].review_year} (district):`, line(header), ...body.map(line)].join('\n') + '\n';
}
