// DuckDB reports where a parse or binder error is as a context line and a caret:
//   LINE 1: select * fro poverty
//                    ^
// Turned into an offset in the query text so the editor can put the cursor there.

export interface ErrorPosition { line: number; column: number; offset: number }

export function errorPosition(message: string, sql: string): ErrorPosition | null {
  const m = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const prefix = `LINE ${m[1]}: `.length;
  let context = m[2];
  let caret = m[3].length - prefix;
  const lines = sql.split('\n');
  const source = lines[line - 1];
  if (source === undefined || caret < 0) return null;
  // long lines are shown as "...middle..." around the error
  let contextStart = 0;
  if (context.startsWith('...')) {
    context = context.slice(3);
    caret -= 3;
  }
  if (context.endsWith('...')) context = context.slice(0, -3);
  const found = source.indexOf(context.slice(0, 40));
  if (found >= 0) contextStart = found;
  const column = Math.min(contextStart + Math.max(caret, 0), source.length);
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  return { line, column: column + 1, offset };
}
