// A minimal SQL lexer, enough to find statement boundaries, leading keywords and string literals.
// It is for readable messages only: the engine's own sandbox (enable_external_access = false,
// lock_configuration = true) is what actually enforces read-only access.

export interface SqlStatement {
  /** Offset of the statement's first character in the original text. */
  start: number;
  /** Code with comments blanked and string contents removed (quotes kept), same offsets as the original. */
  code: string;
  /** String literals ('…' and $tag$…$tag$), their contents unescaped, with offsets. */
  strings: { value: string; start: number }[];
}

/** Splits on `;` outside strings, quoted identifiers and comments; empty statements are dropped. */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let code = '';
  let strings: SqlStatement['strings'] = [];
  let start = 0;
  let i = 0;
  const flush = (end: number) => {
    if (code.trim() !== '') out.push({ start: start + (code.length - code.trimStart().length), code: code.trim(), strings });
    code = '';
    strings = [];
    start = end + 1;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      code += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      code += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      // '' inside '…' (and "" inside "…") is an escaped quote
      let j = i + 1;
      let value = '';
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) { value += ch; j += 2; continue; }
          break;
        }
        value += sql[j];
        j++;
      }
      const stop = Math.min(j + 1, sql.length);
      if (ch === "'") strings.push({ value, start: i });
      // identifiers keep their text (a quoted "copy" is a column name, not a statement), strings are emptied
      code += ch === '"' ? sql.slice(i, stop) : "'" + ' '.repeat(Math.max(0, stop - i - 2)) + (stop - i >= 2 ? "'" : '');
      i = stop;
    } else if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? sql.length : end + tag[0].length;
        strings.push({ value: sql.slice(i + tag[0].length, end === -1 ? sql.length : end), start: i });
        code += "'" + ' '.repeat(Math.max(0, stop - i - 2)) + "'";
        i = stop;
      } else {
        code += ch;
        i++;
      }
    } else if (ch === ';') {
      flush(i);
      i++;
    } else {
      code += ch;
      i++;
    }
  }
  flush(sql.length);
  return out;
}

/** The first `n` words of a statement's code, upper-cased. */
export function leadingWords(code: string, n: number): string[] {
  return (code.match(/[A-Za-z_]+/g) ?? []).slice(0, n).map((w) => w.toUpperCase());
}
