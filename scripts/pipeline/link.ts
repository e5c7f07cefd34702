// Movements across review years. A household-year is linked to the household of the previous review it continues:
// within one set of units through the keyed pseudonym of (commune_code, household_id), as always; across a
// reorganisation (a review year whose units differ from the year before's, src/lib/geography.ts sameUnits) through
// its previous reference, else through the crosswalk, never by a guess (data contract, "Across the 2025
// reorganisation"). The recognised result (recorded_status) decides who was poor, as in the commune's own reports.
// Every pseudonym stays in DuckDB's memory; only counts leave this module.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  TOP_CODE, attributedSuccessor, links, periodIdOf, periodOfReviewYear, sameUnits, wholeUnionOf,
} from '../../src/lib/geography.ts';
import { queryRows } from './db.ts';

/** How the households of one new unit, in a review year whose units changed, were linked to the review before. */
export interface UnitLinkage {
  code: string;
  /** through previous_commune_code / previous_household_id */
  previous: number;
  /** through the crosswalk: the one household of the unit's predecessors with the same household id */
  crosswalk: number;
  /** two or more candidates (or two households claiming the same one): left unlinked, never guessed */
  ambiguous: number;
  /** a previous reference that names no household of the review before */
  dangling: number;
  /** no candidate at all: a household new to the list (or one the review before did not assess) */
  new: number;
}
export interface YearLinkage { review_year: number; previous_year: number; units: UnitLinkage[] }

