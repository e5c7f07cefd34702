// The anchors of an area's rows on the monitoring pages (/recorded-vs-rule/, /newly-escaped/, /lasting-exits/), so a
// unit page links to its own rows: `area-<code>` for a unit of 2019–2024 (and the territory, 311), `area-2025-<code>`
// for a unit of 2025-07 (GSO codes are reused: 11473 is two territories). Pure.
import { FIRST_PERIOD, TOP_CODE, type PeriodId } from '../geography';

const SLUG: Record<PeriodId, string> = { '2019-2024': '', '2025-01': '2025-01-', '2025-07': '2025-' };

export function areaAnchor(key: { code: string; period: PeriodId }): string {
  return `area-${key.code === TOP_CODE || key.period === FIRST_PERIOD ? '' : SLUG[key.period]}${key.code}`;
}
