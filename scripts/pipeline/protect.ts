// STUB — replaced by the disclosure-control work (issue 4). Publishes nothing protected as-is.
import type { ProtectedTables, RawTables } from '../../src/lib/contract.ts';
export interface ProtectOptions { k: number; previous?: ProtectedTables }
export interface ProtectStats { [table: string]: { cells: number; primary: number; secondary: number } }
export function protect(_raw: RawTables, _opts: ProtectOptions): { tables: ProtectedTables; stats: ProtectStats } {
  throw new Error('protect: not implemented yet');
}
