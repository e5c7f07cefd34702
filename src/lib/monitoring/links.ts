// Links into the monitoring pages, for any page that wants to point at a unit's row (a commune page's
// "lasting exits" link). One place for the anchors the pages set.
import { FIRST_PERIOD } from '../geography';
import type { AreaKey } from '../areas';

/** A unit's slug in an anchor: the code for 2019–2024 (links already shared keep working), else period-code. */
function unitSlug(key: AreaKey): string {
  return key.period === FIRST_PERIOD ? key.code : `${key.period}-${key.code}`;
}

/** The id of a unit's row in the lasting-exits table of an exit review year. */
export function lastingRowId(exitYear: number, key: AreaKey): string {
  return `exit-${exitYear}-${unitSlug(key)}`;
}

/** The lasting-exits page (relative to the locale root), at a unit's row of an exit year when both are given. */
export function lastingAnchor(key?: AreaKey, exitYear?: number): string {
  if (!key || exitYear == null) return 'lasting-exits/';
  return `lasting-exits/?exit=${exitYear}#${lastingRowId(exitYear, key)}`;
}

/** The id of a unit's row in the newly-escaped table of a review year. */
export function escapedRowId(reviewYear: number, key: AreaKey): string {
  return `escaped-${reviewYear}-${unitSlug(key)}`;
}
