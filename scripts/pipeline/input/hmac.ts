// HMAC-SHA-256 computed inside DuckDB, so 2 million household codes are pseudonymised without leaving the engine.
// HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) (RFC 2104); DuckDB's sha256() takes BLOBs and `||` joins them.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';

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