/** Small tables of the geography for the linked years whose units changed: crosswalk, attribution, identity units. */
async function createGeographyTables(conn: DuckDBConnection, changedYears: number[]): Promise<void> {
  const crosswalk: string[] = [];
  const attribution: string[] = [];
  const identity: string[] = [];
  for (const t of changedYears) {
    const [from, to] = [periodIdOf(t - 1), periodIdOf(t)];
    const all = links(from, to);
    for (const l of all) crosswalk.push(`(${t}, '${l.from_code}', '${l.to_code}')`);
    for (const prev of new Set(all.map((l) => l.from_code))) attribution.push(`(${t}, '${prev}', '${attributedSuccessor(prev, from, to)}')`);
    for (const code of new Set(all.map((l) => l.to_code))) {
      // the identity is claimed only where the territory is the union of whole predecessors
      for (const prev of wholeUnionOf(code, to, from) ?? []) identity.push(`(${t}, '${prev}', '${code}')`);
    }
  }
  const table = async (name: string, values: string[]) => {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} (review_year INTEGER, prev_code VARCHAR, code VARCHAR)`);
    if (values.length) await conn.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
  };
  await table('link_crosswalk', crosswalk);
  await table('link_attribution', attribution);
  // identity rows as (review_year, prev_code = a predecessor, code = the whole-union unit)
  await table('link_identity_units', identity);
  await conn.run(`CREATE OR REPLACE TEMP TABLE changed_years (review_year INTEGER)`);
  if (changedYears.length) await conn.run(`INSERT INTO changed_years VALUES ${changedYears.map((t) => `(${t})`).join(', ')}`);
}

/**
 * `household_links(review_year, household_key, prev_household_key, how)` for every household of a changed year:
 * how = previous | crosswalk (linked) or ambiguous | dangling | new (unlinked).
 */
async function linkAcrossReorganisation(conn: DuckDBConnection, t: number): Promise<void> {
  await conn.run(`INSERT INTO household_links
    WITH cur AS (SELECT household_key, commune_code, previous_key, id_key FROM households WHERE review_year = ${t}),
    prev AS (SELECT household_key, commune_code, id_key FROM households WHERE review_year = ${t - 1}),
    -- (a) the previous reference, when given: it names the household or nothing
    by_reference AS (
      SELECT c.household_key, p.household_key AS prev_key FROM cur c LEFT JOIN prev p ON p.household_key = c.previous_key
      WHERE c.previous_key IS NOT NULL
    ),
    referenced AS (SELECT prev_key, count(*) AS claims FROM by_reference WHERE prev_key IS NOT NULL GROUP BY ALL),
    -- (b) else the crosswalk: households of the unit's predecessors with the same household id
    candidates AS (
      SELECT c.household_key, count(p.household_key) AS n, any_value(p.household_key) AS prev_key
      FROM cur c
      LEFT JOIN (prev p JOIN link_crosswalk x ON x.review_year = ${t} AND x.prev_code = p.commune_code)
        ON p.id_key = c.id_key AND x.code = c.commune_code
      WHERE c.previous_key IS NULL GROUP BY ALL
    ),
    -- a single candidate that a previous reference claims is taken; one that two households claim is no one's
    by_crosswalk AS (
      SELECT household_key, n, CASE WHEN n = 1 AND prev_key NOT IN (SELECT prev_key FROM referenced) THEN prev_key END AS prev_key
      FROM candidates
    ),
    crosswalk_claims AS (SELECT prev_key, count(*) AS claims FROM by_crosswalk WHERE prev_key IS NOT NULL GROUP BY ALL)
    SELECT ${t}, r.household_key,
      CASE WHEN r.prev_key IS NOT NULL AND k.claims = 1 THEN r.prev_key END,
      CASE WHEN r.prev_key IS NULL THEN 'dangling' WHEN k.claims = 1 THEN 'previous' ELSE 'ambiguous' END
    FROM by_reference r LEFT JOIN referenced k ON k.prev_key = r.prev_key
    UNION ALL
    SELECT ${t}, w.household_key,
      CASE WHEN w.prev_key IS NOT NULL AND k.claims = 1 THEN w.prev_key END,
      CASE WHEN w.n >= 2 THEN 'ambiguous' WHEN w.prev_key IS NULL THEN 'new' WHEN k.claims = 1 THEN 'crosswalk' ELSE 'ambiguous' END
    FROM by_crosswalk w LEFT JOIN crosswalk_claims k ON k.prev_key = w.prev_key`);
}

/**
 * Creates `movements(review_year, commune_code, measure, households)` (only non-zero counts; the aggregate stage
 * fills the grid), `movement_events` (the same, one row per household: `household_key` is the household at t, NULL
 * for exited_other), `household_lineage(review_year, household_key, commune_code, recorded_status, lineage)` (the
 * same lineage = the same household followed across reviews; only the households of lineages that were ever poor)
 * and `link_partial(review_year, commune_code)` (the units whose linkage is partial), for every review year t whose
 * year t − 1 is in the input:
 * escaped = poor at t−1, linked to a household at t in a successor of its unit, not poor at t (counted there);
 * exited_other = poor at t−1, not found at t or found in a unit that is not a successor (counted where it was,
 * i.e. at its unit's attributed successor across a reorganisation);
 * newly_poor / fell_back = poor at t, not continuing a household poor at t−1 in a predecessor of its unit:
 * fell_back when its lineage was poor in an earlier review, else newly_poor.
 * Returns, for each year whose units changed, how the households of each new unit were linked.
 */
export async function linkMovements(conn: DuckDBConnection): Promise<YearLinkage[]> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE input_years AS
    SELECT DISTINCT review_year FROM (SELECT review_year FROM communes UNION SELECT review_year FROM households)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE linked_years AS
    SELECT y.review_year FROM input_years y JOIN input_years p ON p.review_year = y.review_year - 1`);
  const inputYears = (await queryRows<{ review_year: number }>(conn, `SELECT review_year FROM input_years ORDER BY 1`)).map((r) => r.review_year);
  const linkedYears = (await queryRows<{ review_year: number }>(conn, `SELECT review_year FROM linked_years ORDER BY 1`)).map((r) => r.review_year);
  const changedYears = linkedYears.filter((t) => !sameUnits(t, t - 1));
  await createGeographyTables(conn, changedYears);

  // the keys' columns of the type households holds them in (input/hmac.ts KEY_TYPE; tests may build households of their own)
  await conn.run(`CREATE OR REPLACE TEMP TABLE household_links AS
    SELECT review_year, household_key, household_key AS prev_household_key, NULL::VARCHAR AS how FROM households LIMIT 0`);
  for (const t of changedYears) await linkAcrossReorganisation(conn, t);

  // a lineage per (period, household key): a household key names one household only within one set of units
  // (codes are reused); across a reorganisation the lineage continues through household_links. Every household has
  // one: the movements follow the poor, the monitoring views (follow.ts) the escaped. A period is joined on by its
  // number among the input's periods (an integer joins faster than its id).
  const periodIds = [...new Set(inputYears.map((y) => periodOfReviewYear(y)?.id ?? 'none'))];
  const periodOf = (y: number): number => periodIds.indexOf(periodOfReviewYear(y)?.id ?? 'none');
  await conn.run(`CREATE OR REPLACE TEMP TABLE year_periods (review_year INTEGER, period INTEGER)`);
  if (inputYears.length) await conn.run(`INSERT INTO year_periods VALUES ${inputYears.map((y) => `(${y}, ${periodOf(y)})`).join(', ')}`);
  // a lineage is a number (only ever compared for equality): one column to join on, where the key needs its period too
  await conn.run(`CREATE OR REPLACE TEMP TABLE lineages AS
    SELECT period, household_key, row_number() OVER () AS lineage FROM (
      SELECT DISTINCT y.period, h.household_key FROM households h JOIN year_periods y USING (review_year)
    )`);
  for (const t of changedYears) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE lineage_updates AS
      SELECT l.household_key, prev.lineage FROM household_links l
      JOIN lineages prev ON prev.period = ${periodOf(t - 1)} AND prev.household_key = l.prev_household_key
      WHERE l.review_year = ${t}`);
    await conn.run(`UPDATE lineages SET lineage = u.lineage FROM lineage_updates u
      WHERE lineages.period = ${periodOf(t)} AND lineages.household_key = u.household_key`);
  }
  // every household-year of a lineage that was ever poor, with its lineage: one household per lineage and review
  // year. Only these are ever read: the poor (poor_spells), and the escaped and their later reviews (follow.ts), whose
  // lineage is the poor household's they continue. The others were a copy of every household-year to no use (measured
  // on the 2 M-row canonical bench input, where about one household in seven was ever poor: 0.47 s for all of them;
  // 0.17–0.22 s for these, and 0.07 s to find their lineages).
  await conn.run(`CREATE OR REPLACE TEMP TABLE poor_lineages AS
    SELECT DISTINCT g.lineage FROM households h JOIN year_periods y USING (review_year)
    JOIN lineages g ON g.period = y.period AND g.household_key = h.household_key
    WHERE h.recorded_status = 'poor'`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE household_lineage AS
    SELECT h.review_year, h.household_key, h.commune_code, h.recorded_status, g.lineage
    FROM households h JOIN year_periods y USING (review_year)
    JOIN (SELECT * FROM lineages SEMI JOIN poor_lineages USING (lineage)) g ON g.period = y.period AND g.household_key = h.household_key`);
  await conn.run(`DROP TABLE poor_lineages`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE poor_spells AS
    SELECT household_key, commune_code, review_year, lineage,
           min(review_year) OVER (PARTITION BY lineage) AS first_poor_year
    FROM household_lineage WHERE recorded_status = 'poor'`);

  const changed = 'SELECT review_year FROM changed_years';
  // one row per household and movement (household_key: the household at t; NULL for exited_other)
  await conn.run(`CREATE OR REPLACE TEMP TABLE movement_events AS
    WITH successor AS (
      -- each household poor at t−1 with the household at t that continues it (NULL: not found)
      SELECT p.review_year + 1 AS review_year, p.commune_code AS prev_code, h.commune_code, h.recorded_status, h.household_key
      FROM poor_spells p JOIN linked_years y ON y.review_year = p.review_year + 1
      LEFT JOIN households h ON h.household_key = p.household_key AND h.review_year = p.review_year + 1
      WHERE p.review_year + 1 NOT IN (${changed})
      UNION ALL
      SELECT p.review_year + 1, p.commune_code, h.commune_code, h.recorded_status, h.household_key
      FROM poor_spells p JOIN changed_years y ON y.review_year = p.review_year + 1
      LEFT JOIN household_links l ON l.review_year = p.review_year + 1 AND l.prev_household_key = p.household_key
      LEFT JOIN households h ON h.review_year = l.review_year AND h.household_key = l.household_key
    ),
    leaving AS (
      SELECT s.review_year,
             CASE WHEN s.commune_code IS NOT NULL AND (x.code IS NOT NULL OR s.review_year NOT IN (${changed})) THEN s.commune_code
                  ELSE coalesce(a.code, s.prev_code) END AS commune_code,
             CASE WHEN s.commune_code IS NULL THEN 'exited_other'
                  WHEN x.code IS NULL AND s.review_year IN (${changed}) THEN 'exited_other'
                  WHEN s.recorded_status <> 'poor' THEN 'escaped' END AS measure,
             CASE WHEN s.commune_code IS NOT NULL AND (x.code IS NOT NULL OR s.review_year NOT IN (${changed})) THEN s.household_key END AS household_key
      FROM successor s
      LEFT JOIN link_crosswalk x ON x.review_year = s.review_year AND x.prev_code = s.prev_code AND x.code = s.commune_code
      LEFT JOIN link_attribution a ON a.review_year = s.review_year AND a.prev_code = s.prev_code
    ),
    continuing AS (
      -- households poor at t that continue a household poor at t−1 in a predecessor of their unit
      SELECT c.review_year, c.household_key FROM poor_spells c JOIN poor_spells p
        ON p.household_key = c.household_key AND p.review_year = c.review_year - 1
      WHERE c.review_year NOT IN (${changed})
      UNION ALL
      SELECT c.review_year, c.household_key FROM poor_spells c
      JOIN household_links l ON l.review_year = c.review_year AND l.household_key = c.household_key
      JOIN poor_spells p ON p.review_year = c.review_year - 1 AND p.household_key = l.prev_household_key
      JOIN link_crosswalk x ON x.review_year = c.review_year AND x.prev_code = p.commune_code AND x.code = c.commune_code
    ),
    entering AS (
      SELECT c.review_year, c.commune_code,
             CASE WHEN c.first_poor_year < c.review_year THEN 'fell_back' ELSE 'newly_poor' END AS measure, c.household_key
      FROM poor_spells c
      JOIN linked_years l ON l.review_year = c.review_year
      ANTI JOIN continuing k ON k.review_year = c.review_year AND k.household_key = c.household_key
    )
    SELECT * FROM leaving WHERE measure IS NOT NULL UNION ALL SELECT * FROM entering`);
  await conn.run(`CREATE OR REPLACE TABLE movements AS
    SELECT review_year, commune_code, measure, CAST(count(*) AS INTEGER) AS households FROM movement_events GROUP BY ALL`);

  // every unit of the year (communes.csv), with zeros where it has no household
  const linkage = await queryRows<{ review_year: number } & UnitLinkage>(conn, `
    SELECT c.review_year, c.commune_code AS code,
      CAST(count(l.how) FILTER (WHERE l.how = 'previous') AS INTEGER) AS previous,
      CAST(count(l.how) FILTER (WHERE l.how = 'crosswalk') AS INTEGER) AS crosswalk,
      CAST(count(l.how) FILTER (WHERE l.how = 'ambiguous') AS INTEGER) AS ambiguous,
      CAST(count(l.how) FILTER (WHERE l.how = 'dangling') AS INTEGER) AS dangling,
      CAST(count(l.how) FILTER (WHERE l.how = 'new') AS INTEGER) AS "new"
    FROM communes c JOIN changed_years y ON y.review_year = c.review_year
    LEFT JOIN (household_links l JOIN households h ON h.review_year = l.review_year AND h.household_key = l.household_key)
      ON l.review_year = c.review_year AND h.commune_code = c.commune_code
    GROUP BY ALL ORDER BY 1, 2`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE link_partial AS
    SELECT DISTINCT l.review_year, h.commune_code FROM household_links l
    JOIN households h ON h.review_year = l.review_year AND h.household_key = l.household_key
    WHERE l.how IN ('ambiguous', 'dangling')`);
  return changedYears.map((t) => ({
    review_year: t, previous_year: t - 1,
    units: linkage.filter((r) => r.review_year === t).map(({ review_year: _, ...unit }) => unit),
  }));
}

