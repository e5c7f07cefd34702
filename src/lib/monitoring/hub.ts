// The monitoring hub's cards: one headline figure each, for the territory (area 311), computed from the
// published tables. A hidden figure stays hidden (null with its range); a table without rows gives no figure.
import type { ExitOutcomeRow, PovertyGroupRow, PovertyRow, WhatIfRow } from '../contract';
import { FIRST_PERIOD, TOP_CODE } from '../geography';
import { belongsTo } from '../areas';
import { DIRECTIVE_PROMISES, exitCohorts, lastingHeadline, newlyEscapedSeries, type Count, type LastingHeadline } from './escaped';

const TERRITORY = { code: TOP_CODE, period: FIRST_PERIOD };
const countOf = (r: Partial<Count> | undefined): Count => ({ households: r?.households ?? null, households_min: r?.households_min ?? null, households_max: r?.households_max ?? null });

export interface YearCount extends Count { review_year: number }
export interface WhatIfRange { review_year: number; min: Count; max: Count }
export interface HubFigures {
  /** hộ mới thoát nghèo at the latest review that publishes them */
  escaped: (YearCount & { partial: boolean }) | null;
  lasting: LastingHeadline | null;
  /** status_mismatch (recorded result ≠ the standard's rule) at the latest review */
  mismatch: YearCount | null;
  /** poor households of the households assessed in the last review under 2022–2025, classified by the 2027–2030 rule */
  whatIf: WhatIfRange | null;
  /** the policies the directive names for hộ mới thoát nghèo, and how many of them a program of the data measures */
  promises: { named: number; measured: number };
  /** poor households at the latest review */
  poor: YearCount | null;
}

function latestOf<T extends { review_year: number }>(rows: T[]): T | undefined {
  return [...rows].sort((a, b) => b.review_year - a.review_year)[0];
}

export function hubFigures(t: { poverty: PovertyRow[]; groups: PovertyGroupRow[]; exitOutcomes: ExitOutcomeRow[]; whatIf: WhatIfRow[] }): HubFigures {
  const esc = newlyEscapedSeries(t.groups, TERRITORY);
  const lastEsc = esc[esc.length - 1];
  const mismatch = latestOf(t.groups.filter((g) => g.measure === 'status_mismatch' && belongsTo(g, TERRITORY)));
  const poor = latestOf(t.poverty.filter((p) => belongsTo(p, TERRITORY)));
  const wi = t.whatIf.filter((w) => w.standard === '2027-2030' && belongsTo(w, TERRITORY));
  const wiYear = latestOf(wi)?.review_year;
  const at = (m: string) => countOf(wi.find((w) => w.review_year === wiYear && w.measure === m));
  return {
    escaped: lastEsc ? { review_year: lastEsc.review_year, ...countOf(lastEsc), partial: lastEsc.partial } : null,
    lasting: lastingHeadline(exitCohorts(t.exitOutcomes, t.groups, TERRITORY)) ?? null,
    mismatch: mismatch ? { review_year: mismatch.review_year, ...countOf(mismatch) } : null,
    whatIf: wiYear == null ? null : { review_year: wiYear, min: at('poor_min'), max: at('poor_max') },
    promises: { named: DIRECTIVE_PROMISES.length, measured: DIRECTIVE_PROMISES.filter((p) => p.program !== null).length },
    poor: poor ? { review_year: poor.review_year, households: poor.poor, households_min: null, households_max: null } : null,
  };
}
