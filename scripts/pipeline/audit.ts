// STUB — replaced by the disclosure-control work (issue 4).
import type { ProtectedTables, RawTables } from '../../src/lib/contract.ts';
export interface AuditFailure { table: string; key: string; lower: number; upper: number; reason: string }
export interface AuditResult { ok: boolean; failures: AuditFailure[]; suppressedCells: number; lpSolves: number; seconds: number }
export async function audit(_raw: RawTables, _tables: ProtectedTables, _opts: { k: number }): Promise<AuditResult> {
  throw new Error('audit: not implemented yet');
}