/** One stderr line per year whose units changed: how its households were linked (counts only). */
export function formatLinkage(year: YearLinkage): string {
  const sum = (k: keyof Omit<UnitLinkage, 'code'>) => year.units.reduce((s, u) => s + u[k], 0);
  return `linking review ${year.review_year} to ${year.previous_year} across the change of units: `
    + `${sum('previous')} by previous reference, ${sum('crosswalk')} by crosswalk, ${sum('ambiguous')} ambiguous (not linked), `
    + `${sum('dangling')} with a previous reference that names no household, ${sum('new')} not linked (new); per unit in the report`;
}

export interface IdentityBreach { review_year: number; commune_code: string; expected: number; actual: number }

/**
 * Self-check of poor(t) = Σ poor(t−1, predecessors) − escaped − exited_other + newly_poor + fell_back for every
 * linked year: for the territory (area TOP_CODE), for every unit when the units did not change, and across a change
 * of units for each unit that is a union of whole predecessors (geography.ts wholeUnionOf); not claimed for the
 * others. Returns the breaches; empty means it holds.
 */
export async function movementIdentityBreaches(conn: DuckDBConnection): Promise<IdentityBreach[]> {
  return queryRows<IdentityBreach>(conn, `
    WITH poor AS (
      SELECT review_year, commune_code, count(*) AS n FROM households WHERE recorded_status = 'poor' GROUP BY ALL
    ), codes AS (
      SELECT DISTINCT commune_code FROM communes UNION SELECT DISTINCT commune_code FROM households
    ), pairs AS (
      SELECT l.review_year, c.commune_code, c.commune_code AS prev_code FROM linked_years l JOIN codes c ON true
      WHERE l.review_year NOT IN (SELECT review_year FROM changed_years)
      UNION ALL
      SELECT review_year, code, prev_code FROM link_identity_units
      UNION ALL
      SELECT l.review_year, '${TOP_CODE}', c.commune_code FROM linked_years l JOIN codes c ON true
    ), before AS (
      SELECT p.review_year, p.commune_code, sum(coalesce(b.n, 0)) AS n FROM pairs p
      LEFT JOIN poor b ON b.review_year = p.review_year - 1 AND b.commune_code = p.prev_code GROUP BY ALL
    ), flows AS (
      SELECT review_year, commune_code,
             sum(CASE measure WHEN 'escaped' THEN -households WHEN 'exited_other' THEN -households ELSE households END) AS net
      FROM movements GROUP BY ALL
    ), flows_all AS (
      SELECT * FROM flows UNION ALL SELECT review_year, '${TOP_CODE}', sum(net) FROM flows GROUP BY ALL
    ), now AS (
      SELECT * FROM poor UNION ALL SELECT review_year, '${TOP_CODE}', sum(n) FROM poor GROUP BY ALL
    )
    SELECT b.review_year, b.commune_code,
           CAST(b.n + coalesce(f.net, 0) AS INTEGER) AS expected,
           CAST(coalesce(now.n, 0) AS INTEGER) AS actual
    FROM before b
    LEFT JOIN now ON now.review_year = b.review_year AND now.commune_code = b.commune_code
    LEFT JOIN flows_all f ON f.review_year = b.review_year AND f.commune_code = b.commune_code
    WHERE b.n + coalesce(f.net, 0) <> coalesce(now.n, 0)
    ORDER BY b.review_year, b.commune_code`);
}
