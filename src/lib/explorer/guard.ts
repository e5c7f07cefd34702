// The statement guard: refuses, with a readable message, what the sandboxed engine would refuse anyway
// (or what could undo the sandbox). Security rests on the engine's settings, not on this list.
import { leadingWords, splitStatements } from './sql-text';

export const REFUSAL_KINDS = ['install', 'load', 'attach', 'copy', 'export', 'import', 'pragma', 'set', 'secret', 'url'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export type GuardResult =
  | { ok: true }
  | { ok: false; kind: RefusalKind; /** offset in the original text */ position: number; /** the offending word or URL */ found: string };

/** Statements whose first word alone identifies a refused kind. */
const LEADING: Record<string, RefusalKind> = {
  INSTALL: 'install', LOAD: 'load', ATTACH: 'attach', DETACH: 'attach', USE: 'attach',
  COPY: 'copy', EXPORT: 'export', IMPORT: 'import', PRAGMA: 'pragma', SET: 'set', RESET: 'set',
};

// Any scheme DuckDB's file systems understand (http, https, s3, gcs, r2, az, hf, file, …).
const URL_LIKE = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\//;

export function guardStatement(sql: string): GuardResult {
  for (const st of splitStatements(sql)) {
    const words = leadingWords(st.code, 5);
    const first = words[0] ?? '';
    // FORCE INSTALL, and CREATE [OR REPLACE] [PERSISTENT|TEMPORARY] SECRET / DROP SECRET
    if (first === 'FORCE' && words[1] === 'INSTALL') return { ok: false, kind: 'install', position: st.start, found: 'FORCE INSTALL' };
    if ((first === 'CREATE' || first === 'DROP') && words.includes('SECRET')) return { ok: false, kind: 'secret', position: st.start, found: `${first} SECRET` };
    const kind = LEADING[first];
    if (kind) return { ok: false, kind, position: st.start, found: first };
    for (const s of st.strings) {
      if (URL_LIKE.test(s.value)) return { ok: false, kind: 'url', position: s.start, found: s.value.trim() };
    }
  }
  return { ok: true };
}
