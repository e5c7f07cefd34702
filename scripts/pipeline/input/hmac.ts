// HMAC-SHA-256 computed inside DuckDB, so 2 million household codes are pseudonymised without leaving the engine.
// HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) (RFC 2104); DuckDB's sha256() takes BLOBs and `||` joins them.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sameUnits } from '../../../src/lib/geography.ts';
import { REVIEW_YEAR_MAX, REVIEW_YEAR_MIN, inYearsSql } from './rules.ts';

const BLOCK_BYTES = 64;
export const LINK_PADS_TABLE = 'input_link_pads';

export function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(BLOCK_BYTES);
  (key.length > BLOCK_BYTES ? createHash('sha256').update(key).digest() : key).copy(block);
  return { inner: block.map((b) => b ^ 0x36) as Buffer, outer: block.map((b) => b ^ 0x5c) as Buffer };
}

/** Keeps the padded key in a temporary table; the key itself is never written anywhere. */
export async function installLinkKey(conn: DuckDBConnection, key: Buffer): Promise<void> {
  const { inner, outer } = hmacPads(key);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${LINK_PADS_TABLE} AS SELECT unhex('${inner.toString('hex')}') AS inner_pad, unhex('${outer.toString('hex')}') AS outer_pad`);
}

export async function removeLinkKey(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${LINK_PADS_TABLE}`);
}

/** SQL for the lower-case hex HMAC of a VARCHAR expression (its UTF-8 bytes). */
export function hmacSql(messageSql: string): string {
  const pad = (name: string) => `(SELECT ${name} FROM ${LINK_PADS_TABLE})`;
  return `sha256(${pad('outer_pad')} || unhex(sha256(${pad('inner_pad')} || encode(${messageSql}))))`;
}

/**
 * Review years whose households may be matched through the crosswalk (link.ts): a year whose units differ from
 * the year before's, and that year before. Only their rows get an `id_key`; other years never need one.
 */
export function crosswalkYears(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y += 1) if (!sameUnits(y, y - 1) || !sameUnits(y + 1, y)) years.push(y);
  return years;
}

/** The review years whose rows get an id_key. */
export const CROSSWALK_YEARS: number[] = crosswalkYears(REVIEW_YEAR_MIN, REVIEW_YEAR_MAX);

/**
 * The messages of one row's pseudonyms, as SQL over typed expressions: `household_key` of (commune_code,
 * household_id); `previous_key` of (previous_commune_code, previous_household_id or else household_id), NULL
 * without a previous commune; `id_key` of the bare household_id, in the crosswalk years only. The staged
 * households hold these messages (messageColumn) until keyPseudonyms keys each (docs/architecture.md, the
 * `households` table): same function and format for all three, so a previous_key equals the household_key of the
 * household it names.
 */
export function pseudonymMessagesSql(x: { year: string; commune: string; id: string; previousCommune: string; previousId: string }, years: number[]): string[] {
  const inYears = inYearsSql(x.year, years);
  return [
    `CASE WHEN ${x.commune} IS NOT NULL AND ${x.id} IS NOT NULL THEN ${x.commune} || ':' || ${x.id} END`,
    `CASE WHEN ${x.previousCommune} IS NOT NULL AND ${x.id} IS NOT NULL THEN ${x.previousCommune} || ':' || coalesce(${x.previousId}, ${x.id}) END`,
    `CASE WHEN ${x.id} IS NOT NULL AND ${inYears} THEN ${x.id} END`,
  ];
}

/**
 * The pseudonym columns of `households`, each filled from the message column staged beside it (messageColumn).
 * A pseudonym is the first 128 bits of the message's HMAC-SHA-256 (RFC 2104 §5 allows a truncated HMAC), held as
 * one UHUGEINT: the linkage's joins and its distinct counts compare 16 bytes where the 64 hex digits made them
 * compare strings. Two households would share one only by a collision of 2⁻¹²⁸ per pair.
 */
export const KEY_COLUMNS = ['household_key', 'previous_key', 'id_key'] as const;
export const KEY_TYPE = 'UHUGEINT';
/** The staged column holding the message of a pseudonym column until keyPseudonyms keys it. */
export const messageColumn = (key: (typeof KEY_COLUMNS)[number]): string => `${key}_message`;

/** SQL: the pseudonym (a UHUGEINT) of the lower-case hex HMAC `hex`: its first 32 hex digits, read as two halves. */
export function keyOfHexSql(hex: string): string {
  const half = (from: number) => `('0x' || substr(${hex}, ${from}, 16))::UBIGINT::${KEY_TYPE}`;
  return `((${half(1)} << 64) | ${half(17)})`;
}

/**
 * Fills the pseudonym columns of `table` from their message columns, each message keyed once (a household reviewed in
 * four years is keyed once, not four times), then drops the messages: after it no household code is left in `table`.
 *
 * Staging the ids alone instead (≤ 12 bytes, inline in DuckDB, where a message goes to the string heap) and building
 * the messages here was measured slower on the 2 M-row canonical bench input (five runs each, interleaved: median
 * 10.8 s against 9.9 s; the keying 1.3 s against 1.0 s and its updates, joining on computed messages, 0.59 s against
 * 0.43 s, and the insert no faster: 4.56 s against 3.90 s). Also measured there, and left: keying the ids only in
 * the years link.ts reads (a crosswalk year with its neighbour across the change in the input) saves nothing — the
 * bare ids repeat from commune to commune (13.5 thousand distinct of 0.5 million rows) — and the condition it adds to
 * the UPDATEs (the message IS NOT NULL, beside the join) made the household_key UPDATE take 7.6 s instead of 0.36 s; one UPDATE of the three columns by three lookups took 0.74–1.21 s
 * against 0.58–0.88 s for the three (three runs each); the HMAC's pads as parameters or a joined row instead of
 * scalar subqueries, 0.90–1.13 s against 1.02–1.04 s for the 575 thousand messages (of which 0.86–0.90 s is the HMAC
 * itself: two SHA-256 each, one alone 0.27 s).
 */
export async function keyPseudonyms(conn: DuckDBConnection, table: string): Promise<void> {
  const keys = 'input_pseudonyms';
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${keys} AS SELECT m, ${keyOfHexSql('h')} AS k FROM (SELECT m, ${hmacSql('m')} AS h
    FROM (${KEY_COLUMNS.map((c) => `SELECT ${messageColumn(c)} AS m FROM ${table} WHERE ${messageColumn(c)} IS NOT NULL`).join(' UNION ')}))`);
  try {
    for (const c of KEY_COLUMNS) await conn.run(`UPDATE ${table} SET ${c} = ${keys}.k FROM ${keys} WHERE ${table}.${messageColumn(c)} = ${keys}.m`);
    for (const c of KEY_COLUMNS) await conn.run(`ALTER TABLE ${table} DROP COLUMN ${messageColumn(c)}`);
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${keys}`);
  }
}
